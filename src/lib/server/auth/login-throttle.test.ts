import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';
import { RateLimiter } from './rate-limit';

const MINUTE = 60_000;
const SLOWDOWN_MS = 1000;

function throttle(perAddress = 20, perAccount = 5) {
	return new LoginThrottle({
		byAddress: new RateLimiter(perAddress, 15 * MINUTE),
		byAccountAndAddress: new RateLimiter(perAccount, 15 * MINUTE),
		byAccount: new RateLimiter(perAccount, 15 * MINUTE),
		slowdownMs: SLOWDOWN_MS
	});
}

/** One log-in whose password check takes a while, as argon2 does; every guess here is wrong. */
async function guess(limits: LoginThrottle, address: string, account: string, verified: string[]) {
	const attempt = await limits.begin(address, account);
	if (!attempt.allowed) return 'blocked';
	verified.push(account);
	await new Promise((resolve) => setTimeout(resolve, 5));
	return 'failed';
}

async function fail(limits: LoginThrottle, address: string, account: string, times: number) {
	for (let i = 0; i < times; i++) {
		if (!(await limits.begin(address, account)).allowed)
			throw new Error(`attempt ${i + 1} blocked`);
	}
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

	it('says how long to wait, the longer of the two limits', async () => {
		const limits = throttle(20, 1);
		const now = 1_700_000_000_000;
		expect((await limits.begin('192.0.2.3', 'a@example.org', now)).allowed).toBe(true);
		const blocked = await limits.begin('192.0.2.3', 'a@example.org', now + 60_000);
		expect(blocked).toEqual({ allowed: false, retryAfterSeconds: 14 * 60 });
	});

	it('does not count a blocked attempt against the other limit', async () => {
		const limits = throttle(2, 1);
		await fail(limits, '192.0.2.4', 'a@example.org', 1);
		// Blocked for this account: the address keeps its second attempt.
		expect((await limits.begin('192.0.2.4', 'a@example.org')).allowed).toBe(false);
		expect((await limits.begin('192.0.2.4', 'b@example.org')).allowed).toBe(true);
		expect((await limits.begin('192.0.2.4', 'c@example.org')).allowed).toBe(false);
	});

	it('gives a successful attempt back to the address and starts the account afresh', async () => {
		const limits = throttle(3, 3);
		await fail(limits, '192.0.2.5', 'a@example.org', 2);
		const success = await limits.begin('192.0.2.5', 'a@example.org');
		if (!success.allowed) throw new Error('should be allowed');
		await success.succeeded();
		// The address has its third attempt again, the account all three.
		expect((await limits.begin('192.0.2.5', 'a@example.org')).allowed).toBe(true);
		expect((await limits.begin('192.0.2.5', 'a@example.org')).allowed).toBe(false);
		expect(await limits.limiters.byAccount.retryAfter('a@example.org')).toBe(0);
	});

	describe('an account that failed too often', () => {
		it('blocks the address that failed, not the account', async () => {
			const limits = throttle();
			await fail(limits, '192.0.2.10', 'ag1@example.org', 5);
			expect(await limits.begin('192.0.2.10', 'ag1@example.org')).toMatchObject({ allowed: false });

			// Another address, with no failures of its own, may still try …
			const owner = await limits.begin('192.0.2.11', 'ag1@example.org');
			expect(owner).toMatchObject({ allowed: true });
			if (owner.allowed) await owner.succeeded();
			// … and the address that failed stays blocked after the owner's log-in.
			expect(await limits.begin('192.0.2.10', 'ag1@example.org')).toMatchObject({ allowed: false });
		});

		it('slows every further attempt down until someone logs in', async () => {
			const limits = throttle();
			expect(await limits.begin('192.0.2.20', 'ag2@example.org')).toMatchObject({ delayMs: 0 });
			await fail(limits, '192.0.2.20', 'ag2@example.org', 4);
			const slowed = await limits.begin('192.0.2.21', 'ag2@example.org');
			expect(slowed).toMatchObject({ allowed: true, delayMs: SLOWDOWN_MS });
			expect(await limits.begin('192.0.2.22', 'ag2@example.org')).toMatchObject({
				delayMs: SLOWDOWN_MS
			});
			if (slowed.allowed) await slowed.succeeded();
			expect(await limits.begin('192.0.2.23', 'ag2@example.org')).toMatchObject({ delayMs: 0 });
			// Other accounts are not slowed.
			expect(await limits.begin('192.0.2.20', 'ag3@example.org')).toMatchObject({ delayMs: 0 });
		});

		it('holds each of many addresses to its own five failures', async () => {
			const limits = throttle();
			for (const address of ['192.0.2.30', '192.0.2.31', '192.0.2.32']) {
				await fail(limits, address, 'ag4@example.org', 5);
				expect((await limits.begin(address, 'ag4@example.org')).allowed).toBe(false);
			}
		});
	});
});
