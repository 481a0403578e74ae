import { cleanMultilineText } from '../text/clean';

/**
 * CSV as German spreadsheet programs open it: `;` between cells, CRLF between records, RFC 4180
 * quoting (of `,` too), a UTF-8 byte order mark so Excel reads umlauts right, and no formulas: a cell that a
 * spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, carriage return first) gets a leading `'`.
 */
export const CSV_SEPARATOR = ';';
const BOM = '\ufeff';

/**
 * One cell, without control characters or bidirectional overrides (whatever its source, nothing
 * in a file should hide or reverse text), neutralised against formula injection and quoted when
 * needed.
 */
export function csvCell(value: string | number | null | undefined): string {
	let text = value === null || value === undefined ? '' : cleanMultilineText(String(value));
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	// Commas too: a reader that sniffs the separator (`parseCsv`) must never take `,` for it.
	return /[";,\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
	return BOM + rows.map((row) => row.map(csvCell).join(CSV_SEPARATOR) + '\r\n').join('');
}

/**
 * Reading CSV back (RFC 4180): the separator is the one the header line uses more often outside
 * quotes (`;` as German Excel writes, or `,`); quoted cells may hold separators, doubled quotes
 * and line breaks; a byte order mark is skipped; CRLF, LF and CR end a record; a last line break
 * is optional. A cell that `csvCell` neutralised (`'=…`) reads back without its `'`, as a
 * spreadsheet shows it. A stray quote inside an unquoted cell or text after a closing quote is
 * an error with its line, never guessed around.
 */
export type CsvReadResult =
	| { ok: true; separator: ';' | ','; records: { line: number; cells: string[] }[] }
	| { ok: false; line: number; problem: 'unclosed-quote' | 'stray-quote' };

export function parseCsv(input: string): CsvReadResult {
	const text = input.startsWith(BOM) ? input.slice(1) : input;
	const separator = sniffSeparator(text);
	const records: { line: number; cells: string[] }[] = [];
	let cells: string[] = [];
	let cell = '';
	let line = 1;
	let recordLine = 1;
	// 'start': at a cell's start; 'plain': in an unquoted cell; 'quoted'; 'closed': after `"…"`.
	let mode: 'start' | 'plain' | 'quoted' | 'closed' = 'start';
	const endCell = () => {
		cells.push(unneutralised(cell));
		cell = '';
		mode = 'start';
	};
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (mode === 'quoted') {
			if (char === '"') {
				if (text[index + 1] === '"') {
					cell += '"';
					index++;
				} else mode = 'closed';
			} else {
				if (char === '\n' || (char === '\r' && text[index + 1] !== '\n')) line++;
				cell += char;
			}
			continue;
		}
		if (char === separator) {
			endCell();
		} else if (char === '\r' || char === '\n') {
			if (char === '\r' && text[index + 1] === '\n') index++;
			endCell();
			records.push({ line: recordLine, cells });
			cells = [];
			line++;
			recordLine = line;
		} else if (char === '"') {
			if (mode !== 'start') return { ok: false, line, problem: 'stray-quote' };
			mode = 'quoted';
		} else {
			if (mode === 'closed') return { ok: false, line, problem: 'stray-quote' };
			mode = 'plain';
			cell += char;
		}
	}
	if (mode === 'quoted') return { ok: false, line: recordLine, problem: 'unclosed-quote' };
	if (mode !== 'start' || cells.length > 0) {
		endCell();
		records.push({ line: recordLine, cells });
	}
	return { ok: true, separator, records };
}

/** `;` unless the first line holds more commas than semicolons outside quotes. */
function sniffSeparator(text: string): ';' | ',' {
	let semicolons = 0;
	let commas = 0;
	let quoted = false;
	for (const char of text) {
		if (char === '"') quoted = !quoted;
		else if (!quoted && (char === '\n' || char === '\r')) break;
		else if (!quoted && char === ';') semicolons++;
		else if (!quoted && char === ',') commas++;
	}
	return commas > semicolons ? ',' : CSV_SEPARATOR;
}

/**
 * Undoes `csvCell`'s guard against formulas: `'=1+1` reads `=1+1`, as a spreadsheet shows it.
 * Also for workbooks converted from such a CSV, which keep the apostrophe in the cell.
 */
export function unneutralised(cell: string): string {
	return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}
