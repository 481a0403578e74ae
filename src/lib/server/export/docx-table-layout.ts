import { contentColumnWidths as columnWidthsFor, type ColumnContent } from './table-columns';

/**
 * How a Word table of the exports sits on its pages: which rows Word keeps with the next one, and
 * how wide each column is (the rule of `table-columns.ts`, measured in Arial).
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

/**
 * Column widths in twips filling `tableWidth` (the rule of `table-columns.ts`), measured in
 * Arial at `size` half-points.
 */
export function contentColumnWidths(
	columns: ColumnContent[],
	relative: number[],
	tableWidth: number,
	size: number
): number[] {
	return columnWidthsFor(columns, relative, tableWidth, {
		width: (text, bold) => textWidth(text, size, bold),
		padding: CELL_PADDING
	});
}
