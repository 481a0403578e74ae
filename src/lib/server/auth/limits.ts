import { readConfig } from '../config';
import { LoginThrottle } from './login-throttle';
import { RateLimiter } from './rate-limit';

const MINUTE = 60_000;
const { rateLimits } = readConfig();

/** The process-wide limiters of the auth forms; keys are client addresses and e-mails. */
export const loginFailuresByIp = new RateLimiter(rateLimits.loginPerIp, 15 * MINUTE, {
	name: 'login-ip'
});
export const loginFailuresByEmail = new RateLimiter(rateLimits.loginPerEmail, 15 * MINUTE, {
	name: 'login-email'
});
export const loginFailuresByEmailAndIp = new RateLimiter(rateLimits.loginPerEmail, 15 * MINUTE, {
	name: 'login-email-ip'
});
/** Long enough to make guessing from many addresses slow, short enough not to annoy the owner. */
export const LOGIN_SLOWDOWN_MS = 1000;
export const loginThrottle = new LoginThrottle({
	byAddress: loginFailuresByIp,
	byAccountAndAddress: loginFailuresByEmailAndIp,
	byAccount: loginFailuresByEmail,
	slowdownMs: LOGIN_SLOWDOWN_MS
});
export const registrationsByIp = new RateLimiter(rateLimits.registrationPerIp, 60 * MINUTE, {
	name: 'registration-ip'
});
export const registrationsByEmail = new RateLimiter(rateLimits.registrationPerEmail, 60 * MINUTE, {
	name: 'registration-email'
});
/** Password-reset requests: each may send a mail, so an address cannot be flooded with them. */
export const passwordResetsByIp = new RateLimiter(rateLimits.passwordResetPerIp, 60 * MINUTE, {
	name: 'password-reset-ip'
});
export const passwordResetsByEmail = new RateLimiter(
	rateLimits.passwordResetPerEmail,
	60 * MINUTE,
	{
		name: 'password-reset-email'
	}
);
/** Confirmation links asked for again and address changes per account: each one sends mail. */
export const addressMailsByUser = new RateLimiter(rateLimits.addressMailsPerUser, 60 * MINUTE, {
	name: 'address-mail-user'
});
/** Comments, replies and reports per account (citizen participation). */
export const commentsByUser = new RateLimiter(rateLimits.commentsPerUser, 10 * MINUTE, {
	name: 'comment-user'
});

/** Whole minutes to wait, rounded up, for a message people can act on. */
export function minutesToWait(seconds: number): number {
	return Math.max(1, Math.ceil(seconds / 60));
}
