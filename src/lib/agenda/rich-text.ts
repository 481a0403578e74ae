import * as Y from 'yjs';
import { z } from 'zod';

/**
 * Long texts (Ausgangslage, Leitbild, measure descriptions) are `Y.XmlFragment`s edited with
 * TipTap. Everything that only reads them (pages, exports, diffs) gets this plain JSON instead:
 * the ProseMirror document shape, so TipTap, the renderers and the DOCX export agree on it.
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

const markSchema = z.object({
	type: z.string(),
	attrs: z.record(z.string(), z.unknown()).optional()
});
export const richNodeSchema: z.ZodType<RichNode> = z.lazy(() =>
	z.union([
		z.object({ type: z.literal('text'), text: z.string(), marks: z.array(markSchema).optional() }),
		z.object({
			type: z.string(),
			attrs: z.record(z.string(), z.unknown()).optional(),
			content: z.array(richNodeSchema).optional()
		})
	])
);
export const richTextSchema = z.array(richNodeSchema);

export function isTextNode(node: RichNode): node is RichTextNode {
	return node.type === 'text';
}

/** Reads a fragment as y-prosemirror wrote it: elements with attributes, text with mark attributes. */
export function fragmentToRichText(fragment: Y.XmlFragment): RichText {
	return fragment.toArray().flatMap(xmlToNodes);
}

function xmlToNodes(item: Y.XmlElement | Y.XmlText | Y.XmlHook): RichNode[] {
	if (item instanceof Y.XmlText) {
		const delta = item.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[];
		return delta.flatMap(({ insert, attributes }) => {
			if (typeof insert !== 'string' || insert === '') return [];
			// Sorted by type: the same formatting reads the same whatever order it was applied in.
			const marks = Object.entries(attributes ?? {})
				.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
				.map(([type, attrs]) =>
					attrs && typeof attrs === 'object' && Object.keys(attrs).length > 0
						? { type, attrs: attrs as Record<string, unknown> }
						: { type }
				);
			return [
				marks.length > 0 ? { type: 'text', text: insert, marks } : { type: 'text', text: insert }
			];
		});
	}
	if (item instanceof Y.XmlElement) {
		const attrs = item.getAttributes() as Record<string, unknown>;
		const node: RichElementNode = { type: item.nodeName };
		if (Object.keys(attrs).length > 0) node.attrs = attrs;
		const content = item.toArray().flatMap(xmlToNodes);
		if (content.length > 0) node.content = content;
		return [node];
	}
	return [];
}

/** Writes rich text into an empty fragment the way y-prosemirror would (for seeds and tests). */
export function richTextToXml(text: RichText): (Y.XmlElement | Y.XmlText)[] {
	const result: (Y.XmlElement | Y.XmlText)[] = [];
	let pendingText: Y.XmlText | null = null;
	// The types are not in a document yet, where reading `.length` is not allowed: count here.
	let pendingLength = 0;
	for (const node of text) {
		if (isTextNode(node)) {
			pendingText ??= new Y.XmlText();
			const attributes = Object.fromEntries((node.marks ?? []).map((m) => [m.type, m.attrs ?? {}]));
			pendingText.insert(pendingLength, node.text, attributes);
			pendingLength += node.text.length;
			continue;
		}
		if (pendingText) result.push(pendingText);
		pendingText = null;
		pendingLength = 0;
		const element = new Y.XmlElement(node.type);
		for (const [key, value] of Object.entries(node.attrs ?? {})) {
			element.setAttribute(key, value as string);
		}
		element.insert(0, richTextToXml(node.content ?? []));
		result.push(element);
	}
	if (pendingText) result.push(pendingText);
	return result;
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

/** Shorthand for seeds and tests: paragraphs of plain text. */
export function paragraphs(...texts: string[]): RichText {
	return texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] }));
}
