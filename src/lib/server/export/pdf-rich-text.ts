import { isTextNode, type RichMark, type RichNode } from '../../agenda/model/rich-text';
import { richHeadingLevel, type RichBlock } from '../../export/document';
import { COLORS } from './pdf-canvas';
import {
	BODY,
	BULLET_HANG,
	ITEM_GAP,
	drawHeading,
	drawListItem,
	drawParagraph,
	faceOf,
	numberHang,
	PARAGRAPH_GAP,
	type DrawContext
} from './pdf-blocks';
import type { InlineStyle, StyledText } from './pdf-inline';

/**
 * An author's rich text (TipTap JSON) in the PDF: paragraphs, headings below the surrounding
 * heading, nested bullet and ordered lists, blockquotes (indented, with a rule), hard breaks and
 * the marks bold, italic, underline, strike and link. Unknown nodes show their text.
 */

interface Scope {
	baseLevel: 1 | 2 | 3;
	indent: number;
	/** Nesting depth of bullet lists, for the bullet of the level. */
	depth: number;
	/** x positions of the rules of the enclosing blockquotes. */
	rules: number[];
	spaceAfter: number;
	/** Inside a list item: no extra space after a nested list. */
	inList: boolean;
}

const QUOTE_INDENT = 14;
const BULLETS = ['•', '–'];

/**
 * Nesting indents no further than this share of the text width: at the depth the model allows
 * (and with the widest numbers an ordered list can start at), text would otherwise be pushed off
 * the page. Deeper levels stand at the same indent.
 */
const MAX_INDENT_SHARE = 2 / 3;

function deeper(context: DrawContext, indent: number, step: number): number {
	return Math.min(indent + step, context.canvas.width * MAX_INDENT_SHARE);
}

export async function drawRichText(context: DrawContext, block: RichBlock) {
	const scope: Scope = {
		baseLevel: block.baseLevel,
		indent: 0,
		depth: 0,
		rules: [],
		spaceAfter: PARAGRAPH_GAP,
		inList: false
	};
	await drawNodes(context, block.content, scope);
}

async function drawNodes(context: DrawContext, nodes: RichNode[], scope: Scope) {
	// Text directly in a container (not in a paragraph) still forms a paragraph of its own.
	let loose: RichNode[] = [];
	const flushLoose = () => {
		if (loose.length > 0) drawRichParagraph(context, loose, scope);
		loose = [];
	};
	for (const node of nodes) {
		if (isTextNode(node) || node.type === 'hardBreak') {
			loose.push(node);
			continue;
		}
		flushLoose();
		await context.pacer.pause();
		await drawNode(context, node, scope);
	}
	flushLoose();
}

async function drawNode(context: DrawContext, node: RichNode, scope: Scope) {
	const children = 'content' in node ? (node.content ?? []) : [];
	switch (node.type) {
		case 'paragraph':
			drawRichParagraph(context, children, scope);
			break;
		case 'heading': {
			const level = richHeadingLevel(
				scope.baseLevel,
				'attrs' in node ? node.attrs?.level : undefined
			);
			drawHeading(context, level, plainText(children));
			break;
		}
		case 'bulletList':
		case 'orderedList':
			await drawList(context, node, children, scope);
			break;
		case 'blockquote':
			await context.canvas.tags.elementAsync('BlockQuote', () =>
				drawNodes(context, children, {
					...scope,
					indent: deeper(context, scope.indent, QUOTE_INDENT),
					rules: [...scope.rules, context.canvas.left + scope.indent + 2]
				})
			);
			break;
		default:
			await drawNodes(context, children, scope);
	}
}

function drawRichParagraph(context: DrawContext, nodes: RichNode[], scope: Scope) {
	drawParagraph(context.canvas, inlineTexts(nodes, BODY), {
		indent: scope.indent,
		rules: scope.rules,
		spaceAfter: scope.spaceAfter
	});
}

async function drawList(context: DrawContext, list: RichNode, items: RichNode[], scope: Scope) {
	const ordered = list.type === 'orderedList';
	const attrs = 'attrs' in list ? list.attrs : undefined;
	const start = typeof attrs?.start === 'number' && Number.isInteger(attrs.start) ? attrs.start : 1;
	const hang = ordered ? numberHang(context.canvas, start + items.length - 1) : BULLET_HANG;
	const bullet = BULLETS[scope.depth % BULLETS.length] ?? '•';
	await context.canvas.tags.elementAsync('L', async () => {
		for (const [index, item] of items.entries()) {
			const nested: Scope = {
				...scope,
				indent: deeper(context, scope.indent, hang),
				depth: scope.depth + (ordered ? 0 : 1),
				spaceAfter: ITEM_GAP,
				inList: true
			};
			const marker = ordered ? `${start + index}.` : bullet;
			await context.canvas.tags.elementAsync('LI', () =>
				drawListEntry(context, item, marker, hang, nested)
			);
		}
	});
	// Nested lists run on in their item; a list of its own is set off like a paragraph.
	if (!scope.inList) context.canvas.y += PARAGRAPH_GAP - ITEM_GAP;
}

/**
 * The item's first paragraph next to the marker (tagged `Lbl` and `LBody`), everything else
 * (nested lists) below it, in a body of its own.
 */
async function drawListEntry(
	context: DrawContext,
	item: RichNode,
	marker: string,
	hang: number,
	inner: Scope
) {
	const children = 'content' in item ? (item.content ?? []) : [item];
	const [first] = children;
	const firstIsParagraph = first?.type === 'paragraph';
	const texts =
		firstIsParagraph && 'content' in first ? inlineTexts(first.content ?? [], BODY) : [];
	drawListItem(context.canvas, texts, marker, {
		indent: inner.indent - hang,
		hang,
		rules: inner.rules
	});
	const rest = firstIsParagraph ? children.slice(1) : children;
	if (rest.length === 0) return;
	await context.canvas.tags.elementAsync('LBody', () => drawNodes(context, rest, inner));
}

/** The inline content of a paragraph as styled texts; hard breaks become line breaks. */
function inlineTexts(nodes: RichNode[], base: InlineStyle): StyledText[] {
	return nodes.flatMap((node): StyledText[] => {
		if (isTextNode(node)) return [{ text: node.text, style: markedStyle(base, node.marks ?? []) }];
		if (node.type === 'hardBreak') return [{ text: '\n', style: base }];
		return inlineTexts('content' in node ? (node.content ?? []) : [], base);
	});
}

function markedStyle(base: InlineStyle, marks: RichMark[]): InlineStyle {
	const has = (type: string) => marks.some((mark) => mark.type === type);
	const href = marks.find((mark) => mark.type === 'link')?.attrs?.href;
	const link = typeof href === 'string' && isSafeLink(href) ? href : undefined;
	return {
		...base,
		face: faceOf(has('bold'), has('italic')),
		underline: has('underline') || link !== undefined,
		strike: has('strike'),
		...(link ? { link, color: COLORS.accent } : {})
	};
}

/** Only web and mail links become clickable; anything else (javascript:, file:) stays text. */
function isSafeLink(href: string): boolean {
	try {
		return ['http:', 'https:', 'mailto:'].includes(new URL(href).protocol);
	} catch {
		return false;
	}
}

function plainText(nodes: RichNode[]): string {
	return nodes
		.map((node) =>
			isTextNode(node) ? node.text : plainText('content' in node ? (node.content ?? []) : [])
		)
		.join('');
}
