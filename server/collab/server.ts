import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CLOSE } from '../../src/lib/collab/close-codes';
import { AccountConnections } from './accounts';
import type { CollabHooks, ConnectionIdentity } from './hooks';
import type { DocPersistence } from './persistence';
import { Room, type CollabConnection } from './room';
import { SyncRequestBudget, type SyncRequestLimits } from './sync-requests';

export interface CollabOptions<I extends ConnectionIdentity> {
	/** How the application plugs in: who may connect, what updates may do, … */
	hooks: CollabHooks<I>;
	persistence: DocPersistence;
	/** Larger messages close the socket with 1009. */
	maxMessageBytes?: number;
	compactAfter?: number;
	/** See RoomOptions.minFlushIntervalMs. */
	minFlushIntervalMs?: number;
	unloadDelayMs?: number;
	pingIntervalMs?: number;
	/** How often the access of connected members is checked again (`hooks.recheck`). */
	accessCheckMs?: number;
	maxBufferedBytes?: number;
	/** What all sockets of one account may have queued together. */
	maxAccountBufferedBytes?: number;
	/** Open connections per account (all documents) and per document. */
	maxConnectionsPerAccount?: number;
	maxConnectionsPerDocument?: number;
	/** How often one connection may ask for the document (sync step 1). */
	syncRequests?: SyncRequestLimits;
	log?: (message: string, error?: unknown) => void;
}

export interface CollabServer<I extends ConnectionIdentity = ConnectionIdentity> {
	/** Takes over the upgrade if the hooks claim its path; returns false otherwise. */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Closes every socket (1001), compacts and frees every document. */
	close(): Promise<void>;
	rooms: ReadonlyMap<string, Room<I>>;
}

/**
 * The Yjs websocket server: lets the hooks authorise each upgrade, keeps one room per loaded
 * document, has the hooks check access again every few seconds and on every change they
 * report, pings, and unloads idle documents. It knows the y-protocols messages, connections and
 * their limits, nothing of what the documents hold.
 */
export function createCollabServer<I extends ConnectionIdentity>(
	options: CollabOptions<I>
): CollabServer<I> {
	const {
		hooks,
		persistence,
		maxMessageBytes = 8 * 1024 * 1024,
		compactAfter = 500,
		minFlushIntervalMs = 5,
		unloadDelayMs = 10_000,
		pingIntervalMs = 30_000,
		accessCheckMs = 2_000,
		maxBufferedBytes = 32 * 1024 * 1024,
		maxAccountBufferedBytes = 64 * 1024 * 1024,
		maxConnectionsPerAccount = 20,
		maxConnectionsPerDocument = 200,
		syncRequests = { burst: 5, refillMs: 5_000 },
		log = (message, error) => console.error(message, error ?? '')
	} = options;
	const accounts = new AccountConnections<CollabConnection<I>>();

	const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
	const rooms = new Map<string, Room<I>>();
	const unloadTimers = new Map<string, NodeJS.Timeout>();

	function roomFor(documentId: string): Room<I> {
		clearTimeout(unloadTimers.get(documentId));
		unloadTimers.delete(documentId);
		let room = rooms.get(documentId);
		if (!room) {
			room = new Room<I>(
				documentId,
				persistence,
				{
					compactAfter,
					minFlushIntervalMs,
					maxBufferedBytes,
					maxAccountBufferedBytes,
					accountBufferedBytes: (userId) => accounts.bufferedBytes(userId),
					log
				},
				hooks
			);
			rooms.set(documentId, room);
		}
		return room;
	}

	function scheduleUnload(room: Room<I>) {
		if (room.connections.size > 0) return;
		clearTimeout(unloadTimers.get(room.documentId));
		const timer = setTimeout(() => {
			unloadTimers.delete(room.documentId);
			if (room.connections.size > 0 || rooms.get(room.documentId) !== room) return;
			rooms.delete(room.documentId);
			room.destroy();
		}, unloadDelayMs);
		unloadTimers.set(room.documentId, timer);
	}

	function accept(socket: WebSocket, identity: I) {
		const room = roomFor(identity.documentId);
		const connection: CollabConnection<I> = {
			socket,
			identity,
			awarenessClient: null,
			alive: true,
			syncRequests: new SyncRequestBudget(syncRequests)
		};
		accounts.add(connection);
		socket.binaryType = 'nodebuffer';
		socket.on('pong', () => (connection.alive = true));
		// Protocol errors (oversized or malformed frames) are the client's doing and close only its
		// socket: one line each, no stack trace, so a flood of bad frames cannot flood the log.
		socket.on('error', (error) =>
			log(`Collab: Socketfehler (${identity.userId}): ${error.message}`)
		);
		socket.on('message', (data: RawData, isBinary: boolean) => {
			if (!isBinary) {
				socket.close(CLOSE.unsupported, 'Nur Binärnachrichten');
				return;
			}
			room.receive(connection, toUint8Array(data));
		});
		socket.on('close', () => {
			accounts.delete(connection);
			room.leave(connection);
			scheduleUnload(room);
		});
		room.join(connection);
	}

	function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		const path = new URL(request.url ?? '/', 'http://localhost').pathname;
		if (!hooks.handles(path)) return false;
		let decision;
		try {
			decision = hooks.authenticate(request);
		} catch (error) {
			log('Collab: Prüfung der Verbindung fehlgeschlagen', error);
			refuse(socket, 503, 'Vorübergehend nicht verfügbar');
			return true;
		}
		if (!decision.ok) {
			refuse(socket, decision.status, decision.message);
			return true;
		}
		const { identity } = decision;
		// Counted before the handshake, which ws completes synchronously: no two upgrades can
		// both pass on the last free place.
		if (accounts.count(identity.userId) >= maxConnectionsPerAccount) {
			refuse(socket, 429, 'Zu viele Verbindungen dieses Kontos');
			return true;
		}
		if ((rooms.get(identity.documentId)?.connections.size ?? 0) >= maxConnectionsPerDocument) {
			refuse(socket, 503, 'Zu viele Verbindungen zu diesem Dokument');
			return true;
		}
		wss.handleUpgrade(request, socket, head, (ws) => accept(ws, identity));
		return true;
	}

	const pingTimer = setInterval(() => {
		for (const room of rooms.values()) {
			for (const connection of room.connections) {
				if (!connection.alive) {
					connection.socket.terminate();
					continue;
				}
				connection.alive = false;
				connection.socket.ping();
			}
		}
	}, pingIntervalMs);

	/** Closes the sockets that lost their access, in every room or in one document's. */
	function recheckRooms(documentId?: string) {
		for (const room of rooms.values()) {
			if (room.connections.size === 0 || (documentId && room.documentId !== documentId)) continue;
			try {
				const connections = [...room.connections];
				const closing = hooks.recheck(
					room.documentId,
					connections.map((connection) => connection.identity)
				);
				for (const connection of connections) {
					const close = closing.get(connection.identity);
					if (close) connection.socket.close(close.code, close.reason);
				}
			} catch (error) {
				log('Collab: Rechteprüfung fehlgeschlagen', error);
			}
		}
	}

	const accessTimer = setInterval(() => recheckRooms(), accessCheckMs);
	pingTimer.unref();
	accessTimer.unref();
	// A change the hooks report (role lowered, member removed, session ended) applies at once;
	// the timer above still catches changes they cannot see (e.g. from another process).
	const stopListening = hooks.onAccessChange?.((documentId) => recheckRooms(documentId)) ?? null;

	async function close() {
		clearInterval(pingTimer);
		clearInterval(accessTimer);
		stopListening?.();
		for (const timer of unloadTimers.values()) clearTimeout(timer);
		unloadTimers.clear();
		const closed: Promise<void>[] = [];
		for (const room of rooms.values()) {
			for (const connection of room.connections) {
				closed.push(new Promise((done) => connection.socket.once('close', () => done())));
			}
			room.closeAll(CLOSE.goingAway, 'Server wird beendet');
		}
		// Give clients a moment for the closing handshake, then cut what is left.
		await Promise.race([Promise.all(closed), new Promise((done) => setTimeout(done, 1000))]);
		for (const room of rooms.values()) {
			for (const connection of room.connections) connection.socket.terminate();
			room.destroy();
		}
		rooms.clear();
		wss.close();
	}

	return { handleUpgrade, close, rooms };
}

function refuse(socket: Duplex, status: number, message: string) {
	const reasons: Record<number, string> = {
		401: 'Unauthorized',
		403: 'Forbidden',
		404: 'Not Found',
		429: 'Too Many Requests',
		503: 'Service Unavailable'
	};
	const body = Buffer.from(message, 'utf8');
	socket.end(
		`HTTP/1.1 ${status} ${reasons[status] ?? 'Error'}\r\n` +
			'Connection: close\r\n' +
			'Content-Type: text/plain; charset=utf-8\r\n' +
			`Content-Length: ${body.length}\r\n\r\n` +
			body.toString('utf8')
	);
}

function toUint8Array(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
