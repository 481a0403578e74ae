import { describe, expect, it } from 'vitest';
import { contentColumnWidths, relativeWidths, type ColumnMeasure } from './table-columns';

/** Ten units per character, two of padding: easy to count. */
const MEASURE: ColumnMeasure = { width: (text) => text.length * 10, padding: 2 };

const column = (label: string, ...texts: string[]) => ({
	column: { label },
	cells: texts.map((text) => ({ text }))
});

describe('contentColumnWidths', () => {
	it('gives text columns the rest and keeps dates and amounts whole when words do not fit', () => {
		const widths = contentColumnWidths(
			[
				column('Text', 'Personalkosten und Unterstützungen'),
				column('Stand', '06.12.2026, 08:02'),
				column('Betrag', '1.234.567,00 €')
			],
			[3, 1, 1],
			400,
			MEASURE
		);
		// The date and the amount as wide as they are; the text column what is left.
		expect(widths).toEqual([400 - 172 - 142, 172, 142]);
	});

	it('takes the room of short columns wide only for their labels when the text has none', () => {
		const widths = contentColumnWidths(
			[
				column('Fassung', '1: „Entwurf zur Bürgerbeteiligung“'),
				column('Unterstützungen', '118'),
				column('Teilnehmende', '37')
			],
			[2, 1, 1],
			300,
			MEASURE
		);
		// The labels alone (152 and 122) once left the text column 26 units, not one syllable.
		expect(widths[0]).toBeGreaterThanOrEqual(62);
		expect(widths[1]).toBeGreaterThanOrEqual(32);
		expect(widths[2]).toBeGreaterThanOrEqual(22);
		expect(widths.reduce((total, width) => total + width)).toBeLessThanOrEqual(300);
	});

	it('shares the room of a squeezed table by the builder’s widths, the text first', () => {
		// The comments of the Beteiligungsbericht: the running text wide (5), the columns that are
		// text only for their labels narrow (1.2); once they all got alike and the comments ran to
		// two a page.
		const comment = 'Bitte das Angebot auch telefonisch und in leichter Sprache bereitstellen';
		const widths = contentColumnWidths(
			[
				column('Nr.', '12'),
				column('Beitrag', comment),
				column('Unterstützungen der Maßnahme', '4'),
				column('Antwort veröffentlicht', 'ja')
			],
			[0.8, 5, 1.2, 1.2],
			450,
			MEASURE
		);
		const [number = 0, text = 0, supports = 0, published = 0] = widths;
		expect(text).toBeGreaterThanOrEqual(2 * Math.max(supports, published));
		expect(number).toBeGreaterThanOrEqual(32);
		expect(widths.reduce((total, width) => total + width)).toBeLessThanOrEqual(450);
	});

	it('shrinks every column in proportion when not even the short ones fit', () => {
		const widths = contentColumnWidths(
			[column('Text', 'Personalkosten'), column('Stand', '06.12.2026, 08:02')],
			[1, 1],
			100,
			MEASURE
		);
		expect(widths).toEqual([Math.floor((142 / 314) * 100), Math.floor((172 / 314) * 100)]);
	});
});

describe('relativeWidths', () => {
	it('gives a column without a width the average of the others', () => {
		expect(
			relativeWidths([{ label: 'A', width: 2 }, { label: 'B' }, { label: 'C', width: 4 }])
		).toEqual([2, 3, 4]);
	});
});
