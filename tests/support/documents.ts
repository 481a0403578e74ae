import * as Y from 'yjs';
import { appendUpdate, loadDocument } from '../../src/lib/server/documents/update-log';
import { withDatabase } from './database';

/**
 * Changes the live document of an agenda in a running server's SQLite file and persists the
 * change as the collab server would (one update appended to the log). Also what a document looks
 * like that was written before the collab server refused such content.
 */
export async function editDocument(
	databasePath: string,
	agendaId: string,
	edit: (doc: Y.Doc) => void
): Promise<void> {
	return await withDatabase(databasePath, async (db) => {
		const { doc } = await loadDocument(db, agendaId);
		const before = Y.encodeStateVector(doc);
		edit(doc);
		await appendUpdate(db, agendaId, Y.encodeStateAsUpdate(doc, before));
		doc.destroy();
	});
}
