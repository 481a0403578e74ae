import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText } from '../../src/lib/server/export/testing/docx-text';
import { addComment } from '../../src/lib/server/participation/comments';
import { currentPhase } from '../../src/lib/server/participation/phases';
import { withDatabase } from '../support/database';
import { DEMO, downloadExport, get, login, postForm, queryDatabase } from '../support/http';
import { copyAgendaWithMembers, openTestParticipation } from '../support/participation';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Export files under load: a Fassung's files are rendered once and then served from memory until
 * what they show changes, and visitors without a session get a few downloads a minute per address.
 */
const LIMIT = 4;
let server: TestServer;
let owner = '';
let agendaId = '';

beforeAll(async () => {
	server = await startTestServer({
		RATE_LIMIT_LOGIN_PER_IP: '1000',
		RATE_LIMIT_EXPORT_PER_IP: String(LIMIT)
	});
	owner = await login(server.url, DEMO.admin);
	agendaId = await copyAgendaWithMembers(server.databasePath, 'musterstadt', 'zwischenspeicher');
	await openTestParticipation(server.databasePath, { slug: 'zwischenspeicher' });
}, 60_000);

afterAll(async () => {
	await server?.stop();
});

const download = (file: string, cookie: string, query?: string) =>
	downloadExport(server.url, agendaId, file, cookie, query);

describe('files of a Fassung', () => {
	it('are rendered once and served byte for byte from memory after', async () => {
		for (const file of ['agenda.pdf', 'beschlussvorlage.docx']) {
			const first = await download(file, owner);
			const second = await download(file, owner);
			expect(first.response.status).toBe(200);
			expect(first.response.headers.get('x-export-cache')).toBe('miss');
			expect(second.response.headers.get('x-export-cache')).toBe('hit');
			expect(second.body.equals(first.body)).toBe(true);
			expect(second.response.headers.get('content-disposition')).toBe(
				first.response.headers.get('content-disposition')
			);
		}
	});

	it('are rendered again when the participation they report on changed', async () => {
		const before = await download('agenda.pdf', owner);
		expect(before.response.headers.get('x-export-cache')).toBe('hit');
		await withDatabase(server.databasePath, async (db) => {
			const phase = await currentPhase(db, agendaId);
			const [author] = await queryDatabase<{ id: string }>(
				server.databasePath,
				'SELECT id FROM users'
			);
			if (!phase || !author) throw new Error('Keine Beteiligung');
			const result = await addComment(db, {
				origin: null,
				participation: phase,
				item: { kind: 'section', id: 'ausgangslage' },
				parentId: null,
				authorId: author.id,
				body: 'Ein neuer Beitrag.'
			});
			if (!result.ok) throw new Error(result.error);
		});
		const after = await download('agenda.pdf', owner);
		expect(after.response.headers.get('x-export-cache')).toBe('miss');
		expect(after.body.equals(before.body)).toBe(false);
		expect((await download('agenda.pdf', owner)).response.headers.get('x-export-cache')).toBe(
			'hit'
		);
	});

	it('are rendered again when the deciding body the Vorlage names changed', async () => {
		await download('beschlussvorlage.docx', owner);
		const before = await download('beschlussvorlage.docx', owner);
		expect(before.response.headers.get('x-export-cache')).toBe('hit');
		expect((await docxText(before.body)).text).toContain('Das Beschlussgremium beschließt');
		const saved = await postForm(
			server.url,
			'/verwaltung/einstellungen',
			{ imprint: '', privacy: '', decidingBody: 'Kreistag' },
			{ cookie: owner }
		);
		expect(saved.status).toBe(200);
		const after = await download('beschlussvorlage.docx', owner);
		expect(after.response.headers.get('x-export-cache')).toBe('miss');
		expect((await docxText(after.body)).text).toContain('Der Kreistag beschließt');
	});

	it('are not kept for the draft, which changes all the time', async () => {
		const draft = await download('agenda.pdf', owner, '');
		expect(draft.response.status).toBe(200);
		expect(draft.response.headers.get('x-export-cache')).toBeNull();
	});
});

describe('downloads without a session', () => {
	it(`are limited to ${LIMIT} a minute per address, with a German 429 and Retry-After`, async () => {
		for (let attempt = 1; attempt <= LIMIT; attempt++) {
			expect((await download('finanzplan.pdf', '')).response.status, `${attempt}`).toBe(200);
		}
		const refused = await download('finanzplan.pdf', '');
		expect(refused.response.status).toBe(429);
		expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(Number(refused.response.headers.get('retry-after'))).toBeLessThanOrEqual(60);
		expect(refused.body.toString('utf8')).toContain('Zu viele Downloads');
		const oparl = await get(server.url, `/api/agendas/${agendaId}/oparl/body?fassung=1`);
		expect(oparl.status).toBe(429);
		// An OParl client reads it as an OParl error object (§2-09), CORS header included.
		expect(oparl.headers.get('access-control-allow-origin')).toBe('*');
		expect(Number(oparl.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await oparl.json()).toEqual({
			type: 'https://schema.oparl.org/1.1/Error',
			message: expect.stringContaining('Zu viele Downloads')
		});
		// Members are not counted.
		for (let attempt = 1; attempt <= LIMIT + 1; attempt++) {
			expect((await download('finanzplan.pdf', owner)).response.status).toBe(200);
		}
		expect(server.output()).not.toMatch(/Error|at .*\.js:\d+/);
	});
});
