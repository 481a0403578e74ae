import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type RedisServer } from '../../../../tests/support/redis';
import { openRedisCommands } from '../redis/commands';
import { RateLimiter } from './rate-limit';

const MINUTE = 60_000;

function ready(redis: Redis): Promise<void> {
	if (redis.status === 'ready') return Promise.resolve();
	return new Promise((resolve) => redis.once('ready', () => resolve()));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RateLimiter over a real redis-server', () => {
	let server: RedisServer;
	const log: string[] = [];
	// Two processes: each its own connection and its own limiter object of the same name.
	let first: Redis;
	let second: Redis;

	beforeAll(async () => {
		server = await startRedis();
		first = openRedisCommands(server.url, (line) => log.push(line));
		second = openRedisCommands(server.url, (line) => log.push(line));
		await Promise.all([ready(first), ready(second)]);
	});

	afterAll(async () => {
		first.disconnect();
		second.disconnect();
		await server.stop();
	});

	/** The limiter `name` as the process on `redis` has it. */
	function limiter(redis: Redis, name: string, limit: number, windowMs = MINUTE) {
		return new RateLimiter(limit, windowMs, { name, redis: () => redis, log: (l) => log.push(l) });
	}

	it('shares the count between processes, under agendawerk:rate:<name>:<key>', async () => {
		const onA = limiter(first, 'shared', 4);
		const onB = limiter(second, 'shared', 4);
		const otherName = limiter(second, 'other', 4);
		await onA.hit('1.2.3.4');
		await onB.hit('1.2.3.4');
		await onA.hit('1.2.3.4');
		expect(await onB.retryAfter('1.2.3.4')).toBe(0);
		await onB.hit('1.2.3.4');
		// Four hits, two per process: both see the limit reached.
		expect(await onA.retryAfter('1.2.3.4')).toBe(60);
		expect(await onB.retryAfter('1.2.3.4')).toBe(60);
		expect(await onB.retryAfter('5.6.7.8')).toBe(0);
		expect(await otherName.retryAfter('1.2.3.4')).toBe(0);
		expect(await first.get('agendawerk:rate:shared:1.2.3.4')).toBe('4');
		const ttl = await first.pttl('agendawerk:rate:shared:1.2.3.4');
		expect(ttl).toBeGreaterThan(MINUTE - 5_000);
		expect(ttl).toBeLessThanOrEqual(MINUTE);
	});

	it('starts the window with the first hit and does not extend it', async () => {
		const onA = limiter(first, 'window', 2, 400);
		const onB = limiter(second, 'window', 2, 400);
		await onA.hit('k');
		await pause(200);
		await onB.hit('k');
		expect(await onA.retryAfter('k')).toBe(1);
		await pause(250);
		// 450 ms after the first hit the window is over, although the second hit was 250 ms ago.
		expect(await onA.retryAfter('k')).toBe(0);
		await onB.hit('k');
		expect(await onB.retryAfter('k')).toBe(0);
		expect(await first.get('agendawerk:rate:window:k')).toBe('1');
	});

	it('release takes back one hit, never below zero and without creating a key', async () => {
		const onA = limiter(first, 'release', 2);
		const onB = limiter(second, 'release', 2);
		await onA.hit('k');
		await onA.hit('k');
		expect(await onB.retryAfter('k')).toBe(60);
		await onB.release('k');
		expect(await onA.retryAfter('k')).toBe(0);
		await onB.release('k');
		await onB.release('k');
		expect(await first.get('agendawerk:rate:release:k')).toBe('0');
		await onB.release('never-hit');
		expect(await first.exists('agendawerk:rate:release:never-hit')).toBe(0);
	});

	it('reset forgets the key for every process', async () => {
		const onA = limiter(first, 'reset', 1);
		const onB = limiter(second, 'reset', 1);
		await onA.hit('k');
		expect(await onB.retryAfter('k')).toBe(60);
		await onB.reset('k');
		expect(await onA.retryAfter('k')).toBe(0);
		expect(await first.exists('agendawerk:rate:reset:k')).toBe(0);
	});

	it('counts per process while Redis is away, says so once, and counts in Redis again when it is back', async () => {
		const onA = limiter(first, 'outage', 2);
		const onB = limiter(second, 'outage', 2);
		const port = server.port;
		await server.stop();
		await pause(100);
		log.length = 0;
		// No process waits for Redis: each counts alone, so the limit holds per process.
		await onA.hit('k');
		await onB.hit('k');
		expect(await onA.retryAfter('k')).toBe(0);
		await onA.hit('k');
		expect(await onA.retryAfter('k')).toBe(60);
		expect(await onB.retryAfter('k')).toBe(0);
		const fallbackLines = log.filter((line) => line.includes('ohne Redis'));
		// Once per connection (= process), not once per call.
		expect(fallbackLines).toHaveLength(2);

		server = await startRedis({ port });
		await Promise.all([ready(first), ready(second)]);
		const fresh = limiter(first, 'outage', 2);
		await fresh.hit('back');
		await onB.hit('back');
		expect(await onA.retryAfter('back')).toBe(60);
		expect(await first.get('agendawerk:rate:outage:back')).toBe('2');
		expect(log.some((line) => line.includes('wieder in Redis'))).toBe(true);
	});
});

describe('RateLimiter without a name', () => {
	it('counts in its process even when a Redis connection is installed', async () => {
		let asked = false;
		const limiter = new RateLimiter(1, MINUTE);
		// Nothing to pass: an unnamed limiter has no key in Redis. It must not ask for a connection.
		Object.defineProperty(globalThis, Symbol.for('agendawerk.redis-commands'), {
			get: () => {
				asked = true;
				return null;
			},
			configurable: true
		});
		await limiter.hit('k');
		expect(await limiter.retryAfter('k')).toBe(60);
		expect(asked).toBe(false);
		delete (globalThis as Record<symbol, unknown>)[Symbol.for('agendawerk.redis-commands')];
	});
});
