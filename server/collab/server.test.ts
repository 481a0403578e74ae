import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { CollabHooks, ConnectionIdentity } from './hooks';
import type { DocPersistence } from './persistence';
import { MESSAGE_SYNC, SYNC_STEP_2, SYNC_UPDATE, encodeSyncStep1, encodeUpdate } from './protocol';
import { createCollabServer, type CollabServer } from './server';

/**
 * The collab server over real websockets, with a store that can be made to fail: what a client
 * gets must always be what the store has (stored before sent), also after a failed append.
 */
function failingStore() {
	const stored = new Y.Doc();
	let failNext = false;
	const persistence: DocPersistence = {
		load: async () => {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, Y.encodeStateAsUpdate(stored));
			return { doc, entries: 1 };
		},
		append: async (_, update) => {
			if (failNext) {
				failNext = false;
				throw new Error('SQLITE_BUSY: database is locked');
			}
			Y.applyUpdate(stored, update);
		},
		compact: async () => {},
		release: () => {}
	};
	return { persistence, stored, failOnce: () => void (failNext = true) };
}

const hooks: CollabHooks<ConnectionIdentity> = {
	handles: (path) => path.startsWith('/collab/'),
	authenticate: (request) => ({
		ok: true,
		identity: {
			documentId: (request.url ?? '').slice('/collab/'.length),
			userId: request.headers['x-user'] === undefined ? 'anna' : String(request.headers['x-user']),
			canWrite: true
		}
	}),
	recheck: () => new Map()
};

/** A client that keeps a Y.Doc in step with what the server sends it. */
async function connect(url: string) {
	const doc = new Y.Doc();
	const socket = new WebSocket(url);
	const closed = new Promise<number>((done) => socket.once('close', (code) => done(code)));
	let synced!: () => void;
	const ready = new Promise<void>((done) => (synced = done));
	socket.on('message', (data: Buffer) => {
		const decoder = decoding.createDecoder(new Uint8Array(data));
		if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
		const type = decoding.readVarUint(decoder);
		if (type === SYNC_STEP_2 || type === SYNC_UPDATE) {
			Y.applyUpdate(doc, decoding.readVarUint8Array(decoder), 'server');
			if (type === SYNC_STEP_2) synced();
		}
	});
	await new Promise((open) => socket.once('open', open));
	socket.send(encodeSyncStep1(doc));
	await ready;
	return {
		doc,
		socket,
		closed,
		type(text: string) {
			const before = Y.encodeStateVector(doc);
			doc.getText('t').insert(doc.getText('t').length, text);
			socket.send(encodeUpdate(Y.encodeStateAsUpdate(doc, before)));
		}
	};
}

describe('collab server: a failed append', () => {
	let http: Server | undefined;
	let collab: CollabServer | undefined;

	afterEach(async () => {
		await collab?.close();
		await new Promise((done) => http?.close(done));
	});

	async function start(persistence: DocPersistence): Promise<string> {
		collab = createCollabServer({ hooks, persistence, unloadDelayMs: 10_000, log: () => {} });
		const server = createServer();
		http = server;
		server.on('upgrade', (request, socket, head) => collab?.handleUpgrade(request, socket, head));
		await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
		return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/collab/agenda-1`;
	}

	it('never reaches a client that connects right after, from the room that failed', async () => {
		const store = failingStore();
		const url = await start(store.persistence);
		const anna = await connect(url);
		anna.type('gespeichert. ');
		await expect.poll(() => store.stored.getText('t').toString()).toBe('gespeichert. ');

		store.failOnce();
		anna.type('nie gespeichert');
		// The room closes every connection (1011): the clients reconnect and resend.
		expect(await anna.closed).toBe(1011);

		// Within the unload delay, a second client asks for the document.
		const ben = await connect(url);
		expect(ben.doc.getText('t').toString()).toBe(store.stored.getText('t').toString());
		expect(ben.doc.getText('t').toString()).not.toContain('nie gespeichert');
		ben.socket.close();
	});
});
