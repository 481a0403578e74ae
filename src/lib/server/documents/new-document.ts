import * as Y from 'yjs';
import { initialiseAgenda } from '../../agenda/ydoc/mutations';

/** The first state of a new agenda's document, as one Yjs update. */
export function newAgendaDocument(
	meta: { title: string; municipality: string; periodStart: number; periodEnd: number },
	content?: (doc: Y.Doc) => void
): Uint8Array {
	const doc = new Y.Doc();
	initialiseAgenda(doc, {
		title: meta.title,
		municipality: meta.municipality,
		periodStart: meta.periodStart,
		periodEnd: meta.periodEnd
	});
	content?.(doc);
	const update = Y.encodeStateAsUpdate(doc);
	doc.destroy();
	return update;
}
