import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readRichTextJson } from '../model/bounded-rich-text';
import { readRichTextFragment } from './rich-text-xml';
import { RICH_TEXT_MAX_CHARS, RICH_TEXT_MAX_DEPTH } from '../model/limits';
import { fragmentToRichText, richTextToXml } from './rich-text-xml';
import { paragraphs, richTextSchema, richTextToPlain, type RichText } from '../model/rich-text';
import {
	DEEP_TEXT,
	nestInFragment,
	nestedRichText,
	nestedRichTextJson,
	richTextDepth
} from './testing/deep-rich-text';

function fragmentWith(fill: (fragment: Y.XmlFragment) => void): Y.XmlFragment {
	const fragment = new Y.Doc().getXmlFragment('text');
	fill(fragment);
	return fragment;
}

describe('reading a long text from the document', () => {
	it('keeps a text nested exactly as deep as the limit as it is, without a problem', () => {
		const fragment = fragmentWith((f) => nestInFragment(f, RICH_TEXT_MAX_DEPTH));
		const { text, problems } = readRichTextFragment(fragment);
		expect(text).toEqual(nestedRichText(RICH_TEXT_MAX_DEPTH));
		expect(problems).toEqual([]);
	});

	it.each([RICH_TEXT_MAX_DEPTH + 1, 1_600, 3_000, 100_000])(
		'stops %i levels at the limit, keeps the text at the bottom and says so',
		(depth) => {
			const fragment = fragmentWith((f) => nestInFragment(f, depth));
			const { text, problems } = readRichTextFragment(fragment);
			expect(richTextDepth(text)).toBe(RICH_TEXT_MAX_DEPTH);
			expect(richTextToPlain(text)).toContain(DEEP_TEXT);
			expect(problems).toEqual(['Zu tief verschachtelt; gekürzt.']);
			expect(fragmentToRichText(fragment)).toEqual(text);
		}
	);

	it('lifts the text of too deep siblings apart from each other into the deepest element', () => {
		const fragment = fragmentWith((f) => {
			nestInFragment(f, RICH_TEXT_MAX_DEPTH);
			let deepest = f.get(0) as Y.XmlElement;
			while (deepest.get(0) instanceof Y.XmlElement && deepest.nodeName === 'blockquote') {
				const child = deepest.get(0) as Y.XmlElement;
				if (child.nodeName !== 'blockquote') break;
				deepest = child;
			}
			// The paragraph at the limit gets two more paragraphs below it.
			const paragraph = deepest.get(0) as Y.XmlElement;
			paragraph.insert(paragraph.length, richTextToXml(paragraphs('eins', 'zwei')));
		});
		const { text } = readRichTextFragment(fragment);
		expect(richTextDepth(text)).toBe(RICH_TEXT_MAX_DEPTH);
		expect(richTextToPlain(text)).toContain(`${DEEP_TEXT} eins zwei`);
	});

	it('cuts a text longer than the limit and says so', () => {
		const fragment = fragmentWith((f) =>
			f.insert(0, richTextToXml(paragraphs('a'.repeat(RICH_TEXT_MAX_CHARS - 1), 'bcd', 'e')))
		);
		const { text, problems } = readRichTextFragment(fragment);
		expect(text).toEqual(paragraphs('a'.repeat(RICH_TEXT_MAX_CHARS - 1), 'b'));
		expect(problems).toEqual([`Länger als ${RICH_TEXT_MAX_CHARS} Zeichen; gekürzt.`]);
	});

	it('never splits an emoji when it cuts', () => {
		const fragment = fragmentWith((f) =>
			f.insert(0, richTextToXml(paragraphs(`${'a'.repeat(RICH_TEXT_MAX_CHARS - 1)}🚀`)))
		);
		expect(readRichTextFragment(fragment).text).toEqual(
			paragraphs('a'.repeat(RICH_TEXT_MAX_CHARS - 1))
		);
	});

	it('stops after as many elements as characters are allowed (empty paragraphs)', () => {
		const fragment = fragmentWith((f) =>
			f.insert(
				0,
				Array.from({ length: RICH_TEXT_MAX_CHARS + 5 }, () => new Y.XmlElement('paragraph'))
			)
		);
		const { text, problems } = readRichTextFragment(fragment);
		expect(text).toHaveLength(RICH_TEXT_MAX_CHARS);
		expect(problems).toEqual([`Länger als ${RICH_TEXT_MAX_CHARS} Zeichen; gekürzt.`]);
	});

	it('keeps plain attribute values and drops nested ones (JSON nested without end)', () => {
		const fragment = fragmentWith((f) => {
			const heading = new Y.XmlElement('heading');
			f.insert(0, [heading]);
			heading.setAttribute('level', 2 as unknown as string);
			heading.setAttribute('deep', { a: { b: 1 } } as unknown as string);
			heading.insert(0, [new Y.XmlText('Titel')]);
		});
		const { text, problems } = readRichTextFragment(fragment);
		expect(text).toEqual([
			{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Titel' }] }
		]);
		expect(problems).toEqual(['Ungültiger Inhalt; ausgelassen.']);
	});
});

describe('reading a long text from a stored snapshot', () => {
	it('takes a valid text as it is', () => {
		const stored: RichText = [
			...nestedRichText(RICH_TEXT_MAX_DEPTH),
			{
				type: 'paragraph',
				content: [
					{ type: 'text', text: 'fett', marks: [{ type: 'bold' }] },
					{ type: 'hardBreak' },
					{ type: 'text', text: 'Link', marks: [{ type: 'link', attrs: { href: 'https://a.de' } }] }
				]
			}
		];
		expect(readRichTextJson(JSON.parse(JSON.stringify(stored)))).toEqual({
			text: stored,
			problems: []
		});
	});

	it('clamps a snapshot nested 100,000 deep without recursing', () => {
		const { text, problems } = readRichTextJson(JSON.parse(nestedRichTextJson(100_000)));
		expect(richTextDepth(text)).toBe(RICH_TEXT_MAX_DEPTH);
		expect(richTextToPlain(text)).toContain(DEEP_TEXT);
		expect(problems).toEqual(['Zu tief verschachtelt; gekürzt.']);
	});

	it('leaves out what is not rich text', () => {
		const { text, problems } = readRichTextJson([
			{
				type: 'paragraph',
				content: [
					{ type: 'text', text: 42 },
					{ type: 'text', text: 'ok' }
				]
			},
			'kein Knoten',
			null
		]);
		expect(text).toEqual(paragraphs('ok'));
		expect(problems).toEqual(['Ungültiger Inhalt; ausgelassen.']);
		expect(readRichTextJson({ nicht: 'eine Liste' })).toEqual({
			text: [],
			problems: ['Ungültiger Inhalt; ausgelassen.']
		});
	});
});

describe('richTextSchema', () => {
	it('accepts a text at the limit and refuses one beyond it without overflowing the stack', () => {
		expect(richTextSchema.safeParse(nestedRichText(RICH_TEXT_MAX_DEPTH)).success).toBe(true);
		expect(richTextSchema.safeParse(JSON.parse(nestedRichTextJson(100_000))).success).toBe(false);
		expect(richTextSchema.safeParse(paragraphs('a'.repeat(RICH_TEXT_MAX_CHARS + 1))).success).toBe(
			false
		);
	});
});
