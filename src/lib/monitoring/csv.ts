import type { Agenda } from '../agenda/model/schema';
import { formatCents, parseEuro } from '../agenda/model/money';
import { parseCsv, toCsv } from '../participation/csv';
import { checkFactInput, factInputSchema, type FactInput, type FactProblem } from './fact-input';
import type { MonitoringFact } from './facts';
import { parseGermanDecimal } from './decimal';
import type { FactKind, FactState, MonitoredKind } from './vocabulary';

/**
 * Monitoring data as CSV, one format both ways (Decidim's users suffer from two): one row per
 * fact, the columns below. The export writes it, the import reads it back; `titel` (for humans)
 * and `zustand` (where a fact is on its way to approval) are written and ignored on import. Dates
 * are written `TT.MM.JJJJ` and read as that or ISO; numbers with a decimal comma, amounts as
 * `1.234,56` — as German Excel shows and saves them. A file is written with `;` and a BOM
 * (`toCsv`); a file with `,` is read too (the separator is sniffed from the header).
 */
export const MONITORING_CSV_COLUMNS = [
	'art',
	'typ',
	'id',
	'titel',
	'stichtag',
	'status',
	'begruendung',
	'fortschritt',
	'text',
	'meilenstein_id',
	'indikator_id',
	'wert',
	'jahr',
	'ist_kosten',
	'foerderung_erhalten',
	'zustand'
] as const;
export type MonitoringCsvColumn = (typeof MONITORING_CSV_COLUMNS)[number];

/** Without these, no row can say what it is about. */
const REQUIRED_COLUMNS: readonly MonitoringCsvColumn[] = ['art', 'typ', 'id', 'stichtag'];

/** The columns each kind of fact fills; any other filled column is refused, never ignored. */
const KIND_COLUMNS: Record<FactKind, readonly MonitoringCsvColumn[]> = {
	report: ['status', 'begruendung', 'fortschritt', 'text'],
	milestone: ['meilenstein_id'],
	indicator: ['indikator_id', 'wert'],
	finance: ['jahr', 'ist_kosten', 'foerderung_erhalten']
};
/** Read by humans, written by the export, ignored by the import. */
const INFORMATIVE_COLUMNS: readonly MonitoringCsvColumn[] = ['titel', 'zustand'];

export const KIND_WORDS: Record<FactKind, string> = {
	report: 'sachstand',
	milestone: 'meilenstein',
	indicator: 'indikator',
	finance: 'finanzen'
};
export const ITEM_WORDS: Record<MonitoredKind, string> = {
	measure: 'massnahme',
	inventory: 'bestand'
};
export const STATE_WORDS: Record<FactState, string> = {
	draft: 'entwurf',
	submitted: 'eingereicht',
	approved: 'freigegeben',
	returned: 'zurueckgegeben'
};

/** Where a field of `factInputSchema` sits in the file, to name the column of a problem. */
const FIELD_COLUMNS: Record<string, MonitoringCsvColumn> = {
	kind: 'art',
	itemKind: 'typ',
	itemId: 'id',
	asOf: 'stichtag',
	status: 'status',
	statusReason: 'begruendung',
	progress: 'fortschritt',
	text: 'text',
	milestoneId: 'meilenstein_id',
	indicatorId: 'indikator_id',
	value: 'wert',
	year: 'jahr',
	actualCostCents: 'ist_kosten',
	fundingReceivedCents: 'foerderung_erhalten'
};

/** The column a problem of `checkFactInput` is about. */
const PLAN_PROBLEM_COLUMNS: Record<FactProblem, MonitoringCsvColumn> = {
	'item-not-in-plan': 'id',
	'not-for-inventory': 'typ',
	'milestone-not-in-measure': 'meilenstein_id',
	'indicator-not-in-measure': 'indikator_id',
	'text-empty': 'text',
	'reason-missing': 'begruendung'
};

// ---------------------------------------------------------------------------------------------
// Writing

/** The file: a header, then one row per fact in the given order. */
export function monitoringCsv(
	facts: readonly MonitoringFact[],
	titleOf: (itemKind: MonitoredKind, itemId: string) => string
): string {
	return toCsv([
		MONITORING_CSV_COLUMNS,
		...facts.map((fact) => {
			const row = factRow(fact, titleOf(fact.itemKind, fact.itemId));
			return MONITORING_CSV_COLUMNS.map((column) => row[column] ?? '');
		})
	]);
}

function factRow(
	fact: MonitoringFact,
	title: string
): Partial<Record<MonitoringCsvColumn, string>> {
	const common = {
		art: KIND_WORDS[fact.kind],
		typ: ITEM_WORDS[fact.itemKind],
		id: fact.itemId,
		titel: title,
		stichtag: germanDate(fact.asOf),
		zustand: STATE_WORDS[fact.state]
	};
	switch (fact.kind) {
		case 'report':
			return {
				...common,
				status: fact.status,
				begruendung: fact.statusReason ?? '',
				fortschritt: fact.progress === null ? '' : String(fact.progress),
				text: fact.text
			};
		case 'milestone':
			return { ...common, meilenstein_id: fact.milestoneId };
		case 'indicator':
			return { ...common, indikator_id: fact.indicatorId, wert: germanDecimal(fact.value) };
		case 'finance':
			return {
				...common,
				jahr: String(fact.year),
				ist_kosten: formatCents(fact.actualCostCents),
				foerderung_erhalten: formatCents(fact.fundingReceivedCents)
			};
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

// ---------------------------------------------------------------------------------------------
// Reading

/** Why a row cannot become a fact; always with the column it is about (null: the whole row). */
export type RowProblem =
	| 'too-many-cells'
	| 'required'
	| 'unknown-kind'
	| 'unknown-item-kind'
	| 'not-for-kind'
	| 'date'
	| 'status'
	| 'whole-number'
	| 'decimal'
	| 'euro'
	| 'out-of-range'
	| FactProblem;

export type RowResult =
	| { ok: true; fact: FactInput }
	| { ok: false; column: MonitoringCsvColumn | null; problem: RowProblem };

export interface CsvRow {
	/** The line of the file the row starts on (the header is line 1). */
	line: number;
	/** The `titel` cell, to help people find the row; never stored. */
	title: string;
	result: RowResult;
}

export type FileProblem =
	| { problem: 'empty' }
	| { problem: 'malformed'; line: number; detail: 'unclosed-quote' | 'stray-quote' }
	| { problem: 'unknown-column'; column: string }
	| { problem: 'duplicate-column'; column: string }
	| { problem: 'missing-column'; column: MonitoringCsvColumn };

/**
 * Reads a file into one result per row, each checked against the shape (`factInputSchema`) and
 * the resolved plan (`checkFactInput`), the same checks as the form's. Empty rows (a spreadsheet
 * leaves `;;;;` lines) are left out; everything else gets a result.
 */
export function readMonitoringCsv(
	text: string,
	plan: Pick<Agenda, 'measures' | 'inventory'>
): { ok: true; rows: CsvRow[] } | ({ ok: false } & FileProblem) {
	const read = parseCsv(text);
	if (!read.ok) return { ok: false, problem: 'malformed', line: read.line, detail: read.problem };
	const records = read.records.filter((record) => record.cells.some((cell) => cell.trim() !== ''));
	const [header, ...body] = records;
	if (!header) return { ok: false, problem: 'empty' };
	const columns = header.cells.map((cell) => cell.trim().toLowerCase());
	const known: readonly string[] = MONITORING_CSV_COLUMNS;
	for (const [index, column] of columns.entries()) {
		if (!known.includes(column)) return { ok: false, problem: 'unknown-column', column };
		if (columns.indexOf(column) !== index) {
			return { ok: false, problem: 'duplicate-column', column };
		}
	}
	const missing = REQUIRED_COLUMNS.find((column) => !columns.includes(column));
	if (missing) return { ok: false, problem: 'missing-column', column: missing };
	return {
		ok: true,
		rows: body.map((record) => {
			const cells = new Map<string, string>();
			columns.forEach((column, index) => cells.set(column, (record.cells[index] ?? '').trim()));
			const cell = (column: MonitoringCsvColumn) => cells.get(column) ?? '';
			const result: RowResult =
				record.cells.length > columns.length
					? { ok: false, column: null, problem: 'too-many-cells' }
					: checkedRow(cell, plan);
			return { line: record.line, title: cell('titel'), result };
		})
	};
}

function checkedRow(
	cell: (column: MonitoringCsvColumn) => string,
	plan: Pick<Agenda, 'measures' | 'inventory'>
): RowResult {
	const shaped = shapedRow(cell);
	if (!shaped.ok) return shaped;
	const parsed = factInputSchema.safeParse(shaped.candidate);
	if (!parsed.success) {
		const field = String(parsed.error.issues[0]?.path[0] ?? '');
		const problem = field === 'asOf' ? 'date' : field === 'status' ? 'status' : 'out-of-range';
		return { ok: false, column: FIELD_COLUMNS[field] ?? null, problem };
	}
	const checked = checkFactInput(parsed.data, plan);
	if (!checked.ok) {
		return { ok: false, column: PLAN_PROBLEM_COLUMNS[checked.problem], problem: checked.problem };
	}
	return { ok: true, fact: checked.fact };
}

type Refusal = { ok: false; column: MonitoringCsvColumn | null; problem: RowProblem };
const refuse = (column: MonitoringCsvColumn, problem: RowProblem): Refusal => ({
	ok: false,
	column,
	problem
});

/** The cells as the values `factInputSchema` expects, or the first cell that cannot be one. */
function shapedRow(
	cell: (column: MonitoringCsvColumn) => string
): { ok: true; candidate: Record<string, unknown> } | Refusal {
	for (const column of REQUIRED_COLUMNS) if (cell(column) === '') return refuse(column, 'required');
	const kind = wordKey(KIND_WORDS, cell('art'));
	if (!kind) return refuse('art', 'unknown-kind');
	const itemKind = wordKey(ITEM_WORDS, cell('typ'));
	if (!itemKind) return refuse('typ', 'unknown-item-kind');
	const asOf = isoDay(cell('stichtag'));
	if (asOf === null) return refuse('stichtag', 'date');
	const stray = MONITORING_CSV_COLUMNS.find(
		(column) =>
			cell(column) !== '' &&
			!REQUIRED_COLUMNS.includes(column) &&
			!INFORMATIVE_COLUMNS.includes(column) &&
			!KIND_COLUMNS[kind].includes(column)
	);
	if (stray) return refuse(stray, 'not-for-kind');
	const base = { kind, itemKind, itemId: cell('id'), asOf };
	switch (kind) {
		case 'report': {
			if (cell('status') === '') return refuse('status', 'required');
			const progress = cell('fortschritt');
			if (progress !== '' && !/^\d+$/.test(progress)) return refuse('fortschritt', 'whole-number');
			return {
				ok: true,
				candidate: {
					...base,
					status: cell('status').toLowerCase(),
					statusReason: cell('begruendung') === '' ? null : cell('begruendung'),
					progress: progress === '' ? null : Number(progress),
					text: cell('text')
				}
			};
		}
		case 'milestone':
			if (cell('meilenstein_id') === '') return refuse('meilenstein_id', 'required');
			return { ok: true, candidate: { ...base, milestoneId: cell('meilenstein_id') } };
		case 'indicator': {
			if (cell('indikator_id') === '') return refuse('indikator_id', 'required');
			if (cell('wert') === '') return refuse('wert', 'required');
			const value = parseGermanDecimal(cell('wert'));
			if (value === null) return refuse('wert', 'decimal');
			return { ok: true, candidate: { ...base, indicatorId: cell('indikator_id'), value } };
		}
		case 'finance': {
			for (const column of ['jahr', 'ist_kosten', 'foerderung_erhalten'] as const) {
				if (cell(column) === '') return refuse(column, 'required');
			}
			if (!/^\d{4}$/.test(cell('jahr'))) return refuse('jahr', 'whole-number');
			const actualCostCents = parseEuro(cell('ist_kosten'));
			if (actualCostCents === null) return refuse('ist_kosten', 'euro');
			const fundingReceivedCents = parseEuro(cell('foerderung_erhalten'));
			if (fundingReceivedCents === null) return refuse('foerderung_erhalten', 'euro');
			return {
				ok: true,
				candidate: { ...base, year: Number(cell('jahr')), actualCostCents, fundingReceivedCents }
			};
		}
	}
}

function wordKey<K extends string>(words: Record<K, string>, cell: string): K | undefined {
	const word = cell.toLowerCase();
	return (Object.keys(words) as K[]).find((key) => words[key] === word);
}

/** `31.03.2027`, `1.3.2027` or `2027-03-31` → `2027-03-31`; null for anything else. */
function isoDay(cell: string): string | null {
	if (/^\d{4}-\d{2}-\d{2}$/.test(cell)) return cell;
	const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(cell);
	if (!german) return null;
	const [, day = '', month = '', year = ''] = german;
	return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Sameness

/**
 * What a fact says, without who wrote it or where it is on its way: a row of a re-imported export
 * with the same key as a stored fact is that fact again, and is skipped rather than doubled.
 */
export function factKey(fact: FactInput | MonitoringFact): string {
	const common = [fact.kind, fact.itemKind, fact.itemId, fact.asOf];
	switch (fact.kind) {
		case 'report':
			return JSON.stringify([...common, fact.status, fact.statusReason, fact.progress, fact.text]);
		case 'milestone':
			return JSON.stringify([...common, fact.milestoneId]);
		case 'indicator':
			return JSON.stringify([...common, fact.indicatorId, fact.value]);
		case 'finance':
			return JSON.stringify([
				...common,
				fact.year,
				fact.actualCostCents,
				fact.fundingReceivedCents
			]);
	}
}
