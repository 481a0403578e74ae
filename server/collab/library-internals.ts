/**
 * The two places where the collab core uses what its libraries do not offer publicly, kept here
 * so that `library-internals.test.ts` fails as soon as a new version changes them.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type * as Y from 'yjs';

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
 * and offers no public way to see or drop them. Returns whether there were any.
 */
export function dropPendingStructs(doc: Y.Doc): boolean {
	const { store } = doc;
	if (store.pendingStructs === null && store.pendingDs === null) return false;
	store.pendingStructs = null;
	store.pendingDs = null;
	return true;
}
