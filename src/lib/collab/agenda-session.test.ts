import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { addEntity, moveEntity, setMeta, setValue } from '$lib/agenda/ydoc/mutations';
import { AgendaSession } from './agenda-session.svelte';
import { newAgendaDoc } from './testing/agenda-doc';
import type { SessionHost } from './session-host';

/**
 * A host that stays in this process: the provider never connects (the test plays the server by
 * applying its updates with the provider as origin, as y-websocket does), the local store holds
 * what the test gives it, and frames run when the test says so.
 */
function testHost(stored: Uint8Array | null = null) {
	const frames: (() => void)[] = [];
	const providers: WebsocketProvider[] = [];
	const onlineWatchers = new Set<(online: boolean) => void>();
	const host: SessionHost = {
		connect(agendaId, doc) {
			const provider = new WebsocketProvider('ws://127.0.0.1:9', agendaId, doc, {
				connect: false,
				disableBc: true,
				WebSocketPolyfill: WebSocket as never
			});
			providers.push(provider);
			return provider;
		},
		keepLocally(_name, doc) {
			if (stored) Y.applyUpdate(doc, stored, 'indexeddb');
			return { whenSynced: Promise.resolve(), destroy() {} };
		},
		nextFrame(callback) {
			frames.push(callback);
			return () => frames.splice(frames.indexOf(callback), 1);
		},
		isOnline: () => true,
		watchOnline(onChange) {
			onlineWatchers.add(onChange);
			return () => onlineWatchers.delete(onChange);
		},
		reload() {}
	};
	const runFrames = () => frames.splice(0).forEach((frame) => frame());
	/** The provider the session opened. */
	const provider = () => {
		const [opened] = providers;
		if (!opened) throw new Error('The session opened no provider');
		return opened;
	};
	return { host, provider, runFrames, onlineWatchers };
}

/** The document as the collab server holds it: laid out, with one measure. */
function serverDocument() {
	const doc = newAgendaDoc();
	const measureId = addEntity(doc, { collection: 'measures' }, { title: 'Glasfaser' });
	return { doc, measureId };
}

const sessions: AgendaSession[] = [];
afterEach(() => sessions.splice(0).forEach((session) => session.destroy()));

function openSession(stored: Uint8Array | null = null) {
	const { host, provider: opened, runFrames, onlineWatchers } = testHost(stored);
	const session = new AgendaSession('agenda-1', { id: 'user-1', name: 'Anna' }, true, host);
	sessions.push(session);
	const server = serverDocument();
	const provider = opened();
	/** Changes of another editor, as they arrive from the server. */
	const receive = (from: Y.Doc) =>
		Y.applyUpdate(
			session.doc,
			Y.encodeStateAsUpdate(from, Y.encodeStateVector(session.doc)),
			provider
		);
	receive(server.doc);
	provider.emit('sync', [true]);
	runFrames();
	return { session, server, provider, receive, runFrames, onlineWatchers };
}

const priorityOf = (session: AgendaSession, id: string) =>
	session.agenda?.measures.find((measure) => measure.id === id)?.priority;

describe('AgendaSession', () => {
	it('applies a change, takes it back with undo and applies it again with redo', () => {
		const { session, server, runFrames } = openSession();
		const id = server.measureId;
		expect(priorityOf(session, id)).toBe('mittel');
		expect(session.canUndo).toBe(false);

		const done = session.change((doc) =>
			setValue(doc, { collection: 'measures' }, id, 'priority', 'hoch')
		);
		expect(done).toBe(true);
		runFrames();
		expect(priorityOf(session, id)).toBe('hoch');
		expect([session.canUndo, session.canRedo]).toEqual([true, false]);

		session.undo();
		runFrames();
		expect(priorityOf(session, id)).toBe('mittel');
		expect([session.canUndo, session.canRedo]).toEqual([false, true]);

		session.redo();
		runFrames();
		expect(priorityOf(session, id)).toBe('hoch');
		expect([session.canUndo, session.canRedo]).toEqual([true, false]);
	});

	it('shows its own changes at once, and others’ with the next frame', () => {
		const { session, receive, runFrames } = openSession();
		// The editor selects a measure it has just added: the measure must be there, or the detail
		// shows another one and the typing that follows lands in that one's title.
		const added = session.change((doc) => addEntity(doc, { collection: 'measures' }, {}));
		expect(session.agenda?.measures.map((measure) => measure.id)).toContain(added);

		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(session.doc));
		setMeta(other, { periodEnd: 2031 });
		receive(other);
		expect(session.agenda?.meta.periodEnd).toBe(2030);
		runFrames();
		expect(session.agenda?.meta.periodEnd).toBe(2031);
	});

	it('never takes back what another editor changed', () => {
		const { session, server, receive, runFrames } = openSession();
		const id = server.measureId;
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(session.doc));

		session.change((doc) => setValue(doc, { collection: 'measures' }, id, 'priority', 'hoch'));
		setValue(other, { collection: 'measures' }, id, 'status', 'in-umsetzung');
		receive(other);
		session.undo();
		runFrames();

		const measure = session.agenda?.measures.find((candidate) => candidate.id === id);
		expect(measure?.priority).toBe('mittel');
		expect(measure?.status).toBe('in-umsetzung');
		// The other editor's change alone leaves nothing to undo.
		expect(session.canUndo).toBe(false);
	});

	it('ends the undo step with a change that closes it, and lets changes that join run together', () => {
		const { session, server, runFrames } = openSession();
		const id = server.measureId;
		const ref = { collection: 'measures' } as const;

		// Two quick changes that join the typing around them are one step …
		session.change((doc) => setValue(doc, ref, id, 'priority', 'hoch'), 'joins');
		session.change((doc) => setValue(doc, ref, id, 'status', 'in-umsetzung'), 'joins');
		session.undo();
		runFrames();
		expect(session.agenda?.measures[0]).toMatchObject({ priority: 'mittel', status: 'geplant' });

		// … while a change that closes its step is undone apart from what follows it.
		const added = session.change((doc) => addEntity(doc, ref, { title: 'Neu' }));
		session.change((doc) => setValue(doc, ref, added, 'priority', 'hoch'), 'joins');
		session.undo();
		runFrames();
		const measures = session.agenda?.measures ?? [];
		expect(measures.map((measure) => measure.id)).toEqual([id, added]);
		expect(measures[1]?.priority).toBe('mittel');
		session.undo();
		runFrames();
		expect(session.agenda?.measures.map((measure) => measure.id)).toEqual([id]);
	});

	it('makes a change of several mutations one transaction and one undo step', () => {
		const { session, server, runFrames } = openSession();
		const ref = { collection: 'measures' } as const;
		let transactions = 0;
		session.doc.on('afterTransaction', () => transactions++);

		session.change((doc) => {
			const id = addEntity(doc, ref, { title: 'Zuerst' });
			moveEntity(doc, ref, id, 0);
			return id;
		});
		expect(transactions).toBe(1);
		session.undo();
		runFrames();
		expect(session.agenda?.measures.map((measure) => measure.id)).toEqual([server.measureId]);
	});

	it('tells a copy stored in this browser from an empty store', async () => {
		const empty = testHost();
		const fresh = new AgendaSession('agenda-1', { id: 'user-1', name: 'Anna' }, true, empty.host);
		sessions.push(fresh);
		expect(fresh.localCopy).toBe('pending');
		await Promise.resolve();
		expect(fresh.localCopy).toBe('none');

		const stored = testHost(Y.encodeStateAsUpdate(serverDocument().doc));
		const again = new AgendaSession('agenda-1', { id: 'user-1', name: 'Anna' }, true, stored.host);
		sessions.push(again);
		await Promise.resolve();
		expect(again.localCopy).toBe('loaded');
	});

	it('counts as synced once the server sent the document', () => {
		const { host, provider } = testHost();
		const session = new AgendaSession('agenda-2', { id: 'user-1', name: 'Anna' }, true, host);
		sessions.push(session);
		expect(session.synced).toBe(false);
		provider().emit('sync', [true]);
		expect(session.synced).toBe(true);
	});

	it('lets go of its connection and its document when destroyed', () => {
		const { session, provider, runFrames, onlineWatchers } = openSession();
		expect(provider.awareness.getLocalState()).not.toBeNull();
		expect(onlineWatchers.size).toBe(1);
		sessions.splice(sessions.indexOf(session), 1);
		session.destroy();
		// The provider has left the others' presence, and the session no longer follows the doc.
		expect(provider.awareness.getLocalState()).toBeNull();
		const before = session.agenda;
		setMeta(session.doc, { periodEnd: 2031 });
		runFrames();
		expect(session.agenda).toBe(before);
		expect(onlineWatchers.size).toBe(0);
	});
});
