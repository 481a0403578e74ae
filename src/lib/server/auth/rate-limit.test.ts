import { afterEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter } from './rate-limit';

const MINUTE = 60_000;
const T0 = 1_700_000_000_000;

describe('RateLimiter', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('blocks a key only once it has reached the limit inside the window', () => {
		const limiter = new RateLimiter(3, 15 * MINUTE);
		expect(limiter.retryAfter('1.2.3.4', T0)).toBe(0);
		limiter.hit('1.2.3.4', T0);
		limiter.hit('1.2.3.4', T0 + 1000);
		expect(limiter.retryAfter('1.2.3.4', T0 + 2000)).toBe(0);
		limiter.hit('1.2.3.4', T0 + 2000);
		// The window started with the first hit, so 15 minutes minus 2 s are left.
		expect(limiter.retryAfter('1.2.3.4', T0 + 2000)).toBe(15 * 60 - 2);
	});

	it('rounds the seconds to wait up', () => {
		const limiter = new RateLimiter(1, MINUTE);
		limiter.hit('k', T0);
		expect(limiter.retryAfter('k', T0 + 500)).toBe(60);
		expect(limiter.retryAfter('k', T0 + MINUTE - 1)).toBe(1);
	});

	it('keeps separate keys independent', () => {
		const limiter = new RateLimiter(2, MINUTE);
		limiter.hit('a@example.org', T0);
		limiter.hit('a@example.org', T0);
		limiter.hit('b@example.org', T0);
		expect(limiter.retryAfter('a@example.org', T0)).toBeGreaterThan(0);
		expect(limiter.retryAfter('b@example.org', T0)).toBe(0);
		expect(limiter.retryAfter('c@example.org', T0)).toBe(0);
	});

	it('lets the key through again once the window has passed, with a fresh count', () => {
		const limiter = new RateLimiter(2, MINUTE);
		limiter.hit('k', T0);
		limiter.hit('k', T0);
		expect(limiter.retryAfter('k', T0 + MINUTE - 1)).toBe(1);
		expect(limiter.retryAfter('k', T0 + MINUTE)).toBe(0);

		// A hit after the window opens a new window that counts from 1.
		limiter.hit('k', T0 + MINUTE);
		expect(limiter.retryAfter('k', T0 + MINUTE)).toBe(0);
		limiter.hit('k', T0 + MINUTE + 1);
		expect(limiter.retryAfter('k', T0 + MINUTE + 1)).toBe(60);
	});

	it('does not extend the window with hits made while blocked', () => {
		const limiter = new RateLimiter(1, MINUTE);
		limiter.hit('k', T0);
		limiter.hit('k', T0 + 30_000);
		limiter.hit('k', T0 + 59_000);
		expect(limiter.retryAfter('k', T0 + 59_000)).toBe(1);
		expect(limiter.retryAfter('k', T0 + MINUTE)).toBe(0);
	});

	it('reset() forgets a key and only that key', () => {
		const limiter = new RateLimiter(1, MINUTE);
		limiter.hit('a', T0);
		limiter.hit('b', T0);
		limiter.reset('a');
		expect(limiter.retryAfter('a', T0)).toBe(0);
		expect(limiter.retryAfter('b', T0)).toBe(60);
		limiter.hit('a', T0);
		expect(limiter.retryAfter('a', T0)).toBe(60);
	});

	it('release() takes back one hit of the current window', () => {
		const limiter = new RateLimiter(2, MINUTE);
		limiter.hit('k', T0);
		limiter.hit('k', T0);
		expect(limiter.retryAfter('k', T0)).toBe(60);
		limiter.release('k', T0);
		expect(limiter.retryAfter('k', T0)).toBe(0);
		// Releasing more than was hit, or after the window, changes nothing.
		limiter.release('k', T0);
		limiter.release('k', T0);
		limiter.hit('k', T0);
		limiter.hit('k', T0);
		expect(limiter.retryAfter('k', T0)).toBe(60);
		limiter.release('k', T0 + MINUTE);
		limiter.release('other', T0);
		expect(limiter.retryAfter('k', T0 + MINUTE - 1000)).toBe(1);
	});

	it('uses Date.now when no clock is passed', () => {
		vi.useFakeTimers();
		vi.setSystemTime(T0);
		const limiter = new RateLimiter(2, 15 * MINUTE);
		limiter.hit('k');
		limiter.hit('k');
		expect(limiter.retryAfter('k')).toBe(15 * 60);

		vi.setSystemTime(T0 + 10 * MINUTE);
		expect(limiter.retryAfter('k')).toBe(5 * 60);

		vi.setSystemTime(T0 + 15 * MINUTE);
		expect(limiter.retryAfter('k')).toBe(0);
	});

	it('still counts correctly after sweeping a flood of expired keys', () => {
		const limiter = new RateLimiter(2, MINUTE);
		for (let i = 0; i < 10_000; i++) limiter.hit(`flood-${i}`, T0);
		limiter.hit('live', T0 + 30_000);
		// After the flood's window, a new key triggers the sweep; live windows must survive it.
		limiter.hit('late', T0 + MINUTE);
		limiter.hit('live', T0 + MINUTE);
		expect(limiter.retryAfter('live', T0 + MINUTE)).toBe(30);
		expect(limiter.retryAfter('flood-0', T0 + MINUTE)).toBe(0);
	});
});
