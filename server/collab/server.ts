import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { and, eq, gt, inArray } from 'drizzle-orm';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CLOSE } from '../../src/lib/collab/close-codes';
import { can } from '../../src/lib/permissions';
import type { AgendaRole } from '../../src/lib/roles';
import { getAgenda } from '../../src/lib/server/agendas/agendas';
import type { Db } from '../../src/lib/server/db/connection';
import { memberships, sessions, users } from '../../src/lib/server/db/schema';
import { onAccessChange } from '../../src/lib/server/access-changes';
import { syncAgendaListing } from '../../src/lib/server/documents/listing';
import { metaMap } from '../../src/lib/agenda/layout';
import { COLLAB_PATH, authorizeUpgrade, type CollabIdentity } from './authorize';
import { AccountConnections } from './accounts';
import { SqlitePersistence, type DocPersistence } from './persistence';
import { Room, type CollabConnection } from './room';
import { SyncRequestBudget, type SyncRequestLimits } from './sync-requests';

export interface CollabOptions {
	db: Db;
	persistence?: DocPersistence;
	/** The public origin (ORIGIN); without it, a websocket must come from the page's own host. */
	allowedOrigin?: string | null;
	/** Larger messages close the socket with 1009. */
	maxMessageBytes?: number;
	compactAfter?: number;
	/** See RoomOptions.minFlushIntervalMs. */
	minFlushIntervalMs?: number;
	unloadDelayMs?: number;
	pingIntervalMs?: number;
	/** How often memberships and sessions of connected users are checked again. */
	accessCheckMs?: number;
	maxBufferedBytes?: number;
	/** What all sockets of one account may have queued together. */
	maxAccountBufferedBytes?: number;
	/** Open connections per account (all documents) and per document. */
	maxConnectionsPerAccount?: number;
	maxConnectionsPerAgenda?: number;
	/** How often one connection may ask for the document (sync step 1). */
	syncRequests?: SyncRequestLimits;
	log?: (message: string, error?: unknown) => void;
}

export interface CollabServer {
	/** Takes over the upgrade if the path is `/collab/…`; returns false otherwise. */
	handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Closes every socket (1001), compacts and frees every document. */
	close(): Promise<void>;
	rooms: ReadonlyMap<string, Room>;
}

/**
 * The Yjs websocket server on `/collab/<agendaId>`: authorises at the upgrade, keeps one room per
 * loaded document, checks access again every few seconds, pings, and unloads idle documents.
 */
export function createCollabServer(options: CollabOptions): CollabServer {
	const {
		db,
		persistence = new SqlitePersistence(db),
		allowedOrigin = null,
		maxMessageBytes = 8 * 1024 * 1024,
		compactAfter = 500,
		minFlushIntervalMs = 5,
		unloadDelayMs = 10_000,
		pingIntervalMs = 30_000,
		accessCheckMs = 2_000,
		maxBufferedBytes = 32 * 1024 * 1024,
		maxAccountBufferedBytes = 64 * 1024 * 1024,
		maxConnectionsPerAccount = 20,
		maxConnectionsPerAgenda = 200,
		syncRequests = { burst: 5, refillMs: 5_000 },
		log = (message, error) => console.error(message, error ?? '')
	} = options;
	const accounts = new AccountConnections<CollabConnection>();

	const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
	const rooms = new Map<string, Room>();
	const unloadTimers = new Map<string, NodeJS.Timeout>();

	function roomFor(agendaId: string): Room {
		clearTimeout(unloadTimers.get(agendaId));
		unloadTimers.delete(agendaId);
		let room = rooms.get(agendaId);
		if (!room) {
			room = new Room(agendaId, persistence, {
				compactAfter,
				minFlushIntervalMs,
				maxBufferedBytes,
				maxAccountBufferedBytes,
				accountBufferedBytes: (userId) => accounts.bufferedBytes(userId),
				log
			});
			rooms.set(agendaId, room);
			watchListing(room);
		}
		return room;
	}

	/** Title and period edited in the document reach the agenda row (lists, links) within a second. */
	function watchListing(room: Room) {
		let timer: NodeJS.Timeout | null = null;
		const sync = () => {
			timer = null;
			try {
				syncAgendaListing(db, room.agendaId, room.doc);
			} catch (error) {
				log(`Collab: Titel von ${room.agendaId} nicht übernommen`, error);
			}
		};
		metaMap(room.doc).observeDeep(() => {
			timer ??= setTimeout(sync, 1000);
		});
		room.doc.on('destroy', () => {
			if (timer) {
				clearTimeout(timer);
				sync();
			}
		});
	}

	function scheduleUnload(room: Room) {
		if (room.connections.size > 0) return;
		clearTimeout(unloadTimers.get(room.agendaId));
		const timer = setTimeout(() => {
			unloadTimers.delete(room.agendaId);
			if (room.connections.size > 0 || rooms.get(room.agendaId) !== room) return;
			rooms.delete(room.agendaId);
			room.destroy();
		}, unloadDelayMs);
		unloadTimers.set(room.agendaId, timer);
	}

	function accept(socket: WebSocket, identity: CollabIdentity) {
		const room = roomFor(identity.agendaId);
		const connection: CollabConnection = {
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
		if (!path.startsWith('/collab/') || !COLLAB_PATH.test(path)) {
			if (!path.startsWith('/collab')) return false;
			refuse(socket, 404, 'Agenda nicht gefunden');
			return true;
		}
		let decision;
		try {
			decision = authorizeUpgrade(db, request, allowedOrigin);
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
		if ((rooms.get(identity.agendaId)?.connections.size ?? 0) >= maxConnectionsPerAgenda) {
			refuse(socket, 503, 'Zu viele Verbindungen zu dieser Agenda');
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

	/** Closes the sockets that lost their access, in every room or in one agenda's. */
	function recheckRooms(agendaId?: string) {
		for (const room of rooms.values()) {
			if (room.connections.size === 0 || (agendaId && room.agendaId !== agendaId)) continue;
			try {
				recheckAccess(db, room);
			} catch (error) {
				log('Collab: Rechteprüfung fehlgeschlagen', error);
			}
		}
	}

	const accessTimer = setInterval(() => recheckRooms(), accessCheckMs);
	pingTimer.unref();
	accessTimer.unref();
	// A change through the app (role lowered, member removed, session ended) applies at once; the
	// timer above still catches changes from outside this process (e.g. `npm run admin`).
	const stopListening = onAccessChange(({ agendaId }) => recheckRooms(agendaId));

	async function close() {
		clearInterval(pingTimer);
		clearInterval(accessTimer);
		stopListening();
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

/**
 * Closes the sockets of users whose session ended or whose membership was removed or changed,
 * with one query for the memberships and one for the sessions of the whole room.
 */
function recheckAccess(db: Db, room: Room) {
	const agenda = getAgenda(db, room.agendaId);
	const connections = [...room.connections];
	if (!agenda) {
		for (const connection of connections) {
			connection.socket.close(CLOSE.accessRevoked, 'Agenda gelöscht');
		}
		return;
	}
	const roles = new Map<string, { role: AgendaRole; isAdmin: boolean }>(
		db
			.select({ userId: memberships.userId, role: memberships.role, isAdmin: users.isAdmin })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(eq(memberships.agendaId, room.agendaId))
			.all()
			.map((row) => [row.userId, { role: row.role, isAdmin: row.isAdmin }])
	);
	const liveSessions = new Set(
		db
			.select({ id: sessions.id })
			.from(sessions)
			.where(
				and(
					inArray(
						sessions.id,
						connections.map((connection) => connection.identity.sessionId)
					),
					gt(sessions.expiresAt, new Date())
				)
			)
			.all()
			.map((row) => row.id)
	);
	for (const connection of connections) {
		const { identity, socket } = connection;
		if (!liveSessions.has(identity.sessionId)) {
			socket.close(CLOSE.sessionEnded, 'Sitzung beendet');
			continue;
		}
		const member = roles.get(identity.userId);
		const actor = { user: { isAdmin: member?.isAdmin ?? false }, role: member?.role ?? null };
		if (!member || !can(actor, 'draft.read', agenda)) {
			socket.close(CLOSE.accessRevoked, 'Zugriff entzogen');
		} else if (member.role !== identity.role) {
			socket.close(CLOSE.roleChanged, 'Rolle geändert');
		}
	}
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
