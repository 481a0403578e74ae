import type { Cell, Column, TableBlock } from '../../export/document';
import { COLORS, type PdfCanvas } from './pdf-canvas';
import type { Face } from './pdf-fonts';
import type { InlineStyle, Line } from './pdf-inline';

/**
 * Tables of the PDF export, laid out here rather than with pdfkit's `table()`: it cannot repeat
 * the header row on a new page or keep a row together. Caption above, a dark header row with
 * white text (repeated on every page the table spans), banded rows, thin grid lines, totals set
 * off by a thicker line, and roadmap cells filled with colour.
 */

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
	const captionHeight = canvas.linesHeight(laid.caption) + 3;
	canvas.ensureSpace(captionHeight + laid.header.height + (laid.rows[0]?.height ?? 0));
	canvas.flow(laid.caption, canvas.left, canvas.width);
	canvas.y += 3;
	drawRow(canvas, laid, laid.header);
	for (const row of laid.rows) drawBodyRow(canvas, laid, row);
}

/** Height of caption, header and first row: what must fit below a heading that precedes it. */
export function tableLeadHeight(canvas: PdfCanvas, table: TableBlock): number {
	const laid = layoutTable(canvas, { ...table, rows: table.rows.slice(0, 1), footer: [] });
	return canvas.linesHeight(laid.caption) + 3 + laid.header.height + (laid.rows[0]?.height ?? 0);
}

/** A row that does not fit goes to the next page, below a repeated header row. */
function drawBodyRow(canvas: PdfCanvas, laid: LaidTable, row: LaidRow) {
	let rest: LaidRow | null = row;
	while (rest) {
		if (canvas.y + rest.height > canvas.bottom) {
			canvas.newPage();
			drawRow(canvas, laid, laid.header);
		}
		// Only a row taller than a whole page is split, line by line.
		const [part, remainder] = splitRow(canvas, rest, canvas.bottom - canvas.y, laid.metrics);
		drawRow(canvas, laid, part);
		rest = remainder;
	}
}

function layoutTable(canvas: PdfCanvas, table: TableBlock): LaidTable {
	const metrics = table.size === 'wide' ? WIDE : NORMAL;
	const widths = columnWidths(table.columns, canvas.width);
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

/** Relative widths; a column without one gets the average of the others (or all share alike). */
export function columnWidths(columns: Column[], total: number): number[] {
	const given = columns.flatMap((column) =>
		column.width && column.width > 0 ? [column.width] : []
	);
	const fallback = given.length > 0 ? given.reduce((a, b) => a + b, 0) / given.length : 1;
	const weights = columns.map((column) =>
		column.width && column.width > 0 ? column.width : fallback
	);
	const sum = weights.reduce((a, b) => a + b, 0);
	return weights.map((weight) => (total * weight) / sum);
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
			lines: canvas.lines([{ text: cell.text, style }], width, metrics.size),
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

function drawRow(canvas: PdfCanvas, laid: LaidTable, row: LaidRow) {
	const { doc } = canvas;
	const top = canvas.y;
	let x = canvas.left;
	row.cells.forEach((cell, index) => {
		const width = laid.widths[index] ?? 0;
		if (cell.background) doc.rect(x, top, width, row.height).fill(cell.background);
		let lineTop = top + laid.metrics.padY;
		for (const line of cell.lines) {
			const inner = width - 2 * laid.metrics.padX;
			canvas.drawLine(line, x + laid.metrics.padX, lineTop, inner, cell.align);
			lineTop += canvas.lineHeight(line);
		}
		x += width;
	});
	drawGrid(canvas, laid.widths, top, row.height);
	if (row.startsFooter) {
		const right = canvas.left + canvas.width;
		doc.moveTo(canvas.left, top).lineTo(right, top).lineWidth(1.2).strokeColor(COLORS.accent);
		doc.stroke();
	}
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
