import type { Cell, Column, TableBlock } from '../../export/document';
import { COLORS, type PdfCanvas } from './pdf-canvas';
import type { Face } from './pdf-fonts';
import type { InlineStyle, Line } from './pdf-inline';
import type { Tag } from './pdf-tags';
import {
	columnContents,
	contentColumnWidths,
	relativeWidths,
	type ColumnMeasure
} from './table-columns';

/**
 * Tables of the PDF export, laid out here rather than with pdfkit's `table()`: it cannot repeat
 * the header row on a new page or keep a row together. Caption above, a dark header row with
 * white text (repeated on every page the table spans), banded rows, thin grid lines, totals set
 * off by a thicker line, and roadmap cells filled with colour. A short table stays on one page,
 * and a long one never leaves its last rows (the sums) alone on a page. Tagged as `Table` with
 * `Caption`, `TR`, `TH` (column headers) and `TD`; a header row repeated on a new page is an
 * artifact, as are backgrounds and grid lines.
 */

/** A table of at most this many rows (body and totals) is kept on one page when it fits. */
export const SHORT_TABLE_ROWS = 8;
/** Body rows kept with the totals (or, without totals, the last rows kept together). */
const ROWS_WITH_TOTALS = 2;

interface TableMetrics {
	size: number;
	padX: number;
	padY: number;
}

const NORMAL: TableMetrics = { size: 9, padX: 4, padY: 3 };
/** Many columns (the roadmap): smaller text and tighter cells. */
const WIDE: TableMetrics = { size: 7.5, padX: 2.5, padY: 2 };

type RowKind = 'header' | 'body' | 'footer';

interface LaidCell {
	lines: Line[];
	align: Column['align'];
	background: string | null;
}

interface LaidRow {
	kind: RowKind;
	cells: LaidCell[];
	height: number;
	/** The first totals row gets the thicker line above it. */
	startsFooter: boolean;
}

interface LaidTable {
	caption: Line[];
	widths: number[];
	header: LaidRow;
	rows: LaidRow[];
	metrics: TableMetrics;
}

export function drawTable(canvas: PdfCanvas, table: TableBlock) {
	const laid = layoutTable(canvas, table);
	canvas.ensureSpace(keptHeight(canvas, laid));
	canvas.tags.element('Table', () => {
		canvas.tags.element('Caption', () => canvas.flow(laid.caption, canvas.left, canvas.width));
		canvas.y += 3;
		drawTaggedRow(canvas, laid, laid.header);
		const tail = tailStart(laid);
		laid.rows.forEach((row, index) => {
			if (index === tail && index > 0) keepTogether(canvas, laid, laid.rows.slice(tail));
			drawBodyRow(canvas, laid, row);
		});
	});
}

/**
 * What must fit below a heading that precedes the table: all of a short table, else caption,
 * header and first row.
 */
export function tableLeadHeight(canvas: PdfCanvas, table: TableBlock): number {
	const short = table.rows.length + (table.footer?.length ?? 0) <= SHORT_TABLE_ROWS;
	const laid = layoutTable(
		canvas,
		short ? table : { ...table, rows: table.rows.slice(0, 1), footer: [] }
	);
	return keptHeight(canvas, laid);
}

function captionHeight(canvas: PdfCanvas, laid: LaidTable): number {
	return canvas.linesHeight(laid.caption) + 3;
}

function rowsHeight(rows: LaidRow[]): number {
	return rows.reduce((sum, row) => sum + row.height, 0);
}

/** The start of the table that must fit where it begins: all of a short table, else a row. */
function keptHeight(canvas: PdfCanvas, laid: LaidTable): number {
	const start = captionHeight(canvas, laid) + laid.header.height;
	const whole = start + rowsHeight(laid.rows);
	if (laid.rows.length <= SHORT_TABLE_ROWS && whole <= canvas.contentHeight) return whole;
	return start + (laid.rows[0]?.height ?? 0);
}

/** The index of the first of the last rows that stay together: the totals and rows above. */
function tailStart(laid: LaidTable): number {
	const footer = laid.rows.filter((row) => row.kind === 'footer').length;
	return Math.max(0, laid.rows.length - footer - ROWS_WITH_TOTALS);
}

/** A new page (below a repeated header) unless `rows` fit on this one; never for a page's worth. */
function keepTogether(canvas: PdfCanvas, laid: LaidTable, rows: LaidRow[]) {
	const height = rowsHeight(rows);
	if (height > canvas.contentHeight - laid.header.height) return;
	if (canvas.y + height > canvas.bottom) continueOnNewPage(canvas, laid);
}

function continueOnNewPage(canvas: PdfCanvas, laid: LaidTable) {
	canvas.newPage();
	// The reader has heard the header once; its repetition is pagination.
	canvas.tags.artifact(() => drawRow(canvas, laid, laid.header), 'Pagination');
}

function drawTaggedRow(canvas: PdfCanvas, laid: LaidTable, row: LaidRow) {
	const cells = rowTags(canvas, row);
	drawRow(canvas, laid, row, cells.cells);
	cells.end();
}

/** The `TR` of a row and its cells; a row split across pages stays one `TR`. */
function rowTags(canvas: PdfCanvas, row: LaidRow) {
	const { tags } = canvas;
	const tr = tags.add('TR');
	const cells = tags.within(tr, () =>
		row.cells.map(() =>
			row.kind === 'header' ? tags.add('TH', { scope: 'Column' }) : tags.add('TD')
		)
	);
	return {
		cells,
		end: () => {
			cells.forEach((cell) => tags.end(cell));
			tags.end(tr);
		}
	};
}

/** A row that does not fit goes to the next page, below a repeated header row. */
function drawBodyRow(canvas: PdfCanvas, laid: LaidTable, row: LaidRow) {
	const tags = rowTags(canvas, row);
	let rest: LaidRow | null = row;
	while (rest) {
		if (canvas.y + rest.height > canvas.bottom) continueOnNewPage(canvas, laid);
		// Only a row taller than a whole page is split, line by line.
		const [part, remainder] = splitRow(canvas, rest, canvas.bottom - canvas.y, laid.metrics);
		drawRow(canvas, laid, part, tags.cells);
		rest = remainder;
	}
	tags.end();
}

function layoutTable(canvas: PdfCanvas, table: TableBlock): LaidTable {
	const metrics = table.size === 'wide' ? WIDE : NORMAL;
	const widths = tableColumnWidths(canvas, table, metrics);
	const layoutRow = (cells: Cell[], kind: RowKind, index: number, startsFooter = false) =>
		laidRow(canvas, table.columns, widths, metrics, { cells, kind, index, startsFooter });
	const header = layoutRow(
		table.columns.map((column) => ({ text: column.label, bold: true })),
		'header',
		0
	);
	const body = table.rows.map((cells, index) => layoutRow(cells, 'body', index));
	const footer = (table.footer ?? []).map((cells, index) =>
		layoutRow(cells, 'footer', index, index === 0)
	);
	const captionStyle: InlineStyle = { face: 'bold', size: 9, color: COLORS.text };
	return {
		caption: canvas.lines([{ text: table.caption, style: captionStyle }], canvas.width),
		widths,
		header,
		rows: [...body, ...footer],
		metrics
	};
}

/**
 * Column widths for what the columns hold (`table-columns.ts`, the rule of the Word export too),
 * measured with the fonts the cells are drawn in.
 */
function tableColumnWidths(canvas: PdfCanvas, table: TableBlock, metrics: TableMetrics): number[] {
	const measure: ColumnMeasure = {
		width: (text, bold) =>
			canvas.textWidth({
				text,
				style: { face: bold ? 'bold' : 'regular', size: metrics.size, color: COLORS.text }
			}),
		padding: 2 * metrics.padX
	};
	return contentColumnWidths(
		columnContents(table.columns, [...table.rows, ...(table.footer ?? [])]),
		relativeWidths(table.columns),
		canvas.width,
		measure
	);
}

function laidRow(
	canvas: PdfCanvas,
	columns: Column[],
	widths: number[],
	metrics: TableMetrics,
	row: { cells: Cell[]; kind: RowKind; index: number; startsFooter: boolean }
): LaidRow {
	const cells = columns.map((column, index): LaidCell => {
		const cell = row.cells[index] ?? { text: '' };
		const width = (widths[index] ?? 0) - 2 * metrics.padX;
		const style = cellStyle(cell, row.kind, metrics.size);
		return {
			// Cells are narrow: a word that does not fit is hyphenated rather than cut anywhere.
			lines: canvas.lines([{ text: cell.text, style }], width, metrics.size, true),
			align: row.kind === 'header' && column.align === 'right' ? 'right' : column.align,
			background: cellBackground(cell, row.kind, row.index)
		};
	});
	const tallest = Math.max(0, ...cells.map((cell) => canvas.linesHeight(cell.lines)));
	return {
		kind: row.kind,
		cells,
		height: tallest + 2 * metrics.padY,
		startsFooter: row.startsFooter
	};
}

function cellStyle(cell: Cell, kind: RowKind, size: number): InlineStyle {
	const bold = kind !== 'body' || cell.bold === true;
	const italic = cell.missing === true || cell.italic === true;
	const face: Face = bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
	const color =
		kind === 'header' || (cell.fill && kind === 'body')
			? COLORS.white
			: cell.missing
				? COLORS.missing
				: COLORS.text;
	return { face, size, color };
}

function cellBackground(cell: Cell, kind: RowKind, index: number): string | null {
	if (kind === 'header') return COLORS.accent;
	if (cell.fill) return COLORS.filled;
	if (kind === 'footer') return COLORS.footerFill;
	return index % 2 === 1 ? COLORS.band : null;
}

/** The row's cells, their text into `cells` (the cells' tags; none in an artifact). */
function drawRow(
	canvas: PdfCanvas,
	laid: LaidTable,
	row: LaidRow,
	cells: (Tag | undefined)[] = []
) {
	const top = canvas.y;
	let x = canvas.left;
	row.cells.forEach((cell, index) => {
		const width = laid.widths[index] ?? 0;
		const left = x;
		const { background } = cell;
		if (background) {
			canvas.decorate((doc) => doc.rect(left, top, width, row.height).fill(background));
		}
		let lineTop = top + laid.metrics.padY;
		canvas.tags.within(cells[index], () => {
			for (const line of cell.lines) {
				const inner = width - 2 * laid.metrics.padX;
				canvas.drawLine(line, left + laid.metrics.padX, lineTop, inner, cell.align);
				lineTop += canvas.lineHeight(line);
			}
		});
		x += width;
	});
	canvas.decorate((doc) => {
		drawGrid(canvas, laid.widths, top, row.height);
		if (row.startsFooter) {
			const right = canvas.left + canvas.width;
			doc.moveTo(canvas.left, top).lineTo(right, top).lineWidth(1.2).strokeColor(COLORS.accent);
			doc.stroke();
		}
	});
	canvas.y = top + row.height;
}

function drawGrid(canvas: PdfCanvas, widths: number[], top: number, height: number) {
	const { doc } = canvas;
	doc.lineWidth(0.5).strokeColor(COLORS.rule);
	doc.rect(canvas.left, top, canvas.width, height);
	let x = canvas.left;
	for (const width of widths.slice(0, -1)) {
		x += width;
		doc.moveTo(x, top).lineTo(x, top + height);
	}
	doc.stroke();
}

/** The lines of `row` that fit into `room`, and the rest (null when all fit). */
function splitRow(
	canvas: PdfCanvas,
	row: LaidRow,
	room: number,
	metrics: TableMetrics
): [LaidRow, LaidRow | null] {
	if (row.height <= room) return [row, null];
	const available = room - 2 * metrics.padY;
	const kept = row.cells.map((cell) => {
		let used = 0;
		const overflow = cell.lines.findIndex((line) => (used += canvas.lineHeight(line)) > available);
		return overflow < 0 ? cell.lines.length : Math.max(overflow, 1);
	});
	const part = (cells: LaidCell[], startsFooter: boolean): LaidRow => {
		const tallest = Math.max(0, ...cells.map((cell) => canvas.linesHeight(cell.lines)));
		return { ...row, cells, height: tallest + 2 * metrics.padY, startsFooter };
	};
	const first = row.cells.map((cell, index) => ({
		...cell,
		lines: cell.lines.slice(0, kept[index])
	}));
	const rest = row.cells.map((cell, index) => ({ ...cell, lines: cell.lines.slice(kept[index]) }));
	const done = rest.every((cell) => cell.lines.length === 0);
	return [part(first, row.startsFooter), done ? null : part(rest, false)];
}
