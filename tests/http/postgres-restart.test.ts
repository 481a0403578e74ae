import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { metaMap } from '../../src/lib/agenda/ydoc/layout';
import { connectClient, openRaw, waitFor } from '../support/collab';
import { DEMO, get, login, postForm, textOf } from '../support/http';
import { createDatabase, startPostgres, type PostgresCluster } from '../support/postgres';
import { startTestServer, type TestServer } from '../support/server';

const UNREACHABLE = /Datenbank ist vorübergehend nicht erreichbar/;
/** A stack trace line, as Node prints one. */
const STACK_LINE = /^\s+at /m;

/**
 * PostgreSQL goes away under a running server and comes back (architecture §3.2 „PostgreSQL
 * startet neu“): meanwhile every kind of request gets a calm German 503 with Retry-After, the
 * process stays up, and afterwards everything works again without restarting the app.
 */
describe('the app while PostgreSQL restarts', () => {
	let cluster: PostgresCluster;
	let server: TestServer;
	let databaseUrl = '';
	let agendaId = '';
	let measurePath = '';
	let citizen = '';
	let editor = '';

	/** A connection of the test's own, opened per use: it must not outlive the outage. */
	async function query<T extends object>(text: string, ...params: string[]): Promise<T[]> {
		const sql = postgres(databaseUrl, { onnotice: () => {}, max: 1 });
		try {
			return await sql.unsafe<T[]>(text, params);
		} finally {
			await sql.end();
		}
	}

	beforeAll(async () => {
		cluster = await startPostgres();
		databaseUrl = await createDatabase(cluster);
		server = await startTestServer({ DATABASE_URL: databaseUrl });
		const [agenda] = await query<{ id: string }>(
			"select id from agendas where slug = 'musterstadt'"
		);
		agendaId = agenda!.id;
		citizen = await login(server.url, DEMO.citizen);
		editor = await login(server.url, DEMO.editor);
		const overview = await (await get(server.url, '/beteiligung/musterstadt')).text();
		measurePath = /\/beteiligung\/musterstadt\/massnahmen\/[\w-]+/.exec(overview)?.[0] ?? '';
		expect(measurePath).not.toBe('');
		// The pools of the server now hold idle connections, which the stop below ends.
	}, 120_000);

	afterAll(async () => {
		await server?.stop();
		cluster?.stop();
	});

	it('answers 503 in German while PostgreSQL is down, and stays up', async () => {
		cluster.stopServer();
		// Idle connections of the pools are ended by the shutdown: that must not end the process.
		await new Promise((resolve) => setTimeout(resolve, 300));

		const pages: { path: string; cookie?: string }[] = [
			{ path: '/' },
			{ path: '/beteiligung/musterstadt' },
			{ path: measurePath },
			{ path: '/beteiligung/musterstadt', cookie: citizen },
			{ path: '/konto', cookie: editor }
		];
		for (const { path, cookie } of pages) {
			const response = await get(server.url, path, { cookie });
			const body = await response.text();
			expect({ path, cookie: !!cookie, status: response.status }).toEqual({
				path,
				cookie: !!cookie,
				status: 503
			});
			expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
			expect(response.headers.get('content-type')).toMatch(/^text\/html/);
			expect(textOf(body)).toMatch(UNREACHABLE);
			expect(body).not.toMatch(/\bat \S+ \(|node_modules|postgres/i);
		}

		const commented = await postForm(
			server.url,
			`${measurePath}?/comment`,
			{ body: 'Geschrieben, während die Datenbank fehlt.' },
			{ cookie: citizen }
		);
		expect(commented.status).toBe(503);
		expect(commented.headers.get('retry-after')).not.toBeNull();
		expect(textOf(await commented.text())).toMatch(UNREACHABLE);

		const loggedIn = await postForm(server.url, '/anmelden', {
			email: DEMO.citizen,
			password: 'demo-agendawerk'
		});
		expect(loggedIn.status).toBe(503);
		expect(textOf(await loggedIn.text())).toMatch(UNREACHABLE);

		// JSON: with a session (the lookup fails first) and without (the endpoint fails).
		for (const { path, cookie } of [
			{ path: '/api/agendas', cookie: editor },
			{ path: `/api/agendas/${agendaId}/oparl/system`, cookie: undefined }
		]) {
			const response = await get(server.url, path, { cookie, accept: 'application/json' });
			expect({ path, status: response.status }).toEqual({ path, status: 503 });
			expect(response.headers.get('retry-after')).not.toBeNull();
			expect(response.headers.get('content-type')).toMatch(/^application\/json/);
			const { message } = (await response.json()) as { message: string };
			expect(message).toMatch(UNREACHABLE);
		}

		expect(await openRaw(server.url, `/collab/${agendaId}`, { cookie: editor })).toEqual({
			status: 503
		});

		// Still the same process, still answering.
		expect(process.kill(server.pid, 0)).toBe(true);
		expect((await get(server.url, '/favicon.svg')).status).toBe(200);
	}, 60_000);

	it('works again once PostgreSQL is back, without restarting the app', async () => {
		cluster.startServer();

		// The first request after the restart may still meet a connection of the pool that failed
		// (one more 503, measured: the next request half a second later is served); then all is back.
		await waitFor(
			async () => (await get(server.url, '/')).status === 200,
			5_000,
			'Startseite nach dem Neustart'
		);
		for (const path of ['/', '/beteiligung/musterstadt']) {
			const response = await get(server.url, path);
			expect({ path, status: response.status }).toEqual({ path, status: 200 });
		}
		// The session made before the outage is still valid; a fresh sign-in works too.
		expect((await get(server.url, '/konto', { cookie: editor })).status).toBe(200);
		const again = await login(server.url, DEMO.citizen);

		const body = 'Nach dem Neustart der Datenbank geschrieben.';
		const commented = await postForm(
			server.url,
			`${measurePath}?/comment`,
			{ body },
			{ cookie: again }
		);
		expect(commented.status).toBe(303);
		expect(await query('select body from comments where body = $1', body)).toEqual([{ body }]);

		const count = async () =>
			(
				await query<{ count: number }>(
					'select count(*)::int as count from doc_updates where agenda_id = $1',
					agendaId
				)
			)[0]!.count;
		const before = await count();
		const writer = await connectClient(server.url, agendaId, editor);
		try {
			const title = metaMap(writer.doc).get('title') as Y.Text;
			writer.doc.transact(() => title.insert(0, 'Wieder da: '));
			await waitFor(async () => (await count()) > before, 10_000, 'Update in doc_updates');
		} finally {
			writer.destroy();
		}

		// The app looks once a second whether the database is back, and says so then.
		await waitFor(
			() => /Datenbank wieder erreichbar/.test(server.output()),
			10_000,
			'Meldung „Datenbank wieder erreichbar“'
		);
		const output = server.output();
		expect(output).not.toMatch(STACK_LINE);
		// The outage is told once, and its end once: not a line per request.
		const outageLines = output.split('\n').filter((line) => /Datenbank/.test(line));
		expect(outageLines.length).toBeGreaterThanOrEqual(2);
		expect(outageLines.length).toBeLessThanOrEqual(4);
		expect(output).toMatch(/Datenbank wieder erreichbar/);
	}, 60_000);
});
