import type { RateLimiter } from './rate-limit';

export type LoginAttempt =
	| { allowed: false; retryAfterSeconds: number }
	/** `delayMs`: how long to hold the attempt before checking the password (0 mostly). */
	| { allowed: true; delayMs: number; succeeded: () => Promise<void> };

export interface LoginLimiters {
	/** Failures from one client address, for any accounts. */
	byAddress: RateLimiter;
	/** Failures for one account from one address: reaching the limit blocks that address. */
	byAccountAndAddress: RateLimiter;
	/** Failures for one account from anywhere: reaching the limit slows every attempt down. */
	byAccount: RateLimiter;
	/** The slowdown of an attempt for an account that has reached its limit. */
	slowdownMs: number;
}

/**
 * The limits on failed log-ins.
 *
 * Why the account limit blocks per address: an account that anyone could lock with five wrong
 * passwords from anywhere would be easy to keep out of its own agenda (the night before a
 * council meeting, say). So, as large identity providers do, five failures for an account block
 * the address they came from, not the account: its owner can still log in from their own
 * address. Failures from many addresses are still answered: once the account has reached the
 * limit in total, every attempt for it waits `slowdownMs` before its password is checked, and
 * each address is held by its own 20 failures and its own 5 for that account. With the refusal
 * of common passwords, a few guesses per address are little use.
 *
 * Why the count comes first: an attempt is counted as a failure when it begins, before the
 * password is verified. argon2 takes tens of milliseconds, and a check that only counted
 * finished failures let sixty simultaneous guesses through before the first one was recorded.
 * The limiters answer asynchronously, so another attempt could check between this one's check
 * and its count: attempts therefore begin one after the other (`#turn`), and no other attempt
 * can slip past; an attempt that succeeds gives its count back.
 */
export class LoginThrottle {
	/** The attempt that begins before the next one may: the check and the count stay together. */
	#turn: Promise<unknown> = Promise.resolve();

	constructor(readonly limiters: LoginLimiters) {}

	/** Reserves an attempt for `account` (a normalised e-mail) from `address`, or says how long to wait. */
	begin(address: string, account: string, now = Date.now()): Promise<LoginAttempt> {
		const attempt = this.#turn.then(() => this.#checkAndCount(address, account, now));
		this.#turn = attempt.catch(() => undefined);
		return attempt;
	}

	async #checkAndCount(address: string, account: string, now: number): Promise<LoginAttempt> {
		const { byAddress, byAccountAndAddress, byAccount, slowdownMs } = this.limiters;
		const pair = accountAtAddress(account, address);
		const wait = Math.max(
			await byAddress.retryAfter(address, now),
			await byAccountAndAddress.retryAfter(pair, now)
		);
		if (wait > 0) return { allowed: false, retryAfterSeconds: wait };
		const delayMs = (await byAccount.retryAfter(account, now)) > 0 ? slowdownMs : 0;
		await byAddress.hit(address, now);
		await byAccountAndAddress.hit(pair, now);
		await byAccount.hit(account, now);
		return {
			allowed: true,
			delayMs,
			succeeded: async () => {
				// A successful log-in is no failure of the address, and starts the account afresh
				// here; other addresses that failed for it stay blocked.
				await byAddress.release(address);
				await byAccountAndAddress.reset(pair);
				await byAccount.reset(account);
			}
		};
	}
}

/** A line break cannot occur in a validated e-mail address, so the pair is unambiguous. */
function accountAtAddress(account: string, address: string): string {
	return `${account}\n${address}`;
}
