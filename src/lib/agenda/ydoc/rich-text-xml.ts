import * as Y from 'yjs';
import {
	isRecord,
	plainAttrs,
	readBoundedRichText,
	textNode,
	type BoundedRichText,
	type SourceNode
} from '../model/bounded-rich-text';
import { isTextNode, type RichMark, type RichText, type RichTextNode } from '../model/rich-text';

/**
 * Long texts in the live document: the Y.XmlFragments TipTap edits through y-prosemirror, read
 * into the plain `RichText` of `../model/rich-text.ts` (within the limits) and written from it.
 */

type XmlChild = Y.XmlElement | Y.XmlText | Y.XmlHook;

/** A long text of the live document, as y-prosemirror wrote it, within the limits. */
export function readRichTextFragment(fragment: Y.XmlFragment): BoundedRichText {
	return readBoundedRichText<XmlChild>(fragment.toArray(), readXml);
}

/**
 * Reads a fragment as y-prosemirror wrote it: elements with attributes, text with mark attributes,
 * within the limits (see `../model/bounded-rich-text.ts`; `readRichTextFragment` also says what it
 * cut).
 */
export function fragmentToRichText(fragment: Y.XmlFragment): RichText {
	return readRichTextFragment(fragment).text;
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

function readXml(item: XmlChild, invalid: () => void): SourceNode<XmlChild> {
	if (item instanceof Y.XmlText) {
		const delta = item.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[];
		const nodes = delta.flatMap(({ insert, attributes }): RichTextNode[] => {
			if (typeof insert !== 'string' || insert === '') return [];
			// Sorted by type: the same formatting reads the same whatever order it was applied in.
			const marks = Object.entries(attributes ?? {})
				.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
				.map(([type, attrs]): RichMark => {
					const plain = isRecord(attrs) ? plainAttrs(attrs, invalid) : undefined;
					return plain ? { type, attrs: plain } : { type };
				});
			return [textNode(insert, marks)];
		});
		return { kind: 'text', nodes };
	}
	if (item instanceof Y.XmlElement) {
		return {
			kind: 'element',
			type: item.nodeName,
			attrs: plainAttrs(item.getAttributes() as Record<string, unknown>, invalid),
			children: item.toArray()
		};
	}
	return { kind: 'skip' };
}
