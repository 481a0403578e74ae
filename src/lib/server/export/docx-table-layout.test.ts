import { describe, expect, it } from 'vitest';
import {
	CELL_PADDING,
	contentColumnWidths,
	KEEP_TOGETHER_ROWS,
	rowsKeptWithNext,
	textWidth
} from './docx-table-layout';

describe('rowsKeptWithNext', () => {
	it('keeps a table of up to KEEP_TOGETHER_ROWS rows together, a longer one at its end only', () => {
		expect(rowsKeptWithNext(KEEP_TOGETHER_ROWS)).toEqual([
			...Array<boolean>(KEEP_TOGETHER_ROWS - 1).fill(true),
			false
		]);
		expect(rowsKeptWithNext(KEEP_TOGETHER_ROWS + 1)).toEqual([
			...Array<boolean>(KEEP_TOGETHER_ROWS - 2).fill(false),
			true,
			true,
			false
		]);
		// Four sums go together with the row before them.
		expect(rowsKeptWithNext(20, 4).slice(-6)).toEqual([false, true, true, true, true, false]);
		expect(rowsKeptWithNext(1)).toEqual([false]);
		expect(rowsKeptWithNext(0)).toEqual([]);
	});
});

describe('contentColumnWidths', () => {
	const column = (label: string, ...texts: string[]) => ({
		column: { label },
		cells: texts.map((text) => ({ text }))
	});

	it('measures Arial: wide capitals wider than narrow letters, bold wider than regular', () => {
		expect(textWidth('WWW', 20)).toBeGreaterThan(textWidth('iii', 20) * 3);
		expect(textWidth('Summe', 20, true)).toBeGreaterThan(textWidth('Summe', 20));
	});

	it('shrinks every column in proportion when even the longest words do not fit', () => {
		const long = 'Donaudampfschifffahrtsgesellschaftskapitän';
		const widths = contentColumnWidths(
			[column('A', long), column('B', long), column('C', `${long} und mehr Text`)],
			[1, 1, 1],
			3_000,
			19
		);
		expect(widths.reduce((sum, width) => sum + width, 0)).toBeLessThanOrEqual(3_000);
		expect(widths[0]).toBe(widths[1]);
		expect(widths.every((width) => width > CELL_PADDING)).toBe(true);
	});

	it('splits a table of short entries by its relative widths where they leave room', () => {
		expect(contentColumnWidths([column('A', '1'), column('B', '2')], [1, 3], 4_000, 19)).toEqual([
			1_000, 3_000
		]);
	});
});
