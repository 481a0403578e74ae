import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	DEMO,
	decodeHtml,
	get,
	login,
	postForm,
	queryDatabase,
	register,
	uniqueEmail
} from '../support/http';
import { copyAgendaWithMembers, openTestParticipation } from '../support/participation';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Once the AG answered a comment, its author can no longer change it (the answer must not refer
 * to a text that changed since); deleting stays possible, and the answer stays beside the note
 * that the author deleted the comment.
 */
describe('answered comments are frozen', () => {
	let server: TestServer;
	let agendaId = '';
	let versionId = '';
	let measurePage = '';
	let author = '';
	const cookies: Record<string, string> = {};

	beforeAll(async () => {
		server = await startTestServer({ RATE_LIMIT_LOGIN_PER_IP: '1000' });
		agendaId = await copyAgendaWithMembers(server.databasePath, 'musterstadt', 'eingefroren');
		const participation = await openTestParticipation(server.databasePath, { slug: 'eingefroren' });
		versionId = participation.versionId;
		measurePage = `/beteiligung/eingefroren/massnahmen/${participation.content.measures[0]?.id}`;
		for (const who of ['admin', 'editor'] as const)
			cookies[who] = await login(server.url, DEMO[who]);
		author = await register(server, uniqueEmail('frost'), 'ein-langes-passwort', 'Frost');
	});

	afterAll(async () => {
		await server?.stop();
	});

	const body = async (id: string) =>
		(
			await queryDatabase<{ body: string }>(
				server.databasePath,
				'SELECT body FROM comments WHERE id = ?',
				id
			)
		)[0]?.body;

	async function postAndAnswer(text: string): Promise<string> {
		expect(
			(await postForm(server.url, `${measurePage}?/comment`, { body: text }, { cookie: author }))
				.status
		).toBe(303);
		const [row] = await queryDatabase<{ id: string }>(
			server.databasePath,
			'SELECT id FROM comments WHERE body = ?',
			text
		);
		const id = row?.id ?? '';
		const answered = await postForm(
			server.url,
			`/agenden/${agendaId}/bearbeiten?/answer`,
			{
				commentId: id,
				disposition: 'teilweise-uebernommen',
				reason: 'Wir prüfen die Sprechzeiten.'
			},
			{ cookie: cookies.editor }
		);
		expect(answered.status).toBe(200);
		return id;
	}

	it('refuses the edit with a German message and offers no edit form', async () => {
		const id = await postAndAnswer('Bitte längere Sprechzeiten am Samstag.');
		const refused = await postForm(
			server.url,
			`${measurePage}?/edit`,
			{ commentId: id, body: 'Ganz etwas anderes.' },
			{ cookie: author }
		);
		expect(refused.status).toBe(409);
		expect(decodeHtml(await refused.text())).toContain(
			'Die Arbeitsgruppe hat diesen Beitrag schon beantwortet.'
		);
		expect(await body(id)).toBe('Bitte längere Sprechzeiten am Samstag.');

		const page = await get(server.url, measurePage, { cookie: author });
		const html = await page.text();
		const entry = html.slice(html.indexOf(`id="kommentar-${id}"`));
		expect(entry).toContain('?/delete#kommentar-');
		expect(entry.slice(0, entry.indexOf('</article>'))).not.toContain('?/edit');
	});

	it('lets the author delete it; the published answer stays beside "Vom Verfasser gelöscht"', async () => {
		const id = await postAndAnswer('Bitte einen Wickeltisch im Bürgerbüro.');
		const published = await postForm(
			server.url,
			`/agenden/${agendaId}/fassungen?/publish`,
			{ versionId },
			{ cookie: cookies.admin }
		);
		expect(published.status).toBeLessThan(400);
		expect(
			(
				await postForm(
					server.url,
					`${measurePage}?/delete`,
					// Deleting asks first; this is the confirmed post.
					{ commentId: id, bestaetigt: 'ja' },
					{ cookie: author }
				)
			).status
		).toBe(303);
		const html = decodeHtml(await (await get(server.url, measurePage)).text());
		const entry = html.slice(html.indexOf(`id="kommentar-${id}"`));
		const card = entry.slice(0, entry.indexOf('</article>'));
		expect(card).toContain('Vom Verfasser gelöscht');
		expect(card).toContain('Wir prüfen die Sprechzeiten.');
		expect(card).not.toContain('Wickeltisch');
	});
});
