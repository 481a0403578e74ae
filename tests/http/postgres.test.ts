import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { metaMap } from '../../src/lib/agenda/ydoc/layout';
import { connectClient, waitFor } from '../support/collab';
import { DEMO, downloadExport, get, login, postForm, textOf } from '../support/http';
import { createDatabase, startPostgres, type PostgresCluster } from '../support/postgres';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The production server on PostgreSQL (`DATABASE_URL`) instead of SQLite: it migrates and seeds
 * an empty database, serves the demo, takes a citizen's comment and stores a collab edit, all in
 * PostgreSQL. The same server code runs here as on SQLite in every other test.
 */
describe('the app on PostgreSQL', () => {
	let cluster: PostgresCluster;
	let sql: postgres.Sql;
	let server: TestServer;
	let databaseUrl = '';

	beforeAll(async () => {
		cluster = await startPostgres();
		databaseUrl = await createDatabase(cluster);
		sql = postgres(databaseUrl, { onnotice: () => {} });
		server = await startTestServer({ DATABASE_URL: databaseUrl });
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
		await sql?.end();
		cluster?.stop();
	});

	it('migrates and seeds the empty database, and serves the demo from it', async () => {
		const [users] = await sql<{ count: number }[]>`select count(*)::int as count from users`;
		expect(users?.count).toBeGreaterThan(3);
		const agendas = await sql<{ slug: string }[]>`select slug from agendas order by slug`;
		expect(agendas.map((agenda) => agenda.slug)).toEqual(
			expect.arrayContaining(['beispielhausen', 'musterstadt'])
		);
		const page = await get(server.url, '/beteiligung/musterstadt');
		expect(page.status).toBe(200);
		expect(textOf(await page.text())).toContain('Musterstadt');
		expect(server.output()).not.toMatch(/Error|Fehler/);
	});

	it('signs a citizen in and stores their comment', async () => {
		const cookie = await login(server.url, DEMO.citizen);
		const overview = await (await get(server.url, '/beteiligung/musterstadt', { cookie })).text();
		const measurePath = /\/beteiligung\/musterstadt\/massnahmen\/[\w-]+/.exec(overview)?.[0];
		expect(measurePath).toBeDefined();
		const body = 'Bitte auch an die Ortsteile ohne Glasfaser denken.';
		const response = await postForm(server.url, `${measurePath}?/comment`, { body }, { cookie });
		expect(response.status).toBe(303);
		const stored = await sql<{ body: string; status: string }[]>`
			select body, status from comments where body = ${body}`;
		expect(stored).toEqual([{ body, status: 'visible' }]);
		const page = await (await get(server.url, measurePath!, { cookie })).text();
		expect(textOf(page)).toContain(body);
	});

	it('stores a collab edit in PostgreSQL and sends it to the other editor', async () => {
		const cookie = await login(server.url, DEMO.editor);
		const [agenda] = await sql<{ id: string }[]>`select id from agendas where slug = 'musterstadt'`;
		const before = await sql<{ count: number }[]>`
			select count(*)::int as count from doc_updates where agenda_id = ${agenda!.id}`;
		const writer = await connectClient(server.url, agenda!.id, cookie);
		const reader = await connectClient(server.url, agenda!.id, cookie);
		try {
			const title = metaMap(writer.doc).get('title');
			expect(title).toBeInstanceOf(Y.Text);
			writer.doc.transact(() => (title as Y.Text).insert(0, 'Neu: '));
			await waitFor(
				() => String(metaMap(reader.doc).get('title')).startsWith('Neu: '),
				10_000,
				'Änderung beim zweiten Bearbeiter'
			);
			const after = await sql<{ count: number }[]>`
				select count(*)::int as count from doc_updates where agenda_id = ${agenda!.id}`;
			expect(after[0]!.count).toBeGreaterThan(before[0]!.count);
		} finally {
			writer.destroy();
			reader.destroy();
		}
	});

	it('serves the progress page, the team monitoring and the exports from PostgreSQL', async () => {
		const progress = await get(server.url, '/umsetzung/beispielhausen');
		expect(progress.status).toBe(200);
		expect(textOf(await progress.text())).toContain('Beispielhausen');
		const [agenda] = await sql<{ id: string }[]>`
			select id from agendas where slug = 'beispielhausen'`;
		const owner = await login(server.url, 'verwaltung@beispielhausen.example');
		const team = await get(server.url, `/agenden/${agenda!.id}/umsetzung`, { cookie: owner });
		expect(team.status).toBe(200);
		const report = await downloadExport(
			server.url,
			agenda!.id,
			'sachstandsbericht.pdf',
			owner,
			'?stichtag=2025-12-31'
		);
		expect(report.response.status).toBe(200);
		expect(report.body.subarray(0, 5).toString()).toBe('%PDF-');
		const vorlage = await downloadExport(server.url, agenda!.id, 'beschlussvorlage.docx', owner);
		expect(vorlage.response.status).toBe(200);
		expect(vorlage.body.subarray(0, 2).toString()).toBe('PK');
	});

	it('starts again on the same database without seeding it twice', async () => {
		await server.stop();
		server = await startTestServer({ DATABASE_URL: databaseUrl });
		const [agendas] = await sql<{ count: number }[]>`select count(*)::int as count from agendas`;
		expect(agendas?.count).toBe(2);
		expect((await get(server.url, '/')).status).toBe(200);
		// Nothing above failed quietly on the server's side either.
		expect(server.output()).not.toMatch(/Error|Fehler|gestört/);
	}, 60_000);
});
