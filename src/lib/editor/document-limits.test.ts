import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { EditorState } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { RICH_TEXT_MAX_CHARS, RICH_TEXT_MAX_DEPTH } from '$lib/agenda/model/limits';
import { documentLimitsPlugin } from './document-limits';

const schema = getSchema([StarterKit]);

/** `depth` elements: blockquotes in each other around one paragraph. */
function nestedJson(depth: number): Record<string, unknown> {
	let node: Record<string, unknown> = {
		type: 'paragraph',
		content: [{ type: 'text', text: 'tief' }]
	};
	for (let level = 1; level < depth; level++) node = { type: 'blockquote', content: [node] };
	return node;
}

function stateWith(content: Record<string, unknown>[]) {
	return EditorState.create({
		doc: schema.nodeFromJSON({ type: 'doc', content }),
		plugins: [documentLimitsPlugin()]
	});
}

describe('documentLimitsPlugin', () => {
	it('lets ordinary typing through', () => {
		const state = stateWith([{ type: 'paragraph', content: [{ type: 'text', text: 'Hallo' }] }]);
		const next = state.apply(state.tr.insertText(' Welt', 6));
		expect(next.doc.textContent).toBe('Hallo Welt');
	});

	it('refuses an insertion nested deeper than the server accepts', () => {
		const state = stateWith([{ type: 'paragraph' }]);
		const atLimit = state.apply(
			state.tr.replaceWith(0, 2, schema.nodeFromJSON(nestedJson(RICH_TEXT_MAX_DEPTH)))
		);
		expect(atLimit.doc.textContent).toBe('tief');
		const beyond = state.apply(
			state.tr.replaceWith(0, 2, schema.nodeFromJSON(nestedJson(RICH_TEXT_MAX_DEPTH + 1)))
		);
		expect(beyond.doc.textContent).toBe('');
	});

	it('refuses text beyond the length the server accepts', () => {
		const state = stateWith([{ type: 'paragraph' }]);
		const full = state.apply(state.tr.insertText('x'.repeat(RICH_TEXT_MAX_CHARS), 1));
		expect(full.doc.textContent).toHaveLength(RICH_TEXT_MAX_CHARS);
		const over = full.apply(full.tr.insertText('y', 1));
		expect(over.doc.textContent).toHaveLength(RICH_TEXT_MAX_CHARS);
	});
});
