import * as Y from 'yjs';
import { RICH_TEXT_MAX_DEPTH } from '../../model/limits';
import type { RichElementNode, RichText } from '../../model/rich-text';

/**
 * Long texts nested far deeper than anybody writes, as an attacker could send them over the
 * websocket before the collab server refused them: for tests and the bench. Everything is built
 * in loops, never by recursion, so that 100,000 levels are as easy to make as 10.
 */

/** The text at the bottom of every nested test document. */
export const DEEP_TEXT = 'ganz unten';

/**
 * Fills `fragment` with `depth` elements of `type` inside each other and a paragraph with
 * `DEEP_TEXT` at the bottom (`depth` counts that paragraph too). Each element is inserted into its
 * already integrated parent, as an editor's keystrokes would be, so Yjs never recurses either.
 */
export function nestInFragment(fragment: Y.XmlFragment, depth: number, type = 'blockquote'): void {
	const run = () => {
		let parent: Y.XmlFragment | Y.XmlElement = fragment;
		for (let level = 1; level < depth; level++) {
			const element = new Y.XmlElement(type);
			parent.insert(parent.length, [element]);
			parent = element;
		}
		const paragraph = new Y.XmlElement('paragraph');
		parent.insert(parent.length, [paragraph]);
		paragraph.insert(0, [new Y.XmlText(DEEP_TEXT)]);
	};
	if (fragment.doc) fragment.doc.transact(run);
	else run();
}

/** The same document as plain rich text (what the read layer returns for `depth` ≤ the limit). */
export function nestedRichText(depth: number, type = 'blockquote'): RichText {
	let node: RichElementNode = {
		type: 'paragraph',
		content: [{ type: 'text', text: DEEP_TEXT }]
	};
	for (let level = 1; level < depth; level++) node = { type, content: [node] };
	return [node];
}

/**
 * Lists nested as deep as the limit allows, each with the widest numbers an ordered list may show:
 * the worst case for indentation in the PDF and for Word's nine list levels.
 */
export function nestedListsAtLimit(): RichText {
	let node: RichElementNode = {
		type: 'paragraph',
		content: [{ type: 'text', text: `${DEEP_TEXT} ${'Wort '.repeat(40)}` }]
	};
	let depth = 1;
	while (depth + 2 <= RICH_TEXT_MAX_DEPTH) {
		const item: RichElementNode = { type: 'listItem', content: [node] };
		node = { type: 'orderedList', attrs: { start: Number.MAX_SAFE_INTEGER }, content: [item] };
		depth += 2;
	}
	return [node];
}

/**
 * The JSON text of a rich text nested `depth` deep, as a snapshot could hold it: written as a
 * string, because `JSON.stringify` itself overflows the stack a few thousand levels down.
 */
export function nestedRichTextJson(depth: number, type = 'blockquote'): string {
	const open = `{"type":${JSON.stringify(type)},"content":[`;
	const bottom = `{"type":"paragraph","content":[{"type":"text","text":${JSON.stringify(DEEP_TEXT)}}]}`;
	return `[${open.repeat(depth - 1)}${bottom}${']}'.repeat(depth - 1)}]`;
}

/** How deep the elements of a rich text go (a paragraph in a quote: 2), counted in a loop. */
export function richTextDepth(text: RichText): number {
	let deepest = 0;
	const stack = text.map((node) => ({ node, depth: 1 }));
	while (stack.length > 0) {
		const { node, depth } = stack.pop() as (typeof stack)[number];
		if (node.type === 'text') continue;
		deepest = Math.max(deepest, depth);
		for (const child of 'content' in node ? (node.content ?? []) : []) {
			stack.push({ node: child, depth: depth + 1 });
		}
	}
	return deepest;
}

/** Paragraphs of ordinary sentences, about `chars` characters in all: a long, flat text. */
export function longRichText(chars: number): RichText {
	const paragraph =
		'Die Stadt baut ihre digitalen Dienste für alle Bürgerinnen und Bürger aus. '.repeat(10);
	return Array.from({ length: Math.max(1, Math.floor(chars / paragraph.length)) }, () => ({
		type: 'paragraph',
		content: [{ type: 'text', text: paragraph }]
	}));
}
