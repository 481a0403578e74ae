import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import { startTestSmtp, type TestSmtp } from '../../../../tests/support/smtp';
import { mails } from '../db/schema';
import { queueMail } from './queue';
import { smtpTransport, type MailTransport } from './transport';
import { createMailWorker, type MailWorkerOptions } from './worker';

const NOW = Date.UTC(2026, 11, 6, 12);
const RETRY_MS = 30_000;

let t: TestDatabase;
let smtp: TestSmtp;
let transport: MailTransport;
let clock = NOW;
let logged: string[];

beforeEach(async () => {
	t = createTestDatabase();
	smtp = await startTestSmtp();
	transport = smtpTransport(smtp.url, 'Agendawerk <agendawerk@musterstadt.example>');
	clock = NOW;
	logged = [];
});

afterEach(async () => {
	transport.close();
	await smtp.stop();
	await t.dispose();
});

function worker(overrides: Partial<MailWorkerOptions> = {}) {
	return createMailWorker(t.db, {
		transport,
		pollMs: 1_000,
		retryBaseMs: RETRY_MS,
		maxAttempts: 3,
		leaseMs: 60_000,
		log: (line) => logged.push(line),
		now: () => clock,
		...overrides
	});
}

async function queue(to = 'erika@example.org') {
	return await queueMail(
		t.db,
		{
			kind: 'password-reset',
			to,
			subject: 'Neues Passwort für Agendawerk',
			text: 'Ihr Link: https://agenda.example/passwort-zuruecksetzen/geheim',
			html: '<p>Ihr Link: <a href="https://agenda.example/passwort-zuruecksetzen/geheim">hier</a></p>',
			headers: { 'List-Unsubscribe': '<https://agenda.example/abmelden/x>' }
		},
		clock
	);
}

async function row(id: string) {
	const [found] = await t.db.select().from(mails).where(eq(mails.id, id));
	return found;
}

describe('mail worker', () => {
	it('sends a queued mail once, with both parts, its headers and a Message-ID of its own', async () => {
		const mail = await queue();
		expect(await worker().drain()).toBe(1);
		expect(await worker().drain()).toBe(0);
		expect(smtp.received).toHaveLength(1);
		const [arrived] = smtp.received;
		expect(arrived?.subject).toBe('Neues Passwort für Agendawerk');
		expect(arrived?.text).toContain('passwort-zuruecksetzen/geheim');
		expect(arrived?.html).toContain(
			'<a href="https://agenda.example/passwort-zuruecksetzen/geheim">'
		);
		const unsubscribe = arrived?.headerLines.find((header) => header.key === 'list-unsubscribe');
		expect(unsubscribe?.line).toContain('abmelden/x');
		expect(arrived?.messageId).toBe(`<${mail.id}@127.0.0.1>`);
		expect(await row(mail.id)).toMatchObject({ status: 'sent', attempts: 1, lockedUntil: null });
	});

	it('retries after a refusal, waiting longer each time, and delivers once the server accepts', async () => {
		const mail = await queue();
		smtp.refuse = () => 451;
		await worker().drain();
		expect(await row(mail.id)).toMatchObject({ status: 'queued', attempts: 1 });
		expect((await row(mail.id))?.nextAttemptAt).toEqual(new Date(NOW + RETRY_MS));
		expect(logged.join('\n')).toMatch(/nicht zugestellt \(Versuch 1\), neuer Versuch in 30 s/);

		// Not due yet: nothing is tried.
		clock = NOW + RETRY_MS - 1;
		expect(await worker().drain()).toBe(0);
		clock = NOW + RETRY_MS;
		await worker().drain();
		expect((await row(mail.id))?.nextAttemptAt).toEqual(new Date(clock + 2 * RETRY_MS));

		smtp.refuse = null;
		clock += 2 * RETRY_MS;
		await worker().drain();
		expect(smtp.received).toHaveLength(1);
		expect(await row(mail.id)).toMatchObject({ status: 'sent', attempts: 3 });
		// The server log never holds the mail's content.
		expect(logged.join('\n')).not.toContain('geheim');
	});

	it('gives up at once on a permanent refusal, and after the last attempt', async () => {
		const unknown = await queue('niemand@example.org');
		smtp.refuse = (recipient) => (recipient.startsWith('niemand') ? 550 : 451);
		const busy = await queue('erika@example.org');
		const run = worker();
		await run.drain();
		expect(await row(unknown.id)).toMatchObject({ status: 'failed', attempts: 1 });
		expect((await row(unknown.id))?.lastError).toContain('Unbekannter Empfänger');
		for (let attempt = 0; attempt < 3; attempt++) {
			clock += 24 * 60 * 60 * 1000;
			await run.drain();
		}
		expect(await row(busy.id)).toMatchObject({ status: 'failed', attempts: 3 });
		expect(smtp.received).toHaveLength(0);
	});

	it('sends again what a worker that died while sending left behind, once its lease ran out', async () => {
		const mail = await queue();
		// A worker took the mail and died before booking it.
		await t.db
			.update(mails)
			.set({ lockedUntil: new Date(NOW + 60_000) })
			.where(eq(mails.id, mail.id));
		expect(await worker().drain()).toBe(0);
		clock = NOW + 60_001;
		expect(await worker().drain()).toBe(1);
		expect(smtp.received).toHaveLength(1);
	});

	it('files mails in the outbox without SMTP, and says so in the log without the link', async () => {
		const mail = await queue();
		await worker({ transport: null }).drain();
		expect(await row(mail.id)).toMatchObject({ status: 'outbox', attempts: 1 });
		expect(logged).toEqual([
			'E-Mail „password-reset“ liegt im Postausgang (/verwaltung/postausgang): kein SMTP_URL.'
		]);
		expect(smtp.received).toHaveLength(0);
	});

	it('delivers the others when the server refuses one recipient for good', async () => {
		const unknown = await queue('niemand@example.org');
		const known = await queue('erika@example.org');
		smtp.refuse = (recipient) => (recipient.startsWith('niemand') ? 550 : null);
		expect(await worker().drain()).toBe(2);
		expect(await row(unknown.id)).toMatchObject({ status: 'failed', attempts: 1 });
		expect(await row(known.id)).toMatchObject({ status: 'sent', attempts: 1 });
		expect(smtp.received).toHaveLength(1);
	});
});

describe('mail worker, when the server setting is wrong', () => {
	function misconfigured(url: string) {
		const wrong = smtpTransport(
			url + '?connectionTimeout=3000&greetingTimeout=3000',
			'Agendawerk <agendawerk@musterstadt.example>'
		);
		return {
			run: () => worker({ transport: wrong }).drain(),
			close: () => wrong.close()
		};
	}

	it('keeps retrying on a refused log-in (the setting is fixed, not the mail), with a readable line', async () => {
		const port = new URL(smtp.url).port;
		const wrong = misconfigured(`smtp://agendawerk:falsch@127.0.0.1:${port}`);
		const mail = await queue();
		await wrong.run();
		wrong.close();
		expect(await row(mail.id)).toMatchObject({ status: 'queued', attempts: 1 });
		expect((await row(mail.id))?.lastError).toMatch(
			/^Anmeldung am Mailserver abgelehnt \(Benutzername und Passwort in SMTP_URL prüfen\): .*535/
		);
		expect(logged.join('\n')).toContain('Anmeldung am Mailserver abgelehnt');
		expect(logged.join('\n')).not.toContain('falsch');
		expect(logged.join('\n')).not.toContain('geheim');
	});

	it('names a TLS mismatch in words, not as an OpenSSL dump', async () => {
		const port = new URL(smtp.url).port;
		const wrong = misconfigured(`smtps://127.0.0.1:${port}`);
		const mail = await queue();
		await wrong.run();
		wrong.close();
		expect(await row(mail.id)).toMatchObject({ status: 'queued', attempts: 1 });
		const reason = (await row(mail.id))?.lastError ?? '';
		expect(reason).toBe(
			'TLS-Verbindung zum Mailserver gescheitert (smtps:// ist für Port 465, ' +
				'für Port 587 smtp:// verwenden): wrong version number'
		);
		expect(logged.join('\n')).toContain(reason);
	});

	it('says when the server cannot be reached', async () => {
		const wrong = misconfigured('smtp://127.0.0.1:1');
		const mail = await queue();
		await wrong.run();
		wrong.close();
		expect((await row(mail.id))?.lastError).toBe(
			'Mailserver nicht erreichbar: connect ECONNREFUSED 127.0.0.1:1'
		);
	});
});
