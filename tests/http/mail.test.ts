import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queueMail } from '../../src/lib/server/mail/queue';
import { withDatabase } from '../support/database';
import { DEMO, get, login, queryDatabase, textOf } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

/**
 * Mail delivery of the running server: the worker sends what is queued in the database, keeps it
 * through an SMTP outage and a kill -9, and without SMTP files it in the administration's outbox.
 */
const FAST = { MAIL_POLL_MS: '100', MAIL_RETRY_BASE_MS: '200', MAIL_LEASE_MS: '1000' };
/** Mails that leave the house link to ORIGIN, never to the Host header of a request. */
const ORIGIN = 'https://agenda.musterstadt.example';

async function queue(databasePath: string, count: number, kind = 'test'): Promise<string[]> {
	return await withDatabase(databasePath, async (db) => {
		const ids: string[] = [];
		for (let index = 0; index < count; index++) {
			const mail = await queueMail(db, {
				kind,
				to: `person${index}@example.org`,
				subject: `Testmail ${index}`,
				text: `Inhalt ${index}: https://agenda.example/link/${index}`,
				html: `<p>Inhalt ${index}</p>`
			});
			ids.push(mail.id);
		}
		return ids;
	});
}

async function statuses(databasePath: string): Promise<string[]> {
	return (
		await queryDatabase<{ status: string }>(databasePath, 'SELECT status FROM mails ORDER BY id')
	).map((row) => row.status);
}

describe('without SMTP', () => {
	let server: TestServer;

	beforeAll(async () => {
		server = await startTestServer({ ...FAST, RATE_LIMIT_LOGIN_PER_IP: '1000' });
	});

	afterAll(async () => {
		await server?.stop();
	});

	it('files mails in the outbox, which only the instance administration reads', async () => {
		await queue(server.databasePath, 1, 'password-reset');
		await expect
			.poll(async () => await statuses(server.databasePath), { timeout: 5_000 })
			.toEqual(['outbox']);
		// The worker logs after it has filed the mail: the line may follow the status by a moment.
		await expect
			.poll(() => server.output(), { timeout: 5_000 })
			.toContain('liegt im Postausgang (/verwaltung/postausgang)');
		expect(server.output()).not.toContain('agenda.example/link');

		const admin = await login(server.url, DEMO.admin);
		const page = textOf(
			await (await get(server.url, '/verwaltung/postausgang', { cookie: admin })).text()
		);
		expect(page).toContain('Postausgang');
		expect(page).toContain('kein Mailserver eingerichtet');
		expect(page).toContain('Testmail 0');
		expect(page).toContain('an person0@example.org');
		expect(page).toContain('https://agenda.example/link/0');

		const editor = await login(server.url, DEMO.editor);
		expect((await get(server.url, '/verwaltung/postausgang', { cookie: editor })).status).toBe(403);
		const anonymous = await get(server.url, '/verwaltung/postausgang');
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toContain('/anmelden');
	});
});

describe('with SMTP', () => {
	let smtp: TestSmtp;
	let server: TestServer | undefined;

	beforeAll(async () => {
		smtp = await startTestSmtp();
	});

	afterEach(async () => {
		await server?.stop();
		server = undefined;
	});

	afterAll(async () => {
		await smtp?.stop();
	});

	it('keeps every mail through an SMTP outage and a kill -9, and sends each once', async () => {
		smtp.refuse = () => 451;
		const first = await startTestServer({ ...FAST, SMTP_URL: smtp.url, ORIGIN });
		const ids = await queue(first.databasePath, 3);
		// The server is down for mail: every mail was tried, and waits.
		await expect
			.poll(
				async () =>
					(
						await queryDatabase<{ attempts: number }>(
							first.databasePath,
							'SELECT attempts FROM mails'
						)
					).every((row) => row.attempts >= 1),
				{ timeout: 5_000 }
			)
			.toBe(true);
		expect(smtp.received).toHaveLength(0);
		await first.kill('SIGKILL');

		smtp.refuse = null;
		server = await startTestServer(
			{ ...FAST, SMTP_URL: smtp.url, ORIGIN },
			{ database: first.database }
		);
		await expect
			.poll(async () => await statuses(first.databasePath), { timeout: 10_000 })
			.toEqual(['sent', 'sent', 'sent']);
		const subjects = smtp.received.map((mail) => mail.subject).sort();
		expect(subjects).toEqual(['Testmail 0', 'Testmail 1', 'Testmail 2']);
		// Each mail's Message-ID names its row: a copy sent twice would be recognisable.
		for (const id of ids) {
			expect(smtp.received.filter((mail) => mail.messageId?.includes(id))).toHaveLength(1);
		}
	});

	it('refuses to start with SMTP_URL but without ORIGIN', async () => {
		await expect(startTestServer({ SMTP_URL: smtp.url, ORIGIN: '' })).rejects.toThrow(
			/SMTP_URL braucht ORIGIN/
		);
	});

	it('sends a password reset over SMTP, its link pointing to ORIGIN', async () => {
		server = await startTestServer({ ...FAST, SMTP_URL: smtp.url, ORIGIN });
		const before = smtp.received.length;
		const response = await fetch(`${server.url}/passwort-vergessen`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: ORIGIN
			},
			body: new URLSearchParams({ email: 'buerger@musterstadt.example' })
		});
		expect(response.status).toBe(200);
		await expect.poll(() => smtp.received.length, { timeout: 5_000 }).toBe(before + 1);
		const mail = smtp.received.at(-1);
		expect(mail?.text).toContain(`${ORIGIN}/passwort-zuruecksetzen/`);
		expect(mail?.html).toContain(`href="${ORIGIN}/passwort-zuruecksetzen/`);
	});
});
