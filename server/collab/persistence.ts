import type * as Y from 'yjs';

/**
 * Where rooms keep their documents: a log of updates numbered per document. Narrow on purpose (as
 * Hocuspocus' onLoad/onStore hooks) and asynchronous. A room calls `append` and `compact` one
 * after the other, never two at once for the same document, and sends nothing of an update before
 * its `append` resolved.
 *
 * The numbers let rooms of several processes follow each other (docs/architecture.md §3.1): a
 * number is stored only once every smaller one is, so a room that has applied everything up to n
 * lacks exactly what `readSince(n)` returns.
 */
export interface DocPersistence {
	/** The persisted document, how many log entries it was built from and the last number. */
	load(documentId: string): Promise<{ doc: Y.Doc; entries: number; seq: number }>;
	/** Stores an update (all of one broadcast, merged) durably; resolves with its number. */
	append(documentId: string, update: Uint8Array): Promise<number>;
	/**
	 * Replaces the entries up to `upToSeq` by the given state, which includes all of them (and
	 * may include more).
	 */
	compact(documentId: string, state: Uint8Array, upToSeq: number): Promise<void>;
	/** The entries after `afterSeq`, in order. */
	readSince(documentId: string, afterSeq: number): Promise<{ seq: number; update: Uint8Array }[]>;
	/** The last number of each document's log (documents with an empty log are absent). */
	heads(documentIds: string[]): Promise<Map<string, number>>;
}
