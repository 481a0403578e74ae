import type { Redis } from 'ioredis';
import { CHANNEL_PREFIX } from '../redis/bus';
import { redisCommands } from '../redis/commands';

/**
 * Fixed-window counters. A key is blocked once it has `limit` hits inside the current window,
 * which starts with its first hit.
 *
 * A limiter with a name counts in Redis when the process has one (`REDIS_URL`), so that all
 * processes together allow `limit` and not `limit` times their number (docs/architecture.md §6).
 * While Redis cannot answer, each process counts in its own memory: too generous for a moment
 * rather than no logins at all. A limiter without a name counts in this process only.
 */
export interface RateLimiterOptions {
	/** Part of the Redis key (`agendawerk:rate:<name>:<key>`): unique per limiter. */
	name: string;
	/** The connection to count in; by default the process's (null without `REDIS_URL`). */
	redis?: () => Redis | null;
	log?: (line: string) => void;
}

/** INCR, and on the first hit of a window its length; also heals a key that lost its expiry. */
const HIT = `local count = redis.call('INCR', KEYS[1])
if count == 1 or redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count`;

/** DECR, but neither below 0 nor on a key that is gone (DECR would create one without expiry). */
const RELEASE = `local count = tonumber(redis.call('GET', KEYS[1]) or '0')
if count > 0 then return redis.call('DECR', KEYS[1]) end
return 0`;

const STATE = `return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1])}`;

/** Connections that failed a counter: one log line per outage, not one per limiter or request. */
const countingInMemory = new WeakSet<Redis>();

export class RateLimiter {
	readonly #memory = new MemoryCounter();
	readonly #prefix: string | null;
	readonly #redis: () => Redis | null;
	readonly #log: (line: string) => void;

	constructor(
		readonly limit: number,
		readonly windowMs: number,
		options?: RateLimiterOptions
	) {
		this.#prefix = options ? `${CHANNEL_PREFIX}rate:${options.name}:` : null;
		this.#redis = options ? (options.redis ?? redisCommands) : () => null;
		this.#log = options?.log ?? ((line) => console.warn(line));
	}

	/** Seconds until the key may try again, or 0 when it is not blocked. */
	async retryAfter(key: string, now = Date.now()): Promise<number> {
		const state = await this.#shared(key, (redis, redisKey) => redis.eval(STATE, 1, redisKey));
		if (state === undefined) return this.#memory.retryAfter(key, this.limit, now);
		const [count, pttl] = state as [number, number];
		if (count < this.limit || pttl <= 0) return 0;
		return Math.ceil(pttl / 1000);
	}

	async hit(key: string, now = Date.now()): Promise<void> {
		const done = await this.#shared(key, (redis, redisKey) =>
			redis.eval(HIT, 1, redisKey, this.windowMs)
		);
		if (done === undefined) this.#memory.hit(key, this.windowMs, now);
	}

	/** Takes back one hit of the current window: a reserved attempt that turned out not to count. */
	async release(key: string, now = Date.now()): Promise<void> {
		const done = await this.#shared(key, (redis, redisKey) => redis.eval(RELEASE, 1, redisKey));
		if (done === undefined) this.#memory.release(key, now);
	}

	async reset(key: string): Promise<void> {
		// Also in memory: a count made during an outage must not outlive a successful login.
		this.#memory.reset(key);
		await this.#shared(key, (redis, redisKey) => redis.del(redisKey));
	}

	/**
	 * Runs `command` in Redis for `key`; undefined when this limiter counts in memory, because it
	 * has no Redis or Redis could not answer.
	 */
	async #shared<T>(
		key: string,
		command: (redis: Redis, redisKey: string) => Promise<T>
	): Promise<T | undefined> {
		const redis = this.#prefix === null ? null : this.#redis();
		if (!redis || this.#prefix === null) return undefined;
		try {
			// Without a connection ioredis refuses at once (no offline queue); asking saves the error.
			if (redis.status !== 'ready') throw new Error(`Verbindung ${redis.status}`);
			const result = await command(redis, this.#prefix + key);
			if (countingInMemory.delete(redis)) {
				this.#log('Ratenbegrenzung zählt wieder in Redis, für alle Prozesse gemeinsam.');
			}
			return result;
		} catch (error) {
			if (!countingInMemory.has(redis)) {
				countingInMemory.add(redis);
				this.#log(`Ratenbegrenzung zählt ohne Redis je Prozess: ${String(error)}`);
			}
			return undefined;
		}
	}
}

/** The counters of one process: without Redis, and while Redis is away. */
class MemoryCounter {
	readonly #hits = new Map<string, { count: number; resetAt: number }>();

	retryAfter(key: string, limit: number, now: number): number {
		const entry = this.#hits.get(key);
		if (!entry || entry.resetAt <= now || entry.count < limit) return 0;
		return Math.ceil((entry.resetAt - now) / 1000);
	}

	hit(key: string, windowMs: number, now: number): void {
		const entry = this.#hits.get(key);
		if (!entry || entry.resetAt <= now) {
			this.#sweep(now);
			this.#hits.set(key, { count: 1, resetAt: now + windowMs });
		} else {
			entry.count += 1;
		}
	}

	release(key: string, now: number): void {
		const entry = this.#hits.get(key);
		if (entry && entry.resetAt > now && entry.count > 0) entry.count -= 1;
	}

	reset(key: string): void {
		this.#hits.delete(key);
	}

	/** Drops expired windows so that a flood of distinct keys cannot grow the map for ever. */
	#sweep(now: number): void {
		if (this.#hits.size < 10_000) return;
		for (const [key, entry] of this.#hits) if (entry.resetAt <= now) this.#hits.delete(key);
	}
}
