import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { entityText, resolutionText } from '../../agenda/ydoc/layout';
import { SHORT_TEXT_MAX } from '../../agenda/model/vocabulary';
import { addEntity, ensureLayout, initialiseAgenda } from '../../agenda/ydoc/mutations';
import { CLOSE } from '../../collab/close-codes';
import type { AgendaIdentity } from './authorize';
import { agendaUpdateFilter } from './update-filter';

const editor: AgendaIdentity = {
	documentId: 'a',
	userId: 'ag1',
	displayName: 'Anna Berger',
	sessionId: 's',
	role: 'editor',
	canWrite: true,
	canEditResolution: false
};

/** The server's document with the filter, applying updates as the collab core does. */
function serverSide() {
	const doc = new Y.Doc();
	initialiseAgenda(doc, { title: 'Agenda', municipality: 'M', periodStart: 2026, periodEnd: 2030 });
	ensureLayout(doc);
	const measureId = addEntity(doc, { collection: 'measures' }, { title: 'Maßnahme' });
	const filter = agendaUpdateFilter(doc);
	let applied: Y.Transaction | null = null;
	doc.on('afterTransaction', (transaction: Y.Transaction) => (applied = transaction));
	const receive = (update: Uint8Array) => {
		const origin = filter.originFor(editor);
		applied = null;
		Y.applyUpdate(doc, update, origin);
		const verdict = applied ? filter.review(applied, editor) : { reverted: false };
		filter.reset();
		return verdict;
	};
	return { doc, measureId, receive };
}

/** An editor's copy that sends each change as one update. */
function client(server: Y.Doc) {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
	return (change: (doc: Y.Doc) => void) => {
		const vector = Y.encodeStateVector(doc);
		change(doc);
		return Y.encodeStateAsUpdate(doc, vector);
	};
}

describe('agendaUpdateFilter', () => {
	it('takes back only the update at fault, however many came before it', () => {
		const { doc, measureId, receive } = serverSide();
		const edit = client(doc);
		const ref = { collection: 'measures' } as const;
		for (let index = 0; index < 100; index++) {
			const verdict = receive(
				edit((copy) => entityText(copy, ref, measureId, 'summary')?.insert(0, 'x'))
			);
			expect(verdict.reverted).toBe(false);
		}
		const summary = () => entityText(doc, ref, measureId, 'summary')?.toString();
		expect(summary()).toBe('x'.repeat(100));

		// The resolution data is the owners': this part alone is taken back.
		const owners = receive(edit((copy) => resolutionText(copy, 'proposal')?.insert(0, 'Nein')));
		expect(owners).toMatchObject({ reverted: true });
		expect(resolutionText(doc, 'proposal')?.toString()).toBe('');
		expect(summary()).toBe('x'.repeat(100));

		// Beyond the limit: the whole update is taken back and its sender closed.
		const tooLong = receive(
			edit((copy) =>
				entityText(copy, ref, measureId, 'title')?.insert(0, 'y'.repeat(SHORT_TEXT_MAX))
			)
		);
		expect(tooLong).toMatchObject({
			reverted: true,
			close: { code: CLOSE.contentRejected, reason: 'Text zu lang' }
		});
		expect(entityText(doc, ref, measureId, 'title')?.toString()).toBe('Maßnahme');
		expect(summary()).toBe('x'.repeat(100));
	});
});
