import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setNotificationPreferences } from '../../src/lib/server/notifications/preferences';
import { withDatabase } from '../support/database';
import { DEMO, postForm, register, uniqueEmail, userIdOf } from '../support/http';
import { copyAgendaWithMembers, openTestParticipation } from '../support/participation';
import { startTestServer, type TestServer } from '../support/server';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

/**
 * The AG's digest on the running server: the notification scheduler finds the new comment, and
 * the owner who chose the immediate digest receives it over SMTP, once, linked to the editor.
 */
const ORIGIN = 'https://agenda.musterstadt.example';
const SLUG = 'zusammenfassung';
const TITLE = `Testbeteiligung ${SLUG}`;

describe('the digest of new comments', () => {
	let smtp: TestSmtp;
	let server: TestServer;
	let agendaId = '';
	let measureId = '';

	beforeAll(async () => {
		smtp = await startTestSmtp();
		server = await startTestServer({
			SMTP_URL: smtp.url,
			ORIGIN,
			MAIL_POLL_MS: '100',
			NOTIFICATION_POLL_MS: '200',
			RATE_LIMIT_LOGIN_PER_IP: '1000'
		});
		agendaId = await copyAgendaWithMembers(server.databasePath, 'musterstadt', SLUG);
		const participation = await openTestParticipation(server.databasePath, { slug: SLUG });
		measureId = participation.content.measures[0]?.id ?? '';
		const owner = await userIdOf(server.databasePath, DEMO.admin);
		await withDatabase(
			server.databasePath,
			async (db) => await setNotificationPreferences(db, owner, { 'agenda-digest': 'immediate' })
		);
	});

	afterAll(async () => {
		await server?.stop();
		await smtp?.stop();
	});

	/** Digests of this test's agenda that reached `address` (the demo agenda has its own). */
	const digestsTo = (address: string): ParsedMail[] =>
		smtp.received.filter(
			(mail) =>
				mail.subject?.startsWith(`${TITLE}:`) &&
				(Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) => to?.text === address)
		);

	it('mails an owner who chose it the new comment at once, linked to the editor, and only once', async () => {
		const email = uniqueEmail('digest');
		// With ORIGIN set, the server takes forms only from pages of that origin.
		const citizen = await register(server, email, 'ein-langes-passwort', 'Clara Bürger', {
			origin: ORIGIN
		});
		const posted = await postForm(
			server.url,
			`/beteiligung/${SLUG}/massnahmen/${measureId}?/comment`,
			{ body: 'Bitte auch Sprechstunden per Video anbieten.' },
			{ cookie: citizen, origin: ORIGIN }
		);
		expect(posted.status).toBe(303);

		await expect.poll(() => digestsTo(DEMO.admin).length, { timeout: 10_000 }).toBe(1);
		const [mail] = digestsTo(DEMO.admin);
		expect(mail?.subject).toBe(`${TITLE}: 1 neuer Kommentar`);
		const link = `${ORIGIN}/agenden/${agendaId}/bearbeiten?abschnitt=massnahmen&massnahme=${measureId}`;
		expect(mail?.text).toContain(`im Editor: ${link}`);
		expect(mail?.text).toContain('Clara Bürger am ');
		expect(mail?.text).toContain('„Bitte auch Sprechstunden per Video anbieten.“');
		expect(mail?.html).toContain(link.replaceAll('&', '&amp;'));
		// mailparser reads List-Unsubscribe into its parts; the raw line is in headerLines.
		const unsubscribe = mail?.headerLines.find((line) => line.key === 'list-unsubscribe')?.line;
		expect(unsubscribe).toMatch(
			new RegExp(`<${ORIGIN.replaceAll('.', '\\.')}/abbestellen/\\S+/agenda-digest>`)
		);

		// Several runs of the scheduler later: still one, and nothing yet for the editors (daily).
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(digestsTo(DEMO.admin)).toHaveLength(1);
		expect(digestsTo(DEMO.editor)).toHaveLength(0);
	});
});
