import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { randomUUID } from 'node:crypto';
import { readSheet } from 'read-excel-file/universal';
import writeXlsxFile, { type Cell } from 'write-excel-file/node';
import type { MonitoringFact } from '../../monitoring/facts';
import { unneutralised } from '../../participation/csv';
import {
	COLUMN_VALUES,
	factCells,
	MONITORING_COLUMNS,
	type ColumnValue,
	type FileProblem,
	type RawCell,
	type TableRecord
} from '../../monitoring/format';
import type { MonitoredKind } from '../../monitoring/vocabulary';

/**
 * Monitoring data as XLSX, in the one format of `$lib/monitoring/format` (the CSV's columns and
 * values): days as date cells, numbers and amounts (in euros) as number cells, the rest as text.
 * Reading takes those and text cells alike, as a spreadsheet program may have saved them.
 */

/** How a value of each kind is shown in Excel or LibreOffice. */
const CELL_FORMATS: Partial<Record<ColumnValue, string>> = {
	day: 'dd.mm.yyyy',
	integer: '0',
	euro: '#,##0.00'
};

/**
 * write-excel-file looks its shared strings up in a plain object, so a text that names a property
 * of `Object.prototype` ("toString", "constructor" …) finds a function there, and the workbook it
 * writes cannot be read. Such a text goes in as a stand-in, which `putBack` replaces in the
 * archive's string table afterwards.
 */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

class StandIns {
	private readonly byText = new Map<string, string>();

	for(text: string): string {
		if (!PROTOTYPE_NAMES.has(text)) return text;
		let standIn = this.byText.get(text);
		if (standIn === undefined) {
			standIn = `agendawerk-${randomUUID()}`;
			this.byText.set(text, standIn);
		}
		return standIn;
	}

	putBack(workbook: Buffer): Buffer {
		if (this.byText.size === 0) return workbook;
		const files = unzipSync(workbook);
		const strings = files['xl/sharedStrings.xml'];
		if (!strings) throw new Error('XLSX ohne sharedStrings.xml');
		let xml = strFromU8(strings);
		// The names are plain letters and underscores: nothing to escape in XML.
		for (const [text, standIn] of this.byText) xml = xml.replaceAll(`>${standIn}<`, `>${text}<`);
		files['xl/sharedStrings.xml'] = strToU8(xml);
		return Buffer.from(zipSync(files));
	}
}

function xlsxCell(kind: ColumnValue, value: string | number, standIns: StandIns): Cell {
	switch (kind) {
		case 'text':
			return { value: standIns.for(String(value)), type: String };
		case 'day':
			// Excel's days have no time zone: UTC midnight is the day itself.
			return { value: new Date(`${value}T00:00:00Z`), type: Date, format: CELL_FORMATS.day };
		case 'euro':
			return { value: Number(value) / 100, type: Number, format: CELL_FORMATS.euro };
		case 'integer':
			return { value: Number(value), type: Number, format: CELL_FORMATS.integer };
		case 'decimal':
			return { value: Number(value), type: Number };
	}
}

/** The workbook: one sheet, a header, then one row per fact in the given order. */
export async function monitoringXlsx(
	facts: readonly MonitoringFact[],
	titleOf: (itemKind: MonitoredKind, itemId: string) => string
): Promise<Buffer> {
	const header = MONITORING_COLUMNS.map((column): Cell => ({
		value: column,
		type: String,
		fontWeight: 'bold'
	}));
	const standIns = new StandIns();
	const rows = facts.map((fact) => {
		const cells = factCells(fact, titleOf(fact.itemKind, fact.itemId));
		return MONITORING_COLUMNS.map((column): Cell => {
			const value = cells[column];
			return value === undefined ? null : xlsxCell(COLUMN_VALUES[column], value, standIns);
		});
	});
	const workbook = await writeXlsxFile([header, ...rows], {
		sheet: 'Umsetzung',
		stickyRowsCount: 1
	}).toBuffer();
	return standIns.putBack(workbook);
}

/** Whether bytes are a ZIP archive (an XLSX file is one): the local file header's signature. */
export function looksLikeZip(bytes: Uint8Array): boolean {
	return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * What an XLSX file may unpack to. A ZIP can inflate a thousandfold (a "zip bomb"); the reader
 * allocates what the archive declares per entry and inflates no further, so checking the
 * declarations before reading bounds the memory. A sheet of 5,000 rows unpacks to a few MB.
 */
export const XLSX_UNPACKED_MAX_BYTES = 32 * 1024 * 1024;
const XLSX_ENTRIES_MAX = 1_000;

/** The first sheet's rows as records, or why the file cannot be read. */
export async function xlsxRecords(
	bytes: Uint8Array
): Promise<{ ok: true; records: TableRecord[] } | ({ ok: false } & FileProblem)> {
	let declared = 0;
	let entries = 0;
	try {
		// Only the directory is read here: the filter declines every entry, nothing is inflated.
		unzipSync(bytes, {
			filter: (file) => {
				declared += file.originalSize;
				entries += 1;
				return false;
			}
		});
	} catch {
		return { ok: false, problem: 'unreadable-xlsx' };
	}
	if (declared > XLSX_UNPACKED_MAX_BYTES || entries > XLSX_ENTRIES_MAX) {
		return { ok: false, problem: 'xlsx-too-large' };
	}
	let rows: unknown[][];
	try {
		// The reader takes an ArrayBuffer: exactly these bytes (a Buffer may view a larger pool).
		const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
		rows = await readSheet(copy as ArrayBuffer, 1);
	} catch {
		// Not a workbook, a broken one, or one without sheets: the library says which, the person
		// needs only to know that this file cannot be read.
		return { ok: false, problem: 'unreadable-xlsx' };
	}
	return {
		ok: true,
		records: rows.map((cells, index) => ({ line: index + 1, cells: cells.map(rawCell) }))
	};
}

/**
 * A cell as the format reads it. Text keeps no formula guard: a workbook converted from the CSV
 * export (LibreOffice does so) holds `'=…` where the CSV wrote it.
 */
function rawCell(value: unknown): RawCell {
	if (typeof value === 'string') return unneutralised(value);
	if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) {
		return value;
	}
	return null;
}
