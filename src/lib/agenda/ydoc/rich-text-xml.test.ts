import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { fragmentToRichText, richTextToXml } from './rich-text-xml';
import {
	isTextNode,
	paragraphs,
	richTextSchema,
	richTextToPlain,
	type RichMark,
	type RichNode,
	type RichText
} from '../model/rich-text';
import { RICH_TEXT_MAX_DEPTH } from '../model/limits';
import { DEEP_TEXT, nestInFragment, nestedRichText } from './testing/deep-rich-text';

/** Writes rich text into a fresh document and reads it back, as another replica sees it. */
function roundTrip(text: RichText): RichText {
	const doc = new Y.Doc();
	doc.getXmlFragment('text').insert(0, richTextToXml(text));
	const replica = new Y.Doc();
	Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
	const local = fragmentToRichText(doc.getXmlFragment('text'));
	expect(fragmentToRichText(replica.getXmlFragment('text'))).toEqual(local);
	return local;
}

const bold: RichMark = { type: 'bold' };
const italic: RichMark = { type: 'italic' };
const link = (href: string): RichMark => ({ type: 'link', attrs: { href } });

describe('richTextToXml and fragmentToRichText', () => {
	it('round-trip paragraphs', () => {
		const text = paragraphs('Erster Absatz.', 'Zweiter Absatz mit Ümlauten und €.');
		expect(roundTrip(text)).toEqual(text);
	});

	it('round-trip headings with their level', () => {
		const text: RichText = [
			{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Ausgangslage' }] },
			{ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Schulen' }] },
			...paragraphs('Text')
		];
		expect(roundTrip(text)).toEqual(text);
	});

	it('round-trip bullet and ordered lists with list items', () => {
		const text: RichText = [
			{
				type: 'bulletList',
				content: [
					{ type: 'listItem', content: paragraphs('Glasfaser') },
					{
						type: 'listItem',
						content: [
							...paragraphs('WLAN'),
							{
								type: 'orderedList',
								attrs: { start: 1 },
								content: [{ type: 'listItem', content: paragraphs('in Schulen') }]
							}
						]
					}
				]
			}
		];
		expect(roundTrip(text)).toEqual(text);
	});

	it('round-trip bold, italic and link marks, alone and combined, in the written order', () => {
		const text: RichText = [
			{
				type: 'paragraph',
				content: [
					{ type: 'text', text: 'Die ' },
					{ type: 'text', text: 'Digitale Agenda', marks: [bold] },
					{ type: 'text', text: ' steht ' },
					{ type: 'text', text: 'online', marks: [link('https://musterstadt.de/agenda')] },
					{ type: 'text', text: ' und ' },
					{ type: 'text', text: 'hier', marks: [italic] },
					{ type: 'text', text: '.' }
				]
			},
			{
				type: 'paragraph',
				content: [
					{ type: 'text', text: 'fett und kursiv', marks: [bold, italic] },
					{ type: 'hardBreak' },
					{ type: 'text', text: 'verlinkt', marks: [bold, link('https://example.org/?a=1&b=2')] }
				]
			}
		];
		expect(roundTrip(text)).toEqual(text);
	});

	it('merges neighbouring text with the same marks and drops empty text', () => {
		const read = roundTrip([
			{
				type: 'paragraph',
				content: [
					{ type: 'text', text: 'ein', marks: [bold] },
					{ type: 'text', text: '' },
					{ type: 'text', text: 'heit', marks: [bold] }
				]
			},
			{ type: 'paragraph', content: [] }
		]);
		expect(read).toEqual([
			{ type: 'paragraph', content: [{ type: 'text', text: 'einheit', marks: [bold] }] },
			{ type: 'paragraph' }
		]);
	});

	it('reads an empty fragment as an empty text', () => {
		expect(richTextToXml([])).toEqual([]);
		expect(roundTrip([])).toEqual([]);
	});

	it('round-trips any generated document (marks compared as sets)', () => {
		fc.assert(
			fc.property(documentArb, (text) => {
				expect(normalise(roundTrip(text))).toEqual(normalise(text));
				expect(richTextSchema.safeParse(roundTrip(text)).success).toBe(true);
			}),
			{ numRuns: 150 }
		);
	});
});

describe('richTextToPlain', () => {
	it('separates blocks by blank lines and drops empty ones', () => {
		expect(richTextToPlain(paragraphs('Eins', '', 'Zwei'))).toBe('Eins\n\nZwei');
		expect(
			richTextToPlain([
				{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Titel' }] },
				{ type: 'paragraph' },
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'WLAN in ' },
						{ type: 'text', text: 'allen', marks: [bold] },
						{ type: 'text', text: ' Schulen' }
					]
				}
			])
		).toBe('Titel\n\nWLAN in allen Schulen');
	});

	it('puts list items, quoted paragraphs and hard breaks on their own lines', () => {
		expect(
			richTextToPlain([
				{
					type: 'bulletList',
					content: [
						{ type: 'listItem', content: paragraphs('A') },
						{ type: 'listItem', content: paragraphs('B', 'B2') }
					]
				},
				{ type: 'blockquote', content: paragraphs('Zitat', 'weiter') },
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'Zeile 1' },
						{ type: 'hardBreak' },
						{ type: 'text', text: 'Zeile 2' }
					]
				}
			])
		).toBe('A\nB\nB2\n\nZitat\nweiter\n\nZeile 1\nZeile 2');
		expect(richTextToPlain([])).toBe('');
	});
});

// Generated documents: blocks of paragraphs, headings and lists with marked inline text.
const markArb = fc
	.subarray(['bold', 'italic', 'link'] as const)
	.chain((types) =>
		types.includes('link')
			? fc
					.constantFrom('https://a.example', 'https://b.example/x')
					.map((href) => types.map((type) => (type === 'link' ? link(href) : { type })))
			: fc.constant(types.map((type) => ({ type })))
	);
const inlineArb: fc.Arbitrary<RichNode> = fc.oneof(
	{
		weight: 5,
		arbitrary: fc
			.record({ text: fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme' }), marks: markArb })
			.map(({ text, marks }): RichNode =>
				marks.length > 0 ? { type: 'text', text, marks } : { type: 'text', text }
			)
	},
	{ weight: 1, arbitrary: fc.constant<RichNode>({ type: 'hardBreak' }) }
);
const paragraphArb = fc
	.array(inlineArb, { maxLength: 5 })
	.map((content): RichNode =>
		content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' }
	);
const headingArb = fc
	.tuple(fc.integer({ min: 1, max: 3 }), fc.array(inlineArb, { minLength: 1, maxLength: 3 }))
	.map(([level, content]): RichNode => ({ type: 'heading', attrs: { level }, content }));
const listArb = fc
	.array(fc.array(paragraphArb, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 })
	.map((items): RichNode => ({
		type: 'bulletList',
		content: items.map((content) => ({ type: 'listItem', content }))
	}));
const documentArb = fc.array(fc.oneof(paragraphArb, headingArb, listArb), { maxLength: 5 });

/** Equal documents, equally written: neighbouring text with the same marks joined, marks sorted. */
function normalise(nodes: readonly RichNode[]): RichText {
	const out: RichNode[] = [];
	for (const node of nodes) {
		if (isTextNode(node)) {
			if (node.text === '') continue;
			const marks = [...(node.marks ?? [])].sort((a, b) => a.type.localeCompare(b.type));
			const previous = out.at(-1);
			if (
				previous &&
				isTextNode(previous) &&
				JSON.stringify(previous.marks ?? []) === JSON.stringify(marks)
			) {
				out[out.length - 1] = { ...previous, text: previous.text + node.text };
			} else {
				out.push(marks.length > 0 ? { ...node, marks } : { type: 'text', text: node.text });
			}
			continue;
		}
		const content = normalise(node.content ?? []);
		out.push({
			type: node.type,
			...(node.attrs ? { attrs: node.attrs } : {}),
			...(content.length > 0 ? { content } : {})
		});
	}
	return out;
}

describe('walking long texts nested to the limit', () => {
	it('writes, reads back and flattens a text exactly as deep as allowed', () => {
		for (const type of ['blockquote', 'bulletList', 'listItem']) {
			const text = nestedRichText(RICH_TEXT_MAX_DEPTH, type);
			expect(roundTrip(text)).toEqual(text);
			expect(richTextToPlain(text)).toBe(DEEP_TEXT);
		}
	});

	it('flattens a text read from 100,000 levels (clamped when read)', () => {
		const doc = new Y.Doc();
		nestInFragment(doc.getXmlFragment('text'), 100_000);
		expect(richTextToPlain(fragmentToRichText(doc.getXmlFragment('text')))).toBe(DEEP_TEXT);
	});
});
