import * as Y from 'yjs';
import { TOP_COLLECTIONS } from '$lib/agenda/model/entities';
import { metaMap, resolutionMap, topCollection } from '$lib/agenda/ydoc/layout';
import { LOCAL_EDIT } from '$lib/agenda/ydoc/mutations';

/**
 * One user's undo history of an agenda: their own edits (origin `LOCAL_EDIT`) of the meta data,
 * every top-level collection and the Beschlussvorlage, never what others changed. The long texts
 * (Ausgangslage, Leitbild) are left out: TipTap's collaboration keeps their history.
 */
export function agendaUndoManager(doc: Y.Doc): Y.UndoManager {
	return new Y.UndoManager(
		[metaMap(doc), ...TOP_COLLECTIONS.map((name) => topCollection(doc, name)), resolutionMap(doc)],
		{ trackedOrigins: new Set([LOCAL_EDIT]), captureTimeout: 500 }
	);
}
