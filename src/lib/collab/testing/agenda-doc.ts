import * as Y from 'yjs';
import { initialiseAgenda } from '$lib/agenda/ydoc/mutations';

/** For tests: a fresh document laid out as a new agenda of Musterstadt for 2025 to 2030. */
export function newAgendaDoc(): Y.Doc {
	const doc = new Y.Doc();
	initialiseAgenda(doc, {
		title: 'Digitale Agenda',
		municipality: 'Musterstadt',
		periodStart: 2025,
		periodEnd: 2030
	});
	return doc;
}
