import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from './rate-limit';

const MINUTE = 60_000;
const T0 = 1_700_000_000_000;

describe('RateLimiter', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('blocks a key only once it has reached the limit inside the window', async () => {
		const limiter = new RateLimiter(3, 15 * MINUTE);
		expect(await limiter.retryAfter('1.2.3.4', T0)).toBe(0);
		await limiter.hit('1.2.3.4', T0);
		await limiter.hit('1.2.3.4', T0 + 1000);
		expect(await limiter.retryAfter('1.2.3.4', T0 + 2000)).toBe(0);
		await limiter.hit('1.2.3.4', T0 + 2000);
		// The window started with the first hit, so 15 minutes minus 2 s are left.
		expect(await limiter.retryAfter('1.2.3.4', T0 + 2000)).toBe(15 * 60 - 2);
	});

	it('rounds the seconds to wait up', async () => {
		const limiter = new RateLimiter(1, MINUTE);
		await limiter.hit('k', T0);
		expect(await limiter.retryAfter('k', T0 + 500)).toBe(60);
		expect(await limiter.retryAfter('k', T0 + MINUTE - 1)).toBe(1);
	});

	it('keeps separate keys independent', async () => {
		const limiter = new RateLimiter(2, MINUTE);
		await limiter.hit('a@example.org', T0);
		await limiter.hit('a@example.org', T0);
		await limiter.hit('b@example.org', T0);
		expect(await limiter.retryAfter('a@example.org', T0)).toBeGreaterThan(0);
		expect(await limiter.retryAfter('b@example.org', T0)).toBe(0);
		expect(await limiter.retryAfter('c@example.org', T0)).toBe(0);
	});

	it('lets the key through again once the window has passed, with a fresh count', async () => {
		const limiter = new RateLimiter(2, MINUTE);
		await limiter.hit('k', T0);
		await limiter.hit('k', T0);
		expect(await limiter.retryAfter('k', T0 + MINUTE - 1)).toBe(1);
		expect(await limiter.retryAfter('k', T0 + MINUTE)).toBe(0);

		// A hit after the window opens a new window that counts from 1.
		await limiter.hit('k', T0 + MINUTE);
		expect(await limiter.retryAfter('k', T0 + MINUTE)).toBe(0);
		await limiter.hit('k', T0 + MINUTE + 1);
		expect(await limiter.retryAfter('k', T0 + MINUTE + 1)).toBe(60);
	});

	it('does not extend the window with hits made while blocked', async () => {
		const limiter = new RateLimiter(1, MINUTE);
		await limiter.hit('k', T0);
		await limiter.hit('k', T0 + 30_000);
		await limiter.hit('k', T0 + 59_000);
		expect(await limiter.retryAfter('k', T0 + 59_000)).toBe(1);
		expect(await limiter.retryAfter('k', T0 + MINUTE)).toBe(0);
	});

	it('reset() forgets a key and only that key', async () => {
		const limiter = new RateLimiter(1, MINUTE);
		await limiter.hit('a', T0);
		await limiter.hit('b', T0);
		await limiter.reset('a');
		expect(await limiter.retryAfter('a', T0)).toBe(0);
		expect(await limiter.retryAfter('b', T0)).toBe(60);
		await limiter.hit('a', T0);
		expect(await limiter.retryAfter('a', T0)).toBe(60);
	});

	it('release() takes back one hit of the current window', async () => {
		const limiter = new RateLimiter(2, MINUTE);
		await limiter.hit('k', T0);
		await limiter.hit('k', T0);
		expect(await limiter.retryAfter('k', T0)).toBe(60);
		await limiter.release('k', T0);
		expect(await limiter.retryAfter('k', T0)).toBe(0);
		// Releasing more than was hit, or after the window, changes nothing.
		await limiter.release('k', T0);
		await limiter.release('k', T0);
		await limiter.hit('k', T0);
		await limiter.hit('k', T0);
		expect(await limiter.retryAfter('k', T0)).toBe(60);
		await limiter.release('k', T0 + MINUTE);
		await limiter.release('other', T0);
		expect(await limiter.retryAfter('k', T0 + MINUTE - 1000)).toBe(1);
	});

	it('uses Date.now when no clock is passed', async () => {
		vi.useFakeTimers();
		vi.setSystemTime(T0);
		const limiter = new RateLimiter(2, 15 * MINUTE);
		await limiter.hit('k');
		await limiter.hit('k');
		expect(await limiter.retryAfter('k')).toBe(15 * 60);

		vi.setSystemTime(T0 + 10 * MINUTE);
		expect(await limiter.retryAfter('k')).toBe(5 * 60);

		vi.setSystemTime(T0 + 15 * MINUTE);
		expect(await limiter.retryAfter('k')).toBe(0);
	});

	it('still counts correctly after sweeping a flood of expired keys', async () => {
		const limiter = new RateLimiter(2, MINUTE);
		for (let i = 0; i < 10_000; i++) await limiter.hit(`flood-${i}`, T0);
		await limiter.hit('live', T0 + 30_000);
		// After the flood's window, a new key triggers the sweep; live windows must survive it.
		await limiter.hit('late', T0 + MINUTE);
		await limiter.hit('live', T0 + MINUTE);
		expect(await limiter.retryAfter('live', T0 + MINUTE)).toBe(30);
		expect(await limiter.retryAfter('flood-0', T0 + MINUTE)).toBe(0);
	});
});
