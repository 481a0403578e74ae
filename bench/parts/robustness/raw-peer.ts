/**
 * A collab client on a raw websocket, lighter than the y-websocket provider: no reconnects, no
 * awareness, no timers. Hundreds of them fit in the benchmark process, and every byte it sends is
 * under the benchmark's control. With a `Y.Doc` it is a full peer (applies and sends updates);
 * without one it only syncs and idles, which is all a "document is loaded" client needs.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** Transaction origin of updates that came from the server, so they are not sent back. */
export const FROM_SERVER = Symbol('from-server');

const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;
/** The state vector of an empty document: "send me everything". */
const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());

export interface RawPeer {
	socket: WebSocket;
	doc: Y.Doc | null;
	/** Milliseconds from opening the socket until sync step 2 arrived. */
	syncMs: number;
	/** The close code once the socket closed, else null. */
	closeCode(): number | null;
	close(): void;
}

export interface RawPeerOptions {
	base: string;
	agendaId: string;
	cookie: string;
	/** A document to keep in sync; null for a light client that only loads the document. */
	doc?: Y.Doc | null;
	/**
	 * false: the document only produces updates to send; what the server sends is not applied.
	 * Fifty full peers applying each other's updates would measure the benchmark process.
	 */
	applyIncoming?: boolean;
	timeoutMs?: number;
}

export function collabSocket(base: string, path: string, cookie: string | null): WebSocket {
	return new WebSocket(base.replace(/^http/, 'ws') + path, {
		headers: { origin: base, ...(cookie ? { cookie } : {}) },
		// The server's own limit is what is under test, not the client's.
		maxPayload: 256 * 1024 * 1024
	});
}

/** Opens a peer and resolves once the server's sync step 2 arrived. */
export function openPeer(options: RawPeerOptions): Promise<RawPeer> {
	const { base, agendaId, cookie, doc = null, applyIncoming = true, timeoutMs = 60_000 } = options;
	const started = performance.now();
	const socket = collabSocket(base, `/collab/${agendaId}`, cookie);
	socket.binaryType = 'nodebuffer';
	let code: number | null = null;
	let syncedAt = 0;

	const sendUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin === FROM_SERVER || socket.readyState !== WebSocket.OPEN) return;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		syncProtocol.writeUpdate(encoder, update);
		socket.send(encoding.toUint8Array(encoder));
	};

	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.terminate();
			reject(new Error(`Sync von ${agendaId}: Zeit abgelaufen`));
		}, timeoutMs);
		socket.once('unexpected-response', (_request, response) => {
			clearTimeout(timer);
			response.resume();
			socket.terminate();
			reject(new Error(`Upgrade abgelehnt: ${response.statusCode ?? 0}`));
		});
		socket.once('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		socket.once('close', (closeCode) => {
			code = closeCode;
			clearTimeout(timer);
			doc?.off('update', sendUpdate);
			reject(new Error(`Vor dem Sync geschlossen: ${closeCode}`));
		});
		socket.once('open', () => {
			// A killed server resets the connection; that is expected here, not a crash of the bench.
			socket.on('error', () => undefined);
			// y-protocols writes the sync sub-message only; the message type comes first.
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE_SYNC);
			if (doc && applyIncoming) syncProtocol.writeSyncStep1(encoder, doc);
			else {
				encoding.writeVarUint(encoder, 0);
				encoding.writeVarUint8Array(encoder, EMPTY_STATE_VECTOR);
			}
			socket.send(encoding.toUint8Array(encoder));
		});
		socket.on('message', (data: Buffer) => {
			const decoder = decoding.createDecoder(new Uint8Array(data));
			if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
			let subtype: number;
			if (doc && applyIncoming) {
				const reply = encoding.createEncoder();
				encoding.writeVarUint(reply, MESSAGE_SYNC);
				subtype = syncProtocol.readSyncMessage(decoder, reply, doc, FROM_SERVER);
				if (encoding.length(reply) > 1) socket.send(encoding.toUint8Array(reply));
			} else {
				subtype = decoding.readVarUint(decoder);
			}
			if (subtype === SYNC_STEP_2 && syncedAt === 0) {
				syncedAt = performance.now();
				clearTimeout(timer);
				resolve(peer);
			}
		});
		const peer: RawPeer = {
			socket,
			doc,
			get syncMs() {
				return syncedAt - started;
			},
			closeCode: () => code,
			close() {
				doc?.off('update', sendUpdate);
				if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
				else socket.close();
			}
		};
		doc?.on('update', sendUpdate);
	});
}

/** Waits until every socket reported its close (or `timeoutMs` passed). */
export async function closePeers(peers: readonly RawPeer[], timeoutMs = 5_000): Promise<void> {
	const closed = peers.map(
		(peer) =>
			new Promise<void>((done) => {
				if (peer.socket.readyState === WebSocket.CLOSED) return done();
				peer.socket.once('close', () => done());
				peer.close();
			})
	);
	await Promise.race([Promise.all(closed), new Promise((done) => setTimeout(done, timeoutMs))]);
	for (const peer of peers) peer.socket.terminate();
}

/** Runs `task` over `items` with at most `limit` at a time; results keep the order of `items`. */
export async function mapLimit<T, R>(
	items: readonly T[],
	limit: number,
	task: (item: T, index: number) => Promise<R>
): Promise<R[]> {
	const results = new Array<R>(items.length);
	let next = 0;
	const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await task(items[index] as T, index);
		}
	});
	await Promise.all(workers);
	return results;
}

export function sleep(ms: number): Promise<void> {
	return new Promise((done) => setTimeout(done, ms));
}
