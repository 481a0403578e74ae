import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	DEMO,
	DEMO_PASSWORD,
	decodeHtml,
	get,
	myAgendas,
	postForm,
	queryDatabase,
	sessionTokenSetBy,
	uniqueEmail
} from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

/**
 * Invitations by mail on the running server with a real SMTP server: the owner types an address,
 * the mail arrives with a link to ORIGIN, and the invited person accepts with it.
 */
const ORIGIN = 'https://agenda.musterstadt.example';
const INVALID_EMAIL = 'Bitte geben Sie eine gültige E-Mail-Adresse ein.';

let smtp: TestSmtp;
let server: TestServer;
let owner: string;
let agendaId: string;

/** A form post as the browser at ORIGIN sends it (Kit's CSRF check compares against ORIGIN). */
function send(path: string, fields: Record<string, string>, cookie?: string) {
	return postForm(server.url, path, fields, { origin: ORIGIN, cookie });
}

async function logIn(email: string, password = DEMO_PASSWORD): Promise<string> {
	const response = await send('/anmelden', { email, password });
	const token = sessionTokenSetBy(response);
	if (response.status !== 303 || !token)
		throw new Error(`Anmeldung von ${email}: ${response.status}`);
	return `agendawerk_session=${token}`;
}

/** What the SMTP server received for one address. */
function mailsTo(email: string) {
	return smtp.received.filter((mail) =>
		(Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) => to?.text === email)
	);
}

async function invitationRows() {
	return await queryDatabase<{ email: string | null }>(
		server.databasePath,
		'SELECT email FROM invitations WHERE agenda_id = ?',
		agendaId
	);
}

async function invitationMailCount(): Promise<number> {
	return (
		await queryDatabase<{ n: number }>(
			server.databasePath,
			"SELECT count(*) AS n FROM mails WHERE kind = 'invitation'"
		)
	)[0]!.n;
}

beforeAll(async () => {
	smtp = await startTestSmtp();
	server = await startTestServer({
		MAIL_POLL_MS: '100',
		SMTP_URL: smtp.url,
		ORIGIN,
		RATE_LIMIT_LOGIN_PER_IP: '1000',
		RATE_LIMIT_REGISTRATION_PER_IP: '1000'
	});
	owner = await logIn(DEMO.admin);
	const [demo] = await myAgendas(server.url, owner);
	if (!demo) throw new Error('Demo-Agenda fehlt');
	agendaId = demo.id;
});

afterAll(async () => {
	await server?.stop();
	await smtp?.stop();
});

describe('inviting by mail', () => {
	it('mails the link; the invited person registers and accepts with it', async () => {
		const email = uniqueEmail('eingeladen');
		const response = await send(
			`/agenden/${agendaId}/mitglieder?/invite`,
			{ role: 'editor', email },
			owner
		);
		expect(response.status).toBe(200);
		const page = decodeHtml(await response.text());
		expect(page).toContain(`Einladung für die Rolle „Bearbeitung“ an ${email} geschickt`);
		// The copyable link is still shown once.
		expect(page).toMatch(/data-testid="invitation-link"/);

		await expect.poll(() => mailsTo(email), { timeout: 5_000 }).toHaveLength(1);
		const [mail] = mailsTo(email);
		if (!mail) throw new Error('keine Einladung angekommen');
		expect(mail.subject).toBe('Einladung zur Mitarbeit an „Digitale Agenda Musterstadt 2026–2030“');
		expect(mail.text).toContain('in der Rolle „Bearbeitung“ mitzuarbeiten');
		expect(mail.html).toContain(`href="${ORIGIN}/einladung/`);
		const path = new RegExp(`${ORIGIN}(/einladung/[a-z2-7]{32})`).exec(mail.text ?? '')?.[1];
		expect(path, mail.text).toBeDefined();

		// The list of invitations says where it went.
		const members = decodeHtml(
			await (await get(server.url, `/agenden/${agendaId}/mitglieder`, { cookie: owner })).text()
		);
		expect(members).toContain(`Bearbeitung an ${email}, erstellt am`);

		const registered = await send('/registrieren', {
			displayName: 'Neue Bearbeiterin',
			email,
			password: 'ein-langes-passwort'
		});
		expect(registered.status).toBe(303);
		const invitee = await logIn(email, 'ein-langes-passwort');
		const accepted = await send(path ?? '', {}, invitee);
		expect(accepted.status).toBe(303);
		expect(await myAgendas(server.url, invitee)).toEqual([
			expect.objectContaining({ id: agendaId, role: 'editor' })
		]);
	});

	it('refuses a malformed address with a German field error and stores nothing', async () => {
		const invitations = (await invitationRows()).length;
		const mails = await invitationMailCount();
		// Also what would smuggle a second recipient or a header into the mail.
		for (const email of [
			'kein-at',
			'a@b',
			'zwei@@beispiel.de',
			'x'.repeat(300) + '@example.org',
			'neu@example.org, noch@example.org',
			'neu@example.org\r\nBcc: noch@example.org'
		]) {
			const response = await send(
				`/agenden/${agendaId}/mitglieder?/invite`,
				{ role: 'viewer', email },
				owner
			);
			expect(response.status, email).toBe(400);
			const page = decodeHtml(await response.text());
			expect(page).toContain(INVALID_EMAIL);
			expect(page).not.toMatch(/data-testid="invitation-link"/);
		}
		expect(await invitationRows()).toHaveLength(invitations);
		expect(await invitationMailCount()).toBe(mails);
	});

	it('without an address creates a link only, as before', async () => {
		const mails = await invitationMailCount();
		const response = await send(
			`/agenden/${agendaId}/mitglieder?/invite`,
			{ role: 'viewer', email: '' },
			owner
		);
		expect(response.status).toBe(200);
		expect(decodeHtml(await response.text())).toContain(
			'Einladungslink für die Rolle „Lesezugriff“ erzeugt'
		);
		expect(await invitationMailCount()).toBe(mails);
		expect((await invitationRows()).some((row) => row.email === null)).toBe(true);
	});
});
