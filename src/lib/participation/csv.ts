import { cleanMultilineText } from '../text/clean';

/**
 * CSV as German spreadsheet programs open it: `;` between cells, CRLF between records, RFC 4180
 * quoting, a UTF-8 byte order mark so Excel reads umlauts right, and no formulas: a cell that a
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
	return /[";\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
	return BOM + rows.map((row) => row.map(csvCell).join(CSV_SEPARATOR) + '\r\n').join('');
}
