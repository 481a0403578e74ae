import { describe, expect, it } from 'vitest';
import { readConfig } from '../config';
import {
	loginFailuresByEmail,
	loginFailuresByEmailAndIp,
	loginFailuresByIp,
	minutesToWait,
	registrationsByEmail,
	registrationsByIp
} from './limits';

const MINUTE = 60_000;

describe('auth limiters', () => {
	const { rateLimits } = readConfig();
	it.each([
		['loginFailuresByIp', loginFailuresByIp, rateLimits.loginPerIp, 15],
		['loginFailuresByEmail', loginFailuresByEmail, rateLimits.loginPerEmail, 15],
		['loginFailuresByEmailAndIp', loginFailuresByEmailAndIp, rateLimits.loginPerEmail, 15],
		['registrationsByIp', registrationsByIp, rateLimits.registrationPerIp, 60],
		['registrationsByEmail', registrationsByEmail, rateLimits.registrationPerEmail, 60]
	])(
		'%s takes its limit from the configuration, over the documented window',
		(_name, limiter, limit, windowMinutes) => {
			expect(limiter).toMatchObject({ limit, windowMs: windowMinutes * MINUTE });
		}
	);

	it('block an e-mail after the configured number of failed log-ins', async () => {
		const key = 'limits-test@example.org';
		const now = 1_700_000_000_000;
		try {
			for (let i = 1; i < loginFailuresByEmail.limit; i++) await loginFailuresByEmail.hit(key, now);
			expect(await loginFailuresByEmail.retryAfter(key, now)).toBe(0);
			await loginFailuresByEmail.hit(key, now);
			const seconds = await loginFailuresByEmail.retryAfter(key, now);
			expect(seconds).toBe(15 * 60);
			expect(minutesToWait(seconds)).toBe(15);
		} finally {
			await loginFailuresByEmail.reset(key);
		}
	});
});

describe('readConfig rate limits', () => {
	it('has the documented defaults and accepts positive integers only', () => {
		expect(readConfig({}).rateLimits).toEqual({
			loginPerIp: 20,
			loginPerEmail: 5,
			registrationPerIp: 10,
			registrationPerEmail: 3,
			passwordResetPerIp: 10,
			passwordResetPerEmail: 3,
			addressMailsPerUser: 3,
			commentsPerUser: 10
		});
		const custom = readConfig({
			RATE_LIMIT_LOGIN_PER_IP: '50',
			RATE_LIMIT_LOGIN_PER_EMAIL: '0',
			RATE_LIMIT_REGISTRATION_PER_IP: '-3',
			RATE_LIMIT_REGISTRATION_PER_EMAIL: '2.5',
			RATE_LIMIT_PASSWORD_RESET_PER_IP: '7',
			RATE_LIMIT_PASSWORD_RESET_PER_EMAIL: 'x',
			RATE_LIMIT_ADDRESS_MAILS_PER_USER: '5',
			RATE_LIMIT_COMMENTS_PER_USER: '25'
		}).rateLimits;
		expect(custom).toEqual({
			loginPerIp: 50,
			loginPerEmail: 5,
			registrationPerIp: 10,
			registrationPerEmail: 3,
			passwordResetPerIp: 7,
			passwordResetPerEmail: 3,
			addressMailsPerUser: 5,
			commentsPerUser: 25
		});
	});
});

describe('minutesToWait', () => {
	it.each([
		[0, 1],
		[1, 1],
		[59, 1],
		[60, 1],
		[61, 2],
		[899, 15],
		[900, 15],
		[901, 16],
		[3600, 60]
	])('%i seconds → %i minutes', (seconds, minutes) => {
		expect(minutesToWait(seconds)).toBe(minutes);
	});
});
