import { createServer, type Server } from 'node:http';
import { connect as connectTcp, type AddressInfo } from 'node:net';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { CollabHooks, ConnectionIdentity } from './hooks';
import type { DocPersistence } from './persistence';
import {
	MESSAGE_SYNC,
	SYNC_STEP_1,
	SYNC_STEP_2,
	SYNC_UPDATE,
	encodeSyncStep1,
	encodeUpdate
} from './protocol';
import { createCollabServer, type CollabServer } from './server';

/**
 * The collab server over real websockets, with a store that can be made to fail: what a client
 * gets must always be what the store has (stored before sent), also after a failed append.
 */
function failingStore() {
	const stored = new Y.Doc();
	let failNext = false;
	let seq = 1;
	const persistence: DocPersistence = {
		load: async () => {
			const doc = new Y.Doc();
			Y.applyUpdate(doc, Y.encodeStateAsUpdate(stored));
			return { doc, entries: 1, seq };
		},
		append: async (_, update) => {
			if (failNext) {
				failNext = false;
				throw new Error('SQLITE_BUSY: database is locked');
			}
			Y.applyUpdate(stored, update);
			return ++seq;
		},
		compact: async () => {},
		readSince: async () => [],
		heads: async () => new Map()
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

/** Serves `collab` over `http` on a free port; the address of document agenda-1. */
async function listen(http: Server, collab: CollabServer): Promise<string> {
	http.on('upgrade', (request, socket, head) => collab.handleUpgrade(request, socket, head));
	await new Promise<void>((listening) => http.listen(0, '127.0.0.1', listening));
	return `ws://127.0.0.1:${(http.address() as AddressInfo).port}/collab/agenda-1`;
}

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
		http = createServer();
		return listen(http, collab);
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

describe('collab server: hooks that answer later', () => {
	let http: Server | undefined;
	let collab: CollabServer | undefined;

	afterEach(async () => {
		await collab?.close();
		await new Promise((done) => http?.close(done));
	});

	async function start(authenticate: CollabHooks<ConnectionIdentity>['authenticate']) {
		collab = createCollabServer({
			hooks: { ...hooks, authenticate },
			persistence: failingStore().persistence,
			log: () => {}
		});
		http = createServer();
		return listen(http, collab);
	}

	const later = <T>(value: T, ms: number) =>
		new Promise<T>((done) => setTimeout(() => done(value), ms));

	it('upgrades once an asynchronous authenticate allows it', async () => {
		const url = await start(async (request) => hooks.authenticate(request));
		const anna = await connect(url);
		anna.type('da');
		await expect.poll(() => collab?.rooms.get('agenda-1')?.connections.size).toBe(1);
		anna.socket.close();
	});

	it('refuses with 503 when authenticate rejects, and with its status when it refuses', async () => {
		const failing = await start(() => Promise.reject(new Error('Datenbank weg')));
		expect(await statusOf(failing)).toBe(503);
		await collab?.close();
		await new Promise((done) => http?.close(done));
		const refusing = await start(() =>
			later({ ok: false as const, status: 403, message: 'Kein Zugriff' }, 20)
		);
		expect(await statusOf(refusing)).toBe(403);
	});

	it('stays up when the client resets the connection while authenticate waits', async () => {
		let gone!: () => void;
		const clientGone = new Promise<void>((done) => (gone = done));
		const url = await start(async (request) => {
			await clientGone;
			await later(null, 50);
			return hooks.authenticate(request);
		});
		const { hostname, port, pathname } = new URL(url);
		// A raw upgrade request, then a reset (RST): the server's socket reports ECONNRESET.
		const client = connectTcp(Number(port), hostname, () => {
			client.write(
				`GET ${pathname} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: Upgrade\r\n` +
					'Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n' +
					'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n'
			);
			setTimeout(() => client.resetAndDestroy(), 30);
		});
		client.on('error', () => {});
		client.once('close', () => gone());
		await clientGone;
		await later(null, 150);
		expect(collab?.rooms.size ?? 0).toBe(0);
		// Still serving.
		const anna = await connect(url);
		anna.socket.close();
	});
});

describe('collab server: a client reconnecting with offline edits', () => {
	let http: Server | undefined;
	let collab: CollabServer | undefined;

	afterEach(async () => {
		await collab?.close();
		await new Promise((done) => http?.close(done));
	});

	it('keeps it connected when it types before its answer to sync step 1 arrived', async () => {
		const store = failingStore();
		const logged: string[] = [];
		collab = createCollabServer({
			hooks,
			persistence: store.persistence,
			log: (message) => logged.push(message)
		});
		http = createServer();
		const url = await listen(http, collab);
		const ben = await connect(url);
		// Whenever Ben is sent something, the store must have it already.
		const unstored: string[] = [];
		ben.socket.on('message', () => {
			const stored = Y.decodeStateVector(Y.encodeStateVector(store.stored));
			for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(ben.doc))) {
				if ((stored.get(client) ?? 0) < clock) unstored.push(`${client}:${clock}`);
			}
		});

		// Anna wrote while offline, under her client id; the server never saw it.
		const anna = new Y.Doc();
		anna.getText('t').insert(0, 'offline ');
		const offline = Y.encodeStateAsUpdate(anna);
		const socket = new WebSocket(url);
		const closes: number[] = [];
		socket.on('close', (code) => closes.push(code));
		const serverAsks = new Promise<void>((asked) =>
			socket.on('message', (data: Buffer) => {
				const decoder = decoding.createDecoder(new Uint8Array(data));
				const isSync = decoding.readVarUint(decoder) === MESSAGE_SYNC;
				if (isSync && decoding.readVarUint(decoder) === SYNC_STEP_1) asked();
			})
		);
		await new Promise((open) => socket.once('open', open));
		// As the y-websocket provider does: its question, and at once what she types next, which
		// builds on her offline edits; those come only with her answer to the server's question.
		socket.send(encodeSyncStep1(anna));
		const before = Y.encodeStateVector(anna);
		anna.getText('t').insert(8, 'und online');
		socket.send(encodeUpdate(Y.encodeStateAsUpdate(anna, before)));
		await serverAsks;
		socket.send(syncStep2(offline));

		await expect.poll(() => ben.doc.getText('t').toString()).toBe('offline und online');
		expect(store.stored.getText('t').toString()).toBe('offline und online');
		expect(store.stored.store.pendingStructs).toBeNull();
		const room = collab.rooms.get('agenda-1');
		expect(room?.doc.getText('t').toString()).toBe('offline und online');
		expect(room?.doc.store.pendingStructs).toBeNull();
		expect(unstored).toEqual([]);
		expect(logged.filter((line) => line.includes('ohne Grundlage'))).toEqual([]);
		expect(closes).toEqual([]);
		expect(socket.readyState).toBe(WebSocket.OPEN);
		socket.close();
		ben.socket.close();
	});

	it('keeps the y-websocket provider connected when it types as soon as its socket opens', async () => {
		const store = failingStore();
		collab = createCollabServer({ hooks, persistence: store.persistence, log: () => {} });
		http = createServer();
		const url = await listen(http, collab);
		const ben = await connect(url);

		const anna = new Y.Doc();
		anna.getText('t').insert(0, 'offline ');
		const provider = new WebsocketProvider(url.slice(0, -'/agenda-1'.length), 'agenda-1', anna, {
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true
		});
		const closes: number[] = [];
		provider.on('connection-close', (event) => void (event && closes.push(event.code)));
		provider.on('status', ({ status }) => {
			if (status !== 'connected' || anna.getText('t').length > 8) return;
			// Sent before even the provider's sync step 1, and again right after it.
			anna.getText('t').insert(8, 'sofort');
			queueMicrotask(() => anna.getText('t').insert(14, ' und gleich'));
		});
		try {
			await expect.poll(() => ben.doc.getText('t').toString()).toBe('offline sofort und gleich');
			expect(store.stored.getText('t').toString()).toBe('offline sofort und gleich');
			expect(provider.synced).toBe(true);
			expect(closes).toEqual([]);
		} finally {
			provider.destroy();
			ben.socket.close();
		}
	});
});

/** A client's answer to sync step 1: what the server lacks. */
function syncStep2(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	encoding.writeVarUint(encoder, SYNC_STEP_2);
	encoding.writeVarUint8Array(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** The HTTP status a refused upgrade answers with. */
function statusOf(url: string): Promise<number> {
	return new Promise((done, failed) => {
		const socket = new WebSocket(url);
		socket.on('unexpected-response', (_, response) => done(response.statusCode ?? 0));
		socket.on('open', () => failed(new Error('Verbindung angenommen')));
		socket.on('error', () => {});
	});
}

describe('collab server: watching the log of a shared document', () => {
	let http: Server | undefined;
	let collab: CollabServer | undefined;

	afterEach(async () => {
		await collab?.close();
		await new Promise((done) => http?.close(done));
	});

	it('looks at the log heads more often while messages between processes do not get through', async () => {
		const store = failingStore();
		let looks = 0;
		store.persistence.heads = async (ids) => {
			looks++;
			return new Map(ids.map((id) => [id, 1]));
		};
		let connected = true;
		collab = createCollabServer({
			hooks,
			persistence: store.persistence,
			fanOut: {
				shared: true,
				get connected() {
					return connected;
				},
				publish() {},
				subscribe: () => () => {},
				onReady: () => () => {}
			},
			catchUpIntervalMs: 1_000,
			disconnectedCatchUpIntervalMs: 50,
			log: () => {}
		});
		const server = createServer();
		http = server;
		server.on('upgrade', (request, socket, head) => collab?.handleUpgrade(request, socket, head));
		await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
		const port = (server.address() as AddressInfo).port;
		const anna = await connect(`ws://127.0.0.1:${port}/collab/agenda-1`);

		const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));
		looks = 0;
		await wait(600);
		// Connected: once a second at most.
		expect(looks).toBeLessThanOrEqual(1);

		connected = false;
		looks = 0;
		await wait(600);
		// Disconnected: every 50 ms (some ticks may be late on a busy machine).
		expect(looks).toBeGreaterThanOrEqual(4);
		anna.socket.close();
	});
});
