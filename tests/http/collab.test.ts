import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { readAgenda } from '../../src/lib/agenda/ydoc/read';
import {
	addEntity,
	setMeta,
	setResolutionText,
	setResolutionValue,
	setText
} from '../../src/lib/agenda/ydoc/mutations';
import { entityText } from '../../src/lib/agenda/ydoc/layout';
import { CLOSE } from '../../src/lib/collab/close-codes';
import { closeCode, connectClient, openRaw, waitFor, type CollabClient } from '../support/collab';
import { DEMO, login, myAgendas, postForm, queryDatabase } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/** The persisted document, straight from the server's SQLite file. */
async function persistedDoc(server: TestServer, agendaId: string): Promise<Y.Doc> {
	return persistedDocAt(server.databasePath, agendaId);
}

async function persistedDocAt(databasePath: string, agendaId: string): Promise<Y.Doc> {
	const rows = await queryDatabase<{ update: Buffer }>(
		databasePath,
		'SELECT "update" FROM doc_updates WHERE agenda_id = ? ORDER BY seq',
		agendaId
	);
	const doc = new Y.Doc();
	for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.update));
	return doc;
}

function firstMeasureId(doc: Y.Doc): string {
	const id = readAgenda(doc).agenda.measures[0]?.id;
	if (!id) throw new Error('Demo ohne Maßnahme');
	return id;
}

function measureTitle(doc: Y.Doc, measureId: string): string {
	return entityText(doc, { collection: 'measures' }, measureId, 'title')?.toString() ?? '';
}

describe('collab server', () => {
	let server: TestServer;
	let agendaId: string;
	const cookies: Record<string, string> = {};
	const clients: CollabClient[] = [];

	async function connect(who: keyof typeof DEMO) {
		const client = await connectClient(server.url, agendaId, cookies[who] ?? '');
		clients.push(client);
		return client;
	}

	beforeAll(async () => {
		server = await startTestServer({
			COLLAB_MAX_MESSAGE_BYTES: String(64 * 1024),
			COLLAB_ACCESS_CHECK_MS: '300',
			COLLAB_UNLOAD_DELAY_MS: '300'
		});
		for (const who of Object.keys(DEMO) as (keyof typeof DEMO)[]) {
			cookies[who] = await login(server.url, DEMO[who]);
		}
		const [agenda] = await myAgendas(server.url, cookies.admin ?? '');
		agendaId = agenda?.id ?? '';
	});

	// Each test's clients go when it ends: left connected, they kept syncing through the later
	// tests, and each holds a process 'exit' listener (y-websocket), eleven of them a warning.
	afterEach(() => {
		for (const client of clients.splice(0)) client.destroy();
	});

	afterAll(async () => {
		await server?.stop();
	});

	it('lets two editors converge on concurrent edits of the same title', async () => {
		const [a, b] = [await connect('editor'), await connect('editor2')];
		const measureId = firstMeasureId(a.doc);
		expect(measureTitle(b.doc, measureId)).toBe('Digitales Bürgerbüro');

		const textA = entityText(a.doc, { collection: 'measures' }, measureId, 'title');
		const textB = entityText(b.doc, { collection: 'measures' }, measureId, 'title');
		textA?.insert(0, 'Neues ');
		textB?.insert(textB.length, ' 2.0');

		await waitFor(() => measureTitle(a.doc, measureId) === measureTitle(b.doc, measureId));
		expect(measureTitle(a.doc, measureId)).toBe('Neues Digitales Bürgerbüro 2.0');
		await waitFor(
			async () =>
				measureTitle(await persistedDoc(server, agendaId), measureId) ===
				'Neues Digitales Bürgerbüro 2.0'
		);
	});

	it("never applies, persists or broadcasts a viewer's update", async () => {
		const editor = await connect('editor');
		const viewer = await connect('viewer');
		const measureId = firstMeasureId(viewer.doc);
		const before = measureTitle(editor.doc, measureId);

		setText(viewer.doc, { collection: 'measures' }, measureId, 'title', 'Vom Rat überschrieben');
		// A later editor change arrives after anything the viewer's update could have caused.
		const marker = entityText(editor.doc, { collection: 'measures' }, measureId, 'summary');
		marker?.insert(0, '✓');
		await waitFor(() =>
			(
				entityText(viewer.doc, { collection: 'measures' }, measureId, 'summary')?.toString() ?? ''
			).startsWith('✓')
		);
		const fresh = await connect('editor2');

		expect(measureTitle(editor.doc, measureId)).toBe(before);
		expect(measureTitle(fresh.doc, measureId)).toBe(before);
		expect(measureTitle(await persistedDoc(server, agendaId), measureId)).toBe(before);
		expect(viewer.provider.wsconnected).toBe(true);
	});

	it("keeps the resolution data to owners: an editor's change of it is reverted", async () => {
		const owner = await connect('admin');
		const editor = await connect('editor');
		const persisted = async () => readAgenda(await persistedDoc(server, agendaId)).agenda;
		setResolutionText(owner.doc, 'reference', '2026/0123');
		await waitFor(async () => (await persisted()).resolution.reference === '2026/0123');
		await waitFor(() => readAgenda(editor.doc).agenda.resolution.reference === '2026/0123');
		const measureId = firstMeasureId(editor.doc);
		const consultationsBefore = readAgenda(owner.doc).agenda.resolution.consultations;

		// Typing into the owners' text, adding a Beratungsfolge entry and a value, together with a
		// change elsewhere in the same update (as after an offline session): only the latter stays.
		editor.doc.transact(() => {
			setResolutionText(editor.doc, 'reference', '2026/9999');
			addEntity(editor.doc, { collection: 'consultations' }, { body: 'Vom Editor' });
			setResolutionValue(editor.doc, 'public', false);
			setText(editor.doc, { collection: 'measures' }, measureId, 'summary', 'Vom Editor geändert');
		});
		const summaryOf = (doc: Y.Doc) =>
			entityText(doc, { collection: 'measures' }, measureId, 'summary')?.toString();
		await waitFor(() => summaryOf(owner.doc) === 'Vom Editor geändert');
		// The editor's own document converges back on the owners' data.
		await waitFor(() => readAgenda(editor.doc).agenda.resolution.reference === '2026/0123');
		for (const doc of [owner.doc, editor.doc, await persistedDoc(server, agendaId)]) {
			const { resolution } = readAgenda(doc).agenda;
			expect(resolution.reference).toBe('2026/0123');
			expect(resolution.consultations).toEqual(consultationsBefore);
			expect(resolution.public).toBe(true);
			expect(summaryOf(doc)).toBe('Vom Editor geändert');
		}
		// Later edits of the same client still arrive: nothing of it is left pending on the server.
		setText(editor.doc, { collection: 'measures' }, measureId, 'summary', 'Danach');
		await waitFor(() => summaryOf(owner.doc) === 'Danach');
		expect(editor.provider.wsconnected).toBe(true);
	});

	it('refuses upgrades without session, from citizens, for unknown agendas and other sites', async () => {
		expect(await openRaw(server.url, `/collab/${agendaId}`)).toEqual({ status: 401 });
		expect(
			await openRaw(server.url, `/collab/${agendaId}`, { cookie: cookies.citizen ?? '' })
		).toEqual({ status: 403 });
		expect(
			await openRaw(server.url, '/collab/aaaaaaaaaaaaaaaa', { cookie: cookies.editor ?? '' })
		).toEqual({ status: 404 });
		expect(await openRaw(server.url, '/collab/..%2fetc', { cookie: cookies.editor ?? '' })).toEqual(
			{ status: 404 }
		);
		expect(
			await openRaw(server.url, `/collab/${agendaId}`, {
				cookie: cookies.editor ?? '',
				origin: 'http://evil.example'
			})
		).toEqual({ status: 403 });
	});

	it('closes only the sender of garbage, truncated, unknown or oversized messages', async () => {
		const honest = await connect('editor2');
		const cases: [string, (socket: WebSocket) => void, number][] = [
			[
				'random bytes',
				(s) => s.send(Buffer.from([0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])),
				CLOSE.policy
			],
			['truncated update', (s) => s.send(Buffer.from([0, 2, 50, 1, 2, 3])), CLOSE.policy],
			['unknown type', (s) => s.send(Buffer.from([7, 1, 2])), CLOSE.unsupported],
			['text frame', (s) => s.send('hallo'), CLOSE.unsupported],
			['oversized', (s) => s.send(Buffer.alloc(65 * 1024)), CLOSE.tooBig],
			['bad update bytes', (s) => s.send(Buffer.from([0, 2, 4, 9, 9, 9, 9])), CLOSE.policy]
		];
		for (const [name, send, expected] of cases) {
			const outcome = await openRaw(server.url, `/collab/${agendaId}`, {
				cookie: cookies.editor ?? ''
			});
			if (!('opened' in outcome)) throw new Error(`${name}: keine Verbindung`);
			const code = closeCode(outcome.opened);
			send(outcome.opened);
			expect(await code, name).toBe(expected);
		}
		const measureId = firstMeasureId(honest.doc);
		const check = await connect('editor');
		entityText(check.doc, { collection: 'measures' }, measureId, 'summary')?.insert(0, '!');
		await waitFor(() =>
			(
				entityText(honest.doc, { collection: 'measures' }, measureId, 'summary')?.toString() ?? ''
			).startsWith('!')
		);
		expect(honest.provider.wsconnected).toBe(true);
		// Each bad frame is one line in the log, without a stack trace.
		expect(server.output()).toContain('Collab: Socketfehler');
		expect(server.output()).not.toMatch(/Socketfehler[^\n]*\n\s+at /);
	});

	it('relays presence with the name the server knows, not the one a client claims', async () => {
		const [a, b] = [await connect('editor'), await connect('editor2')];
		a.provider.awareness.setLocalStateField('user', { id: 'x', name: 'Bürgermeister', colour: 3 });
		a.provider.awareness.setLocalStateField('focus', { item: 'measures:abc' });
		const seen = () =>
			b.provider.awareness.getStates().get(a.doc.clientID) as
				{ user?: { name?: string; colour?: number }; focus?: { item?: string } } | undefined;
		await waitFor(() => seen()?.focus?.item === 'measures:abc', 5_000, 'Präsenz');
		expect(seen()?.user).toMatchObject({ name: 'Anna Berger (AG)', colour: 3, role: 'editor' });
	});

	it('carries a title edited in the document into the agenda list', async () => {
		const editor = await connect('editor');
		setMeta(editor.doc, { title: 'Digitale Agenda Musterstadt 2027–2031' });
		let titles: string[] = [];
		for (let attempt = 0; attempt < 25; attempt++) {
			titles = (await myAgendas(server.url, cookies.viewer ?? '')).map((agenda) => agenda.title);
			if (titles.includes('Digitale Agenda Musterstadt 2027–2031')) break;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		expect(titles).toContain('Digitale Agenda Musterstadt 2027–2031');
	});

	it('closes the socket of a member whose role is lowered, within seconds', async () => {
		const demoted = await connect('editor2');
		const members = await queryDatabase<{ user_id: string }>(
			server.databasePath,
			'SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = ?',
			DEMO.editor2
		);
		const response = await postForm(
			server.url,
			`/agenden/${agendaId}/mitglieder?/role`,
			{ userId: members[0]?.user_id ?? '', role: 'viewer' },
			{ cookie: cookies.admin ?? '' }
		);
		expect([200, 303]).toContain(response.status);
		await waitFor(
			() => demoted.closes.some((close) => close.code === CLOSE.roleChanged),
			4_000,
			'Schließen'
		);
	});
});

describe('collab durability', () => {
	// Starts two production servers (the second after kill -9): on a busy machine more than 30 s.
	it('keeps an update that reached another client through kill -9 and a restart', async () => {
		const first = await startTestServer({ COLLAB_COMPACT_AFTER: '3' });
		const databasePath = first.databasePath;
		const cookieA = await login(first.url, DEMO.editor);
		const cookieB = await login(first.url, DEMO.editor2);
		const [agenda] = await myAgendas(first.url, cookieA);
		const a = await connectClient(first.url, agenda?.id ?? '', cookieA);
		const b = await connectClient(first.url, agenda?.id ?? '', cookieB);
		const measureId = firstMeasureId(a.doc);
		for (let i = 0; i < 10; i++) {
			entityText(a.doc, { collection: 'measures' }, measureId, 'title')?.insert(0, `${i}`);
		}
		await waitFor(() => measureTitle(b.doc, measureId).startsWith('9876543210'));
		await first.kill('SIGKILL');
		a.destroy();
		b.destroy();

		const second = await startTestServer({}, { database: databasePath });
		try {
			const cookie = await login(second.url, DEMO.editor2);
			const c = await connectClient(second.url, agenda?.id ?? '', cookie);
			expect(measureTitle(c.doc, measureId)).toBe('9876543210Digitales Bürgerbüro');
			c.destroy();
		} finally {
			await second.stop();
		}
	}, 90_000);

	it('compacts the log on unload without changing a byte of the document', async () => {
		const server = await startTestServer({
			COLLAB_UNLOAD_DELAY_MS: '200',
			COLLAB_COMPACT_AFTER: '1000'
		});
		try {
			const cookie = await login(server.url, DEMO.editor);
			const [agenda] = await myAgendas(server.url, cookie);
			const agendaId = agenda?.id ?? '';
			const client = await connectClient(server.url, agendaId, cookie);
			const measureId = firstMeasureId(client.doc);
			for (let i = 0; i < 20; i++) {
				entityText(client.doc, { collection: 'measures' }, measureId, 'summary')?.insert(i, 'x');
			}
			const countRows = async () =>
				(
					await queryDatabase<{ n: number }>(
						server.databasePath,
						'SELECT count(*) AS n FROM doc_updates WHERE agenda_id = ?',
						agendaId
					)
				)[0]?.n ?? 0;
			// Stored as they came (one row per turn of the server's event loop), not yet compacted.
			const stored = async () =>
				entityText(
					await persistedDoc(server, agendaId),
					{ collection: 'measures' },
					measureId,
					'summary'
				)
					?.toString()
					.startsWith('x'.repeat(20)) ?? false;
			await waitFor(
				async () => (await countRows()) > 1 && (await stored()),
				5_000,
				'Updates gespeichert'
			);
			const beforeCompaction = Y.encodeStateAsUpdate(await persistedDoc(server, agendaId));

			client.destroy();
			await waitFor(async () => (await countRows()) === 1, 5_000, 'Verdichtung');
			const afterCompaction = Y.encodeStateAsUpdate(await persistedDoc(server, agendaId));
			expect(Buffer.from(afterCompaction).equals(Buffer.from(beforeCompaction))).toBe(true);
		} finally {
			await server.stop();
		}
	});
});

describe('collab connection housekeeping', () => {
	it('compacts the log while editing once it grows past the bound', async () => {
		const server = await startTestServer({ COLLAB_COMPACT_AFTER: '5' });
		try {
			const cookie = await login(server.url, DEMO.editor);
			const [agenda] = await myAgendas(server.url, cookie);
			const agendaId = agenda?.id ?? '';
			const client = await connectClient(server.url, agendaId, cookie);
			const measureId = firstMeasureId(client.doc);
			const summary = entityText(client.doc, { collection: 'measures' }, measureId, 'summary');
			for (let i = 0; i < 23; i++) {
				summary?.insert(0, 'y');
				await new Promise((resolve) => setTimeout(resolve, 5));
			}
			const rows = async () =>
				(
					await queryDatabase<{ n: number }>(
						server.databasePath,
						'SELECT count(*) AS n FROM doc_updates WHERE agenda_id = ?',
						agendaId
					)
				)[0]?.n ?? 0;
			await waitFor(
				async () =>
					(summary?.toString() ?? '') ===
					(entityText(
						await persistedDoc(server, agendaId),
						{ collection: 'measures' },
						measureId,
						'summary'
					)?.toString() ?? '-'),
				5_000,
				'gespeichert'
			);
			expect(await rows()).toBeLessThanOrEqual(5);
			client.destroy();
		} finally {
			await server.stop();
		}
	});

	it('drops a connection that stops answering pings, and its presence with it', async () => {
		const server = await startTestServer({ COLLAB_PING_INTERVAL_MS: '200' });
		try {
			const cookieA = await login(server.url, DEMO.editor);
			const cookieB = await login(server.url, DEMO.editor2);
			const [agenda] = await myAgendas(server.url, cookieA);
			const watcher = await connectClient(server.url, agenda?.id ?? '', cookieA);
			const silent = await connectClient(server.url, agenda?.id ?? '', cookieB);
			silent.provider.awareness.setLocalStateField('focus', { item: 'section:leitbild' });
			await waitFor(() => watcher.provider.awareness.getStates().has(silent.doc.clientID));

			// The silent client's process hangs: it reads nothing, so it answers no ping.
			const socket = (silent.provider.ws as unknown as { _socket: { pause(): void } })._socket;
			socket.pause();
			await waitFor(
				() => !watcher.provider.awareness.getStates().has(silent.doc.clientID),
				5_000,
				'Präsenz entfernt'
			);
			expect(watcher.provider.wsconnected).toBe(true);
			silent.destroy();
			watcher.destroy();
		} finally {
			await server.stop();
		}
	});

	it('on SIGTERM closes sockets with 1001 and leaves a compacted log', async () => {
		const server = await startTestServer({ COLLAB_COMPACT_AFTER: '1000' });
		const databasePath = server.databasePath;
		const cookie = await login(server.url, DEMO.editor);
		const [agenda] = await myAgendas(server.url, cookie);
		const agendaId = agenda?.id ?? '';
		const client = await connectClient(server.url, agendaId, cookie);
		const measureId = firstMeasureId(client.doc);
		for (let i = 0; i < 10; i++) {
			entityText(client.doc, { collection: 'measures' }, measureId, 'title')?.insert(0, 'z');
		}
		const expected = measureTitle(client.doc, measureId);
		await waitFor(
			async () => measureTitle(await persistedDoc(server, agendaId), measureId) === expected
		);

		await server.kill('SIGTERM');
		await waitFor(() => client.closes.length > 0, 5_000, 'Schließen');
		expect(client.closes[0]?.code).toBe(CLOSE.goingAway);
		const rows = await queryDatabase<{ n: number }>(
			databasePath,
			'SELECT count(*) AS n FROM doc_updates WHERE agenda_id = ?',
			agendaId
		);
		expect(rows[0]?.n).toBe(1);
		expect(measureTitle(await persistedDocAt(databasePath, agendaId), measureId)).toBe(expected);
		client.destroy();
		await server.stop();
	});
});
