import type { Pacer } from './pacer';
import {
	type FieldsBlock,
	type ListBlock,
	type ParagraphBlock,
	type Run
} from '../../export/document';
import { BODY_SIZE, COLORS, type PdfCanvas } from './pdf-canvas';
import { SHORT_TABLE_ROWS } from './pdf-table';
import type { Face } from './pdf-fonts';
import type { InlineStyle, Line, StyledText } from './pdf-inline';

/**
 * Drawing the simple blocks of an export document: headings (with their bookmarks), paragraphs,
 * lists and label/value fields. Tables and rich text have modules of their own.
 */

export const BODY: InlineStyle = { face: 'regular', size: BODY_SIZE, color: COLORS.text };
const NOTE: InlineStyle = { face: 'regular', size: 9, color: COLORS.muted };

/** Space after a paragraph and after a whole list. */
export const PARAGRAPH_GAP = 6;
/** Space after each list item. */
export const ITEM_GAP = 2;

export function faceOf(bold: boolean, italic: boolean): Face {
	if (bold) return italic ? 'boldItalic' : 'bold';
	return italic ? 'italic' : 'regular';
}

/** A run's style: missing data italic in the missing colour, so a clerk spots it at once. */
export function runStyle(run: Run, base: InlineStyle = BODY): InlineStyle {
	const italic = run.italic === true || run.missing === true;
	return {
		...base,
		face: faceOf(run.bold === true, italic),
		color: run.missing ? COLORS.missing : base.color
	};
}

export function styledRuns(runs: Run[], base: InlineStyle = BODY): StyledText[] {
	return runs.map((run) => ({ text: run.text, style: runStyle(run, base) }));
}

/** The bookmarks of the PDF, nested like the headings. */
export class Outline {
	private readonly open: PDFKit.PDFOutline[] = [];

	constructor(private readonly root: PDFKit.PDFOutline) {}

	/**
	 * Points at the current page, so add it after the page of the heading is settled; the view
	 * opens with the heading's top left corner (`x`, `top` from the top of the page) in its top
	 * left corner.
	 */
	add(level: 1 | 2 | 3, title: string, place: { x: number; top: number; pageWidth: number }) {
		const parent = this.open.slice(0, level - 1).findLast((item) => item !== undefined);
		// Chapters open, so the reader sees the sections at a glance. pdfkit writes `/XYZ` with
		// the page width minus `left` and the page height minus `top` (`top` from the page's top).
		const item = (parent ?? this.root).addItem(title, {
			expanded: level === 1,
			fit: false,
			left: place.pageWidth - place.x,
			top: place.top
		} as { expanded: boolean });
		this.open.length = level - 1;
		this.open[level - 1] = item;
	}
}

export interface DrawContext {
	canvas: PdfCanvas;
	outline: Outline;
	/** Lets other requests in between pieces of a long document. */
	pacer: Pacer;
}

const HEADINGS = {
	1: { size: 18, before: 18, after: 8 },
	2: { size: 14, before: 14, after: 6 },
	3: { size: 12, before: 10, after: 4 }
} as const;

/** About three lines of body text: what a heading needs below it to not stand alone. */
export const DEFAULT_LEAD = 44;

/**
 * A heading stays with what follows: it starts a new page when it would stand in the bottom
 * 15 % of a page or when `lead` (the start of the next block) would not fit below it.
 */
export function drawHeading(
	{ canvas, outline }: DrawContext,
	level: 1 | 2 | 3,
	text: string,
	lead = DEFAULT_LEAD
) {
	const spec = HEADINGS[level];
	canvas.gap(spec.before);
	const style: InlineStyle = { face: 'bold', size: spec.size, color: COLORS.accent };
	const lines = canvas.lines([{ text, style }], canvas.width, spec.size);
	const needed = canvas.linesHeight(lines) + spec.after + lead;
	const low = canvas.y > canvas.top + 0.85 * canvas.contentHeight;
	if (!canvas.atPageTop && (low || canvas.y + needed > canvas.bottom)) canvas.newPage();
	outline.add(level, text, { x: canvas.left, top: canvas.y, pageWidth: canvas.pageWidth });
	canvas.tags.element(`H${level}`, () => canvas.flow(lines, canvas.left, canvas.width));
	canvas.y += spec.after;
}

export interface ParagraphOptions {
	/** Indent of the whole paragraph from the left margin. */
	indent?: number;
	/** A list marker or check box, drawn in the hanging indent before the first line. */
	marker?: StyledText;
	/** Width of the hanging indent for the marker. */
	hang?: number;
	spaceAfter?: number;
	/** x positions of quote rules drawn along every line. */
	rules?: number[];
	/** The element of the text; after a marker (tagged `Lbl`) usually `LBody`. */
	role?: 'P' | 'LBody';
}

export function drawParagraph(
	canvas: PdfCanvas,
	texts: StyledText[],
	options: ParagraphOptions = {}
) {
	const { indent = 0, marker, hang = 0, spaceAfter = PARAGRAPH_GAP, rules = [] } = options;
	const x = canvas.left + indent + hang;
	const width = canvas.width - indent - hang;
	const lines = canvas.lines(texts, width);
	const markerLine = marker ? canvas.lines([marker], Number.POSITIVE_INFINITY)[0] : undefined;
	if (markerLine && lines.length > 0) {
		// The marker is a label of its own, before the text: the first two lines are kept
		// together as `flow` keeps them, so the marker lands beside the first line.
		canvas.ensureSpace(canvas.linesHeight(lines.slice(0, 2)));
		const top = canvas.y;
		canvas.tags.element('Lbl', () => canvas.drawLine(markerLine, canvas.left + indent, top, hang));
	}
	const role = options.role ?? (markerLine ? 'LBody' : 'P');
	canvas.tags.element(role, () =>
		canvas.flow(lines, x, width, (top, height) => {
			if (rules.length === 0) return;
			canvas.decorate((doc) => {
				for (const ruleX of rules) doc.rect(ruleX, top, 1.5, height).fill(COLORS.lightRule);
			});
		})
	);
	canvas.y += spaceAfter;
}

export function drawParagraphBlock(canvas: PdfCanvas, block: ParagraphBlock) {
	const base = block.style === 'note' ? NOTE : BODY;
	drawParagraph(canvas, styledRuns(block.runs, base));
}

/** Hanging indent of a bulleted item. */
export const BULLET_HANG = 14;

/** The hanging indent that fits the widest number of an ordered list. */
export function numberHang(canvas: PdfCanvas, last: number): number {
	return Math.max(BULLET_HANG, canvas.textWidth({ text: `${last}.`, style: BODY }) + 6);
}

export function drawList(canvas: PdfCanvas, block: ListBlock) {
	const hang = block.ordered ? numberHang(canvas, block.items.length) : BULLET_HANG;
	canvas.tags.element('L', () =>
		block.items.forEach((item, index) => {
			const marker = { text: block.ordered ? `${index + 1}.` : '•', style: BODY };
			canvas.tags.element('LI', () =>
				drawParagraph(canvas, styledRuns(item), { marker, hang, spaceAfter: ITEM_GAP })
			);
		})
	);
	canvas.y += PARAGRAPH_GAP - ITEM_GAP;
}

export function drawListItem(
	canvas: PdfCanvas,
	texts: StyledText[],
	marker: string,
	options: { indent: number; hang: number; rules: number[] }
) {
	drawParagraph(canvas, texts, {
		...options,
		marker: { text: marker, style: BODY },
		spaceAfter: ITEM_GAP
	});
}

const FIELD_PADDING = 3.5;

interface FieldPair {
	label: Line | undefined;
	value: Line | undefined;
	height: number;
}

interface FieldRow {
	pairs: FieldPair[];
	/** Height of its lines, without the padding. */
	height: number;
}

function layoutFields(canvas: PdfCanvas, block: FieldsBlock): FieldRow[] {
	const labelWidth = fieldLabelWidth(canvas);
	const labelStyle: InlineStyle = { ...BODY, face: 'bold' };
	return block.rows.map((row) => {
		const label = canvas.lines([{ text: row.label, style: labelStyle }], labelWidth - 10);
		const value = canvas.lines(styledRuns(row.value), canvas.width - labelWidth);
		const pairs = Array.from({ length: Math.max(label.length, value.length) }, (_, index) => {
			const pair = { label: label[index], value: value[index] };
			const heights = [pair.label, pair.value].map((line) => (line ? canvas.lineHeight(line) : 0));
			return { ...pair, height: Math.max(...heights) };
		});
		return { pairs, height: pairs.reduce((sum, pair) => sum + pair.height, 0) };
	});
}

function fieldLabelWidth(canvas: PdfCanvas): number {
	return canvas.width * 0.35;
}

/**
 * What must fit where the fields start (and below a heading before them): all of a short block
 * (the Finanzielle Auswirkungen stay on one page), else the start of the first row (a long row
 * flows on; it needs no page of its own).
 */
export function fieldsLeadHeight(canvas: PdfCanvas, block: FieldsBlock): number {
	return keptFieldsHeight(canvas, layoutFields(canvas, block));
}

function keptFieldsHeight(canvas: PdfCanvas, rows: FieldRow[]): number {
	const padded = rows.map((row) => row.height + 2 * FIELD_PADDING);
	const whole = padded.reduce((sum, height) => sum + height, 0);
	if (rows.length <= SHORT_TABLE_ROWS && whole <= canvas.contentHeight) return whole;
	return Math.min(padded[0] ?? 0, 2 * FIELD_PADDING + 20);
}

/**
 * Label (bold, about a third of the width) and value side by side, with light rules between;
 * tagged as a table whose rows start with their label as a row header.
 */
export function drawFields(canvas: PdfCanvas, block: FieldsBlock) {
	const rows = layoutFields(canvas, block);
	canvas.ensureSpace(Math.max(keptFieldsHeight(canvas, rows), 2 * FIELD_PADDING + 20));
	fieldRule(canvas);
	canvas.tags.element('Table', () => {
		for (const row of rows) {
			canvas.tags.element('TR', () => drawFieldRow(canvas, row));
			fieldRule(canvas);
		}
	});
	canvas.y += PARAGRAPH_GAP + 2;
}

/** A row stays on one page unless it is longer than a page; then it flows line by line. */
function drawFieldRow(canvas: PdfCanvas, { pairs, height }: FieldRow) {
	const labelWidth = fieldLabelWidth(canvas);
	const keep = height <= canvas.contentHeight ? height : (pairs[0]?.height ?? 0);
	canvas.ensureSpace(2 * FIELD_PADDING + keep);
	canvas.y += FIELD_PADDING;
	// Label and value lines alternate on the page; each goes into its own cell.
	const header = canvas.tags.add('TH', { scope: 'Row' });
	const data = canvas.tags.add('TD');
	for (const pair of pairs) {
		canvas.ensureSpace(pair.height);
		const { label: labelLine, value: valueLine } = pair;
		if (labelLine) {
			canvas.tags.within(header, () =>
				canvas.drawLine(labelLine, canvas.left, canvas.y, labelWidth)
			);
		}
		if (valueLine) {
			canvas.tags.within(data, () =>
				canvas.drawLine(valueLine, canvas.left + labelWidth, canvas.y, canvas.width - labelWidth)
			);
		}
		canvas.y += pair.height;
	}
	canvas.tags.end(header);
	canvas.tags.end(data);
	canvas.y += FIELD_PADDING;
}

function fieldRule(canvas: PdfCanvas) {
	canvas.decorate((doc) =>
		doc
			.moveTo(canvas.left, canvas.y)
			.lineTo(canvas.left + canvas.width, canvas.y)
			.lineWidth(0.5)
			.strokeColor(COLORS.lightRule)
			.stroke()
	);
}
