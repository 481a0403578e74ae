import { describe, expect, it } from 'vitest';
import {
	EDITOR_SECTIONS,
	editorItemPath,
	editorPath,
	editorPlaceOf,
	editorQuery,
	readEditorQuery
} from './editor-url';

describe('editor URL', () => {
	it('round-trips every section, and a measure in the measures section', () => {
		for (const section of EDITOR_SECTIONS) {
			const query = editorQuery({ section, measureId: 'm1' });
			const read = readEditorQuery(new URLSearchParams(query));
			expect(read.section).toBe(section);
			expect(read.measureId).toBe(section === 'measures' ? 'm1' : null);
		}
		expect(editorQuery({ section: 'measures', measureId: 'abc' })).toBe(
			'?abschnitt=massnahmen&massnahme=abc'
		);
	});

	it('reads unknown or missing sections as none, and a lone measure as the measures section', () => {
		expect(readEditorQuery(new URLSearchParams('?abschnitt=quatsch'))).toEqual({
			section: null,
			measureId: null
		});
		expect(readEditorQuery(new URLSearchParams('?massnahme=x'))).toEqual({
			section: 'measures',
			measureId: 'x'
		});
		expect(readEditorQuery(new URLSearchParams(''))).toEqual({ section: null, measureId: null });
	});

	it('places commented items where they are edited', () => {
		expect(editorPlaceOf({ kind: 'measure', id: 'm' })).toEqual({
			section: 'measures',
			measureId: 'm'
		});
		expect(editorPlaceOf({ kind: 'goal', id: 'g' }).section).toBe('goals');
		expect(editorPlaceOf({ kind: 'section', id: 'leitbild' }).section).toBe('leitbild');
		expect(editorPlaceOf({ kind: 'section', id: 'ausgangslage' }).section).toBe('ausgangslage');
	});

	it('writes the editor path of a commented item', () => {
		expect(editorItemPath('a1', { kind: 'measure', id: 'm1' })).toBe(
			'/agenden/a1/bearbeiten?abschnitt=massnahmen&massnahme=m1'
		);
		expect(editorPath('a1')).toBe('/agenden/a1/bearbeiten');
		expect(editorItemPath('a1', { kind: 'section', id: 'leitbild' })).toBe(
			'/agenden/a1/bearbeiten?abschnitt=leitbild'
		);
	});
});
