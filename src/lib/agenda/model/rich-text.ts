import { z } from 'zod';
import { isBoundedRichText } from './bounded-rich-text';

/**
 * Long texts (Ausgangslage, Leitbild, measure descriptions) are `Y.XmlFragment`s edited with
 * TipTap (`../ydoc/rich-text-xml.ts` reads and writes them). Everything that only reads them
 * (pages, exports, diffs) gets this plain JSON instead: the ProseMirror document shape, so TipTap,
 * the renderers and the DOCX export agree on it.
 */
export interface RichMark {
	type: string;
	attrs?: Record<string, unknown>;
}
export interface RichTextNode {
	type: 'text';
	text: string;
	marks?: RichMark[];
}
export interface RichElementNode {
	type: string;
	attrs?: Record<string, unknown>;
	content?: RichNode[];
}
export type RichNode = RichTextNode | RichElementNode;
/** The top-level blocks of one long text. */
export type RichText = RichNode[];

/**
 * Valid rich text within the limits. Checked with a loop, not a recursive schema, so that even a
 * text nested 100,000 deep is refused rather than overflowing the stack.
 */
export const richTextSchema: z.ZodType<RichText> = z.custom<RichText>(isBoundedRichText, {
	error: 'Kein gültiger Langtext (fehlerhaft, zu lang oder zu tief verschachtelt).'
});

export function isTextNode(node: RichNode): node is RichTextNode {
	return node.type === 'text';
}

/** The text without markup, blocks separated by blank lines: for diffs, search and summaries. */
export function richTextToPlain(text: RichText): string {
	return text
		.map((node) => nodeToPlain(node))
		.filter((block) => block !== '')
		.join('\n\n');
}

function nodeToPlain(node: RichNode): string {
	if (isTextNode(node)) return node.text;
	if (node.type === 'hardBreak') return '\n';
	const children = node.content ?? [];
	const separator = ['bulletList', 'orderedList', 'listItem', 'blockquote'].includes(node.type)
		? '\n'
		: '';
	return children.map(nodeToPlain).join(separator);
}

/** One block of a long text that can be commented on, with its text without markup. */
export interface RichParagraph {
	node: RichNode;
	text: string;
}

/**
 * The "Absätze" of a long text, in order: its top-level blocks (paragraphs, headings, lists,
 * quotes) that hold any text. Blocks without text (an empty paragraph, a rule) are not counted,
 * so that "Absatz 2" is what a reader counts as the second one. The public page renders these and
 * the server reads a comment's paragraph from them: both count the same way.
 */
export function richTextParagraphs(text: RichText): RichParagraph[] {
	return text.flatMap((node) => {
		const plain = nodeToPlain(node);
		return plain.trim() === '' ? [] : [{ node, text: plain }];
	});
}

/** Shorthand for seeds and tests: paragraphs of plain text. */
export function paragraphs(...texts: string[]): RichText {
	return texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] }));
}
