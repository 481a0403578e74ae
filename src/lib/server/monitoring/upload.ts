import { csvRecords } from '../../monitoring/csv';
import type { FileProblem, TableRecord } from '../../monitoring/format';
import { looksLikeZip, xlsxRecords } from './xlsx';

/**
 * An uploaded file of monitoring data as records, whatever it is: an XLSX workbook (told by its
 * content, a ZIP archive, never by its name) or CSV text.
 */
export function uploadRecords(
	bytes: Uint8Array
): Promise<{ ok: true; records: TableRecord[] } | ({ ok: false } & FileProblem)> {
	if (looksLikeZip(bytes)) return xlsxRecords(bytes);
	return Promise.resolve(csvRecords(decoded(bytes)));
}

/** The text of a CSV upload: UTF-8 (with or without BOM), else Windows-1252 as older Excel saves. */
function decoded(bytes: Uint8Array): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('windows-1252').decode(bytes);
	}
}
