import type { Cell, Column } from '$lib/export/document';
import { breakPoints } from './hyphenation';

/**
 * How wide each column of an exported table is, the same rule for Word and PDF: splitting the
 * width equally or by the builder's relative widths broke amounts and dates mid-word
 * („06.12.2026|, 08:02“, „Personalkost|en“); here the widths come from what the columns hold.
 * Each renderer measures text in its own unit with its own font (`TextMeasure`).
 */

export interface ColumnContent {
	column: Column;
	/** The texts of the column's cells, totals included. */
	cells: Cell[];
}

/** How a renderer measures: the width of one line of text, and a cell's inner margins. */
export interface ColumnMeasure {
	/** The width of `text` on one line, `bold` as in the header row and the totals. */
	width(text: string, bold: boolean): number;
	/** Left and right cell padding together, in the same unit. */
	padding: number;
}

/** Columns whose every entry is at most this long never break: dates, amounts, years, numbers. */
const SHORT_ENTRY_CHARS = 20;

/**
 * Relative widths of the columns: a column without a width gets the average of the others, so
 * that `{ width: 2 }, {}, { width: 4 }` reads as 2 : 3 : 4 (without any, all share alike).
 */
export function relativeWidths(columns: Column[]): number[] {
	const given = columns.flatMap((column) =>
		column.width !== undefined && column.width > 0 ? [column.width] : []
	);
	const fallback = given.length > 0 ? sum(given) / given.length : 1;
	return columns.map((column) =>
		column.width !== undefined && column.width > 0 ? column.width : fallback
	);
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
function neededWidth(content: ColumnContent, measure: ColumnMeasure): number {
	const lines = entryLines(content);
	const pieces = isShort(content) ? lines : lines.flatMap((line) => line.split(/\s+/));
	const widest = Math.max(0, ...pieces.map((piece) => measure.width(piece, true)));
	return Math.ceil(widest) + measure.padding;
}

/**
 * How narrow the column can get at all: its widest piece that never breaks. A short column's
 * entries are whole (a date or an amount never breaks), its label only at spaces and German
 * syllables; every other text too. A piece that ends at a syllable is measured with its hyphen.
 */
function minimumWidth(content: ColumnContent, measure: ColumnMeasure): number {
	const [label = '', ...entries] = entryLines(content);
	const whole = isShort(content) ? entries : [];
	const breakable = isShort(content) ? [label] : [label, ...entries];
	let widest = 0;
	for (const entry of whole) widest = Math.max(widest, measure.width(entry, true));
	// Widest words first: once a whole word is no wider than the widest piece so far, neither is
	// any of its syllables, and the rest need no hyphenation (a long report has many words).
	const words = breakable
		.flatMap((line) => line.split(/\s+/))
		.map((word) => ({ word, width: measure.width(word, true) }))
		.sort((a, b) => b.width - a.width);
	for (const { word, width } of words) {
		if (width <= widest) break;
		for (const piece of syllablePieces(word)) widest = Math.max(widest, measure.width(piece, true));
	}
	return Math.ceil(widest) + measure.padding;
}

/** `word` cut at every point where it may break, each head with the hyphen drawn there. */
function syllablePieces(word: string): string[] {
	const pieces: string[] = [];
	let start = 0;
	for (const point of breakPoints(word)) {
		pieces.push(word.slice(start, point.at) + (point.hyphen ? '-' : ''));
		start = point.at;
	}
	pieces.push(word.slice(start));
	return pieces;
}

/**
 * Column widths filling `tableWidth`: a column of short entries (dates, amounts, years) exactly
 * as wide as its widest entry, the columns of running text share the rest by their relative
 * widths (`relative`), none narrower than its longest word. If even that does not fit, see
 * `squeezed`: the renderers then hyphenate. A table of short entries only keeps its relative
 * widths where they leave room for them.
 */
export function contentColumnWidths(
	columns: ColumnContent[],
	relative: number[],
	tableWidth: number,
	measure: ColumnMeasure
): number[] {
	const needed = columns.map((column) => neededWidth(column, measure));
	// Without a column of running text, the short columns share the width by their relative
	// widths instead, none narrower than its widest entry.
	const short = columns.map(isShort);
	const fixed = short.every(Boolean) ? short.map(() => false) : [...short];
	const widths = [...needed];
	// A text column whose share is below its longest word gets that word's width; the others
	// share what is left, until no share is too small.
	for (;;) {
		const rest = tableWidth - sum(widths.filter((_, index) => fixed[index]));
		const flexible = relative.filter((_, index) => !fixed[index]);
		if (rest <= 0 || flexible.length === 0) {
			const minimum = columns.map((column) => minimumWidth(column, measure));
			return squeezed(needed, minimum, short, relative, tableWidth);
		}
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

/** The contents of each of `columns`: its cells in `rows` (body and totals). */
export function columnContents(columns: Column[], rows: Cell[][]): ColumnContent[] {
	return columns.map((column, index) => ({
		column,
		cells: rows.flatMap((row) => (row[index] ? [row[index]] : []))
	}));
}

function sum(values: number[]): number {
	return values.reduce((total, value) => total + value, 0);
}

/**
 * Widths when the longest words do not fit: every column at least its `minimum`, the rest shared
 * by the builder's relative widths, a short column never wider than it needs (`needed`). So dates and
 * amounts (whose minimum is their width) stay whole, columns wide only for a long label
 * („Unterstützungen“ over „118“) hyphenate it, and the running text keeps the room the builder
 * meant for it, its words hyphenated where they must. Keeping every short column at its full
 * width once left the text columns a few points when such labels filled the page; giving every
 * column alike made the comments of a report narrow and pages long. All in proportion if not even
 * the minimums fit.
 */
function squeezed(
	needed: number[],
	minimum: number[],
	short: boolean[],
	relative: number[],
	tableWidth: number
): number[] {
	if (sum(minimum) >= tableWidth) return proportional(minimum, tableWidth);
	const widths = [...minimum];
	const capped = short.map(() => false);
	for (;;) {
		// What is left once the capped columns have their width and the others their minimum.
		const rest =
			tableWidth -
			sum(widths.map((width, index) => (capped[index] ? width : (minimum[index] ?? 0))));
		const shares = sum(relative.filter((_, index) => !capped[index]));
		if (shares === 0) return widths.map((width) => Math.floor(width));
		let changed = false;
		widths.forEach((_, index) => {
			if (capped[index]) return;
			const width = (minimum[index] ?? 0) + ((relative[index] ?? 0) / shares) * rest;
			if (short[index] && width > (needed[index] ?? 0)) {
				widths[index] = needed[index] ?? 0;
				capped[index] = true;
				changed = true;
			} else {
				widths[index] = width;
			}
		});
		if (!changed) return widths.map((width) => Math.floor(width));
	}
}

/** `widths` scaled to fill `tableWidth`. */
function proportional(widths: number[], tableWidth: number): number[] {
	const total = sum(widths);
	return widths.map((width) => Math.floor((width / total) * tableWidth));
}
