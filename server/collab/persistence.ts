import type * as Y from 'yjs';

/**
 * Where rooms keep their documents. Narrow on purpose (as Hocuspocus' onLoad/onStore hooks) and
 * asynchronous, so that a PostgreSQL or replicated store is another implementation of this, not
 * a change to the rooms. A room calls `append` and `compact` one after the other, never two at
 * once for the same document, and sends nothing of an update before its `append` resolved.
 */
export interface DocPersistence {
	/** The persisted document, and how many log entries it was built from. */
	load(documentId: string): Promise<{ doc: Y.Doc; entries: number }>;
	/** Stores an update (all of one broadcast, merged) durably; resolves once it is stored. */
	append(documentId: string, update: Uint8Array): Promise<void>;
	/** Replaces the log by the given full state, which includes everything appended so far. */
	compact(documentId: string, state: Uint8Array): Promise<void>;
	/** Forgets what it kept about a document that is no longer loaded. */
	release(documentId: string): void;
}
