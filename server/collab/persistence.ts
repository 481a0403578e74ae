import type * as Y from 'yjs';

/**
 * Where rooms keep their documents. Narrow on purpose (as Hocuspocus' onLoad/onStore hooks): a
 * PostgreSQL or replicated store is another implementation of this, not a change to the rooms.
 */
export interface DocPersistence {
	/** The persisted document, and how many log entries it was built from. */
	load(documentId: string): { doc: Y.Doc; entries: number };
	/** Stores an update (all of one broadcast, merged) durably; called before it is broadcast. */
	append(documentId: string, update: Uint8Array): void;
	/** Replaces the log by the given full state, which includes everything appended so far. */
	compact(documentId: string, state: Uint8Array): void;
	/** Forgets what it kept about a document that is no longer loaded. */
	release(documentId: string): void;
}
