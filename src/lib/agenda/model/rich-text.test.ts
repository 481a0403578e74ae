import { describe, expect, it } from 'vitest';
import { paragraphs, richTextParagraphs, type RichText } from './rich-text';

describe('richTextParagraphs', () => {
	it('counts the top-level blocks that hold text, with their plain text', () => {
		const text: RichText = [
			{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Ziel' }] },
			{ type: 'paragraph' },
			{
				type: 'paragraph',
				content: [
					{ type: 'text', text: 'Erste ' },
					{ type: 'text', text: 'Zeile', marks: [{ type: 'bold' }] },
					{ type: 'hardBreak' },
					{ type: 'text', text: 'zweite' }
				]
			},
			{ type: 'horizontalRule' },
			{ type: 'paragraph', content: [{ type: 'text', text: '   ' }] },
			{
				type: 'bulletList',
				content: [
					{ type: 'listItem', content: paragraphs('eins') },
					{ type: 'listItem', content: paragraphs('zwei') }
				]
			}
		];
		const found = richTextParagraphs(text);
		expect(found.map((paragraph) => paragraph.text)).toEqual([
			'Ziel',
			'Erste Zeile\nzweite',
			'eins\nzwei'
		]);
		expect(found[0]?.node).toBe(text[0]);
		expect(found[2]?.node).toBe(text[5]);
	});

	it('has none for an empty text', () => {
		expect(richTextParagraphs([])).toEqual([]);
	});
});
