import type { Agenda } from '../agenda/model/schema';
import { parseEuro } from '../agenda/model/money';
import { checkFactInput, factInputSchema, type FactInput, type FactProblem } from './fact-input';
import type { MonitoringFact } from './facts';
import { parseGermanDecimal } from './decimal';
import type { FactKind, FactState, MonitoredKind } from './vocabulary';

/**
 * The one format of monitoring data, whether it travels as CSV (`./csv`) or as XLSX
 * (`$lib/server/monitoring/xlsx`): one row per fact, the columns below, each with the kind of
 * value it holds. Decidim's users suffer from an export and an import that differ; here both
 * serialisations write and read through this module, so they cannot drift apart.
 *
 * `titel` (for humans) and `zustand` (where a fact is on its way to approval) are written and
 * ignored on import. Each serialisation writes a value as its medium does best (CSV: German text
 * such as `31.03.2027` and `1.234,56`; XLSX: real date and number cells) and reads back both
 * that and text, as a spreadsheet program may have saved it.
 */
export const MONITORING_COLUMNS = [
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
export type MonitoringColumn = (typeof MONITORING_COLUMNS)[number];

/**
 * What a column holds. `text`: any text; `day`: a calendar day (ISO `JJJJ-MM-TT` inside);
 * `integer`: a whole number ≥ 0; `decimal`: any finite number; `euro`: an amount in cents inside,
 * in euros outside.
 */
export type ColumnValue = 'text' | 'day' | 'integer' | 'decimal' | 'euro';
export const COLUMN_VALUES: Record<MonitoringColumn, ColumnValue> = {
	art: 'text',
	typ: 'text',
	id: 'text',
	titel: 'text',
	stichtag: 'day',
	status: 'text',
	begruendung: 'text',
	fortschritt: 'integer',
	text: 'text',
	meilenstein_id: 'text',
	indikator_id: 'text',
	wert: 'decimal',
	jahr: 'integer',
	ist_kosten: 'euro',
	foerderung_erhalten: 'euro',
	zustand: 'text'
};

/** Without these, no row can say what it is about. */
const REQUIRED_COLUMNS: readonly MonitoringColumn[] = ['art', 'typ', 'id', 'stichtag'];

/** The columns each kind of fact fills; any other filled column is refused, never ignored. */
const KIND_COLUMNS: Record<FactKind, readonly MonitoringColumn[]> = {
	report: ['status', 'begruendung', 'fortschritt', 'text'],
	milestone: ['meilenstein_id'],
	indicator: ['indikator_id', 'wert'],
	finance: ['jahr', 'ist_kosten', 'foerderung_erhalten']
};
/** Read by humans, written by the export, ignored by the import. */
const INFORMATIVE_COLUMNS: readonly MonitoringColumn[] = ['titel', 'zustand'];

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
const FIELD_COLUMNS: Record<string, MonitoringColumn> = {
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
const PLAN_PROBLEM_COLUMNS: Record<FactProblem, MonitoringColumn> = {
	'item-not-in-plan': 'id',
	'not-for-inventory': 'typ',
	'milestone-not-in-measure': 'meilenstein_id',
	'indicator-not-in-measure': 'indikator_id',
	'text-empty': 'text',
	'reason-missing': 'begruendung'
};

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * A fact's cells, each the kind of value its column holds (`COLUMN_VALUES`): strings for `text`
 * and `day` (ISO), numbers for the others (cents for `euro`); a column the fact does not fill is
 * missing.
 */
export type FactCells = Partial<Record<MonitoringColumn, string | number>>;

export function factCells(fact: MonitoringFact, title: string): FactCells {
	const common = {
		art: KIND_WORDS[fact.kind],
		typ: ITEM_WORDS[fact.itemKind],
		id: fact.itemId,
		titel: title,
		stichtag: fact.asOf,
		zustand: STATE_WORDS[fact.state]
	};
	switch (fact.kind) {
		case 'report':
			return {
				...common,
				status: fact.status,
				...(fact.statusReason ? { begruendung: fact.statusReason } : {}),
				...(fact.progress === null ? {} : { fortschritt: fact.progress }),
				text: fact.text
			};
		case 'milestone':
			return { ...common, meilenstein_id: fact.milestoneId };
		case 'indicator':
			return { ...common, indikator_id: fact.indicatorId, wert: fact.value };
		case 'finance':
			return {
				...common,
				jahr: fact.year,
				ist_kosten: fact.actualCostCents,
				foerderung_erhalten: fact.fundingReceivedCents
			};
	}
}

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * A cell as a file hands it over: CSV gives text only; XLSX also numbers, dates (as UTC
 * midnight, Excel knows no time zones) and booleans; null is an empty cell.
 */
export type RawCell = string | number | boolean | Date | null;

/** A record of a file: the line (CSV) or row (XLSX) it starts on, the header being 1. */
export interface TableRecord {
	line: number;
	cells: RawCell[];
}

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
	| { ok: false; column: MonitoringColumn | null; problem: RowProblem };

export interface TableRow {
	line: number;
	/** The `titel` cell, to help people find the row; never stored. */
	title: string;
	result: RowResult;
}

export type FileProblem =
	| { problem: 'empty' }
	| { problem: 'malformed'; line: number; detail: 'unclosed-quote' | 'stray-quote' }
	| { problem: 'unreadable-xlsx' }
	| { problem: 'xlsx-too-large' }
	| { problem: 'unknown-column'; column: string }
	| { problem: 'duplicate-column'; column: string }
	| { problem: 'missing-column'; column: MonitoringColumn };

/**
 * Reads a file's records into one result per row, each checked against the shape
 * (`factInputSchema`) and the resolved plan (`checkFactInput`), the same checks as the form's.
 * Empty rows (a spreadsheet leaves `;;;;` lines) are left out; everything else gets a result.
 */
export function readMonitoringTable(
	records: readonly TableRecord[],
	plan: Pick<Agenda, 'measures' | 'inventory'>
): { ok: true; rows: TableRow[] } | ({ ok: false } & FileProblem) {
	const filled = records.filter((record) => record.cells.some((cell) => textOf(cell) !== ''));
	const [header, ...body] = filled;
	if (!header) return { ok: false, problem: 'empty' };
	const columns = header.cells.map((cell) => textOf(cell).toLowerCase());
	const known: readonly string[] = MONITORING_COLUMNS;
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
			const cells = new Map<string, RawCell>();
			columns.forEach((column, index) => cells.set(column, record.cells[index] ?? null));
			const cell = (column: MonitoringColumn) => cells.get(column) ?? null;
			// Cells beyond the header hold something nobody named (a spreadsheet pads with empties).
			const extra = record.cells.slice(columns.length).some((value) => textOf(value) !== '');
			const result: RowResult = extra
				? { ok: false, column: null, problem: 'too-many-cells' }
				: checkedRow(cell, plan);
			return { line: record.line, title: textOf(cell('titel')), result };
		})
	};
}

function checkedRow(
	cell: (column: MonitoringColumn) => RawCell,
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

type Refusal = { ok: false; column: MonitoringColumn | null; problem: RowProblem };
const refuse = (column: MonitoringColumn, problem: RowProblem): Refusal => ({
	ok: false,
	column,
	problem
});

/** The problem a cell that cannot be read as its column's value gets. */
const VALUE_PROBLEMS: Record<ColumnValue, RowProblem> = {
	text: 'required',
	day: 'date',
	integer: 'whole-number',
	decimal: 'decimal',
	euro: 'euro'
};

/** The cells as the values `factInputSchema` expects, or the first cell that cannot be one. */
function shapedRow(
	raw: (column: MonitoringColumn) => RawCell
): { ok: true; candidate: Record<string, unknown> } | Refusal {
	const text = (column: MonitoringColumn) => textOf(raw(column));
	for (const column of REQUIRED_COLUMNS) if (text(column) === '') return refuse(column, 'required');
	const kind = wordKey(KIND_WORDS, text('art'));
	if (!kind) return refuse('art', 'unknown-kind');
	const itemKind = wordKey(ITEM_WORDS, text('typ'));
	if (!itemKind) return refuse('typ', 'unknown-item-kind');
	const asOf = cellValue('day', raw('stichtag'));
	if (typeof asOf !== 'string') return refuse('stichtag', 'date');
	const stray = MONITORING_COLUMNS.find(
		(column) =>
			text(column) !== '' &&
			!REQUIRED_COLUMNS.includes(column) &&
			!INFORMATIVE_COLUMNS.includes(column) &&
			!KIND_COLUMNS[kind].includes(column)
	);
	if (stray) return refuse(stray, 'not-for-kind');
	const needed = kind === 'report' ? (['status'] as const) : KIND_COLUMNS[kind];
	const missing = needed.find((column) => text(column) === '');
	if (missing) return refuse(missing, 'required');
	// Every column this kind fills, read as the value it holds; the first that cannot be is refused.
	const values: Partial<Record<MonitoringColumn, string | number | null>> = {};
	for (const column of KIND_COLUMNS[kind]) {
		const value = cellValue(COLUMN_VALUES[column], raw(column));
		if (value === undefined) return refuse(column, VALUE_PROBLEMS[COLUMN_VALUES[column]]);
		values[column] = value;
	}
	const present = (column: MonitoringColumn) => values[column] ?? null;
	const base = { kind, itemKind, itemId: text('id'), asOf };
	switch (kind) {
		case 'report':
			return {
				ok: true,
				candidate: {
					...base,
					status: String(present('status')).toLowerCase(),
					statusReason: present('begruendung'),
					progress: present('fortschritt'),
					text: present('text') ?? ''
				}
			};
		case 'milestone':
			return { ok: true, candidate: { ...base, milestoneId: present('meilenstein_id') } };
		case 'indicator':
			return {
				ok: true,
				candidate: { ...base, indicatorId: present('indikator_id'), value: present('wert') }
			};
		case 'finance':
			return {
				ok: true,
				candidate: {
					...base,
					year: present('jahr'),
					actualCostCents: present('ist_kosten'),
					fundingReceivedCents: present('foerderung_erhalten')
				}
			};
	}
}

/** A cell as text, trimmed: what a text column holds, and how emptiness is judged. */
function textOf(cell: RawCell): string {
	if (cell === null) return '';
	if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : utcDay(cell);
	return String(cell).trim();
}

/**
 * A cell read as the value its column holds: null when empty, undefined when it cannot be one.
 * Text is read as the CSV writes it (and as German Excel shows it); numbers and dates as XLSX
 * holds them.
 */
function cellValue(kind: ColumnValue, cell: RawCell): string | number | null | undefined {
	if (textOf(cell) === '') return null;
	switch (kind) {
		case 'text':
			return textOf(cell);
		case 'day':
			if (cell instanceof Date) return utcDay(cell);
			return typeof cell === 'string' ? (isoDay(cell.trim()) ?? undefined) : undefined;
		case 'integer':
			if (typeof cell === 'number')
				return Number.isSafeInteger(cell) && cell >= 0 ? cell : undefined;
			return typeof cell === 'string' && /^\d+$/.test(cell.trim())
				? Number(cell.trim())
				: undefined;
		case 'decimal':
			if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
			return typeof cell === 'string' ? (parseGermanDecimal(cell) ?? undefined) : undefined;
		case 'euro': {
			if (typeof cell === 'string') return parseEuro(cell) ?? undefined;
			if (typeof cell !== 'number') return undefined;
			// Euros with at most two decimals, as a number cell holds them (binary fractions aside).
			const cents = Math.round(cell * 100);
			return cents >= 0 && Number.isSafeInteger(cents) && Math.abs(cell * 100 - cents) < 1e-6
				? cents
				: undefined;
		}
	}
}

function wordKey<K extends string>(words: Record<K, string>, cell: string): K | undefined {
	const word = cell.toLowerCase();
	return (Object.keys(words) as K[]).find((key) => words[key] === word);
}

/** A date cell's day: XLSX dates are UTC midnight of the day shown. */
function utcDay(date: Date): string {
	return date.toISOString().slice(0, 10);
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
