import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

/** This browser's stored copy of a document. */
export interface LocalCopy {
	/** Settles once the stored copy (if any) has been loaded into the document. */
	readonly whenSynced: Promise<unknown>;
	destroy(): unknown;
}

/**
 * What an `AgendaSession` needs from the world around it: the collab server, the browser's local
 * store, its frames, its online state. The browser's own are the default; a test hands in ones
 * that stay inside the process, so that the session's logic runs in Node without a network.
 */
export interface SessionHost {
	/** The collab server's connection for the document. */
	connect(agendaId: string, doc: Y.Doc): WebsocketProvider;
	/** Keeps the document in this browser under `name`, loading what an earlier visit stored. */
	keepLocally(name: string, doc: Y.Doc): LocalCopy;
	/** Runs `callback` before the next repaint; returns what cancels it. */
	nextFrame(callback: () => void): () => void;
	/** Whether the browser believes it is online. */
	isOnline(): boolean;
	/** Calls `onChange` when the browser goes offline or online; returns what stops it. */
	watchOnline(onChange: (online: boolean) => void): () => void;
	/** Loads the page afresh (new rights come with a new page). */
	reload(): void;
}

export const browserHost: SessionHost = {
	connect(agendaId, doc) {
		const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
		return new WebsocketProvider(`${protocol}//${location.host}/collab`, agendaId, doc, {
			disableBc: true,
			maxBackoffTime: 5000
		});
	},
	keepLocally: (name, doc) => new IndexeddbPersistence(name, doc),
	nextFrame(callback) {
		const frame = requestAnimationFrame(callback);
		return () => cancelAnimationFrame(frame);
	},
	isOnline: () => navigator.onLine,
	watchOnline(onChange) {
		const onOffline = () => onChange(false);
		const onOnline = () => onChange(true);
		window.addEventListener('offline', onOffline);
		window.addEventListener('online', onOnline);
		return () => {
			window.removeEventListener('offline', onOffline);
			window.removeEventListener('online', onOnline);
		};
	},
	reload: () => location.reload()
};
