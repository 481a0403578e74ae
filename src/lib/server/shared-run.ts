/**
 * Work that callers asking at the same time share: while a run for a key is under way, a second
 * caller gets its promise instead of starting another; once it settled, the next caller starts
 * anew. Nothing is kept afterwards, so nothing goes stale: for reads whose answer may change at
 * any moment, but which a burst of identical requests need only once (twenty downloads of one
 * file arriving together).
 */
export class SharedRuns<T> {
	readonly #running = new Map<string, Promise<T>>();

	run(key: string, work: () => Promise<T>): Promise<T> {
		const running = this.#running.get(key);
		if (running) return running;
		const started = work().finally(() => this.#running.delete(key));
		this.#running.set(key, started);
		return started;
	}
}
