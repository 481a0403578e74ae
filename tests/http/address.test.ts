import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	DEMO,
	get,
	login,
	postForm,
	queryDatabase,
	register,
	registerUnconfirmed,
	textOf,
	uniqueEmail,
	userIdOf
} from '../support/http';
import { copyAgenda, openTestParticipation } from '../support/participation';
import { freePort, startTestServer, type TestServer } from '../support/server';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

/**
 * Address confirmation, address change and the account's language against the running server,
 * with a real SMTP server reading what arrives. ORIGIN is the server's own address (a port chosen
 * beforehand), so that the forms' same-origin check passes and the mails' links can be followed.
 */
const PORT = await freePort();
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SLUG = 'adressen';
const PASSWORD = 'ein-langes-passwort';
const UNCONFIRMED = 'Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse';

let smtp: TestSmtp;
let server: TestServer;
let measurePage = '';

beforeAll(async () => {
	smtp = await startTestSmtp();
	server = await startTestServer({
		SMTP_URL: smtp.url,
		ORIGIN,
		PORT: String(PORT),
		MAIL_POLL_MS: '100',
		RATE_LIMIT_REGISTRATION_PER_IP: '1000',
		RATE_LIMIT_REGISTRATION_PER_EMAIL: '1000',
		RATE_LIMIT_LOGIN_PER_IP: '1000',
		RATE_LIMIT_ADDRESS_MAILS_PER_USER: '2'
	});
	await copyAgenda(server.databasePath, 'musterstadt', SLUG);
	const participation = await openTestParticipation(server.databasePath, { slug: SLUG });
	measurePage = `/beteiligung/${SLUG}/massnahmen/${participation.content.measures[0]?.id ?? ''}`;
});

afterAll(async () => {
	await server?.stop();
	await smtp?.stop();
});

/** Waits for the `count`-th mail to `to` whose subject matches, and returns it. */
async function mailTo(to: string, subject: RegExp, count = 1): Promise<ParsedMail> {
	const matching = () =>
		smtp.received.filter(
			(mail) =>
				mail.to !== undefined &&
				JSON.stringify(mail.to).toLowerCase().includes(to.toLowerCase()) &&
				subject.test(mail.subject ?? '')
		);
	await expect.poll(() => matching().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(count);
	return matching()[count - 1] as ParsedMail;
}

/** The path of the mail's link on ORIGIN, to follow on the test server. */
function linkPath(mail: ParsedMail): string {
	const link = new RegExp(`${ORIGIN}(/adresse-bestaetigen/[a-z2-7]+)`).exec(mail.text ?? '');
	if (!link?.[1]) throw new Error(`Kein Link in „${mail.subject}“`);
	return link[1];
}

async function confirmedAt(email: string): Promise<number | null> {
	const [row] = await queryDatabase<{ at: number | null }>(
		server.databasePath,
		'SELECT email_confirmed_at AS at FROM users WHERE email = ?',
		email
	);
	return row?.at ?? null;
}

async function countWhere(
	table: 'comments' | 'supports' | 'comment_reports',
	userId: string
): Promise<number> {
	const column =
		table === 'comments' ? 'author_id' : table === 'supports' ? 'user_id' : 'reporter_id';
	const [row] = await queryDatabase<{ n: number }>(
		server.databasePath,
		`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`,
		userId
	);
	return row?.n ?? -1;
}

describe('confirmation at registration', () => {
	it('mails a link; until it is followed, reading works and writing is refused with a German notice', async () => {
		const email = uniqueEmail('neu');
		const cookie = await registerUnconfirmed(server.url, email, PASSWORD, 'Nora Neu');
		const mail = await mailTo(email, /^Bitte bestätigen Sie Ihre E-Mail-Adresse$/);
		expect(mail.text).toContain('Guten Tag Nora Neu,');
		expect(mail.html).toContain(`${ORIGIN}/adresse-bestaetigen/`);
		expect(await confirmedAt(email)).toBeNull();
		const userId = await userIdOf(server.databasePath, email);

		// Reading works; instead of the forms, the notice with "Link erneut senden".
		const page = await get(server.url, measurePage, { cookie });
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(textOf(html)).toContain('Bitte bestätigen Sie Ihre E-Mail-Adresse');
		expect(textOf(html)).toContain(`Folgen Sie dem Link in der Mail an ${email}`);
		expect(textOf(html)).toContain('Link erneut senden');
		expect(html).not.toContain('?/comment');
		expect(html).not.toContain('?/support');

		// Writing is refused on the server too, and nothing is stored.
		const tried = await postForm(
			server.url,
			`${measurePage}?/comment`,
			{ body: 'Hallo' },
			{ cookie }
		);
		expect(tried.status).toBe(403);
		expect(textOf(await tried.text())).toContain(UNCONFIRMED);
		const replied = await postForm(
			server.url,
			`${measurePage}?/reply`,
			{ parentId: 'aaaaaaaaaaaaaaaa', body: 'Hallo' },
			{ cookie }
		);
		expect(replied.status).toBe(403);
		const supported = await postForm(
			server.url,
			`${measurePage}?/support`,
			{ supported: 'true' },
			{ cookie }
		);
		expect(supported.status).toBe(403);
		expect(textOf(await supported.text())).toContain(UNCONFIRMED);
		const reported = await postForm(
			server.url,
			`${measurePage}?/report`,
			{ commentId: 'aaaaaaaaaaaaaaaa', reason: 'Spam' },
			{ cookie }
		);
		expect(reported.status).toBe(403);
		expect(await countWhere('comments', userId)).toBe(0);
		expect(await countWhere('supports', userId)).toBe(0);
		expect(await countWhere('comment_reports', userId)).toBe(0);

		// The link's page only shows a button (mail scanners open links); the POST confirms.
		const path = linkPath(mail);
		const shown = await get(server.url, path);
		expect(shown.status).toBe(200);
		expect(textOf(await shown.text())).toContain(`dass ${email} Ihre Adresse ist`);
		expect(await confirmedAt(email)).toBeNull();
		const pressed = await postForm(server.url, path, {});
		expect(pressed.status).toBe(200);
		expect(textOf(await pressed.text())).toContain(`Ihre E-Mail-Adresse ${email} ist bestätigt.`);
		expect(await confirmedAt(email)).not.toBeNull();

		// Used once: the link now says so.
		const again = await postForm(server.url, path, {});
		expect(again.status).toBe(400);
		expect(textOf(await again.text())).toContain('Dieser Link gilt nicht');

		// Now commenting works.
		const posted = await postForm(
			server.url,
			`${measurePage}?/comment`,
			{ body: 'Jetzt mit bestätigter Adresse.' },
			{ cookie }
		);
		expect(posted.status).toBe(303);
		expect(await countWhere('comments', userId)).toBe(1);
	});

	it('sends the link again on request, within a limit, and says so in German', async () => {
		const email = uniqueEmail('nochmal');
		const cookie = await registerUnconfirmed(server.url, email);
		await mailTo(email, /^Bitte bestätigen/);
		const resend = () =>
			postForm(server.url, '/adresse-bestaetigen', { weiter: measurePage }, { cookie });

		const first = await resend();
		expect(first.status).toBe(200);
		const page = textOf(await first.text());
		expect(page).toContain(`Wir haben einen neuen Link an ${email} gesendet.`);
		expect(page).toContain('Zurück zur vorigen Seite');
		const second = await mailTo(email, /^Bitte bestätigen/, 2);

		expect((await resend()).status).toBe(200);
		const over = await resend();
		expect(over.status).toBe(429);
		expect(textOf(await over.text())).toMatch(/Bitte versuchen Sie es in \d+ Minuten wieder\./);

		// The newer link works.
		expect((await postForm(server.url, linkPath(second), {})).status).toBe(200);
		expect(await confirmedAt(email)).not.toBeNull();
	});

	it('tells the owner, not the registrant, when an address already has an account', async () => {
		const email = uniqueEmail('doppelt');
		await register(server, email, PASSWORD, 'Olga Owner');
		const response = await postForm(server.url, '/registrieren', {
			displayName: 'Mallory Fremd',
			email: email.toUpperCase(),
			password: 'ein-anderes-passwort'
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/anmelden?konto=angelegt&weiter=%2F');
		const notice = await mailTo(email, /^Ihr Konto bei Agendawerk$/);
		expect(notice.text).toContain('Guten Tag Olga Owner,');
		expect(notice.text).toContain('jemand wollte mit Ihrer Adresse ein Konto');
		expect(notice.text).toContain(`${ORIGIN}/passwort-vergessen`);
		expect(notice.text).not.toContain('Mallory');
		await expect(login(server.url, email, PASSWORD)).resolves.toBeTruthy();
	});
});

describe('address change', () => {
	it('links the new address, tells the old one, and switches only when the link is followed', async () => {
		const oldEmail = uniqueEmail('alt');
		const newEmail = uniqueEmail('neu');
		const cookie = await register(server, oldEmail, PASSWORD, 'Wanda Wechsel');
		const change = (fields: Record<string, string>) =>
			postForm(server.url, '/konto?/email', fields, { cookie });

		const wrong = await change({ email: newEmail, currentPassword: 'falsches-passwort' });
		expect(wrong.status).toBe(400);
		expect(textOf(await wrong.text())).toContain('Das Passwort stimmt nicht.');
		const invalid = await change({ email: 'kein-at', currentPassword: PASSWORD });
		expect(invalid.status).toBe(400);
		expect(textOf(await invalid.text())).toContain(
			'Bitte geben Sie eine gültige E-Mail-Adresse ein.'
		);

		const asked = await change({ email: newEmail, currentPassword: PASSWORD });
		expect(asked.status).toBe(200);
		expect(textOf(await asked.text())).toContain(`Wir haben einen Link an ${newEmail} geschickt.`);
		const link = await mailTo(newEmail, /^Bitte bestätigen Sie Ihre neue E-Mail-Adresse$/);
		const notice = await mailTo(oldEmail, /soll geändert werden$/);
		expect(notice.text).toContain(`soll geändert werden in ${newEmail}`);
		expect(notice.text).not.toContain('/adresse-bestaetigen/');
		// Until the link is followed the old address is the account's.
		await expect(login(server.url, oldEmail, PASSWORD)).resolves.toBeTruthy();

		const pressed = await postForm(server.url, linkPath(link), {});
		expect(textOf(await pressed.text())).toContain(
			`Ihre neue E-Mail-Adresse ${newEmail} ist bestätigt`
		);
		await expect(login(server.url, newEmail, PASSWORD)).resolves.toBeTruthy();
		await expect(login(server.url, oldEmail, PASSWORD)).rejects.toThrow();
		expect(await confirmedAt(newEmail)).not.toBeNull();
		const audit = await queryDatabase<{ action: string; details: string | null }>(
			server.databasePath,
			"SELECT action, details FROM audit_log WHERE action LIKE 'user.email-change%'"
		);
		expect(audit.map((row) => row.action)).toEqual([
			'user.email-change-request',
			'user.email-change'
		]);
		expect(JSON.stringify(audit)).not.toContain(linkPath(link).split('/').at(-1));
	});

	it('answers the same for an address another account has, and changes and mails nothing', async () => {
		const email = uniqueEmail('bleibt');
		const cookie = await register(server, email);
		await mailTo(email, /^Bitte bestätigen/);
		const before = smtp.received.length;
		const asked = await postForm(
			server.url,
			'/konto?/email',
			{ email: DEMO.citizen, currentPassword: PASSWORD },
			{ cookie }
		);
		expect(asked.status).toBe(200);
		expect(textOf(await asked.text())).toContain(
			`Wir haben einen Link an ${DEMO.citizen} geschickt.`
		);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(smtp.received.length).toBe(before);
		const [queued] = await queryDatabase<{ n: number }>(
			server.databasePath,
			'SELECT count(*) AS n FROM mails WHERE "to" = ?',
			DEMO.citizen
		);
		expect(queued?.n).toBe(0);
		await expect(login(server.url, email, PASSWORD)).resolves.toBeTruthy();
	});
});

describe('the account’s language', () => {
	it('comes from the page at registration and the switches, and writes the mails', async () => {
		const email = uniqueEmail('english');
		const registered = await postForm(
			server.url,
			'/registrieren',
			{ displayName: 'Emma English', email, password: PASSWORD },
			{ headers: { cookie: 'PARAGLIDE_LOCALE=en' } }
		);
		expect(registered.status).toBe(303);
		const mail = await mailTo(email, /^Please confirm your e-mail address$/);
		expect(mail.text).toContain('Hello Emma English,');
		const localeOf = async () =>
			(
				await queryDatabase<{ locale: string }>(
					server.databasePath,
					'SELECT locale FROM users WHERE email = ?',
					email
				)
			)[0]?.locale;
		expect(await localeOf()).toBe('en');

		const cookie = await login(server.url, email, PASSWORD);
		const saved = await postForm(server.url, '/konto?/language', { locale: 'de' }, { cookie });
		expect(saved.status).toBe(200);
		expect(await localeOf()).toBe('de');
		const bad = await postForm(server.url, '/konto?/language', { locale: 'fr' }, { cookie });
		expect(bad.status).toBe(400);
		expect(textOf(await bad.text())).toContain('Bitte wählen Sie Deutsch oder Englisch.');
		expect(await localeOf()).toBe('de');

		// The footer's switch, signed in, is the account's choice too.
		const switched = await postForm(
			server.url,
			'/sprache',
			{ locale: 'en', weiter: '/' },
			{ cookie }
		);
		expect(switched.status).toBe(303);
		expect(await localeOf()).toBe('en');
		await postForm(server.url, '/passwort-vergessen', { email });
		const reset = await mailTo(email, /^New password/);
		expect(reset.text).toContain('Hello Emma English,');
	});
});
