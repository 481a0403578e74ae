import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CLOSE } from '../../src/lib/collab/close-codes';
import { AccountConnections } from './accounts';
import { inProcessFanOut, type FanOut } from './fan-out';
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
	/** See RoomOptions.maxFlushDelayMs. */
	maxFlushDelayMs?: number;
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
	/** How several processes with the same document hear of each other's changes. */
	fanOut?: FanOut;
	/**
	 * With other processes (`fanOut.shared`): how often the loaded documents' log heads are
	 * compared with what the rooms applied, for a message that was lost and no later one showed.
	 */
	catchUpIntervalMs?: number;
	/** The same while the fan-out is disconnected (`fanOut.connected` false). */
	disconnectedCatchUpIntervalMs?: number;
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
		maxFlushDelayMs = 5,
		unloadDelayMs = 10_000,
		pingIntervalMs = 30_000,
		accessCheckMs = 2_000,
		maxBufferedBytes = 32 * 1024 * 1024,
		maxAccountBufferedBytes = 64 * 1024 * 1024,
		maxConnectionsPerAccount = 20,
		maxConnectionsPerDocument = 200,
		syncRequests = { burst: 5, refillMs: 5_000 },
		fanOut = inProcessFanOut,
		catchUpIntervalMs = 1_000,
		disconnectedCatchUpIntervalMs = 250,
		log = logToConsole
	} = options;
	const accounts = new AccountConnections<CollabConnection<I>>();

	const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
	/** The loaded documents. */
	const rooms = new Map<string, Room<I>>();
	/** Documents being loaded, for the connections that wait for them. */
	const loading = new Map<string, Promise<Room<I>>>();
	/** Documents being stored away after their last connection left. */
	const unloading = new Map<string, Promise<void>>();
	/** Connections accepted for a document that is still loading. */
	const joining = new Map<string, number>();
	const unloadTimers = new Map<string, NodeJS.Timeout>();
	const roomOptions = {
		compactAfter,
		maxFlushDelayMs,
		maxBufferedBytes,
		maxAccountBufferedBytes,
		accountBufferedBytes: (userId: string) => accounts.bufferedBytes(userId),
		fanOut,
		log
	};

	/** The loaded room of a document, or the one about to be (after an unload in progress). */
	function roomFor(documentId: string): Promise<Room<I>> {
		clearTimeout(unloadTimers.get(documentId));
		unloadTimers.delete(documentId);
		const loaded = rooms.get(documentId);
		if (loaded && !loaded.hasFailed) return Promise.resolve(loaded);
		// A room whose store failed is not reused: its document may hold what was never stored.
		if (loaded) unload(loaded);
		let pending = loading.get(documentId);
		if (!pending) {
			pending = (async () => {
				await unloading.get(documentId);
				const room = await Room.load<I>(documentId, persistence, roomOptions, hooks);
				rooms.set(documentId, room);
				return room;
			})().finally(() => loading.delete(documentId));
			loading.set(documentId, pending);
		}
		return pending;
	}

	function connectionsTo(documentId: string): number {
		return (rooms.get(documentId)?.connections.size ?? 0) + (joining.get(documentId) ?? 0);
	}

	/** Frees a room now; the next connection to its document waits until it is stored away. */
	function unload(room: Room<I>) {
		const { documentId } = room;
		clearTimeout(unloadTimers.get(documentId));
		unloadTimers.delete(documentId);
		rooms.delete(documentId);
		const stored = room.destroy().finally(() => unloading.delete(documentId));
		unloading.set(documentId, stored);
	}

	function scheduleUnload(room: Room<I>) {
		if (connectionsTo(room.documentId) > 0) return;
		clearTimeout(unloadTimers.get(room.documentId));
		const timer = setTimeout(() => {
			const { documentId } = room;
			unloadTimers.delete(documentId);
			if (connectionsTo(documentId) > 0 || rooms.get(documentId) !== room) return;
			unload(room);
		}, unloadDelayMs);
		unloadTimers.set(room.documentId, timer);
	}

	function accept(socket: WebSocket, identity: I) {
		const { documentId } = identity;
		const connection: CollabConnection<I> = {
			socket,
			identity,
			awarenessClient: null,
			alive: true,
			syncRequests: new SyncRequestBudget(syncRequests)
		};
		accounts.add(connection);
		joining.set(documentId, (joining.get(documentId) ?? 0) + 1);
		let room: Room<I> | null = null;
		/** What arrives while the document loads, handled in order once it is there. */
		const early: Uint8Array[] = [];
		let earlyBytes = 0;
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
			const bytes = toUint8Array(data);
			if (room) {
				room.receive(connection, bytes);
			} else if ((earlyBytes += bytes.length) > maxMessageBytes) {
				socket.close(CLOSE.policy, 'Zu viele Nachrichten vor dem Laden');
			} else {
				early.push(bytes);
			}
		});
		let waiting = true;
		const joined = () => {
			if (!waiting) return;
			waiting = false;
			const left = (joining.get(documentId) ?? 1) - 1;
			if (left > 0) joining.set(documentId, left);
			else joining.delete(documentId);
		};
		socket.on('close', () => {
			accounts.delete(connection);
			joined();
			if (room) {
				room.leave(connection);
				scheduleUnload(room);
			}
		});
		roomFor(documentId).then(
			(loaded) => {
				joined();
				if (socket.readyState !== socket.OPEN) {
					scheduleUnload(loaded);
					return;
				}
				room = loaded;
				loaded.join(connection);
				for (const bytes of early.splice(0)) loaded.receive(connection, bytes);
			},
			(error: unknown) => {
				joined();
				log(`Collab: ${documentId} nicht geladen`, error);
				socket.close(CLOSE.internalError, 'Dokument nicht geladen');
			}
		);
	}

	function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		const path = new URL(request.url ?? '/', 'http://localhost').pathname;
		if (!hooks.handles(path)) return false;
		void upgrade(request, socket, head).catch((error: unknown) => {
			log('Collab: Verbindung nicht aufgebaut', error);
			socket.destroy();
		});
		return true;
	}

	/** Decides an upgrade of ours and completes or refuses it. */
	async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
		// Node hands over an upgrading socket without an error listener, and ws adds its own only in
		// its handshake: a client that resets while the hooks decide must not crash the process.
		const dropped = () => socket.destroy();
		socket.on('error', dropped);
		let decision;
		try {
			decision = await hooks.authenticate(request);
		} catch (error) {
			log('Collab: Prüfung der Verbindung fehlgeschlagen', error);
			refuse(socket, 503, 'Vorübergehend nicht verfügbar');
			return;
		}
		// The client gave up while it waited.
		if (socket.destroyed) return;
		if (!decision.ok) {
			refuse(socket, decision.status, decision.message);
			return;
		}
		const { identity } = decision;
		// Counted before the handshake, which ws completes synchronously: no two upgrades can
		// both pass on the last free place.
		if (accounts.count(identity.userId) >= maxConnectionsPerAccount) {
			refuse(socket, 429, 'Zu viele Verbindungen dieses Kontos');
			return;
		}
		if (connectionsTo(identity.documentId) >= maxConnectionsPerDocument) {
			refuse(socket, 503, 'Zu viele Verbindungen zu diesem Dokument');
			return;
		}
		socket.off('error', dropped);
		wss.handleUpgrade(request, socket, head, (ws) => accept(ws, identity));
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
	/** Never rejects: a failed check is logged, and the next one comes with the timer. */
	async function recheckRooms(documentId?: string): Promise<void> {
		for (const room of [...rooms.values()]) {
			if (room.connections.size === 0 || (documentId && room.documentId !== documentId)) continue;
			void recheckRoom(room);
		}
	}

	/** One room's recheck; never rejects (a failure is logged, the next round tries again). */
	async function recheckRoom(room: Room<I>) {
		try {
			const connections = [...room.connections];
			const closing = await hooks.recheck(
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

	const accessTimer = setInterval(() => void recheckRooms(), accessCheckMs);
	pingTimer.unref();
	accessTimer.unref();

	/**
	 * Whether a room lacks what the log has: one query for all loaded documents. Never rejects; a
	 * failure is logged once until a look succeeds again.
	 */
	let looking = false;
	let lookFailed = false;
	async function lookAtLogHeads(): Promise<void> {
		if (looking || rooms.size === 0) return;
		looking = true;
		try {
			const heads = await persistence.heads([...rooms.keys()]);
			for (const [documentId, seq] of heads) rooms.get(documentId)?.heardOf(seq);
			lookFailed = false;
		} catch (error) {
			if (!lookFailed) log('Collab: Stand des Protokolls nicht gelesen', error);
			lookFailed = true;
		} finally {
			looking = false;
		}
	}
	// One timer at the shorter interval; while messages get through, only every so many ticks.
	const headsTick = Math.min(catchUpIntervalMs, disconnectedCatchUpIntervalMs);
	let lastLook = 0;
	const headsTimer = fanOut.shared
		? setInterval(() => {
				const now = Date.now();
				if (fanOut.connected && now - lastLook < catchUpIntervalMs - headsTick / 2) return;
				lastLook = now;
				void lookAtLogHeads();
			}, headsTick)
		: null;
	headsTimer?.unref();
	// Messages published while the way to the other processes was down are lost: read the log.
	const stopCatchingUp = fanOut.onReady(() => {
		for (const room of rooms.values()) void room.catchUp();
	});
	// A change the hooks report (role lowered, member removed, session ended) applies at once;
	// the timer above still catches changes they cannot see (e.g. from another process).
	const stopListening =
		hooks.onAccessChange?.((documentId) => void recheckRooms(documentId)) ?? null;

	async function close() {
		clearInterval(pingTimer);
		clearInterval(accessTimer);
		if (headsTimer) clearInterval(headsTimer);
		stopCatchingUp();
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
		await Promise.allSettled([...loading.values(), ...unloading.values()]);
		const stored: Promise<void>[] = [];
		for (const room of rooms.values()) {
			for (const connection of room.connections) connection.socket.terminate();
			stored.push(room.destroy());
		}
		rooms.clear();
		await Promise.all(stored);
		wss.close();
	}

	return { handleUpgrade, close, rooms };
}

/** The core's log unless the application passes its own. */
export function logToConsole(message: string, error?: unknown): void {
	console.error(message, error ?? '');
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
