/**
 * Fixed-window counters in memory: enough for one process (DESIGN §7 would move them to Redis
 * for several). A key is blocked once it has `limit` hits inside the current window. The methods
 * are asynchronous already, as a shared store (Redis) answers only so.
 */
export class RateLimiter {
	readonly #hits = new Map<string, { count: number; resetAt: number }>();

	constructor(
		readonly limit: number,
		readonly windowMs: number
	) {}

	/** Seconds until the key may try again, or 0 when it is not blocked. */
	async retryAfter(key: string, now = Date.now()): Promise<number> {
		const entry = this.#hits.get(key);
		if (!entry || entry.resetAt <= now || entry.count < this.limit) return 0;
		return Math.ceil((entry.resetAt - now) / 1000);
	}

	async hit(key: string, now = Date.now()): Promise<void> {
		const entry = this.#hits.get(key);
		if (!entry || entry.resetAt <= now) {
			this.#sweep(now);
			this.#hits.set(key, { count: 1, resetAt: now + this.windowMs });
		} else {
			entry.count += 1;
		}
	}

	/** Takes back one hit of the current window: a reserved attempt that turned out not to count. */
	async release(key: string, now = Date.now()): Promise<void> {
		const entry = this.#hits.get(key);
		if (entry && entry.resetAt > now && entry.count > 0) entry.count -= 1;
	}

	async reset(key: string): Promise<void> {
		this.#hits.delete(key);
	}

	/** Drops expired windows so that a flood of distinct keys cannot grow the map for ever. */
	#sweep(now: number): void {
		if (this.#hits.size < 10_000) return;
		for (const [key, entry] of this.#hits) if (entry.resetAt <= now) this.#hits.delete(key);
	}
}
