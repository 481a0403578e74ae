/**
 * Lets other requests in during a long rendering: the renderers call `pause()` between pieces of
 * work (a block, a paragraph of rich text, a page), and once the current slice of work has taken
 * `sliceMs` the pause yields to the event loop, so a health check or a page waits at most about
 * that long. Pauses before then cost only a resolved promise.
 */
export class Pacer {
	#sliceStart = performance.now();

	constructor(readonly sliceMs = 10) {}

	async pause(): Promise<void> {
		if (performance.now() - this.#sliceStart < this.sliceMs) return;
		await new Promise<void>((resolve) => setImmediate(resolve));
		this.#sliceStart = performance.now();
	}
}
