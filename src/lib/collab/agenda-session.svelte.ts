import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { readAgenda } from '$lib/agenda/ydoc/read';
import type { Agenda, Problem } from '$lib/agenda/model/schema';
import { CLOSE } from './close-codes';
import { peersFrom, type Peer, type PresenceUser } from './presence';
import { agendaUndoManager } from './undo-manager';
import { colourIndex } from './user-colour';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'closed';

/** Why the server ended the connection for good, for a message in the editor. */
export type EndReason = 'session-ended' | 'access-revoked' | null;

/**
 * The browser side of one agenda: its Y.Doc, synced with the collab server and kept in IndexedDB
 * (so that edits made offline survive a reload and merge on reconnect), the presence of others,
 * and a per-user undo history. Components read `agenda` (a validated snapshot, refreshed once per
 * animation frame) and write through the mutation functions or the bound texts.
 */
export class AgendaSession {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly user: PresenceUser;
	readonly undoManager: Y.UndoManager;

	connection = $state<ConnectionState>('connecting');
	/** Whether the document has been received from the server at least once. */
	synced = $state(false);
	/** Whether a local copy (IndexedDB) of the document, saved in an earlier visit, was loaded. */
	loadedLocally = $state(false);
	agenda = $state.raw<Agenda | null>(null);
	problems = $state.raw<Problem[]>([]);
	peers = $state.raw<Peer[]>([]);
	canUndo = $state(false);
	canRedo = $state(false);
	endReason = $state<EndReason>(null);
	/** Why the server last took back one of this tab's changes (its close reason), if it did. */
	rejectedChange = $state<string | null>(null);

	private readonly local: IndexeddbPersistence;
	private frame: number | null = null;
	private readonly cleanups: (() => void)[] = [];

	constructor(
		readonly agendaId: string,
		user: { id: string; name: string },
		readonly canEdit: boolean
	) {
		this.user = { id: user.id, name: user.name, colour: colourIndex(user.id) };
		// Per user: on a shared computer, one person's offline edits never reach another's session.
		this.local = new IndexeddbPersistence(`agendawerk:${agendaId}:${user.id}`, this.doc);
		// An empty local store is no copy: editing it before the server's document arrives would
		// add measures to an empty list, at positions that collide with the real ones.
		void this.local.whenSynced.then(() => (this.loadedLocally = this.doc.store.clients.size > 0));

		const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
		this.provider = new WebsocketProvider(
			`${protocol}//${location.host}/collab`,
			agendaId,
			this.doc,
			{
				disableBc: true,
				maxBackoffTime: 5000
			}
		);
		this.provider.awareness.setLocalStateField('user', this.user);
		this.provider.awareness.setLocalStateField('focus', null);

		this.undoManager = agendaUndoManager(this.doc);

		this.listen();
		this.refresh();
	}

	private listen() {
		const onUpdate = () => this.scheduleRefresh();
		this.doc.on('update', onUpdate);
		this.cleanups.push(() => this.doc.off('update', onUpdate));

		const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
			if (status === 'connected') this.connection = 'connected';
			else if (!navigator.onLine) this.connection = 'offline';
			else this.connection = this.synced ? 'reconnecting' : 'connecting';
		};
		this.provider.on('status', onStatus);
		const onSync = (synced: boolean) => {
			if (synced) this.synced = true;
		};
		this.provider.on('sync', onSync);
		const onClosed = ({ code }: { code: number }) => {
			if (code === CLOSE.roleChanged) {
				// New rights come with a fresh page; the document itself is safe in IndexedDB.
				location.reload();
				return;
			}
			this.connection = 'closed';
			this.endReason = code === CLOSE.sessionEnded ? 'session-ended' : 'access-revoked';
		};
		this.provider.on('closed', onClosed);
		// A change beyond the document's limits is taken back by the server, which then closes
		// the socket; the provider reconnects by itself and the document follows the server.
		const onConnectionClose = (event: CloseEvent | null) => {
			if (event?.code === CLOSE.contentRejected) this.rejectedChange = event.reason;
		};
		this.provider.on('connection-close', onConnectionClose);

		const onAwareness = () => {
			this.peers = peersFrom(
				this.provider.awareness.getStates() as Map<number, Record<string, unknown>>,
				this.doc.clientID
			);
		};
		this.provider.awareness.on('change', onAwareness);

		const onStack = () => {
			this.canUndo = this.undoManager.canUndo();
			this.canRedo = this.undoManager.canRedo();
		};
		this.undoManager.on('stack-item-added', onStack);
		this.undoManager.on('stack-item-popped', onStack);
		this.undoManager.on('stack-cleared', onStack);

		const onOffline = () => (this.connection = 'offline');
		const onOnline = () => {
			if (this.connection === 'offline') this.connection = 'reconnecting';
		};
		window.addEventListener('offline', onOffline);
		window.addEventListener('online', onOnline);
		this.cleanups.push(() => {
			window.removeEventListener('offline', onOffline);
			window.removeEventListener('online', onOnline);
			this.provider.off('status', onStatus);
			this.provider.off('sync', onSync);
			this.provider.off('closed', onClosed);
			this.provider.off('connection-close', onConnectionClose);
			this.provider.awareness.off('change', onAwareness);
		});
	}

	private scheduleRefresh() {
		if (this.frame !== null) return;
		this.frame = requestAnimationFrame(() => {
			this.frame = null;
			this.refresh();
		});
	}

	private refresh() {
		const { agenda, problems } = readAgenda(this.doc);
		this.agenda = agenda;
		this.problems = problems;
	}

	/** Announces which item this user works on (null: none). */
	setFocus(item: string | null) {
		const current = this.provider.awareness.getLocalState()?.focus as { item: string } | null;
		if ((current?.item ?? null) === item) return;
		this.provider.awareness.setLocalStateField('focus', item ? { item } : null);
	}

	/** Collaborators (not this tab) currently on `item`. */
	peersOn(item: string): Peer[] {
		return this.peers.filter((peer) => peer.focus?.item === item);
	}

	/**
	 * Ends the current undo step: structural changes (adding, moving, removing an item) are undone
	 * on their own, not together with the typing that follows within half a second.
	 */
	checkpoint() {
		this.undoManager.stopCapturing();
	}

	undo() {
		this.undoManager.undo();
	}

	redo() {
		this.undoManager.redo();
	}

	destroy() {
		if (this.frame !== null) cancelAnimationFrame(this.frame);
		for (const cleanup of this.cleanups) cleanup();
		this.undoManager.destroy();
		this.provider.destroy();
		void this.local.destroy();
		this.doc.destroy();
	}
}
