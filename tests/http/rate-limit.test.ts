/**
 * The default limits of the auth forms, on a server of its own: the counters live in the process,
 * so the other files' log-ins cannot interfere, and these tests run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import {
	DEMO,
	DEMO_PASSWORD,
	decodeHtml,
	login,
	postForm,
	queryDatabase,
	sessionTokenSetBy,
	uniqueEmail
} from '../support/http';

let server: TestServer;
/** Failed log-ins from this test client so far: they all count against 127.0.0.1. */
let failedLogins = 0;

beforeAll(async () => {
	// The defaults are under test: make sure no variable from the caller's shell changes them.
	server = await startTestServer({
		RATE_LIMIT_LOGIN_PER_IP: '',
		RATE_LIMIT_LOGIN_PER_EMAIL: '',
		RATE_LIMIT_REGISTRATION_PER_IP: '',
		RATE_LIMIT_REGISTRATION_PER_EMAIL: ''
	});
});

afterAll(async () => {
	await server?.stop();
});

const TOO_MANY_LOGINS =
	/Zu viele fehlgeschlagene Anmeldeversuche\. Bitte versuchen Sie es in (\d+) Minuten erneut\./;
const TOO_MANY_REGISTRATIONS =
	/Zu viele Registrierungen in kurzer Zeit\. Bitte versuchen Sie es in (\d+) Minuten erneut\./;

async function failLogin(email: string, headers: Record<string, string> = {}) {
	const response = await postForm(
		server.url,
		'/anmelden',
		{ email, password: 'falsches-passwort' },
		{ headers }
	);
	if (response.status === 400) failedLogins += 1;
	return response;
}

describe('log-in limit per account and address (5 failures in 15 minutes)', () => {
	it('answers the 6th wrong password for the same e-mail with 429 in German', async () => {
		for (let attempt = 1; attempt <= 5; attempt++) {
			const response = await failLogin(DEMO.editor2);
			expect(response.status, `attempt ${attempt}`).toBe(400);
		}
		const blocked = await failLogin(DEMO.editor2);
		expect(blocked.status).toBe(429);
		expect(sessionTokenSetBy(blocked)).toBeNull();
		const minutes = Number(TOO_MANY_LOGINS.exec(decodeHtml(await blocked.text()))?.[1]);
		expect(minutes).toBeGreaterThanOrEqual(14);
		expect(minutes).toBeLessThanOrEqual(15);
	});

	it('refuses even the right password from that address while it is blocked', async () => {
		const response = await postForm(server.url, '/anmelden', {
			email: DEMO.editor2,
			password: DEMO_PASSWORD
		});
		expect(response.status).toBe(429);
		expect(sessionTokenSetBy(response)).toBeNull();
		expect(decodeHtml(await response.text())).toMatch(TOO_MANY_LOGINS);
	});

	it('counts the account however the e-mail is spelled', async () => {
		const response = await failLogin('  AG2@MUSTERSTADT.example');
		expect(response.status).toBe(429);
	});

	it('does not block other accounts', async () => {
		await expect(login(server.url, DEMO.editor)).resolves.toBeTruthy();
	});

	it('starts counting afresh after a successful log-in', async () => {
		for (let attempt = 1; attempt <= 4; attempt++) {
			expect((await failLogin(DEMO.viewer)).status).toBe(400);
		}
		await login(server.url, DEMO.viewer);
		// Without the reset, this would be the 5th failure and the next one a 429.
		for (let attempt = 1; attempt <= 2; attempt++) {
			expect((await failLogin(DEMO.viewer)).status).toBe(400);
		}
	});
});

describe('registration limits', () => {
	let registrationsFromThisAddress = 0;

	it('allows 3 attempts per e-mail in an hour, then answers 429', async () => {
		const email = uniqueEmail('einmal');
		const fields = { displayName: 'Mehrfach', email, password: 'ein-langes-passwort' };
		for (let attempt = 1; attempt <= 3; attempt++) {
			// From the 2nd on, already taken: nothing happens, the answer is the same, the attempt counts.
			expect((await postForm(server.url, '/registrieren', fields)).status).toBe(303);
		}
		registrationsFromThisAddress += 3;
		const blocked = await postForm(server.url, '/registrieren', fields);
		expect(blocked.status).toBe(429);
		expect(decodeHtml(await blocked.text())).toMatch(TOO_MANY_REGISTRATIONS);
	});

	it('allows 10 registrations per address in an hour, the 11th gets 429 in German', async () => {
		while (registrationsFromThisAddress < 10) {
			const response = await postForm(server.url, '/registrieren', {
				displayName: 'Viele',
				email: uniqueEmail('viele'),
				password: 'ein-langes-passwort'
			});
			expect(response.status, `registration ${registrationsFromThisAddress + 1}`).toBe(303);
			registrationsFromThisAddress += 1;
		}
		const email = uniqueEmail('zuviel');
		const blocked = await postForm(server.url, '/registrieren', {
			displayName: 'Eine zu viel',
			email,
			password: 'ein-langes-passwort'
		});
		expect(blocked.status).toBe(429);
		expect(sessionTokenSetBy(blocked)).toBeNull();
		const html = decodeHtml(await blocked.text());
		const minutes = Number(TOO_MANY_REGISTRATIONS.exec(html)?.[1]);
		expect(minutes).toBeGreaterThanOrEqual(59);
		expect(minutes).toBeLessThanOrEqual(60);
		// The form keeps what was typed, and nobody was created.
		expect(html).toContain('value="Eine zu viel"');
		const [row] = await queryDatabase<{ n: number }>(
			server.databasePath,
			'SELECT count(*) AS n FROM users WHERE email = ?',
			email
		);
		expect(row?.n).toBe(0);
	});
});

describe('log-in limit per address (20 failures in 15 minutes)', () => {
	// Last in this file: afterwards nobody can log in from 127.0.0.1 on this server.
	it('blocks the address after 20 failures, whatever X-Forwarded-For claims', async () => {
		expect(failedLogins).toBeLessThan(20);
		let distinct = 0;
		while (failedLogins < 20) {
			distinct += 1;
			// A client cannot escape the limit by claiming to be someone else.
			const response = await failLogin(uniqueEmail('raten'), {
				'x-forwarded-for': `203.0.113.${distinct}`
			});
			expect(response.status).toBe(400);
		}
		const blocked = await postForm(server.url, '/anmelden', {
			email: DEMO.citizen,
			password: DEMO_PASSWORD
		});
		expect(blocked.status).toBe(429);
		expect(sessionTokenSetBy(blocked)).toBeNull();
		expect(decodeHtml(await blocked.text())).toMatch(TOO_MANY_LOGINS);
	});
});
