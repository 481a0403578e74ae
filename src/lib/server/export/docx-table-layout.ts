import type { Cell, Column } from '$lib/export/document';

/**
 * How a Word table of the exports sits on its pages: which rows Word keeps with the next one, and
 * how wide each column is. Word and LibreOffice split columns equally or by the builder's
 * relative widths, which broke amounts and dates mid-word („06.12.2026|, 08:02“); here the
 * widths come from what the columns hold.
 */

/** Tables up to this many rows (body and sums) are kept on one page, with caption and header. */
export const KEEP_TOGETHER_ROWS = 12;
/** A longer table never leaves fewer than this many rows alone on its last page. */
const LAST_ROWS_TOGETHER = 3;

/**
 * For each of `rows` rows, whether it is kept with the next one: every row of a short table but
 * the last; of a long one the sums and the body row before them (at least the last three rows),
 * so „Summe“ never stands alone under a repeated header.
 */
export function rowsKeptWithNext(rows: number, sums = 0): boolean[] {
	const together = rows <= KEEP_TOGETHER_ROWS ? rows : Math.max(LAST_ROWS_TOGETHER, sums + 1);
	return Array.from({ length: rows }, (_, index) => index >= rows - together && index < rows - 1);
}

/**
 * Advance widths of Arial (the same as Helvetica's) in thousandths of an em, by character; the
 * rest are 556 (digits, most lower-case letters, €) or, for other capitals, 667.
 */
const ARIAL_WIDTHS: [string, number][] = [
	['\'"', 250],
	[' !,./:;I[\\]fijlt|', 278],
	['()-r', 333],
	['*^', 389],
	['Jckszvxy?_', 500],
	['+<=>~±', 584],
	['FTZß', 611],
	['ABEKPSVXYÄ&', 667],
	['CDHNRUwÜ–', 722],
	['GOQÖ', 778],
	['mM', 833],
	['%', 889],
	['W—', 944]
];
const WIDTH_OF = new Map(
	ARIAL_WIDTHS.flatMap(([characters, width]) => [...characters].map((c) => [c, width] as const))
);
/** Bold Arial is wider in most letters; this covers the widest of them. */
const BOLD_FACTOR = 1.1;
/** Margin for fonts Word substitutes for Arial and for rounding in the layout. */
const SAFETY_FACTOR = 1.06;

/** The width of a line of text in twips, at `size` half-points. */
export function textWidth(text: string, size: number, bold = false): number {
	let thousandths = 0;
	for (const character of text) {
		thousandths += WIDTH_OF.get(character) ?? (character !== character.toLowerCase() ? 667 : 556);
	}
	// One half-point is ten twips: an em at `size` half-points is `size * 10` twips wide.
	return (thousandths / 1000) * size * 10 * (bold ? BOLD_FACTOR : 1) * SAFETY_FACTOR;
}

/** Left and right cell margin of the table style, in twips. */
export const CELL_PADDING = 2 * 80;
/** Columns whose every entry is at most this long never break: dates, amounts, years, numbers. */
const SHORT_ENTRY_CHARS = 20;

export interface ColumnContent {
	column: Column;
	/** The texts of the column's cells, totals included. */
	cells: Cell[];
}

/** The lines of the column's entries, its label first. */
function entryLines({ column, cells }: ColumnContent): string[] {
	return [column.label, ...cells.map((cell) => cell.text)].flatMap((text) =>
		text.split(/\r\n|\r|\n/).map((line) => line.trim())
	);
}

/** Whether every entry of the column is short enough to be kept on one line. */
function isShort(content: ColumnContent): boolean {
	return entryLines(content).every((line) => [...line].length <= SHORT_ENTRY_CHARS);
}

/**
 * How narrow the column may be: as wide as its widest entry if all are short, else as its
 * longest word. Measured bold, as the header row and the totals are.
 */
function neededWidth(content: ColumnContent, size: number): number {
	const lines = entryLines(content);
	const pieces = isShort(content) ? lines : lines.flatMap((line) => line.split(/\s+/));
	const widest = Math.max(0, ...pieces.map((piece) => textWidth(piece, size, true)));
	return Math.ceil(widest) + CELL_PADDING;
}

/**
 * Column widths in twips filling `tableWidth`: a column of short entries (dates, amounts, years)
 * exactly as wide as its widest entry, the columns of running text share the rest by their
 * relative widths (`relative`), none narrower than its longest word. If even that does not fit,
 * every column shrinks in proportion: too many columns for the page, nothing left to choose.
 * A table of short entries only keeps its relative widths where they leave room for them.
 */
export function contentColumnWidths(
	columns: ColumnContent[],
	relative: number[],
	tableWidth: number,
	size: number
): number[] {
	const needed = columns.map((column) => neededWidth(column, size));
	// Without a column of running text, the short columns share the width by their relative
	// widths instead, none narrower than its widest entry.
	const short = columns.map(isShort);
	const fixed = short.every(Boolean) ? short.map(() => false) : short;
	const widths = [...needed];
	// A text column whose share is below its longest word gets that word's width; the others
	// share what is left, until no share is too small.
	for (;;) {
		const rest = tableWidth - sum(widths.filter((_, index) => fixed[index]));
		const flexible = relative.filter((_, index) => !fixed[index]);
		if (rest <= 0 || flexible.length === 0) return proportional(needed, tableWidth);
		const total = sum(flexible);
		let changed = false;
		relative.forEach((share, index) => {
			if (fixed[index]) return;
			const width = (share / total) * rest;
			if (width < (needed[index] ?? 0)) {
				fixed[index] = true;
				changed = true;
			} else {
				widths[index] = width;
			}
		});
		if (!changed) return widths.map((width) => Math.floor(width));
	}
}

function sum(values: number[]): number {
	return values.reduce((total, value) => total + value, 0);
}

/** `widths` scaled to fill `tableWidth`. */
function proportional(widths: number[], tableWidth: number): number[] {
	const total = sum(widths);
	return widths.map((width) => Math.floor((width / total) * tableWidth));
}
