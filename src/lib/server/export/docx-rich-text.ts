import { ExternalHyperlink, HeadingLevel, Paragraph, TextRun, type ParagraphChild } from 'docx';
import {
	isTextNode,
	type RichMark,
	type RichNode,
	type RichText,
	type RichTextNode
} from '$lib/agenda/model/rich-text';
import { richHeadingLevel } from '$lib/export/document';
import { LIST_INDENT, STYLE } from './docx-styles';
import { textRuns, xmlSafe, type RunFormat } from './docx-parts';
import {
	DEEPEST_LEVEL,
	listContinuationParagraph,
	listItemParagraph,
	type ListNumbering,
	type WordList
} from './docx-lists';

/**
 * An author's rich text (TipTap JSON) as Word paragraphs: headings in Word's heading styles,
 * lists as Word lists, quotes in the Quote style, and only web and mail links as hyperlinks.
 */

export const HEADING_LEVEL = {
	1: HeadingLevel.HEADING_1,
	2: HeadingLevel.HEADING_2,
	3: HeadingLevel.HEADING_3
} as const;

interface RichContext {
	baseLevel: 1 | 2 | 3;
	lists: ListNumbering;
	/** How many blockquotes the node stands in. */
	quoteDepth: number;
}

export function richTextParagraphs(
	content: RichText,
	baseLevel: 1 | 2 | 3,
	lists: ListNumbering
): Paragraph[] {
	return content.flatMap((node) => blockParagraphs(node, { baseLevel, lists, quoteDepth: 0 }));
}

function blockParagraphs(node: RichNode, context: RichContext): Paragraph[] {
	if (isTextNode(node)) return [bodyParagraph([node], context)];
	const content = node.content ?? [];
	switch (node.type) {
		case 'paragraph':
			return [bodyParagraph(content, context)];
		case 'heading':
			return [
				new Paragraph({
					heading: HEADING_LEVEL[richHeadingLevel(context.baseLevel, node.attrs?.level)],
					children: inlineChildren(content)
				})
			];
		case 'bulletList':
		case 'orderedList':
			return listParagraphs(node, context, 0);
		case 'blockquote':
			return childParagraphs(node, { ...context, quoteDepth: context.quoteDepth + 1 });
		default:
			// Nodes the editor may add later: keep their text rather than lose it.
			return content.every(isInline)
				? [bodyParagraph(content, context)]
				: childParagraphs(node, context);
	}
}

function childParagraphs(node: RichNode, context: RichContext): Paragraph[] {
	return isTextNode(node)
		? []
		: (node.content ?? []).flatMap((child) => blockParagraphs(child, context));
}

function bodyParagraph(inline: RichNode[], context: RichContext): Paragraph {
	const children = inlineChildren(inline);
	if (context.quoteDepth === 0) return new Paragraph({ children });
	return new Paragraph({
		style: STYLE.quote,
		// The style indents one level; quotes in quotes go further in, as far as the deepest list.
		indent:
			context.quoteDepth > 1
				? { left: LIST_INDENT * Math.min(context.quoteDepth, DEEPEST_LEVEL + 1) }
				: undefined,
		children
	});
}

function isInline(node: RichNode): boolean {
	return isTextNode(node) || node.type === 'hardBreak';
}

function isList(node: RichNode): boolean {
	return node.type === 'bulletList' || node.type === 'orderedList';
}

/** The items of a list at nesting `level`; nested lists go one level deeper. */
function listParagraphs(node: RichNode, context: RichContext, level: number): Paragraph[] {
	if (isTextNode(node)) return [];
	const list = context.lists.start(node.type === 'orderedList');
	return (node.content ?? []).flatMap((item) => listItemParagraphs(item, list, context, level));
}

/** A list item: its first paragraph carries the number, further ones line up with its text. */
function listItemParagraphs(
	item: RichNode,
	list: WordList,
	context: RichContext,
	level: number
): Paragraph[] {
	if (isTextNode(item)) return [];
	let numbered = false;
	return (item.content ?? []).flatMap((child): Paragraph[] => {
		if (isList(child)) return listParagraphs(child, context, level + 1);
		if (child.type === 'blockquote') return blockParagraphs(child, context);
		const children = inlineChildren(isInline(child) ? [child] : inlineNodes(child));
		const paragraph = numbered
			? listContinuationParagraph(level, children)
			: listItemParagraph(list, level, children);
		numbered = true;
		return [paragraph];
	});
}

/** The inline content of a block inside a list item (a paragraph, or a heading flattened). */
function inlineNodes(node: RichNode): RichNode[] {
	if (isTextNode(node)) return [node];
	return (node.content ?? []).flatMap((child) => (isInline(child) ? [child] : inlineNodes(child)));
}

function inlineChildren(nodes: RichNode[]): ParagraphChild[] {
	return nodes.flatMap((node): ParagraphChild[] => {
		if (isTextNode(node)) return textNodeChildren(node);
		if (node.type === 'hardBreak') return [new TextRun({ break: 1 })];
		return inlineChildren(node.content ?? []);
	});
}

function textNodeChildren(node: RichTextNode): ParagraphChild[] {
	const marks = node.marks ?? [];
	const format = markFormat(marks);
	const href = linkTarget(marks);
	if (href === null) return textRuns(node.text, format);
	return [
		new ExternalHyperlink({
			link: href,
			children: textRuns(node.text, { ...format, style: STYLE.hyperlink })
		})
	];
}

function markFormat(marks: RichMark[]): RunFormat {
	const has = (type: string) => marks.some((mark) => mark.type === type);
	return {
		...(has('bold') ? { bold: true } : {}),
		...(has('italic') ? { italics: true } : {}),
		...(has('underline') ? { underline: {} } : {}),
		...(has('strike') ? { strike: true } : {})
	};
}

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * Where a link mark points, if it is a web or mail address. Anything else (`javascript:`,
 * `file:`, relative paths) stays plain text: a council document must not run or open anything.
 */
function linkTarget(marks: RichMark[]): string | null {
	const href = marks.find((mark) => mark.type === 'link')?.attrs?.href;
	if (typeof href !== 'string') return null;
	const target = xmlSafe(href.trim());
	try {
		return LINK_PROTOCOLS.has(new URL(target).protocol) ? target : null;
	} catch {
		return null;
	}
}
