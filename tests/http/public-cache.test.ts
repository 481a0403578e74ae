import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, get, login, postForm } from '../support/http';
import { copyAgenda, openTestParticipation, setCommentStatus } from '../support/participation';
import { startTestServer, type TestServer } from '../support/server';
import { closeDatabase } from '../../src/lib/server/db/connection';
import { users } from '../../src/lib/server/db/schema';
import { openDatabaseAt } from '../support/database';
import { addComment } from '../../src/lib/server/participation/comments';
import { currentPhase } from '../../src/lib/server/participation/phases';

/**
 * Anonymous readers share a rendered participation page for a moment; signed-in visitors and
 * other languages get their own, and a write through the app empties the cache at once. The
 * server keeps pages for a minute here, so that what the cache does is visible.
 */
const SLUG = 'zwischenspeicher';
let server: TestServer;
let measurePath = '';
let citizen = '';
let commentId = '';
const HIDDEN_LATER = 'Dieser Beitrag wird gleich ausgeblendet.';

beforeAll(async () => {
	server = await startTestServer({ PUBLIC_PAGE_CACHE_MS: '60000' });
	await copyAgenda(server.databasePath, 'musterstadt', SLUG);
	const participation = await openTestParticipation(server.databasePath, { slug: SLUG });
	const measure = participation.content.measures[0];
	if (!measure) throw new Error('Keine Maßnahme');
	measurePath = `/beteiligung/${SLUG}/massnahmen/${measure.id}`;
	const db = openDatabaseAt(server.databasePath);
	try {
		const phase = await currentPhase(db, participation.agendaId);
		const [author] = await db.select({ id: users.id }).from(users).limit(1);
		if (!phase || !author) throw new Error('Keine Phase oder kein Konto');
		const result = await addComment(db, {
			origin: null,
			participation: phase,
			item: { kind: 'measure', id: measure.id },
			parentId: null,
			authorId: author.id,
			body: HIDDEN_LATER
		});
		if (!result.ok) throw new Error(result.error);
		commentId = result.comment.id;
	} finally {
		await closeDatabase(db);
	}
	citizen = await login(server.url, DEMO.citizen);
});

afterAll(async () => {
	await server?.stop();
});

const page = async (cookie = '') => (await get(server.url, measurePath, { cookie })).text();

describe('public page cache', () => {
	it('serves anonymous readers the same rendering, signed-in citizens their own', async () => {
		expect(await page()).toContain(HIDDEN_LATER);
		// Hidden behind the app's back (a second connection): the shared page does not know yet…
		await setCommentStatus(server.databasePath, commentId, 'hidden', 'Test');
		expect(await page()).toContain(HIDDEN_LATER);
		// …but a signed-in citizen's page is rendered for them.
		expect(await page(citizen)).not.toContain(HIDDEN_LATER);
	});

	it('answers a hit with the headers of the page as first sent', async () => {
		const headersOf = async () => {
			const response = await get(server.url, `/beteiligung/${SLUG}`);
			expect(response.status).toBe(200);
			await response.arrayBuffer();
			const headers = Object.fromEntries(response.headers);
			for (const volatile of ['date', 'connection', 'keep-alive', 'content-length']) {
				delete headers[volatile];
			}
			return headers;
		};
		const first = await headersOf();
		expect(first['x-frame-options']).toBe('DENY');
		expect(first['content-security-policy']).toContain("frame-ancestors 'none'");
		expect(first['content-type']).toMatch(/^text\/html/);
		expect(await headersOf()).toEqual(first);
	});

	it('keeps each language apart', async () => {
		const english = await page('PARAGLIDE_LOCALE=en');
		expect(english).toMatch(/<html lang="en">/);
		expect(await page()).toMatch(/<html lang="de">/);
	});

	it('empties on any write through the app', async () => {
		const response = await postForm(
			server.url,
			`${measurePath}?/comment`,
			{ body: 'Ein neuer Beitrag leert den Zwischenspeicher.' },
			{ cookie: citizen }
		);
		expect(response.status).toBe(303);
		const fresh = await page();
		expect(fresh).toContain('Ein neuer Beitrag leert den Zwischenspeicher.');
		expect(fresh).not.toContain(HIDDEN_LATER);
	});
});
