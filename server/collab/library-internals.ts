/**
 * The two places where the collab core uses what its libraries do not offer publicly, kept here
 * so that `library-internals.test.ts` fails as soon as a new version changes them.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';

/**
 * Sends `write`'s frames in one system call: ws writes each frame with one of its own, the
 * biggest cost of a busy room. ws has no public cork; its underlying net.Socket (`_socket`) has.
 * A socket without one is simply written frame by frame.
 */
export function corked(socket: WebSocket, write: () => void): void {
	const raw = (socket as unknown as { _socket?: Duplex })._socket;
	raw?.cork();
	try {
		write();
	} finally {
		raw?.uncork();
	}
}

/**
 * Discards what an update left pending: structs or deletions that build on something the
 * document does not have. Yjs keeps them invisibly and writes them into every later state,
 * and offers no public way to see or drop them. Returns null when there were none, otherwise
 * what they wait for: per client, a clock the document's state must pass before any of them can
 * apply (what Yjs itself looks at before it tries pending structs again).
 */
export function dropPendingStructs(doc: Y.Doc): Map<number, number> | null {
	const { store } = doc;
	const { pendingStructs, pendingDs } = store;
	if (pendingStructs === null && pendingDs === null) return null;
	const waitsFor = new Map(pendingStructs?.missing);
	// Pending deletions start where the document's state ended when they came.
	if (pendingDs) {
		for (const [client, deletions] of Y.decodeUpdateV2(pendingDs).ds.clients) {
			for (const { clock } of deletions) lowerTo(waitsFor, client, clock);
		}
	}
	store.pendingStructs = null;
	store.pendingDs = null;
	return waitsFor;
}

/** Sets `clocks[client]` to `clock` unless it is lower already. */
export function lowerTo(clocks: Map<number, number>, client: number, clock: number): void {
	const known = clocks.get(client);
	if (known === undefined || clock < known) clocks.set(client, clock);
}
