import type { RateLimiter } from './rate-limit';

export type LoginAttempt =
	{ allowed: false; retryAfterSeconds: number } | { allowed: true; succeeded: () => void };

/**
 * The limits on failed log-ins. An attempt is counted as a failure when it begins, before the
 * password is verified: argon2 takes tens of milliseconds, and a check that only counted finished
 * failures let sixty simultaneous guesses all through before the first one was recorded. The check
 * and the count happen without an `await` in between, so no other request can slip past; an
 * attempt that succeeds gives its count back.
 */
export class LoginThrottle {
	constructor(
		readonly failuresByAddress: RateLimiter,
		readonly failuresByAccount: RateLimiter
	) {}

	/** Reserves an attempt for `account` (a normalised e-mail) from `address`, or says how long to wait. */
	begin(address: string, account: string, now = Date.now()): LoginAttempt {
		const wait = Math.max(
			this.failuresByAddress.retryAfter(address, now),
			this.failuresByAccount.retryAfter(account, now)
		);
		if (wait > 0) return { allowed: false, retryAfterSeconds: wait };
		this.failuresByAddress.hit(address, now);
		this.failuresByAccount.hit(account, now);
		return {
			allowed: true,
			succeeded: () => {
				// A successful log-in is no failure of the address, and starts the account afresh.
				this.failuresByAddress.release(address);
				this.failuresByAccount.reset(account);
			}
		};
	}
}
