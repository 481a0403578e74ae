import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CLOSE } from '../../src/lib/collab/close-codes';
import type { CollabHooks, ConnectionIdentity, LoadedDocument } from './hooks';
import { FullStateAnswer, hasNothingOf } from './full-state';
import { DEFAULT_HOLD_LIMITS, HeldUpdates, type HoldLimits } from './held-updates';
import { corked, dropPendingStructs } from './library-internals';
import { inProcessFanOut, type FanOut, type FanOutMessage } from './fan-out';
import type { DocPersistence } from './persistence';
import type { SyncRequestBudget } from './sync-requests';
import {
	encodeAwareness,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate,
	parseClientMessage,
	type AwarenessEntry
} from './protocol';

/** Origin of a member's update when the application reviews none. */
class MemberEdit {}

export interface CollabConnection<I extends ConnectionIdentity = ConnectionIdentity> {
	socket: WebSocket;
	identity: I;
	/**
	 * The awareness client id this connection speaks for: the first one it announces (the standard
	 * client announces its own state first). Entries for other ids are echoes of other people's
	 * presence, which the standard client relays, and are ignored.
	 */
	awarenessClient: number | null;
	alive: boolean;
	/** How often it may still ask for the document. */
	syncRequests: SyncRequestBudget;
}

export interface RoomOptions {
	/** Compact the update log once this many updates were appended since the last compaction. */
	compactAfter: number;
	/** A socket whose unsent data exceeds this is too slow to follow: it is dropped and resyncs. */
	maxBufferedBytes: number;
	/**
	 * The longest a busy room holds back what arrives after a broadcast (see `planFlush`): it
	 * waits as long as that broadcast took, at most this. A quiet room sends at once.
	 */
	maxFlushDelayMs?: number;
	/**
	 * What all sockets of one account may have queued together; checked for a socket that has
	 * more than a little queued itself (a socket that keeps up never does).
	 */
	maxAccountBufferedBytes?: number;
	/** Bytes queued for all sockets of an account. */
	accountBufferedBytes?: (userId: string) => number;
	/** How other processes with the same document hear of its changes; none by default. */
	fanOut?: FanOut;
	/** For updates that arrive before what they build on (see `applyFrom`). */
	holdLimits?: HoldLimits;
	log: (message: string, error?: unknown) => void;
}

/**
 * At most this many updates of other processes wait for a room's own append (see `hear`); more
 * means something else is amiss, and the room reads the log.
 */
const HEARD_EARLY_MAX = 64;

/** Below this, a socket is keeping up and the account's total is not looked at. */
const ACCOUNT_CHECK_FROM_BYTES = 256 * 1024;

/** What a room uses of the application's hooks. */
export type RoomHooks<I extends ConnectionIdentity> = Pick<
	CollabHooks<I>,
	'load' | 'rewriteAwareness'
>;

/**
 * One loaded document and the connections editing it. Accepted updates are persisted (merged,
 * once per broadcast) before they are broadcast; members who may not write receive everything
 * but their updates are dropped; what the application's update filter takes back goes out
 * together with the update it takes back.
 */
export class Room<I extends ConnectionIdentity = ConnectionIdentity> {
	readonly doc: Y.Doc;
	readonly awareness: awarenessProtocol.Awareness;
	readonly connections = new Set<CollabConnection<I>>();
	/** Updates dropped for the sender's rights (for tests and statistics). */
	droppedUpdates = 0;
	/** Updates the application's filter took back, wholly or partly (for tests and statistics). */
	revertedUpdates = 0;
	/** Sync step 1 questions not answered because the asker had the answer (for tests). */
	redundantSyncRequests = 0;
	/**
	 * Answers to sync step 1 by state vector, for the document as it is: emptied by every
	 * transaction (see `syncAnswerFor`).
	 */
	private readonly syncAnswers = new Map<string, Uint8Array>();
	/** How many of those were encoded (see `encodedSyncAnswers`). */
	private encodedForVectors = 0;
	/** The answer to a client with nothing of the document, kept across changes. */
	private readonly fullState: FullStateAnswer;
	/** Counts the document's changes: an unchanged version means an unchanged document. */
	private version = 0;
	/** Sync step 1 of every greeting, as of a version (see `syncStep1`). */
	private greeting: { version: number; message: Uint8Array } | null = null;
	private sinceCompaction: number;
	private failed = false;
	/** What the application does with the document while it is loaded (its update filter). */
	private readonly loaded: LoadedDocument<I>;
	/** The transaction of the member's update being applied, to review what it changed. */
	private appliedTransaction: Y.Transaction | null = null;
	/** The origin that update is applied with. */
	private applying: object | null = null;
	/** While set, document updates are collected here instead of being persisted one by one. */
	private held: Uint8Array[] | null = null;
	/** What was accepted since the last flush and goes out together with the next. */
	private outbox: Outbox<I> | null = null;
	/**
	 * What other processes published since the last relay (see `relayLater`): stored there, so
	 * it goes out without waiting for this room's own storing.
	 */
	private relay: Relay | null = null;
	private destroyed = false;
	/** Before this, what arrives is held back and goes out merged (see `planFlush`). */
	private nextFlushAt = -Infinity;
	/**
	 * Storing, then sending, one flush after the other: a flush waits for the one before, so the
	 * log keeps the order of the updates and nothing is sent before it is stored.
	 */
	private work: Promise<void> = Promise.resolve();
	/** Flushes taken from the outbox whose delivery has not finished. */
	private flushesUnderway = 0;
	private readonly fanOut: FanOut;
	private readonly stopHearing: () => void;
	/**
	 * The highest number of the log up to which this room has applied every entry (its own and
	 * other processes'). Compaction folds only up to here, and catching up reads what comes after.
	 */
	private applied: number;
	/** The highest number heard of from another process (or the log's head). */
	private heardUpTo = 0;
	/** A catch-up from the log in progress; another one waits for it (see `catchUp`). */
	private catchingUp: Promise<void> | null = null;
	/** Appends of this room whose number has not come back yet. */
	private appendsInFlight = 0;
	/**
	 * Updates heard from other processes, by number, that came while this room's own append was
	 * on its way: the gap before them is most likely that append (see `hear`).
	 */
	private readonly heardEarly = new Map<number, Uint8Array>();
	/** Which connection announced which awareness client id (see `awarenessClient`). */
	private readonly announcers = new Map<number, CollabConnection<I>>();
	/** Per connection, its updates that wait for what they build on (see `applyFrom`). */
	private readonly waiting = new Map<CollabConnection<I>, HeldUpdates>();
	/**
	 * Client ids that connections of other processes announced, with their user and when this
	 * room last heard of them (see `FanOutMessage.announcers`). Forgotten with their presence.
	 */
	private readonly foreignAnnouncers = new Map<number, { userId: string; heardAt: number }>();

	/** Loads a document into a new room. */
	static async load<I extends ConnectionIdentity>(
		documentId: string,
		persistence: DocPersistence,
		options: RoomOptions,
		hooks: RoomHooks<I> = {}
	): Promise<Room<I>> {
		const { doc, entries, seq } = await persistence.load(documentId);
		return new Room<I>(documentId, doc, entries, seq, persistence, options, hooks);
	}

	private constructor(
		readonly documentId: string,
		doc: Y.Doc,
		entries: number,
		seq: number,
		private readonly persistence: DocPersistence,
		private readonly options: RoomOptions,
		private readonly hooks: RoomHooks<I>
	) {
		this.doc = doc;
		this.applied = seq;
		this.sinceCompaction = entries;
		if (entries > options.compactAfter) void this.schedule(() => this.compact()); // errors are logged inside
		this.fanOut = options.fanOut ?? inProcessFanOut;
		this.stopHearing = this.fanOut.subscribe(documentId, (message) => this.hear(message));
		this.fullState = new FullStateAnswer(doc);
		this.awareness = new awarenessProtocol.Awareness(doc);
		// The server itself is not a participant.
		this.awareness.setLocalState(null);
		doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
		this.awareness.on('update', (changes: AwarenessChanges, origin: unknown) =>
			this.onAwarenessUpdate(changes, origin)
		);
		doc.on('afterTransaction', (transaction: Y.Transaction) => {
			// Any transaction may change what an answer holds, even one that only adds to the
			// updates Yjs keeps pending (no 'update' event, but part of every encoded state).
			this.syncAnswers.clear();
			if (this.applying !== null && transaction.origin === this.applying) {
				this.appliedTransaction = transaction;
			}
		});
		// What the application changes now (e.g. a layout upgrade) is persisted like any update,
		// before any client can make the same change concurrently.
		this.loaded = hooks.load?.(documentId, doc) ?? {};
	}

	join(connection: CollabConnection<I>): void {
		if (this.failed) {
			// Joined while its store failed (between the server's look and the join): reconnect.
			connection.socket.close(CLOSE.internalError, 'Speichern fehlgeschlagen');
			return;
		}
		this.connections.add(connection);
		// The greeting leaves in one system call: under a flood of connections (hostile bench)
		// each is a measurable share of the server's time.
		const greeting = [this.syncStep1()];
		const clients = [...this.awareness.getStates().keys()];
		if (clients.length > 0) {
			const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients);
			greeting.push(encodeAwareness(update));
		}
		this.sendTogether(connection, greeting);
	}

	/**
	 * The room's state vector as sync step 1, encoded once per version of the document: a flood of
	 * connections (hostile bench, 450 a second) each had it encoded, 30 µs apiece.
	 */
	private syncStep1(): Uint8Array {
		if (this.greeting?.version !== this.version) {
			this.greeting = { version: this.version, message: encodeSyncStep1(this.doc) };
		}
		return this.greeting.message;
	}

	leave(connection: CollabConnection<I>): void {
		if (!this.connections.delete(connection)) return;
		this.forgetWaiting(connection);
		if (connection.awarenessClient !== null) {
			this.announcers.delete(connection.awarenessClient);
			awarenessProtocol.removeAwarenessStates(this.awareness, [connection.awarenessClient], null);
		}
	}

	receive(connection: CollabConnection<I>, data: Uint8Array): void {
		// Frames still buffered after we closed a connection (e.g. for garbage) are not read.
		if (connection.socket.readyState !== WebSocket.OPEN) return;
		const parsed = parseClientMessage(data);
		if (!parsed.ok) {
			const code = parsed.reason === 'unknown' ? CLOSE.unsupported : CLOSE.policy;
			connection.socket.close(
				code,
				parsed.reason === 'unknown' ? 'Unbekannte Nachricht' : 'Ungültige Nachricht'
			);
			return;
		}
		const { message } = parsed;
		switch (message.type) {
			case 'sync-step-1':
				this.answerSyncRequest(connection, message.stateVector);
				return;
			case 'update':
				if (!connection.identity.canWrite) {
					this.droppedUpdates++;
					return;
				}
				if (this.speaksForOthers(connection, message.ends)) {
					this.droppedUpdates++;
					this.options.log(
						`Collab: Update mit fremder Client-ID von ${connection.identity.userId}`
					);
					connection.socket.close(CLOSE.policy, 'Fremde Client-ID');
					return;
				}
				this.applyFrom(connection, message.update);
				return;
			case 'awareness':
				this.receiveAwareness(connection, message.clients);
				return;
			case 'query-awareness': {
				const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [
					...this.awareness.getStates().keys()
				]);
				this.send(connection, encodeAwareness(update));
				return;
			}
		}
	}

	/**
	 * A member's question for what it lacks. Answered only when its state changed since the last
	 * answered question (see `SyncRequestBudget`); a connection that keeps asking is dropped (each
	 * answer may be the whole document, queued for a socket that perhaps never reads).
	 */
	private answerSyncRequest(connection: CollabConnection<I>, stateVector: Uint8Array) {
		const decision = connection.syncRequests.decide(stateVector);
		if (decision === 'exhausted') {
			this.options.log(
				`Collab: zu viele Synchronisierungsanfragen von ${connection.identity.userId}`
			);
			connection.socket.close(CLOSE.policy, 'Zu viele Synchronisierungsanfragen');
			return;
		}
		if (decision === 'redundant') {
			this.redundantSyncRequests++;
			return;
		}
		// The document may hold updates still on their way to storage: the answer goes out with
		// the flush that stores them, like every other update.
		if (this.outbox || this.flushesUnderway > 0) {
			this.post().syncRequests.push({ connection, stateVector });
			return;
		}
		this.sendTogether(connection, this.syncAnswerFor(stateVector));
	}

	/** Answers to sync step 1 encoded from the whole document (for tests; see `syncAnswerFor`). */
	get encodedSyncAnswers(): number {
		return this.encodedForVectors + this.fullState.encodings;
	}

	/**
	 * The answer to a sync step 1 with `stateVector`, as messages to send together. Each may be
	 * the whole document: encoding it took 5–25 ms for the demo agenda under attack, on the event
	 * loop every editor shares. A client with nothing of the document gets the kept full state
	 * (see `FullStateAnswer`). A reconnecting team asks with the same vectors, so the answer to any
	 * other vector is kept until the document changes: equal bytes, encoded once.
	 */
	private syncAnswerFor(stateVector: Uint8Array): Uint8Array[] {
		if (hasNothingOf(this.doc, stateVector)) return this.fullState.messages();
		const key = Buffer.from(stateVector).toString('base64');
		let answer = this.syncAnswers.get(key);
		if (!answer) {
			answer = encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
			this.encodedForVectors++;
			// Many different vectors between two changes (a flood of made-up ones) keep few.
			if (this.syncAnswers.size >= MAX_KEPT_SYNC_ANSWERS) this.syncAnswers.clear();
			this.syncAnswers.set(key, answer);
		}
		return [answer];
	}

	/**
	 * Whether an update brings new content under a Yjs client id that another person's open
	 * connection announced as its own. Such structs would take the clocks that person's next
	 * edits need, and Yjs would drop those edits as known. Ids nobody announces (a closed tab's
	 * offline edits, sent again from IndexedDB by the same browser later) are left alone: their
	 * owners never write under them again, so nothing can be lost.
	 */
	private speaksForOthers(connection: CollabConnection<I>, ends: Map<number, number>): boolean {
		for (const [client, end] of ends) {
			if (end <= Y.getState(this.doc.store, client)) continue;
			if (client === this.doc.clientID) return true;
			const announcer = this.announcerOf(client);
			if (announcer !== undefined && announcer !== connection.identity.userId) return true;
		}
		return false;
	}

	/**
	 * Applies a member's update (see `integrate`), or holds what of it builds on something the
	 * document does not have yet. Yjs would keep that as pending, invisible, and write it into the
	 * log with the next compaction, for ever: it is taken out of the document again and held per
	 * connection as a raw update, which is neither stored nor sent before it applies.
	 *
	 * Honest clients cause this: one that reconnects with offline edits sends them in its answer
	 * to the server's sync step 1, a round trip after the socket opened, and what it types
	 * meanwhile goes out at once and builds on them. So after each later update of the
	 * connection that brought something a held update waits for, what it holds is tried again
	 * (an update that does not costs a look at its own clients). Only the connection's own
	 * updates count: should another connection bring the basis first (another tab with the same
	 * offline edits), the held updates wait for this connection's next structs of those clients,
	 * or are closed at the deadline; the client then reconnects and sends them again.
	 *
	 * Any connection may hold, not only one in its first sync: the room cannot tell a late
	 * basis from none, and the limits bound what holding costs. Beyond `holdLimits.maxBytes`,
	 * or when the basis has not come `holdLimits.deadlineMs` after the first held update, the
	 * sender is closed (1008) and what it held discarded. A connection that leaves while holding
	 * just forgets it.
	 */
	private applyFrom(connection: CollabConnection<I>, update: Uint8Array) {
		const { lacking, closing } = this.integrate(connection, update);
		const waited = this.waiting.get(connection);
		if (closing) {
			this.closeFor(connection, closing);
			return;
		}
		if (lacking) {
			const refused = this.hold(connection, this.lackingPart(update), lacking);
			if (refused) {
				this.closeFor(connection, refused);
				return;
			}
		}
		// What the connection held before may build on what this update brought.
		if (!waited?.mayApplyAfter(this.doc, Y.parseUpdateMeta(update).to.keys())) return;
		const held = waited.merged();
		const retried = this.integrate(connection, held);
		if (retried.closing) this.closeFor(connection, retried.closing);
		else if (retried.lacking) waited.keep(this.lackingPart(held), retried.lacking);
		else this.forgetWaiting(connection);
	}

	/** What of `update` the document still lacks, once its pending structs are dropped. */
	private lackingPart(update: Uint8Array): Uint8Array {
		return Y.diffUpdate(update, Y.encodeStateVector(this.doc));
	}

	/** Holds an update of `connection`; what to close it with when that exceeds the limits. */
	private hold(
		connection: CollabConnection<I>,
		update: Uint8Array,
		waitsFor: Map<number, number>
	): Closing | null {
		const limits = this.options.holdLimits ?? DEFAULT_HOLD_LIMITS;
		let held = this.waiting.get(connection);
		if (!held) {
			held = new HeldUpdates(limits, () => {
				this.logUnfounded(connection, `nicht binnen ${limits.deadlineMs} ms gekommen`);
				this.closeFor(connection, UNFOUNDED);
			});
			this.waiting.set(connection, held);
		}
		if (held.add(update, waitsFor)) return null;
		this.logUnfounded(connection, `mehr als ${limits.maxBytes} Bytes zurückgehalten`);
		return UNFOUNDED;
	}

	private logUnfounded(connection: CollabConnection<I>, why: string) {
		this.options.log(
			`Collab: Update ohne Grundlage von ${connection.identity.userId}: Grundlage ${why}`
		);
	}

	private forgetWaiting(connection: CollabConnection<I>) {
		this.waiting.get(connection)?.clear();
		this.waiting.delete(connection);
	}

	private closeFor(connection: CollabConnection<I>, { code, reason }: Closing) {
		this.forgetWaiting(connection);
		connection.socket.close(code, reason);
	}

	/**
	 * The user who announced a client id: on this process, or else on another one (heard of in
	 * the last `outdatedTimeout`, as long as its presence would live here). Another process's
	 * word never overrides a connection of this one.
	 */
	private announcerOf(client: number): string | undefined {
		const local = this.announcers.get(client);
		if (local) return local.identity.userId;
		const foreign = this.foreignAnnouncers.get(client);
		if (!foreign) return undefined;
		if (Date.now() - foreign.heardAt >= awarenessProtocol.outdatedTimeout) {
			this.foreignAnnouncers.delete(client);
			return undefined;
		}
		return foreign.userId;
	}

	/** The users behind those of `clients` announced here whose presence is there to publish. */
	private localAnnouncersOf(clients: Iterable<number>): Map<number, string> | null {
		const states = this.awareness.getStates();
		const found = new Map<number, string>();
		for (const client of clients) {
			const announcer = this.announcers.get(client);
			if (announcer && states.has(client)) found.set(client, announcer.identity.userId);
		}
		return found.size > 0 ? found : null;
	}

	/**
	 * Applies a member's update and lets the application's filter review it. What the filter takes
	 * back (all of it, or the part the sender may not change) is stored and sent together with the
	 * update, so others never see the intermediate state. Dropping an update instead would leave
	 * the sender's later updates pending forever (they build on it), and lose its other edits.
	 * Says what part of it waits for, if part builds on something the document lacks (`lacking`;
	 * that part was taken out of the document again), and what to close the sender with, if
	 * anything.
	 */
	private integrate(
		connection: CollabConnection<I>,
		update: Uint8Array
	): { lacking: Map<number, number> | null; closing: Closing | null } {
		const { filter } = this.loaded;
		const { identity } = connection;
		const held: Uint8Array[] = [];
		this.held = held;
		this.appliedTransaction = null;
		this.applying = filter ? filter.originFor(identity) : new MemberEdit();
		let reverted = false;
		let lacking: Map<number, number> | null = null;
		let closing: Closing | null = null;
		try {
			Y.applyUpdate(this.doc, update, this.applying);
			lacking = dropPendingStructs(this.doc);
			const verdict =
				filter && this.appliedTransaction ? filter.review(this.appliedTransaction, identity) : null;
			if (verdict?.log) this.options.log(`Collab: ${verdict.log} (${identity.userId})`);
			if (verdict?.reverted) {
				reverted = true;
				this.revertedUpdates++;
			}
			if (verdict?.close) closing = verdict.close;
		} catch (error) {
			this.options.log(`Collab: Update von ${identity.userId} abgelehnt`, error);
			closing = { code: CLOSE.policy, reason: 'Ungültiges Update' };
		} finally {
			this.appliedTransaction = null;
			this.applying = null;
			filter?.reset();
			this.held = null;
			const merged = mergedUpdate(held);
			// The sender gets it too when something was taken back, to drop its own change.
			if (merged) this.accept(merged, reverted ? null : connection);
		}
		return { lacking, closing };
	}

	/**
	 * Each connection speaks only for its own client id, and its presence is re-encoded as the
	 * application says (e.g. with the name the server knows, so nobody appears as someone else).
	 */
	private receiveAwareness(connection: CollabConnection<I>, entries: AwarenessEntry[]) {
		const first = entries[0];
		if (connection.awarenessClient === null && first) {
			if (this.announcers.has(first.clientId)) return;
			// Someone on another process speaks for it (its owner may come over here, though).
			const announcer = this.announcerOf(first.clientId);
			if (announcer !== undefined && announcer !== connection.identity.userId) return;
			connection.awarenessClient = first.clientId;
			this.announcers.set(first.clientId, connection);
		}
		const own = entries.filter((entry) => entry.clientId === connection.awarenessClient);
		if (own.length === 0) return;
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, own.length);
		for (const { clientId, clock, state } of own) {
			encoding.writeVarUint(encoder, clientId);
			encoding.writeVarUint(encoder, clock);
			const { rewriteAwareness } = this.hooks;
			const shown =
				state === null || !rewriteAwareness ? state : rewriteAwareness(state, connection.identity);
			encoding.writeVarString(encoder, JSON.stringify(shown));
		}
		awarenessProtocol.applyAwarenessUpdate(
			this.awareness,
			encoding.toUint8Array(encoder),
			connection
		);
	}

	private onDocUpdate(update: Uint8Array, origin: unknown) {
		this.version++;
		if (this.held) {
			this.held.push(update);
			return;
		}
		if (origin === FROM_OTHER_PROCESS) {
			// Stored by the process it came from: only passed on to this process's sockets.
			this.relayLater().updates.push(update);
			return;
		}
		this.accept(update, origin);
	}

	/**
	 * An update or presence change another process published (see FanOut). Updates are applied
	 * in the order of their numbers: the next one at once, one after a gap (a lost message, or
	 * one too large to carry) only after the log filled the gap, so no update is applied without
	 * what it builds on.
	 */
	private hear(message: FanOutMessage) {
		if (this.destroyed) return;
		const { seq, update } = message;
		if (seq !== null && seq > this.applied) {
			if (seq === this.applied + 1 && update && !this.catchingUp) {
				Y.applyUpdate(this.doc, update, FROM_OTHER_PROCESS);
				this.applied = seq;
				this.applyHeardEarly();
			} else if (
				update &&
				!this.catchingUp &&
				this.appendsInFlight > 0 &&
				this.heardEarly.size < HEARD_EARLY_MAX
			) {
				// Another process's number after the one this room's append is about to get back:
				// the usual race of two writers, not a lost message. Reading the log for it cost
				// a query and a round trip for about one update in eight at 200 editors on two
				// processes; it waits for the append instead (see `persist`).
				this.heardEarly.set(seq, update);
			} else {
				this.heardOf(seq);
			}
		}
		if (message.awareness) this.hearPresence(message.awareness, message.announcers);
	}

	/**
	 * Applies what was heard early and now follows `applied` without a gap. What still has a gap
	 * once no append of this room is on its way comes from the log (`catchUp`).
	 */
	private applyHeardEarly() {
		for (let next = this.heardEarly.get(this.applied + 1); next;) {
			this.heardEarly.delete(this.applied + 1);
			Y.applyUpdate(this.doc, next, FROM_OTHER_PROCESS);
			this.applied++;
			next = this.heardEarly.get(this.applied + 1);
		}
		if (this.heardEarly.size > 0 && this.appendsInFlight === 0) this.readHeardEarlyFromLog(0);
	}

	/** Catches up from the log to `seq` or what was heard early, whichever is further. */
	private readHeardEarlyFromLog(seq: number) {
		let highest = seq;
		for (const heard of this.heardEarly.keys()) highest = Math.max(highest, heard);
		this.heardEarly.clear();
		this.heardOf(highest);
	}

	/**
	 * Presence another process published, and who there announced which of its client ids. A
	 * message that does not read (Redis is inside the trust boundary, but bytes are bytes) is
	 * logged and dropped: the next renewal brings the presence again.
	 */
	private hearPresence(update: Uint8Array, announcers: ReadonlyMap<number, string> | null) {
		try {
			awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FROM_OTHER_PROCESS);
		} catch (error) {
			this.options.log(`Collab: Präsenz eines anderen Prozesses nicht lesbar`, error);
			return;
		}
		const heardAt = Date.now();
		for (const [client, userId] of announcers ?? []) {
			// Whoever announced it here first keeps it (see `announcerOf`); a removed state is gone.
			if (this.announcers.has(client) || !this.awareness.getStates().has(client)) continue;
			this.foreignAnnouncers.set(client, { userId, heardAt });
		}
	}

	/** The log holds number `seq` (a message or the log's head said so): catch up to it. */
	heardOf(seq: number): void {
		if (seq <= this.applied || this.destroyed || this.failed) return;
		this.heardUpTo = Math.max(this.heardUpTo, seq);
		void this.catchUp();
	}

	/** The last number up to which this room has applied the whole log. */
	get appliedSeq(): number {
		return this.applied;
	}

	/**
	 * Reads and applies what the log holds after `applied`, until it has applied what it heard
	 * of. One at a time: a catch-up asked for meanwhile runs once this one is done. Never
	 * rejects: a failure is logged, and the next message or look at the log heads tries again.
	 */
	catchUp(): Promise<void> {
		this.catchingUp ??= (async () => {
			try {
				do {
					const rows = await this.persistence.readSince(this.documentId, this.applied);
					if (this.destroyed) return;
					// Updates of this process are among them when another wrote in between: Yjs
					// applies nothing it knows, and so sends nothing again. A number may be skipped
					// where another process compacted: its row holds everything up to its number.
					for (const row of rows) {
						Y.applyUpdate(this.doc, row.update, FROM_OTHER_PROCESS);
						this.applied = row.seq;
					}
					if (rows.length === 0) break;
				} while (this.heardUpTo > this.applied);
			} catch (error) {
				this.options.log(`Collab: Nachholen in ${this.documentId} fehlgeschlagen`, error);
			} finally {
				this.catchingUp = null;
			}
		})();
		return this.catchingUp;
	}

	/** An update of the document: stored and sent to everyone but `origin` with the next flush. */
	private accept(update: Uint8Array, origin: unknown) {
		if (this.failed) return;
		this.post().updates.push({ update, origin });
	}

	/**
	 * The outbox, opened with a flush (at once, or a little later in a busy room: see
	 * `planFlush`). Sending every update and every presence change to every socket on its
	 * own costs one frame and one system call each (N² frames for N editors); one merged update
	 * and one presence message per flush cost N. The merged update is also what is stored: one
	 * row and one commit per flush, not per update.
	 */
	private post(): Outbox<I> {
		if (!this.outbox) {
			this.outbox = {
				updates: [],
				awarenessClients: new Set(),
				syncRequests: []
			};
			this.planFlush();
		}
		return this.outbox;
	}

	/**
	 * What other processes published, gathered until the next relay. It waits for the room's
	 * pace like a flush (see `planFlush`), but not for a flush being stored: it is stored already,
	 * and it builds on nothing this process has not sent (another process hears of this one's
	 * updates only once they are stored and sent here). Waiting behind this room's own commit
	 * made about every second delivery from another process late by that commit
	 * (docs/architecture.md §3.1).
	 */
	private relayLater(): Relay {
		if (!this.relay) {
			const relay: Relay = { updates: [], awarenessClients: new Set() };
			this.relay = relay;
			this.atNextSlot(() => {
				if (this.relay === relay) this.sendRelay();
			});
		}
		return this.relay;
	}

	/** Sends what other processes published since the last relay to every socket, merged. */
	private sendRelay() {
		const relay = this.relay;
		this.relay = null;
		if (!relay || this.destroyed || this.failed) return;
		const { updates, awarenessClients } = relay;
		const merged = mergedUpdate(updates);
		const update = merged && encodeUpdate(merged);
		const presence = this.presenceOf(awarenessClients);
		const messages = [update, presence && encodeAwareness(presence)].filter(
			(message) => message !== null
		);
		this.broadcast(() => {
			for (const connection of this.connections) this.sendTogether(connection, messages);
		});
	}

	/** The current presence of `clients` as one awareness update, or null for none. */
	private presenceOf(clients: Set<number>): Uint8Array | null {
		return clients.size > 0
			? awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...clients])
			: null;
	}

	/**
	 * Runs `sending` (a broadcast) and sets when the next may start: after as long again as this
	 * one took, at most `maxFlushDelayMs` (see `planFlush`).
	 */
	private broadcast(sending: () => void) {
		const sendingFrom = performance.now();
		sending();
		const sentAt = performance.now();
		this.nextFlushAt =
			sentAt + Math.min(sentAt - sendingFrom, this.options.maxFlushDelayMs ?? Infinity);
	}

	/** Runs `go` once the room's pace allows the next broadcast (see `planFlush`). */
	private atNextSlot(go: () => void) {
		const wait = this.nextFlushAt - performance.now();
		if (wait <= 0) queueMicrotask(go);
		// Timers count whole milliseconds: less than one waits for the end of this turn instead.
		else if (wait < 1) setImmediate(go);
		else setTimeout(go, wait);
	}

	/**
	 * When the outbox goes. A quiet room stores and sends at once: in a microtask, so that all a
	 * message brings (its update and its sender's presence) still goes together, but before the
	 * event loop turns. Each broadcast costs a system call per socket, so a busy room spaces
	 * them out: under load that, not the updates themselves, is most of the server's work. After
	 * a broadcast the room waits as long as it took (at most `maxFlushDelayMs`), so broadcasting
	 * takes at most about half of the time: a waiting time that grows with the number of sockets,
	 * not a fixed one, which would hold back the updates of a room of ten as much as of two
	 * hundred. While a flush is being stored, what arrives waits for it and goes out after it,
	 * merged (one row and one commit, however slow the store).
	 */
	private planFlush() {
		if (this.flushesUnderway > 0) return;
		const outbox = this.outbox;
		this.atNextSlot(() => {
			if (this.outbox === outbox) this.flush();
		});
	}

	/** Takes the outbox and has it stored and sent after what is already on its way. */
	private flush() {
		const outbox = this.outbox;
		this.outbox = null;
		if (!outbox) return;
		// Answered from the document as it is now: everything in it is stored once this flush is.
		const answers = outbox.syncRequests.map(({ connection, stateVector }) => ({
			connection,
			answer: this.syncAnswerFor(stateVector)
		}));
		this.flushesUnderway++;
		void this.schedule(async () => {
			try {
				await this.deliver(outbox, answers);
			} finally {
				this.flushesUnderway--;
				// What arrived meanwhile waited for this flush (see `planFlush`).
				if (this.outbox && !this.destroyed) this.planFlush();
			}
		});
	}

	/** Runs `step` after every step scheduled before it; a failing step is logged, not fatal. */
	private schedule(step: () => Promise<void>): Promise<void> {
		this.work = this.work.then(step).catch((error: unknown) => {
			this.options.log(`Collab: Fehler in ${this.documentId}`, error);
		});
		return this.work;
	}

	private async deliver(outbox: Outbox<I>, answers: SyncAnswer<I>[]) {
		// Its document may hold an update the store refused: nothing of it may go out any more,
		// not even as the answer to a sync request.
		if (this.failed) return;
		const stored = mergedUpdate(outbox.updates.map((entry) => entry.update));
		let seq: number | null = null;
		/** The one connection that sent all of this flush's updates: it has them already. */
		let sender: unknown = null;
		if (stored) {
			// Stored before anyone sees it: what a client received survives a crash.
			seq = await this.persist(stored);
			if (seq === null) return;
			// When several sent since the last flush, each gets the merge, its own part included
			// (Yjs ignores what it knows).
			const origins = new Set(outbox.updates.map((entry) => entry.origin));
			if (origins.size === 1) [sender] = origins;
		}
		if (this.destroyed) return;
		// Only what happened here goes to the other processes; what they sent is theirs.
		const awareness = this.presenceOf(outbox.awarenessClients);
		if (stored || awareness) {
			const announcers = awareness ? this.localAnnouncersOf(outbox.awarenessClients) : null;
			this.fanOut.publish(this.documentId, { seq, update: stored, awareness, announcers });
		}
		const own = stored ? encodeUpdate(stored) : null;
		const presence = awareness ? encodeAwareness(awareness) : null;
		const answerTo =
			answers.length > 0
				? new Map(answers.map(({ connection, answer }) => [connection, answer]))
				: null;
		this.broadcast(() => {
			for (const connection of this.connections) {
				const messages: Uint8Array[] = [];
				const answer = answerTo?.get(connection);
				// An answer holds this flush's updates already.
				if (answer) messages.push(...answer);
				else if (own && connection !== sender) messages.push(own);
				if (presence) messages.push(presence);
				this.sendTogether(connection, messages);
			}
		});
		if (stored && this.sinceCompaction >= this.options.compactAfter) await this.compact();
	}

	/** A flush's update and presence leave a socket in one system call (see `corked`). */
	private sendTogether(connection: CollabConnection<I>, messages: Uint8Array[]) {
		if (messages.length > 1) {
			corked(connection.socket, () => {
				for (const message of messages) this.send(connection, message);
			});
		} else if (messages[0]) {
			this.send(connection, messages[0]);
		}
	}

	/** Appends to the log; the number it was stored under, or null when storing failed. */
	private async persist(update: Uint8Array): Promise<number | null> {
		if (this.failed) return null;
		let seq: number;
		this.appendsInFlight++;
		try {
			seq = await this.persistence.append(this.documentId, update);
		} catch (error) {
			this.heardEarly.clear();
			// Not persisted, so not broadcast: every client reconnects and resends what it has.
			this.failed = true;
			this.options.log(`Collab: Speichern in ${this.documentId} fehlgeschlagen`, error);
			this.closeAll(CLOSE.internalError, 'Speichern fehlgeschlagen');
			return null;
		} finally {
			this.appendsInFlight--;
		}
		this.sinceCompaction++;
		if (seq === this.applied + 1 && !this.catchingUp) {
			this.applied = seq;
			this.applyHeardEarly();
		} else {
			// Another process appended in between, unheard: its entries come from the log before
			// this one counts (and with them what was heard early).
			this.readHeardEarlyFromLog(seq);
		}
		return seq;
	}

	private onAwarenessUpdate({ added, updated, removed }: AwarenessChanges, origin: unknown) {
		// Removed or timed out (30 s without renewal): its announcement goes with it.
		for (const client of removed) this.foreignAnnouncers.delete(client);
		const clients =
			origin === FROM_OTHER_PROCESS
				? this.relayLater().awarenessClients
				: this.post().awarenessClients;
		for (const client of [...added, ...updated, ...removed]) clients.add(client);
	}

	private send(connection: CollabConnection<I>, message: Uint8Array) {
		const { socket } = connection;
		if (socket.readyState !== WebSocket.OPEN) return;
		const { maxAccountBufferedBytes, accountBufferedBytes } = this.options;
		if (
			socket.bufferedAmount > this.options.maxBufferedBytes ||
			(maxAccountBufferedBytes !== undefined &&
				accountBufferedBytes &&
				socket.bufferedAmount > ACCOUNT_CHECK_FROM_BYTES &&
				accountBufferedBytes(connection.identity.userId) > maxAccountBufferedBytes)
		) {
			socket.terminate();
			return;
		}
		socket.send(message);
	}

	/**
	 * Whether storing failed: the document in memory may hold what the store does not, so the
	 * room sends nothing more and the server loads the document afresh for the next connection.
	 */
	get hasFailed(): boolean {
		return this.failed;
	}

	/** Whether the log holds anything a compaction would fold. */
	get dirty(): boolean {
		return this.sinceCompaction > 1 && !this.failed;
	}

	/**
	 * Folds the log up to `applied`, never further: entries after it may be another process's
	 * that this room has not applied yet, and its state does not hold them.
	 */
	private async compact(): Promise<void> {
		if (this.failed || this.applied === 0) return;
		// The state may hold updates whose own append is still to come: stored twice, read once.
		const state = Y.encodeStateAsUpdate(this.doc);
		this.fullState.adopt(state);
		await this.persistence.compact(this.documentId, state, this.applied);
		this.sinceCompaction = 1;
	}

	closeAll(code: number, reason: string): void {
		for (const connection of this.connections) connection.socket.close(code, reason);
	}

	/**
	 * Stores what is pending, compacts and frees the document; the room must not be used
	 * afterwards. Resolves when the store has everything.
	 */
	async destroy(): Promise<void> {
		this.stopHearing();
		// What connections held never applied: nothing to store, and no deadline to wait for.
		for (const held of this.waiting.values()) held.clear();
		this.waiting.clear();
		// Stores what was accepted since the last flush; sending it no longer matters.
		this.flush();
		this.destroyed = true;
		await this.work;
		if (this.dirty) {
			try {
				await this.compact();
			} catch (error) {
				this.options.log(`Collab: Verdichten von ${this.documentId} fehlgeschlagen`, error);
			}
		}
		await this.loaded.unload?.();
		this.loaded.filter?.destroy();
		this.awareness.destroy();
		this.fullState.destroy();
		this.doc.destroy();
	}
}

/** Several updates as one (one left as it is, none as null): one row, one frame. */
function mergedUpdate(updates: Uint8Array[]): Uint8Array | null {
	if (updates.length <= 1) return updates[0] ?? null;
	return Y.mergeUpdates(updates);
}

/** How many answers to different state vectors a room keeps at once (see `syncAnswerFor`). */
const MAX_KEPT_SYNC_ANSWERS = 4;

/** Origin of what another process published: applied here, stored there. */
const FROM_OTHER_PROCESS = Symbol('from-other-process');

interface Closing {
	code: number;
	reason: string;
}

/** How a connection is closed whose update never found its basis (see `applyFrom`). */
const UNFOUNDED: Closing = { code: CLOSE.policy, reason: 'Update ohne Grundlage' };

interface Outbox<I extends ConnectionIdentity> {
	updates: { update: Uint8Array; origin: unknown }[];
	awarenessClients: Set<number>;
	/** Sync requests that came while updates were on their way to storage. */
	syncRequests: { connection: CollabConnection<I>; stateVector: Uint8Array }[];
}

/** What other processes published: sent here, neither stored nor published again. */
interface Relay {
	updates: Uint8Array[];
	awarenessClients: Set<number>;
}

interface SyncAnswer<I extends ConnectionIdentity> {
	connection: CollabConnection<I>;
	answer: Uint8Array[];
}

interface AwarenessChanges {
	added: number[];
	updated: number[];
	removed: number[];
}
