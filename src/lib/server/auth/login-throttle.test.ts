import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';
import { RateLimiter } from './rate-limit';

const MINUTE = 60_000;

function throttle(perAddress = 20, perAccount = 5) {
	return new LoginThrottle(
		new RateLimiter(perAddress, 15 * MINUTE),
		new RateLimiter(perAccount, 15 * MINUTE)
	);
}

/** One log-in whose password check takes a while, as argon2 does; every guess here is wrong. */
async function guess(limits: LoginThrottle, address: string, account: string, verified: string[]) {
	const attempt = limits.begin(address, account);
	if (!attempt.allowed) return 'blocked';
	verified.push(account);
	await new Promise((resolve) => setTimeout(resolve, 5));
	return 'failed';
}

describe('LoginThrottle', () => {
	it('lets no more simultaneous guesses for one account reach the password check than the limit', async () => {
		const limits = throttle();
		const verified: string[] = [];
		const answers = await Promise.all(
			Array.from({ length: 60 }, () => guess(limits, '192.0.2.1', 'ag1@example.org', verified))
		);
		expect(verified).toHaveLength(5);
		expect(answers.filter((answer) => answer === 'blocked')).toHaveLength(55);
	});

	it('lets no more simultaneous guesses from one address through than its limit', async () => {
		const limits = throttle();
		const verified: string[] = [];
		await Promise.all(
			Array.from({ length: 60 }, (_, i) =>
				guess(limits, '192.0.2.2', `person-${i}@example.org`, verified)
			)
		);
		expect(verified).toHaveLength(20);
	});

	it('says how long to wait, the longer of the two limits', () => {
		const limits = throttle(20, 1);
		const now = 1_700_000_000_000;
		expect(limits.begin('192.0.2.3', 'a@example.org', now).allowed).toBe(true);
		const blocked = limits.begin('192.0.2.3', 'a@example.org', now + 60_000);
		expect(blocked).toEqual({ allowed: false, retryAfterSeconds: 14 * 60 });
	});

	it('does not count a blocked attempt against the other limit', () => {
		const limits = throttle(2, 1);
		limits.begin('192.0.2.4', 'a@example.org');
		// Blocked by the account: the address keeps its second attempt.
		expect(limits.begin('192.0.2.4', 'a@example.org').allowed).toBe(false);
		expect(limits.begin('192.0.2.4', 'b@example.org').allowed).toBe(true);
		expect(limits.begin('192.0.2.4', 'c@example.org').allowed).toBe(false);
	});

	it('gives a successful attempt back to the address and starts the account afresh', () => {
		const limits = throttle(3, 3);
		for (let i = 0; i < 2; i++) limits.begin('192.0.2.5', 'a@example.org');
		const success = limits.begin('192.0.2.5', 'a@example.org');
		if (!success.allowed) throw new Error('should be allowed');
		success.succeeded();
		// The address has its third attempt again, the account all three.
		expect(limits.begin('192.0.2.5', 'a@example.org').allowed).toBe(true);
		expect(limits.begin('192.0.2.5', 'a@example.org').allowed).toBe(false);
		expect(limits.failuresByAccount.retryAfter('a@example.org')).toBe(0);
	});
});
