/**
 * The log-in limits under attack, on a server of its own that takes the client address from
 * X-Forwarded-For (as behind a proxy): each test plays its own addresses, so the tests cannot
 * block one another, and the limits are the defaults (20 per address, 5 per account).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import {
	DEMO,
	DEMO_PASSWORD,
	decodeHtml,
	myAgendas,
	postForm,
	sessionTokenSetBy,
	SESSION_COOKIE,
	uniqueEmail
} from '../support/http';

let server: TestServer;

beforeAll(async () => {
	server = await startTestServer({
		ADDRESS_HEADER: 'X-Forwarded-For',
		XFF_DEPTH: '1',
		RATE_LIMIT_LOGIN_PER_IP: '',
		RATE_LIMIT_LOGIN_PER_EMAIL: ''
	});
});

afterAll(async () => {
	await server?.stop();
});

function logIn(email: string, password: string, address: string) {
	return postForm(
		server.url,
		'/anmelden',
		{ email, password },
		{ headers: { 'x-forwarded-for': address } }
	);
}

/** How many of the answers had each status, e.g. `{ 400: 5, 429: 55 }`. */
function countStatuses(responses: Response[]): Record<number, number> {
	const counts: Record<number, number> = {};
	for (const { status } of responses) counts[status] = (counts[status] ?? 0) + 1;
	return counts;
}

describe('simultaneous guesses', () => {
	it('let at most 5 of 60 wrong passwords for one account reach the password check', async () => {
		const email = uniqueEmail('gleichzeitig');
		const responses = await Promise.all(
			Array.from({ length: 60 }, () => logIn(email, 'falsches-passwort', '198.51.100.1'))
		);
		// 400 is a checked, wrong password; 429 was refused before checking.
		expect(countStatuses(responses)).toEqual({ 400: 5, 429: 55 });
	});

	it('let at most 20 of 60 guesses from one address reach the password check', async () => {
		const responses = await Promise.all(
			Array.from({ length: 60 }, (_, i) =>
				logIn(uniqueEmail(`streuung-${i}`), 'falsches-passwort', '198.51.100.2')
			)
		);
		expect(countStatuses(responses)).toEqual({ 400: 20, 429: 40 });
	});
});

describe('five wrong passwords for an account', () => {
	const ATTACKER = '198.51.100.10';
	const OWNER = '198.51.100.11';

	it('block the address they came from, not the account', async () => {
		for (let attempt = 1; attempt <= 5; attempt++) {
			const response = await logIn(DEMO.editor, 'falsches-passwort', ATTACKER);
			expect(response.status, `attempt ${attempt}`).toBe(400);
		}
		const blocked = await logIn(DEMO.editor, DEMO_PASSWORD, ATTACKER);
		expect(blocked.status).toBe(429);
		expect(decodeHtml(await blocked.text())).toContain('Zu viele fehlgeschlagene Anmeldeversuche');

		// The owner, from an address without failures, gets in, only a little slower.
		const started = Date.now();
		const owner = await logIn(DEMO.editor, DEMO_PASSWORD, OWNER);
		expect(owner.status).toBe(303);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		const cookie = `${SESSION_COOKIE}=${sessionTokenSetBy(owner)}`;
		expect(await myAgendas(server.url, cookie)).toHaveLength(1);

		// The attacker's address stays blocked, even with the right password.
		const still = await logIn(DEMO.editor, DEMO_PASSWORD, ATTACKER);
		expect(still.status).toBe(429);
		expect(sessionTokenSetBy(still)).toBeNull();
	});
});
