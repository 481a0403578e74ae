import type { Awareness } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { readAgenda } from '$lib/agenda/ydoc/read';
import { LOCAL_EDIT } from '$lib/agenda/ydoc/mutations';
import type { Agenda, Problem } from '$lib/agenda/model/schema';
import { CLOSE } from './close-codes';
import { peersFrom, type Peer, type PresenceUser } from './presence';
import { browserHost, type LocalCopy, type SessionHost } from './session-host';
import { agendaUndoManager } from './undo-manager';
import { colourIndex } from './user-colour';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

/** Why the server ended the connection for good, for a message in the editor. */
export type EndReason = 'session-ended' | 'access-revoked' | null;

/**
 * Whether this browser had a copy of the document from an earlier visit: `pending` until its
 * local store has answered. An empty store is no copy.
 */
export type LocalCopyState = 'pending' | 'none' | 'loaded';

/** How a change stands in this user's undo history. */
export type UndoStep =
	/**
	 * The step ends with the change: what follows is undone apart from it. For structural changes
	 * (adding, moving, removing an item) and for choices that stand on their own.
	 */
	| 'closes'
	/** The change joins the edits around it within half a second, as typing does. */
	| 'joins';

/**
 * The browser side of one agenda: its Y.Doc, synced with the collab server and kept in IndexedDB
 * (so that edits made offline survive a reload and merge on reconnect), the presence of others,
 * and a per-user undo history. Components read `agenda` (a validated snapshot, refreshed once per
 * animation frame, and at once after this user's own changes) and change the document only
 * through `change`, which gives every change the origin the undo history tracks and decides where
 * its undo step ends.
 */
export class AgendaSession {
	readonly agendaId: string;
	readonly user: PresenceUser;
	readonly canEdit: boolean;

	readonly #doc = new Y.Doc();
	readonly #host: SessionHost;
	readonly #provider: WebsocketProvider;
	readonly #local: LocalCopy;
	readonly #undoManager: Y.UndoManager;
	readonly #cleanups: (() => void)[] = [];
	#cancelFrame: (() => void) | null = null;

	#connection = $state<ConnectionState>('connecting');
	#synced = $state(false);
	#localCopy = $state<LocalCopyState>('pending');
	#agenda = $state.raw<Agenda | null>(null);
	#problems = $state.raw<Problem[]>([]);
	#peers = $state.raw<Peer[]>([]);
	#canUndo = $state(false);
	#canRedo = $state(false);
	#endReason = $state<EndReason>(null);
	#rejectedChange = $state<string | null>(null);

	constructor(
		agendaId: string,
		user: { id: string; name: string },
		canEdit: boolean,
		host: SessionHost = browserHost
	) {
		this.agendaId = agendaId;
		this.canEdit = canEdit;
		this.#host = host;
		this.user = { id: user.id, name: user.name, colour: colourIndex(user.id) };
		// Per user: on a shared computer, one person's offline edits never reach another's session.
		this.#local = host.keepLocally(`agendawerk:${agendaId}:${user.id}`, this.#doc);
		// An empty local store is no copy: editing it before the server's document arrives would
		// add measures to an empty list, at positions that collide with the real ones.
		void this.#local.whenSynced.then(() => {
			this.#localCopy = this.#doc.store.clients.size > 0 ? 'loaded' : 'none';
		});

		this.#provider = host.connect(agendaId, this.#doc);
		this.#provider.awareness.setLocalStateField('user', this.user);
		this.#provider.awareness.setLocalStateField('focus', null);

		this.#undoManager = agendaUndoManager(this.#doc);

		this.#listen();
		this.#refresh();
	}

	/** The shared document, to read and to bind texts to; changes go through `change`. */
	get doc(): Y.Doc {
		return this.#doc;
	}
	/** Who is here and where they work, shared with the rich-text editors' carets. */
	get awareness(): Awareness {
		return this.#provider.awareness;
	}
	get connection(): ConnectionState {
		return this.#connection;
	}
	/** Whether the document has been received from the server at least once. */
	get synced(): boolean {
		return this.#synced;
	}
	get localCopy(): LocalCopyState {
		return this.#localCopy;
	}
	/** The agenda as last read from the document, null while it holds none. */
	get agenda(): Agenda | null {
		return this.#agenda;
	}
	get problems(): readonly Problem[] {
		return this.#problems;
	}
	/** Collaborators in other tabs. */
	get peers(): readonly Peer[] {
		return this.#peers;
	}
	get canUndo(): boolean {
		return this.#canUndo;
	}
	get canRedo(): boolean {
		return this.#canRedo;
	}
	get endReason(): EndReason {
		return this.#endReason;
	}
	/** Why the server last took back one of this tab's changes (its close reason), if it did. */
	get rejectedChange(): string | null {
		return this.#rejectedChange;
	}

	/**
	 * Applies one change of this user (a function of the document, from `ydoc/mutations`) as one
	 * transaction with the origin the undo history tracks, and returns its result. `step` says
	 * whether the undo step ends with it (the default) or stays open for the typing that follows.
	 */
	change<T>(mutation: (doc: Y.Doc) => T, step: UndoStep = 'closes'): T {
		const result = this.#doc.transact(() => mutation(this.#doc), LOCAL_EDIT);
		if (step === 'closes') this.#undoManager.stopCapturing();
		this.#refreshNow();
		return result;
	}

	undo() {
		this.#undoManager.undo();
		this.#refreshNow();
	}

	redo() {
		this.#undoManager.redo();
		this.#refreshNow();
	}

	/** Announces which item this user works on (null: none). */
	setFocus(item: string | null) {
		const awareness = this.#provider.awareness;
		const current = awareness.getLocalState()?.focus as { item: string } | null;
		if ((current?.item ?? null) === item) return;
		awareness.setLocalStateField('focus', item ? { item } : null);
	}

	/** Collaborators (not this tab) currently on `item`. */
	peersOn(item: string): Peer[] {
		return this.#peers.filter((peer) => peer.focus?.item === item);
	}

	destroy() {
		this.#cancelFrame?.();
		for (const cleanup of this.#cleanups) cleanup();
		this.#undoManager.destroy();
		this.#provider.destroy();
		void this.#local.destroy();
		this.#doc.destroy();
	}

	#listen() {
		const provider = this.#provider;
		const onUpdate = () => this.#scheduleRefresh();
		this.#doc.on('update', onUpdate);

		const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
			if (status === 'connected') this.#connection = 'connected';
			else if (!this.#host.isOnline()) this.#connection = 'offline';
			else this.#connection = this.#synced ? 'reconnecting' : 'connecting';
		};
		provider.on('status', onStatus);
		const onSync = (synced: boolean) => {
			if (synced) this.#synced = true;
		};
		provider.on('sync', onSync);
		const onClosed = ({ code }: { code: number }) => {
			if (code === CLOSE.roleChanged) {
				// New rights come with a fresh page; the document itself is safe in IndexedDB.
				this.#host.reload();
				return;
			}
			this.#connection = 'closed';
			this.#endReason = code === CLOSE.sessionEnded ? 'session-ended' : 'access-revoked';
		};
		provider.on('closed', onClosed);
		// A change beyond the document's limits is taken back by the server, which then closes
		// the socket; the provider reconnects by itself and the document follows the server.
		const onConnectionClose = (event: CloseEvent | null) => {
			if (event?.code === CLOSE.contentRejected) this.#rejectedChange = event.reason;
		};
		provider.on('connection-close', onConnectionClose);

		const onAwareness = () => {
			this.#peers = peersFrom(
				provider.awareness.getStates() as Map<number, Record<string, unknown>>,
				this.#doc.clientID
			);
		};
		provider.awareness.on('change', onAwareness);

		const onStack = () => {
			this.#canUndo = this.#undoManager.canUndo();
			this.#canRedo = this.#undoManager.canRedo();
		};
		this.#undoManager.on('stack-item-added', onStack);
		this.#undoManager.on('stack-item-popped', onStack);
		this.#undoManager.on('stack-cleared', onStack);

		const stopWatching = this.#host.watchOnline((online) => {
			if (!online) this.#connection = 'offline';
			else if (this.#connection === 'offline') this.#connection = 'reconnecting';
		});
		this.#cleanups.push(() => {
			stopWatching();
			this.#doc.off('update', onUpdate);
			provider.off('status', onStatus);
			provider.off('sync', onSync);
			provider.off('closed', onClosed);
			provider.off('connection-close', onConnectionClose);
			provider.awareness.off('change', onAwareness);
		});
	}

	#scheduleRefresh() {
		if (this.#cancelFrame) return;
		this.#cancelFrame = this.#host.nextFrame(() => {
			this.#cancelFrame = null;
			this.#refresh();
		});
	}

	/**
	 * This user's own changes show at once rather than with the next frame: the editor selects a
	 * measure it has just added, and keys typed right after the click must reach that measure, not
	 * the one shown while the snapshot was a frame behind.
	 */
	#refreshNow() {
		this.#cancelFrame?.();
		this.#cancelFrame = null;
		this.#refresh();
	}

	#refresh() {
		const { agenda, problems } = readAgenda(this.#doc);
		this.#agenda = agenda;
		this.#problems = problems;
	}
}
