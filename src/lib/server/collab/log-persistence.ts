import * as Y from 'yjs';
import type { DocPersistence } from '../../../../server/collab/persistence';
import type { Db } from '../db/connection';
import {
	appendUpdatePrepared,
	compactLog,
	logHeads,
	readLog,
	readSince
} from '../documents/update-log';

/** The collab server's documents in the agenda's update log (`doc_updates`), on either database. */
export class LogPersistence implements DocPersistence {
	constructor(private readonly db: Db) {}

	async load(agendaId: string) {
		const log = await readLog(this.db, agendaId);
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
		return { doc, entries: log.updates.length, seq: log.lastSeq };
	}

	append(agendaId: string, update: Uint8Array) {
		return appendUpdatePrepared(this.db, agendaId, update);
	}

	compact(agendaId: string, state: Uint8Array, upToSeq: number) {
		return compactLog(this.db, agendaId, state, upToSeq);
	}

	readSince(agendaId: string, afterSeq: number) {
		return readSince(this.db, agendaId, afterSeq);
	}

	heads(agendaIds: string[]) {
		return logHeads(this.db, agendaIds);
	}
}
