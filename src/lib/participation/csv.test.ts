import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanMultilineText } from '../text/clean';
import { csvCell, parseCsv, toCsv } from './csv';

/** The cells of every record, as `parseCsv` reads them. */
function cellsOf(text: string): string[][] {
	const read = parseCsv(text);
	if (!read.ok) throw new Error(`CSV nicht lesbar: ${read.problem} in Zeile ${read.line}`);
	return read.records.map((record) => record.cells);
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

	it('reads back what it wrote, cleaned, formulas shown as a spreadsheet shows them', () => {
		const cell = fc.string({ unit: 'grapheme', maxLength: 20 });
		fc.assert(
			fc.property(
				fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 6 }),
				(rows) => {
					// A cell that starts with `'` and a formula character reads as a spreadsheet shows it.
					const shown = (value: string) => value.replace(/^'(?=[=+\-@\t\r])/, '');
					expect(cellsOf(toCsv(rows))).toEqual(
						rows.map((row) => row.map((value) => shown(cleanMultilineText(value))))
					);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('reads quotes, doubled quotes, line breaks in cells, a BOM and any line ending', () => {
		expect(cellsOf('\ufeffa;b\r\n"x;y";"sagte ""nein"""\r\n"zwei\r\nZeilen";\n')).toEqual([
			['a', 'b'],
			['x;y', 'sagte "nein"'],
			['zwei\r\nZeilen', '']
		]);
		expect(cellsOf('a;b\rc;d')).toEqual([
			['a', 'b'],
			['c', 'd']
		]);
		expect(cellsOf('')).toEqual([]);
	});

	it('takes the separator the header uses: semicolons, or commas as English Excel writes', () => {
		const comma = parseCsv('art,id,"text; mit Semikolon"\r\n1,2,3\r\n');
		expect(comma.ok && comma.separator).toBe(',');
		expect(cellsOf('art,id\r\n"1,5",x')).toEqual([
			['art', 'id'],
			['1,5', 'x']
		]);
		const semicolon = parseCsv('art;"a,b,c"\r\n');
		expect(semicolon.ok && semicolon.separator).toBe(';');
	});

	it('quotes commas, so that a written file never reads as comma-separated', () => {
		expect(csvCell('1,5')).toBe('"1,5"');
		expect(cellsOf(toCsv([['a,b', 'c,d'], ['e']]))).toEqual([['a,b', 'c,d'], ['e']]);
	});

	it('counts lines as a text editor does, also inside quoted cells', () => {
		const read = parseCsv('a;b\n"x\ny";z\nc;d\n');
		expect(read.ok && read.records.map((record) => record.line)).toEqual([1, 2, 4]);
	});

	it('refuses a stray or unclosed quote and names its line', () => {
		expect(parseCsv('a;b\nx"y;z\n')).toEqual({ ok: false, line: 2, problem: 'stray-quote' });
		expect(parseCsv('a;b\n"x"y;z\n')).toEqual({ ok: false, line: 2, problem: 'stray-quote' });
		expect(parseCsv('a;b\n"x;z\nmehr\n')).toEqual({
			ok: false,
			line: 2,
			problem: 'unclosed-quote'
		});
	});
});
