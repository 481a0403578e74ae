import type { Agenda } from '../../agenda/model/schema';
import { readAgenda } from '../../agenda/ydoc/read';
import type { Executor } from '../db/connection';
import { loadDocument } from './update-log';

/** The live draft of an agenda as the read layer gives it, loaded from the update log. */
export function readDraftAgenda(db: Executor, agendaId: string): Agenda {
	const { doc } = loadDocument(db, agendaId);
	try {
		return readAgenda(doc).agenda;
	} finally {
		doc.destroy();
	}
}
