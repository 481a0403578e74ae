import * as Y from 'yjs';
import type { DocPersistence } from '../../../../server/collab/persistence';
import type { Db } from '../db/connection';
import { appendUpdatePrepared, compactLog, readLog } from '../documents/update-log';

/** The collab server's documents in the agenda's update log (`doc_updates`). */
export class SqlitePersistence implements DocPersistence {
	/** Last sequence number written per loaded document, so compaction removes exactly those. */
	private readonly lastSeq = new Map<string, number>();

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
		this.lastSeq.set(agendaId, log.lastSeq);
		return { doc, entries: log.updates.length };
	}

	async append(agendaId: string, update: Uint8Array) {
		this.lastSeq.set(agendaId, await appendUpdatePrepared(this.db, agendaId, update));
	}

	async compact(agendaId: string, state: Uint8Array) {
		const upTo = this.lastSeq.get(agendaId) ?? 0;
		this.lastSeq.set(agendaId, await compactLog(this.db, agendaId, state, upTo));
	}

	release(agendaId: string) {
		this.lastSeq.delete(agendaId);
	}
}
