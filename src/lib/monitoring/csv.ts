import type { Agenda } from '../agenda/model/schema';
import { formatCents } from '../agenda/model/money';
import { parseCsv, toCsv } from '../participation/csv';
import type { MonitoringFact } from './facts';
import {
	COLUMN_VALUES,
	factCells,
	MONITORING_COLUMNS,
	readMonitoringTable,
	type FileProblem,
	type TableRow
} from './format';
import type { MonitoredKind } from './vocabulary';

/**
 * Monitoring data as CSV, in the one format of `./format`: dates are written `TT.MM.JJJJ` (and
 * read as that or ISO), numbers with a decimal comma, amounts as `1.234,56` — as German Excel
 * shows and saves them. A file is written with `;` and a BOM (`toCsv`); a file with `,` is read
 * too (the separator is sniffed from the header).
 */

/** The file: a header, then one row per fact in the given order. */
export function monitoringCsv(
	facts: readonly MonitoringFact[],
	titleOf: (itemKind: MonitoredKind, itemId: string) => string
): string {
	return toCsv([
		MONITORING_COLUMNS,
		...facts.map((fact) => {
			const cells = factCells(fact, titleOf(fact.itemKind, fact.itemId));
			return MONITORING_COLUMNS.map((column) => {
				const value = cells[column];
				return value === undefined ? '' : csvText(COLUMN_VALUES[column], value);
			});
		})
	]);
}

/** A value as CSV text, by what its column holds. */
function csvText(kind: (typeof COLUMN_VALUES)[keyof typeof COLUMN_VALUES], value: string | number) {
	switch (kind) {
		case 'day':
			return germanDate(String(value));
		case 'decimal':
			return germanDecimal(Number(value));
		case 'euro':
			return formatCents(Number(value));
		default:
			return String(value);
	}
}

/** `2027-03-31` → `31.03.2027`. */
function germanDate(isoDay: string): string {
	const [year, month, day] = isoDay.split('-');
	return `${day}.${month}.${year}`;
}

/** The shortest text that reads back as the same number, with a decimal comma: `-1,5`, `1e-7`. */
function germanDecimal(value: number): string {
	return String(value).replace('.', ',');
}

/** The records of a CSV text, or where it is malformed. */
export function csvRecords(text: string) {
	const read = parseCsv(text);
	if (!read.ok) {
		return {
			ok: false as const,
			problem: 'malformed' as const,
			line: read.line,
			detail: read.problem
		};
	}
	return { ok: true as const, records: read.records };
}

/** Reads a CSV text into one result per row (`readMonitoringTable`). */
export function readMonitoringCsv(
	text: string,
	plan: Pick<Agenda, 'measures' | 'inventory'>
): { ok: true; rows: TableRow[] } | ({ ok: false } & FileProblem) {
	const read = csvRecords(text);
	return read.ok ? readMonitoringTable(read.records, plan) : read;
}
