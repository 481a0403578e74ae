import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, get, post, postForm, queryDatabase, textOf, userIdOf } from '../support/http';
import { copyAgenda, openTestParticipation, updatePhase } from '../support/participation';
import { startTestServer, type TestServer } from '../support/server';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

/**
 * Notification settings on /konto, following an agenda's rounds, and unsubscribing from a mail's
 * link without signing in (RFC 8058 one-click too), against the real server and a real SMTP server.
 */
const ORIGIN = 'https://agenda.musterstadt.example';
const FAST = { MAIL_POLL_MS: '100', MAIL_RETRY_BASE_MS: '200', NOTIFICATION_POLL_MS: '200' };
const HOUR = 60 * 60 * 1000;
/** A demo citizen no other test here signs in as. */
const CITIZEN2 = 'buerger2@musterstadt.example';
const DAY = 24 * HOUR;

let smtp: TestSmtp;
let server: TestServer;

beforeAll(async () => {
	smtp = await startTestSmtp();
	server = await startTestServer({
		...FAST,
		SMTP_URL: smtp.url,
		ORIGIN,
		RATE_LIMIT_LOGIN_PER_IP: '1000'
	});
});

afterAll(async () => {
	await server?.stop();
	await smtp?.stop();
});

/** Same-site as the server sees it: with ORIGIN set, Kit compares form posts against ORIGIN. */
const SAME_SITE = { origin: ORIGIN };

const signIn = (email: string) =>
	postForm(server.url, '/anmelden', { email, password: 'demo-agendawerk' }, SAME_SITE).then(
		(response) => {
			const line = response.headers.getSetCookie().find((l) => l.startsWith('agendawerk_session='));
			if (!line) throw new Error(`Anmeldung von ${email} fehlgeschlagen: ${response.status}`);
			return line.split(';')[0] ?? '';
		}
	);

async function preferences(email: string): Promise<Record<string, string>> {
	const rows = await queryDatabase<{ kind: string; value: string }>(
		server.databasePath,
		'SELECT kind, value FROM notification_preferences WHERE user_id = ?',
		await userIdOf(server.databasePath, email)
	);
	return Object.fromEntries(rows.map((row) => [row.kind, row.value]));
}

/** A header as sent (mailparser files the `List-*` headers under one parsed `list` entry). */
function headerOf(mail: ParsedMail | undefined, name: string): string {
	const line = mail?.headerLines.find((header) => header.key === name.toLowerCase())?.line ?? '';
	return line.slice(name.length + 1).trim();
}

const CITIZEN_FORM = {
	'comment-answered': 'on',
	'comment-replied': 'on',
	'comment-moderated': 'on',
	'round-followed': 'on',
	'measure-followed': 'on'
};

describe('/konto: notifications', () => {
	it('offers each person the kinds of their role', async () => {
		const citizen = textOf(
			await (await get(server.url, '/konto', { cookie: await signIn(DEMO.citizen) })).text()
		);
		expect(citizen).toContain('Benachrichtigungen');
		expect(citizen).toContain('Runden, die Sie verfolgen');
		expect(citizen).not.toContain('Neue Kommentare und Meldungen in Ihren Agenden');
		expect(citizen).not.toContain('Neue Meldungen zur Moderation');

		const editor = await (
			await get(server.url, '/konto', { cookie: await signIn(DEMO.editor) })
		).text();
		expect(textOf(editor)).toContain('Neue Kommentare und Meldungen in Ihren Agenden');
		expect(editor).not.toContain('value="immediate"');
		expect(textOf(editor)).not.toContain('Neue Meldungen zur Moderation');

		const owner = await (
			await get(server.url, '/konto', { cookie: await signIn(DEMO.admin) })
		).text();
		expect(owner).toContain('value="immediate"');
		expect(textOf(owner)).toContain('Neue Meldungen zur Moderation');
	});

	it('saves the choices, and refuses "immediate" from a non-owner with a German error', async () => {
		const cookie = await signIn(DEMO.editor2);
		const refused = await postForm(
			server.url,
			'/konto?/notifications',
			{ ...CITIZEN_FORM, 'comment-replied': 'off', 'agenda-digest': 'immediate' },
			{ ...SAME_SITE, cookie }
		);
		expect(refused.status).toBe(400);
		expect(textOf(await refused.text())).toContain(
			'Bitte wählen Sie eine der angebotenen Möglichkeiten.'
		);
		expect(await preferences(DEMO.editor2)).toEqual({});

		const saved = await postForm(
			server.url,
			'/konto?/notifications',
			{ ...CITIZEN_FORM, 'comment-replied': 'off', 'agenda-digest': 'off' },
			{ ...SAME_SITE, cookie }
		);
		expect(saved.status).toBe(200);
		expect(textOf(await saved.text())).toContain('Ihre Benachrichtigungen wurden gespeichert.');
		expect(await preferences(DEMO.editor2)).toMatchObject({
			'comment-replied': 'off',
			'agenda-digest': 'off'
		});

		const owner = await signIn(DEMO.admin);
		const immediate = await postForm(
			server.url,
			'/konto?/notifications',
			{ ...CITIZEN_FORM, 'agenda-digest': 'immediate', 'moderation-report': 'on' },
			{ ...SAME_SITE, cookie: owner }
		);
		expect(immediate.status).toBe(200);
		expect((await preferences(DEMO.admin))['agenda-digest']).toBe('immediate');
	});

	it('refuses garbage without a 500', async () => {
		const cookie = await signIn(DEMO.viewer);
		const response = await post(
			server.url,
			'/konto?/notifications',
			'kaputt',
			'multipart/form-data',
			{
				...SAME_SITE,
				cookie
			}
		);
		expect(response.status).toBe(400);
		const bad = await postForm(
			server.url,
			'/konto?/notifications',
			{ unfollow: 'aaaaaaaaaaaaaaaa' },
			{ ...SAME_SITE, cookie }
		);
		expect(bad.status).toBe(400);
		expect(textOf(await bad.text())).toContain(
			'Dieser Beteiligung oder Maßnahme folgen Sie nicht (mehr).'
		);
	});
});

describe('following rounds and unsubscribing', () => {
	it('mails followers when a round opens; one click without Origin or cookie unsubscribes', async () => {
		// An agenda of its own, in a round that began long ago and runs for weeks: nothing to tell.
		await copyAgenda(server.databasePath, 'musterstadt', 'folgen');
		await openTestParticipation(server.databasePath, {
			slug: 'folgen',
			startsAt: new Date(Date.now() - 3 * DAY),
			endsAt: new Date(Date.now() + 30 * DAY)
		});
		const cookie = await signIn(CITIZEN2);
		const page = await get(server.url, '/beteiligung/folgen', { cookie });
		expect(textOf(await page.text())).toContain(
			'Benachrichtigen, wenn eine Runde beginnt oder endet'
		);
		const followed = await postForm(
			server.url,
			'/beteiligung/folgen?/follow',
			{},
			{ ...SAME_SITE, cookie }
		);
		expect(followed.status).toBe(200);
		expect(textOf(await followed.text())).toContain('Sie verfolgen diese Beteiligung jetzt.');
		const settings = textOf(await (await get(server.url, '/konto', { cookie })).text());
		expect(settings).toContain('„Testbeteiligung folgen“ nicht mehr verfolgen');

		const before = smtp.received.length;
		const round = await openTestParticipation(server.databasePath, {
			slug: 'folgen',
			startsAt: new Date(Date.now() - 60_000)
		});
		await expect.poll(() => smtp.received.length, { timeout: 10_000 }).toBe(before + 1);
		const mail = smtp.received.at(-1);
		expect(mail?.to).toMatchObject({ text: 'buerger2@musterstadt.example' });
		expect(mail?.subject).toBe('Beteiligung „Testbeteiligung folgen“: Runde 2 hat begonnen');
		expect(mail?.text).toContain(`${ORIGIN}/beteiligung/folgen?fassung=`);
		expect(headerOf(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
		const link = /^<([^>]+)>$/.exec(headerOf(mail, 'List-Unsubscribe'))?.[1] ?? '';
		expect(link).toMatch(new RegExp(`^${ORIGIN}/abbestellen/[a-z2-7]+/round-followed$`));
		const path = link.slice(ORIGIN.length);

		// GET (a mail scanner's prefetch, or the reader) only shows what a click would do.
		const shown = await get(server.url, path);
		expect(shown.status).toBe(200);
		expect(shown.headers.get('x-robots-tag')).toBe('noindex');
		const shownText = textOf(await shown.text());
		expect(shownText).toContain('b***@musterstadt.example');
		expect(shownText).toContain('Runden, die Sie verfolgen');
		expect(await preferences(CITIZEN2)).toEqual({});

		// The mail provider's one-click POST: no Origin, no cookie.
		const oneClick = await fetch(server.url + path, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'List-Unsubscribe=One-Click'
		});
		expect(oneClick.status).toBe(200);
		expect(await preferences(CITIZEN2)).toEqual({ 'round-followed': 'off' });

		// The round is about to end: a follower who unsubscribed hears nothing of it.
		await updatePhase(server.databasePath, round.phaseId, { endsAt: new Date(Date.now() + DAY) });
		await new Promise((done) => setTimeout(done, 1_500));
		expect(smtp.received.length).toBe(before + 1);
		expect(
			await queryDatabase(
				server.databasePath,
				'SELECT * FROM notifications_sent WHERE event_key = ?',
				`round-ending:${round.phaseId}`
			)
		).toEqual([]);
	});

	it('the page button unsubscribes too, and says so in German', async () => {
		const token = (
			await queryDatabase<{ token: string }>(
				server.databasePath,
				'SELECT unsubscribe_token AS token FROM users WHERE email = ?',
				CITIZEN2
			)
		)[0]?.token;
		const response = await postForm(
			server.url,
			`/abbestellen/${token}/comment-replied`,
			{},
			SAME_SITE
		);
		expect(response.status).toBe(200);
		const text = textOf(await response.text());
		expect(text).toContain(
			'Abbestellt: An b***@musterstadt.example gehen keine Mails zu „Antworten auf Ihre Kommentare“ mehr.'
		);
		expect((await preferences(CITIZEN2))['comment-replied']).toBe('off');
	});

	it('knows no unknown link, and changes nothing for it', async () => {
		const before = await preferences(CITIZEN2);
		for (const path of [
			'/abbestellen/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/round-followed',
			'/abbestellen/x/round-followed'
		]) {
			const shown = await get(server.url, path);
			expect(shown.status).toBe(404);
			expect(textOf(await shown.text())).toContain('Dieser Abbestell-Link ist ungültig.');
			const posted = await fetch(server.url + path, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: 'List-Unsubscribe=One-Click'
			});
			expect(posted.status).toBe(404);
		}
		const token = (
			await queryDatabase<{ token: string }>(
				server.databasePath,
				'SELECT unsubscribe_token AS token FROM users WHERE email = ?',
				CITIZEN2
			)
		)[0]?.token;
		const unknownKind = await postForm(
			server.url,
			`/abbestellen/${token}/newsletter`,
			{},
			SAME_SITE
		);
		expect(unknownKind.status).toBe(404);
		expect(await preferences(CITIZEN2)).toEqual(before);
	});

	it('still refuses cross-site and Origin-less form posts to every other route', async () => {
		const cookie = await signIn(DEMO.viewer);
		const form = { ...CITIZEN_FORM, 'agenda-digest': 'off' };
		const crossSite = await postForm(server.url, '/konto?/notifications', form, {
			origin: 'https://boese.example',
			cookie
		});
		expect(crossSite.status).toBe(403);
		const withoutOrigin = await fetch(`${server.url}/konto?/notifications`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
			body: new URLSearchParams(form).toString()
		});
		expect(withoutOrigin.status).toBe(403);
		expect(await preferences(DEMO.viewer)).toEqual({});
		expect(server.output()).not.toMatch(/Error|at .*\.js:\d+/);
	});
});
