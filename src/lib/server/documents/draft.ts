import type { Agenda } from '../../agenda/model/schema';
import { readAgenda } from '../../agenda/ydoc/read';
import type { Executor } from '../db/connection';
import { loadDocument } from './update-log';

/** The live draft of an agenda as the read layer gives it, loaded from the update log. */
export async function readDraftAgenda(db: Executor, agendaId: string): Promise<Agenda> {
	const { doc } = await loadDocument(db, agendaId);
	try {
		return readAgenda(doc).agenda;
	} finally {
		doc.destroy();
	}
}
