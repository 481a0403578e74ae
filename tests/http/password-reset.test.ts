import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordResets } from '../../src/lib/server/db/schema';
import { withDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import {
	SESSION_COOKIE,
	get,
	login,
	postForm,
	queryDatabase,
	register,
	sessionTokenSetBy,
	textOf,
	uniqueEmail,
	userIdOf
} from '../support/http';

const SENT =
	'Wenn es zu dieser Adresse ein Konto gibt, haben wir einen Link geschickt. Er ist eine Stunde gültig.';
const INVALID = 'Der Link ist unbekannt, schon benutzt oder älter als eine Stunde.';
const RESET_DONE = 'Ihr neues Passwort gilt. Sie sind angemeldet';
const NEW_PASSWORD = 'frisch-gesetztes-passwort-19';

let server: TestServer;

beforeAll(async () => {
	server = await startTestServer({
		RATE_LIMIT_REGISTRATION_PER_IP: '1000',
		RATE_LIMIT_PASSWORD_RESET_PER_IP: '1000',
		RATE_LIMIT_PASSWORD_RESET_PER_EMAIL: '2'
	});
});

afterAll(async () => {
	await server?.stop();
});

interface MailRow {
	to: string;
	subject: string;
	text: string;
	html: string;
}

async function mailsTo(email: string): Promise<MailRow[]> {
	return await queryDatabase<MailRow>(
		server.databasePath,
		'SELECT "to", subject, text, html FROM mails WHERE "to" = ? AND kind = \'password-reset\' ORDER BY created_at',
		email
	);
}

/** The path of the reset link in the newest mail to `email`. */
function linkPathIn(mail: MailRow | undefined): string {
	const match = new RegExp(`${server.url}(/passwort-zuruecksetzen/[A-Za-z0-9_-]+)`).exec(
		mail?.text ?? ''
	);
	if (!match?.[1]) throw new Error(`no reset link in ${mail?.text}`);
	return match[1];
}

async function requestReset(email: string): Promise<{ status: number; text: string }> {
	const response = await postForm(server.url, '/passwort-vergessen', { email });
	return { status: response.status, text: textOf(await response.text()) };
}

describe('requesting a reset', () => {
	it('answers the same for a known and an unknown address; only the known one gets a mail', async () => {
		const known = uniqueEmail('reset-known');
		await register(server, known);
		const unknown = uniqueEmail('reset-unknown');

		const forKnown = await requestReset(known.toUpperCase());
		const forUnknown = await requestReset(unknown);
		expect(forKnown.status).toBe(200);
		expect(forUnknown.status).toBe(200);
		expect(forKnown.text).toContain(SENT);
		expect(forUnknown.text).toBe(forKnown.text);

		expect(await mailsTo(unknown)).toEqual([]);
		const [mail] = await mailsTo(known);
		expect(mail?.subject).toBe('Neues Passwort für Agendawerk');
		expect(mail?.html).toContain(linkPathIn(mail));
		expect(textOf((await (await get(server.url, linkPathIn(mail))).text()) ?? '')).toContain(
			'Neues Passwort festlegen'
		);
	});

	it('refuses a malformed address with a German message', async () => {
		const response = await postForm(server.url, '/passwort-vergessen', { email: 'kein-at' });
		expect(response.status).toBe(400);
		expect(textOf(await response.text())).toContain(
			'Bitte geben Sie eine gültige E-Mail-Adresse ein.'
		);
	});

	it('over the per-account limit: the same answer, no mail, a log line without the address', async () => {
		const email = uniqueEmail('reset-limit');
		await register(server, email);
		await requestReset(email);
		await requestReset(email);
		const third = await requestReset(email);
		expect(third.status).toBe(200);
		expect(third.text).toContain(SENT);
		expect(await mailsTo(email)).toHaveLength(2);
		expect(server.output()).toContain('Passwort vergessen: Limit je Konto erreicht');
		expect(server.output()).not.toContain(email);
	});

	it('the log-in page links to it, as a plain link', async () => {
		const page = await (await get(server.url, '/anmelden')).text();
		// SSR writes the path relative to the page (./passwort-vergessen): the same target.
		const match = /<a[^>]*href="([^"]*passwort-vergessen)"[^>]*>Passwort vergessen\?<\/a>/.exec(
			page
		);
		expect(new URL(match?.[1] ?? '', `${server.url}/anmelden`).pathname).toBe(
			'/passwort-vergessen'
		);
	});
});

describe('resetting with the link', () => {
	it('works once: new password, other sessions ended, logged in, confirmed on /konto', async () => {
		const email = uniqueEmail('reset-once');
		const oldCookie = await register(server, email);
		await requestReset(email);
		const path = linkPathIn((await mailsTo(email)).at(-1));

		const response = await postForm(server.url, path, { password: NEW_PASSWORD });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/konto?passwort=zurueckgesetzt');
		const token = sessionTokenSetBy(response);
		expect(token).toBeTruthy();
		const cookie = `${SESSION_COOKIE}=${token}`;

		const account = await get(server.url, '/konto?passwort=zurueckgesetzt', { cookie });
		expect(account.status).toBe(200);
		expect(textOf(await account.text())).toContain(RESET_DONE);
		expect((await get(server.url, '/konto', { cookie: oldCookie })).status).toBe(303);
		await expect(login(server.url, email, NEW_PASSWORD)).resolves.toContain(SESSION_COOKIE);
		const audit = await queryDatabase<{ details: string | null }>(
			server.databasePath,
			"SELECT details FROM audit_log WHERE action = 'account.password-reset'"
		);
		expect(audit.length).toBeGreaterThan(0);

		const again = await postForm(server.url, path, { password: 'noch-ein-neues-passwort-5' });
		expect(again.status).toBe(400);
		expect(textOf(await again.text())).toContain(INVALID);
		const page = textOf(await (await get(server.url, path)).text());
		expect(page).toContain(INVALID);
		expect(page).toContain('Neuen Link anfordern');
	});

	it('applies the registration rules and keeps the link usable after a refused password', async () => {
		const email = uniqueEmail('reset-rules');
		await register(server, email);
		await requestReset(email);
		const path = linkPathIn((await mailsTo(email)).at(-1));

		const weak = await postForm(server.url, path, { password: 'passwort' });
		expect(weak.status).toBe(400);
		expect(sessionTokenSetBy(weak)).toBeNull();
		expect(textOf(await weak.text())).toContain('mindestens');
		expect((await postForm(server.url, path, { password: NEW_PASSWORD })).status).toBe(303);
	});

	it('refuses an expired link and an unknown one', async () => {
		const email = uniqueEmail('reset-expired');
		await register(server, email);
		await requestReset(email);
		const path = linkPathIn((await mailsTo(email)).at(-1));
		const userId = await userIdOf(server.databasePath, email);
		await withDatabase(server.databasePath, (db) =>
			db
				.update(passwordResets)
				.set({ expiresAt: new Date(Date.now() - 1000) })
				.where(eq(passwordResets.userId, userId))
		);
		const expired = await postForm(server.url, path, { password: NEW_PASSWORD });
		expect(expired.status).toBe(400);
		expect(textOf(await expired.text())).toContain(INVALID);
		expect(sessionTokenSetBy(expired)).toBeNull();

		const unknownPath = `/passwort-zuruecksetzen/${'a'.repeat(path.split('/').at(-1)?.length ?? 0)}`;
		expect(textOf(await (await get(server.url, unknownPath)).text())).toContain(INVALID);
	});
});

describe('per-address limit', () => {
	let limited: TestServer;

	beforeAll(async () => {
		limited = await startTestServer({ RATE_LIMIT_PASSWORD_RESET_PER_IP: '2' });
	});

	afterAll(async () => {
		await limited?.stop();
	});

	it('answers the same over the limit but queues no mail', async () => {
		const send = (email: string) =>
			postForm(limited.url, '/passwort-vergessen', { email }).then(async (response) => ({
				status: response.status,
				text: textOf(await response.text())
			}));
		await send('a@example.org');
		await send('b@example.org');
		const over = await send('buerger@musterstadt.example');
		expect(over.status).toBe(200);
		expect(over.text).toContain(SENT);
		const rows = await queryDatabase<{ n: number }>(
			limited.databasePath,
			'SELECT count(*) AS n FROM mails'
		);
		expect(rows[0]?.n).toBe(0);
		expect(limited.output()).toContain('Passwort vergessen: Limit je Adresse erreicht');
	});
});
