import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanMultilineText } from '../text/clean';
import { csvCell, toCsv } from './csv';

/** A small RFC 4180 reader (with `;`), to check that what is written reads back. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	let index = text.startsWith('\ufeff') ? 1 : 0;
	for (; index < text.length; index++) {
		const char = text[index];
		if (quoted) {
			if (char === '"' && text[index + 1] === '"') {
				cell += '"';
				index++;
			} else if (char === '"') quoted = false;
			else cell += char;
		} else if (char === '"') quoted = true;
		else if (char === ';') {
			row.push(cell);
			cell = '';
		} else if (char === '\r' && text[index + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			index++;
		} else cell += char;
	}
	return rows;
}

describe('csv', () => {
	it('starts with a byte order mark and ends records with CRLF', () => {
		expect(
			toCsv([
				['a', 'b'],
				['c', 1]
			])
		).toBe('\ufeffa;b\r\nc;1\r\n');
	});

	it('quotes separators, quotes and line breaks', () => {
		expect(csvCell('a;b')).toBe('"a;b"');
		expect(csvCell('sagte "nein"')).toBe('"sagte ""nein"""');
		expect(csvCell('zwei\nZeilen')).toBe('"zwei\nZeilen"');
		expect(csvCell('Straße')).toBe('Straße');
		expect(csvCell(null)).toBe('');
	});

	it('neutralises cells a spreadsheet would evaluate', () => {
		expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
		expect(csvCell('+49 123')).toBe("'+49 123");
		expect(csvCell('-1')).toBe("'-1");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell('\tx')).toBe("'\tx");
		// Numbers are data, not text someone typed.
		expect(csvCell(-1)).toBe('-1');
		expect(csvCell('a=b')).toBe('a=b');
	});

	it('writes no control character or bidirectional override, whatever a cell holds', () => {
		expect(csvCell('a\u0000b\u001bc\u202Ed\u2066e')).toBe('abcde');
		expect(csvCell('\u0007=1+1')).toBe("'=1+1");
		expect(csvCell('zwei\r\nZeilen')).toBe('"zwei\nZeilen"');
	});

	it('reads back what it wrote, cleaned and with formulas neutralised', () => {
		const cell = fc.string({ unit: 'grapheme', maxLength: 20 });
		fc.assert(
			fc.property(
				fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 6 }),
				(rows) => {
					const parsed = parseCsv(toCsv(rows));
					expect(parsed).toEqual(
						rows.map((row) =>
							row
								.map(cleanMultilineText)
								.map((value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value))
						)
					);
				}
			),
			{ numRuns: 300 }
		);
	});
});
