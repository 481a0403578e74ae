import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { TOP_COLLECTIONS } from '$lib/agenda/model/entities';
import { collectionMap, richSection } from '$lib/agenda/ydoc/layout';
import {
	LOCAL_EDIT,
	addEntity,
	setMeta,
	setResolutionText,
	setResolutionValue
} from '$lib/agenda/ydoc/mutations';
import { newAgendaDoc } from './testing/agenda-doc';
import { agendaUndoManager } from './undo-manager';

function agendaDoc() {
	const doc = newAgendaDoc();
	return { doc, undo: agendaUndoManager(doc) };
}

describe('agendaUndoManager', () => {
	it.each(TOP_COLLECTIONS)('takes back an entity added to %s', (collection) => {
		const { doc, undo } = agendaDoc();
		const id = addEntity(doc, { collection }, {});
		expect(collectionMap(doc, { collection })?.has(id)).toBe(true);
		undo.undo();
		expect(collectionMap(doc, { collection })?.has(id)).toBe(false);
	});

	it('takes back changes of the meta data and of the Beschlussvorlage', () => {
		const { doc, undo } = agendaDoc();
		setMeta(doc, { title: 'Neue Agenda' });
		undo.stopCapturing();
		setResolutionText(doc, 'reference', '2026/0123');
		undo.stopCapturing();
		setResolutionValue(doc, 'public', true);
		undo.undo();
		undo.undo();
		undo.undo();
		expect(doc.getMap('meta').get('title')?.toString()).toBe('Digitale Agenda');
		expect(doc.getMap('resolution').get('reference')?.toString()).toBe('');
		expect(doc.getMap('resolution').get('public')).toBeUndefined();
	});

	it('leaves the long texts to the text editor’s own history, and others’ edits alone', () => {
		const { doc, undo } = agendaDoc();
		// TipTap keeps its own history of the long texts; a second one here would undo twice.
		doc.transact(
			() => richSection(doc, 'leitbild').insert(0, [new Y.XmlText('Leitbild')]),
			LOCAL_EDIT
		);
		doc.transact(() => doc.getMap('measures').set('remote', new Y.Map()), 'remote');
		expect(undo.canUndo()).toBe(false);
	});
});
