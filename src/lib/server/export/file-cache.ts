/**
 * Rendered export files of frozen Fassungen, kept in memory: a Fassung never changes, so the
 * second download of the same file is the first one's bytes. Least recently used entries go first
 * once the byte budget is full; nothing expires by time (the key names everything the file
 * depends on, so a stale entry is simply never asked for again). Requests for a file that is
 * being rendered wait for that rendering instead of starting their own.
 */
export class FileCache<T extends { bytes: Uint8Array }> {
	readonly #entries = new Map<string, T>();
	readonly #pending = new Map<string, Promise<T>>();
	#bytes = 0;
	/** How many files were rendered (cache misses) and served from memory (hits), for tests. */
	readonly stats = { renders: 0, hits: 0 };

	constructor(readonly maxBytes: number) {}

	get size(): number {
		return this.#bytes;
	}

	/** The cached file of `key`, or the one `render` makes (once, however many ask meanwhile). */
	async getOrRender(key: string, render: () => Promise<T>): Promise<{ file: T; hit: boolean }> {
		const cached = this.#entries.get(key);
		if (cached) {
			// Re-inserted: a Map iterates in insertion order, so the oldest use comes first.
			this.#entries.delete(key);
			this.#entries.set(key, cached);
			this.stats.hits += 1;
			return { file: cached, hit: true };
		}
		const pending = this.#pending.get(key);
		if (pending) {
			this.stats.hits += 1;
			return { file: await pending, hit: true };
		}
		const rendering = render();
		this.#pending.set(key, rendering);
		this.stats.renders += 1;
		try {
			const file = await rendering;
			this.#store(key, file);
			return { file, hit: false };
		} finally {
			this.#pending.delete(key);
		}
	}

	#store(key: string, file: T) {
		const bytes = file.bytes.byteLength;
		if (bytes > this.maxBytes) return;
		this.#entries.set(key, file);
		this.#bytes += bytes;
		for (const [oldest, entry] of this.#entries) {
			if (this.#bytes <= this.maxBytes) break;
			this.#entries.delete(oldest);
			this.#bytes -= entry.bytes.byteLength;
		}
	}
}
