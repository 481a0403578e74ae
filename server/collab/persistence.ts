import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db/connection';
import {
	appendUpdatePrepared,
	compactLog,
	readLog
} from '../../src/lib/server/documents/update-log';

/**
 * Where rooms keep their documents. Narrow on purpose (as Hocuspocus' onLoad/onStore hooks): a
 * PostgreSQL or replicated store is another implementation of this, not a change to the rooms.
 */
export interface DocPersistence {
	/** The persisted document, and how many log entries it was built from. */
	load(agendaId: string): { doc: Y.Doc; entries: number };
	/** Stores an update (all of one broadcast, merged) durably; called before it is broadcast. */
	append(agendaId: string, update: Uint8Array): void;
	/** Replaces the log by the given full state, which includes everything appended so far. */
	compact(agendaId: string, state: Uint8Array): void;
	/** Forgets what it kept about a document that is no longer loaded. */
	release(agendaId: string): void;
}

export class SqlitePersistence implements DocPersistence {
	/** Last sequence number written per loaded document, so compaction removes exactly those. */
	private readonly lastSeq = new Map<string, number>();

	constructor(private readonly db: Db) {}

	load(agendaId: string) {
		const log = readLog(this.db, agendaId);
		const doc = new Y.Doc();
		doc.transact(() => {
			for (const update of log.updates) {
				try {
					Y.applyUpdate(doc, update);
				} catch (error) {
					// The server only stores updates it has applied; this guards against a damaged file.
					console.error(`Collab: beschädigtes Update in ${agendaId} übersprungen`, error);
				}
			}
		});
		this.lastSeq.set(agendaId, log.lastSeq);
		return { doc, entries: log.updates.length };
	}

	append(agendaId: string, update: Uint8Array) {
		this.lastSeq.set(agendaId, appendUpdatePrepared(this.db, agendaId, update));
	}

	compact(agendaId: string, state: Uint8Array) {
		const upTo = this.lastSeq.get(agendaId) ?? 0;
		this.lastSeq.set(agendaId, compactLog(this.db, agendaId, state, upTo));
	}

	release(agendaId: string) {
		this.lastSeq.delete(agendaId);
	}
}
