/**
 * The collab server under members who ask too much: sync requests over and over, too many
 * sockets, content beyond the document's limits, client ids of other people, and writes after a
 * role was lowered.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { readAgenda } from '../../src/lib/agenda/ydoc/read';
import { entityMap, entityText } from '../../src/lib/agenda/ydoc/layout';
import { SHORT_TEXT_MAX } from '../../src/lib/agenda/model/vocabulary';
import { CLOSE } from '../../src/lib/collab/close-codes';
import {
	MESSAGE_SYNC,
	SYNC_STEP_1,
	SYNC_STEP_2,
	encodeSyncStep1,
	encodeUpdate
} from '../../server/collab/protocol';
import { closeCode, connectClient, openRaw, waitFor, type CollabClient } from '../support/collab';
import { DEMO, login, myAgendas, postForm, queryDatabase } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

async function persistedDoc(server: TestServer, agendaId: string): Promise<Y.Doc> {
	const rows = await queryDatabase<{ update: Buffer }>(
		server.databasePath,
		'SELECT "update" FROM doc_updates WHERE agenda_id = ? ORDER BY seq',
		agendaId
	);
	const doc = new Y.Doc();
	for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.update));
	return doc;
}

/** A raw socket that records the sync messages it receives (type and sub-type). */
async function rawSocket(server: TestServer, agendaId: string, cookie: string) {
	const outcome = await openRaw(server.url, `/collab/${agendaId}`, { cookie });
	if (!('opened' in outcome)) throw new Error(`Upgrade abgelehnt: ${outcome.status}`);
	const socket = outcome.opened;
	const syncAnswers: Uint8Array[] = [];
	socket.on('message', (data: Buffer) => {
		const decoder = decoding.createDecoder(new Uint8Array(data));
		if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
		if (decoding.readVarUint(decoder) === SYNC_STEP_2) {
			syncAnswers.push(decoding.readVarUint8Array(decoder));
		}
	});
	return { socket, syncAnswers };
}

/** The server's document as a raw socket receives it in its first answer. */
async function documentOf(socket: WebSocket): Promise<Y.Doc> {
	const doc = new Y.Doc();
	await new Promise<void>((resolve) => {
		const onMessage = (data: Buffer) => {
			const decoder = decoding.createDecoder(new Uint8Array(data));
			if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
			if (decoding.readVarUint(decoder) !== SYNC_STEP_2) return;
			Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
			socket.off('message', onMessage);
			resolve();
		};
		socket.on('message', onMessage);
		socket.send(encodeSyncStep1(doc));
	});
	return doc;
}

function syncStep1(stateVector: Uint8Array): Uint8Array {
	const message = new Uint8Array(stateVector.length + 3);
	message.set([MESSAGE_SYNC, SYNC_STEP_1, stateVector.length]);
	message.set(stateVector, 3);
	return message;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('collab limits', () => {
	let server: TestServer;
	let agendaId: string;
	const cookies: Record<string, string> = {};
	const sockets: WebSocket[] = [];
	const clients: CollabClient[] = [];

	beforeAll(async () => {
		server = await startTestServer({
			COLLAB_MAX_CONNECTIONS_PER_ACCOUNT: '4',
			COLLAB_MAX_CONNECTIONS_PER_AGENDA: '8',
			COLLAB_SYNC_REQUESTS_BURST: '3',
			COLLAB_SYNC_REQUESTS_INTERVAL_MS: '60000',
			// Long, so that only an immediate check can pass the role test below.
			COLLAB_ACCESS_CHECK_MS: '60000'
		});
		for (const who of ['admin', 'editor', 'editor2', 'viewer'] as const) {
			cookies[who] = await login(server.url, DEMO[who]);
		}
		const [agenda] = await myAgendas(server.url, cookies.admin ?? '');
		agendaId = agenda?.id ?? '';
	});

	afterEach(async () => {
		for (const socket of sockets.splice(0)) socket.terminate();
		for (const client of clients.splice(0)) client.destroy();
		// Closed sockets leave the server's count a moment later.
		await sleep(100);
	});

	afterAll(async () => {
		await server?.stop();
	});

	async function raw(who: string) {
		const opened = await rawSocket(server, agendaId, cookies[who] ?? '');
		sockets.push(opened.socket);
		return opened;
	}

	it('answers a repeated sync request only once and drops a connection that keeps asking', async () => {
		const { socket, syncAnswers } = await raw('viewer');
		const closed = closeCode(socket);
		const empty = Y.encodeStateVector(new Y.Doc());
		socket.send(syncStep1(empty));
		socket.send(syncStep1(empty));
		socket.send(syncStep1(empty));
		await sleep(300);
		// The same question against the same document has the same answer: sent once.
		expect(syncAnswers).toHaveLength(1);
		expect(socket.readyState).toBe(WebSocket.OPEN);
		for (let index = 0; index < 1_500; index++) socket.send(syncStep1(empty));
		expect(await closed).toBe(CLOSE.policy);
		expect(syncAnswers).toHaveLength(1);
	});

	it('limits the connections of one account and of one agenda', async () => {
		for (let index = 0; index < 4; index++) await raw('viewer');
		const refused = await openRaw(server.url, `/collab/${agendaId}`, {
			cookie: cookies.viewer ?? ''
		});
		expect(refused).toEqual({ status: 429 });

		for (let index = 0; index < 4; index++) await raw('editor');
		const full = await openRaw(server.url, `/collab/${agendaId}`, {
			cookie: cookies.editor2 ?? ''
		});
		expect(full).toEqual({ status: 503 });

		// A closed connection frees its place.
		sockets.shift()?.close();
		await sleep(200);
		const again = await openRaw(server.url, `/collab/${agendaId}`, {
			cookie: cookies.viewer ?? ''
		});
		expect('opened' in again).toBe(true);
		if ('opened' in again) sockets.push(again.opened);
	});

	it('takes back nesting beyond the limit and closes the sender with the reason', async () => {
		const watcher = await connectClient(server.url, agendaId, cookies.editor2 ?? '');
		clients.push(watcher);
		const { socket } = await raw('editor');
		const doc = await documentOf(socket);
		const measureId = readAgenda(doc).agenda.measures[0]?.id ?? '';
		const before = readAgenda(await persistedDoc(server, agendaId)).agenda.measures[0]?.description;

		const vector = Y.encodeStateVector(doc);
		let parent = entityMap(doc, { collection: 'measures' }, measureId)?.get(
			'description'
		) as Y.XmlFragment;
		for (let level = 0; level < 3_000; level++) {
			const quote = new Y.XmlElement('blockquote');
			parent.insert(0, [quote]);
			parent = quote;
		}
		const closed = new Promise<{ code: number; reason: string }>((resolve) =>
			socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }))
		);
		socket.send(encodeUpdate(Y.encodeStateAsUpdate(doc, vector)));
		expect(await closed).toEqual({
			code: CLOSE.contentRejected,
			reason: 'Zu tief verschachtelt'
		});

		await sleep(200);
		const stored = readAgenda(await persistedDoc(server, agendaId)).agenda.measures[0]?.description;
		expect(stored).toEqual(before);
		expect(readAgenda(watcher.doc).agenda.measures[0]?.description).toEqual(before);
	});

	it('takes back a text longer than its field allows; a text within it stays', async () => {
		const editor = await connectClient(server.url, agendaId, cookies.editor ?? '');
		clients.push(editor);
		const measureId = readAgenda(editor.doc).agenda.measures[0]?.id ?? '';
		const title = entityText(editor.doc, { collection: 'measures' }, measureId, 'title')!;
		title.insert(title.length, 'x'.repeat(SHORT_TEXT_MAX));
		await waitFor(
			() => editor.closes.some((close) => close.code === CLOSE.contentRejected),
			5_000,
			'Ablehnung'
		);
		// The client reconnects and gets the document as it is.
		await waitFor(() => editor.provider.synced && title.length < SHORT_TEXT_MAX, 5_000, 'Abgleich');

		title.insert(title.length, ' (neu)');
		await waitFor(
			async () =>
				readAgenda(await persistedDoc(server, agendaId)).agenda.measures[0]?.title.endsWith(
					' (neu)'
				) === true,
			5_000,
			'Speichern'
		);
	});

	it("refuses structs under another person's announced client id", async () => {
		const victim = await connectClient(server.url, agendaId, cookies.editor2 ?? '');
		clients.push(victim);
		await sleep(200);
		const { socket } = await raw('editor');
		const forged = await documentOf(socket);
		forged.clientID = victim.doc.clientID;
		const vector = Y.encodeStateVector(forged);
		const measureId = readAgenda(forged).agenda.measures[0]?.id ?? '';
		entityText(forged, { collection: 'measures' }, measureId, 'title')?.insert(0, 'Gefälscht: ');
		const closed = closeCode(socket);
		socket.send(encodeUpdate(Y.encodeStateAsUpdate(forged, vector)));
		expect(await closed).toBe(CLOSE.policy);
		await sleep(200);
		expect(
			readAgenda(await persistedDoc(server, agendaId)).agenda.measures[0]?.title
		).not.toContain('Gefälscht');

		// The victim's own edits still arrive.
		entityText(victim.doc, { collection: 'measures' }, measureId, 'title')?.insert(0, 'Echt: ');
		await waitFor(
			async () =>
				readAgenda(await persistedDoc(server, agendaId)).agenda.measures[0]?.title.startsWith(
					'Echt: '
				) === true,
			5_000,
			'Speichern'
		);
	});

	it('stops writes at once when a role is lowered', async () => {
		const { socket } = await raw('editor2');
		const doc = await documentOf(socket);
		const members = await queryDatabase<{ user_id: string }>(
			server.databasePath,
			'SELECT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = ?',
			DEMO.editor2
		);
		const closed = closeCode(socket);
		const response = await postForm(
			server.url,
			`/agenden/${agendaId}/mitglieder?/role`,
			{ userId: members[0]?.user_id ?? '', role: 'viewer' },
			{ cookie: cookies.admin ?? '' }
		);
		expect([200, 303]).toContain(response.status);
		// Sent right after the change: with the periodic check a minute away, only an immediate
		// one keeps it out.
		const vector = Y.encodeStateVector(doc);
		doc.getMap('meta').set('periodEnd', 2099);
		if (socket.readyState === WebSocket.OPEN) {
			socket.send(encodeUpdate(Y.encodeStateAsUpdate(doc, vector)));
		}
		expect(await closed).toBe(CLOSE.roleChanged);
		await sleep(200);
		expect(readAgenda(await persistedDoc(server, agendaId)).agenda.meta.periodEnd).not.toBe(2099);
	});
});
