import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	DEMO,
	DEMO_PASSWORD,
	get,
	login as logIn,
	postForm,
	queryDatabase,
	textOf
} from '../support/http';
import { DEMO_SLUG } from '../support/participation';
import { startTestServer, type TestServer } from '../support/server';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

/** Mails that leave the house link to ORIGIN; forms are posted from there, as a browser would. */
const ORIGIN = 'https://agenda.musterstadt.example';
const SECOND_CITIZEN = 'buerger2@musterstadt.example';
const SECTION = `/beteiligung/${DEMO_SLUG}/abschnitte/ausgangslage`;
/** Texts the demo's own comments do not contain. */
const unique = (text: string) => `${text} (${Date.now().toString(36)})`;

/**
 * The notifications about comments over the real server and a real SMTP server: a citizen
 * comments, the AG answers, the owner publishes, and the mail that arrives links to the comment
 * with its answer; a reply, a hidden comment and a report are told the same way.
 */
describe('notifications about comments', () => {
	let smtp: TestSmtp;
	let server: TestServer;
	let agendaId = '';
	const cookies: Record<string, string> = {};

	const form = (path: string, fields: Record<string, string>, cookie: string) =>
		postForm(server.url, path, fields, { cookie, origin: ORIGIN });

	const login = (email: string) => logIn(server.url, email, DEMO_PASSWORD, { origin: ORIGIN });

	async function commentId(body: string): Promise<string> {
		const [row] = await queryDatabase<{ id: string }>(
			server.databasePath,
			'SELECT id FROM comments WHERE body = ?',
			body
		);
		if (!row) throw new Error(`Kein Kommentar „${body}“`);
		return row.id;
	}

	/** The mail to `address` whose subject matches, once it arrived over SMTP. */
	async function mailTo(address: string, subject: RegExp): Promise<ParsedMail> {
		const find = () =>
			smtp.received.find(
				(mail) =>
					!Array.isArray(mail.to) && mail.to?.text === address && subject.test(mail.subject ?? '')
			);
		await expect.poll(() => find() !== undefined, { timeout: 10_000 }).toBe(true);
		return find()!;
	}

	beforeAll(async () => {
		smtp = await startTestSmtp();
		server = await startTestServer({
			SMTP_URL: smtp.url,
			ORIGIN,
			MAIL_POLL_MS: '100',
			RATE_LIMIT_LOGIN_PER_IP: '1000'
		});
		for (const [who, email] of [
			['admin', DEMO.admin],
			['editor', DEMO.editor],
			['citizen', DEMO.citizen],
			['second', SECOND_CITIZEN]
		] as const) {
			cookies[who] = await login(email);
		}
		const [agenda] = await queryDatabase<{ id: string }>(
			server.databasePath,
			'SELECT id FROM agendas WHERE slug = ?',
			DEMO_SLUG
		);
		agendaId = agenda?.id ?? '';
	});

	afterAll(async () => {
		await server?.stop();
		await smtp?.stop();
	});

	const team = (path: string) => `/agenden/${agendaId}${path}`;

	it('mails the published answer with a link to the comment, which shows comment and answer', async () => {
		const body = unique('Bitte die Ausgangslage um die Bibliothek ergänzen.');
		expect((await form(`${SECTION}?/comment`, { body }, cookies.citizen ?? '')).status).toBe(303);
		const id = await commentId(body);
		const answer = {
			commentId: id,
			disposition: 'uebernommen',
			reason: 'Die Bibliothek ist ergänzt.'
		};
		expect((await form(team('/bearbeiten?/answer'), answer, cookies.editor ?? '')).status).toBe(
			200
		);
		const [version] = await queryDatabase<{ id: string }>(
			server.databasePath,
			'SELECT v.id FROM versions v JOIN comments c ON c.version_id = v.id WHERE c.id = ?',
			id
		);
		const published = await form(
			team('/fassungen?/publish'),
			{ versionId: version?.id ?? '' },
			cookies.admin ?? ''
		);
		expect(published.status).toBe(200);

		const mail = await mailTo(DEMO.citizen, /^Antwort auf Ihren Kommentar zu „/);
		const link = `${ORIGIN}${SECTION}#kommentar-${id}`;
		expect(mail.text).toContain(link);
		expect(mail.text).toContain('Umgang mit dem Hinweis: übernommen');
		expect(mail.html).toContain(`href="${link}"`);
		expect(mail.headerLines.map((line) => line.key)).toContain('list-unsubscribe');

		const path = new URL(link).pathname;
		const page = await get(server.url, path);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(`id="kommentar-${id}"`);
		const text = textOf(html);
		expect(text).toContain(body);
		expect(text).toContain('Die Bibliothek ist ergänzt.');
	});

	it('mails a reply to the comment’s author, the hiding to the author and a report to the owner', async () => {
		const body = unique('Ein Kommentar, auf den geantwortet wird.');
		await form(`${SECTION}?/comment`, { body }, cookies.citizen ?? '');
		const parentId = await commentId(body);
		const replyBody = unique('Dem schließe ich mich an.');
		const reply = await form(
			`${SECTION}?/reply`,
			{ parentId, body: replyBody },
			cookies.second ?? ''
		);
		expect(reply.status).toBe(303);
		const replied = await mailTo(DEMO.citizen, /^Neue Antwort auf Ihren Kommentar/);
		expect(replied.text).toContain(`${ORIGIN}${SECTION}#kommentar-${await commentId(replyBody)}`);

		const reported = await form(
			`${SECTION}?/report`,
			{ commentId: parentId, reason: 'Unsachlich' },
			cookies.second ?? ''
		);
		expect(reported.status).toBe(303);
		const report = await mailTo(DEMO.admin, /^Neue Meldung in der Moderation/);
		expect(report.text).toContain(`${ORIGIN}/agenden/${agendaId}/moderation`);
		expect(report.text).toContain('Grund der Meldung: Unsachlich');
		expect(report.text).not.toContain('Jonas');

		const hidden = await form(
			team('/moderation?/hide'),
			{ commentId: parentId, reason: 'Bitte sachlich bleiben' },
			cookies.admin ?? ''
		);
		expect(hidden.status).toBe(200);
		const told = await mailTo(DEMO.citizen, /wurde ausgeblendet$/);
		expect(told.text).toContain('Begründung der Moderation: Bitte sachlich bleiben');

		// Taken back on a second look: the author learns that it is public again.
		const restored = await form(
			team('/moderation?/restore'),
			{ commentId: parentId },
			cookies.admin ?? ''
		);
		expect(restored.status).toBe(200);
		const released = await mailTo(DEMO.citizen, /ist veröffentlicht$/);
		expect(released.text).toContain(`${ORIGIN}${SECTION}#kommentar-${parentId}`);
	});
});
