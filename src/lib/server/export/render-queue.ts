/**
 * At most `limit` renderings at once; the others wait their turn in order. Rendering a big
 * document takes seconds of CPU: run side by side without limit, twenty of them slow every
 * request of everybody else for as long as all twenty take.
 */
export class RenderQueue {
	#running = 0;
	readonly #waiting: (() => void)[] = [];

	constructor(readonly limit: number) {}

	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.#running >= this.limit) {
			await new Promise<void>((resolve) => this.#waiting.push(resolve));
		} else {
			this.#running += 1;
		}
		try {
			return await task();
		} finally {
			const next = this.#waiting.shift();
			// The slot passes straight to the next task; it is only freed when nobody waits.
			if (next) next();
			else this.#running -= 1;
		}
	}

	/** Renderings running and waiting, for tests. */
	get load(): { running: number; waiting: number } {
		return { running: this.#running, waiting: this.#waiting.length };
	}
}
