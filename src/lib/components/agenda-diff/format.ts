/**
 * Words for the parts of an `AgendaDiff`: field and collection names in the visitor's language,
 * values as the agenda shows them (vocabulary labels, German amounts and rates).
 */
import type { DiffField, FieldChange, YearQuarter, YearRange } from '$lib/agenda/model/diff';
import type { MeasureCollection, RichSection, TopCollection } from '$lib/agenda/model/entities';
import { formatEuro, formatRate } from '$lib/agenda/model/money';
import { formatNumber } from '$lib/format';
import {
	BUDGETS,
	COST_CATEGORIES,
	INDICATOR_DIRECTIONS,
	INVENTORY_STATUSES,
	MEASURE_STATUSES,
	PRIORITIES
} from '$lib/agenda/model/vocabulary';
import {
	budgetLabel,
	costCategoryLabel,
	indicatorDirectionLabel,
	inventoryStatusLabel,
	measureStatusLabel,
	priorityLabel
} from '$lib/labels';
import { m } from '$lib/paraglide/messages';

const FIELD_LABELS: Record<DiffField, () => string> = {
	title: m.diff_field_title,
	municipality: m.diff_field_municipality,
	period: m.diff_field_period,
	name: m.diff_field_name,
	organisation: m.diff_field_organisation,
	description: m.diff_field_description,
	note: m.diff_field_note,
	notes: m.diff_field_notes,
	status: m.diff_field_status,
	rateBp: m.diff_field_rateBp,
	summary: m.diff_field_summary,
	field: m.diff_field_field,
	goals: m.diff_field_goals,
	patrons: m.diff_field_patrons,
	implementationGroup: m.diff_field_implementationGroup,
	priority: m.diff_field_priority,
	start: m.diff_field_start,
	end: m.diff_field_end,
	due: m.diff_field_due,
	done: m.diff_field_done,
	target: m.diff_field_target,
	unit: m.diff_field_unit,
	baseline: m.indicator_baseline,
	baselineYear: m.indicator_baseline_year,
	targetValue: m.indicator_target_value,
	targetYear: m.indicator_target_year,
	direction: m.indicator_direction,
	label: m.diff_field_label,
	year: m.diff_field_year,
	category: m.diff_field_category,
	budget: m.diff_field_budget,
	amountCents: m.diff_field_amountCents,
	fundingSource: m.diff_field_fundingSource,
	fundingCents: m.diff_field_fundingCents,
	annualCents: m.diff_field_annualCents,
	fromYear: m.diff_field_fromYear,
	years: m.diff_field_years
};

export function fieldLabel(field: DiffField): string {
	return FIELD_LABELS[field]();
}

/** A part of the agenda that a diff shows as one section: a long text or a collection. */
export type DiffSection = RichSection | TopCollection;

/**
 * The sections' headings, in the agenda's reading order. Typed by the model's names
 * (`agenda/model/entities.ts`), so that a collection added to the model cannot be missing here.
 */
const SECTION_LABELS: Record<DiffSection, () => string> = {
	ausgangslage: m.diff_section_ausgangslage,
	inventory: m.diff_collection_inventory,
	leitbild: m.diff_section_leitbild,
	principles: m.diff_collection_principles,
	goals: m.diff_collection_goals,
	fields: m.diff_collection_fields,
	measures: m.diff_collection_measures,
	fundingSources: m.diff_collection_fundingSources,
	people: m.diff_collection_people
};

export const SECTION_ORDER = Object.keys(SECTION_LABELS) as DiffSection[];

export function sectionLabel(section: DiffSection): string {
	return SECTION_LABELS[section]();
}

/** A measure's parts' headings, in the layout's order (`MEASURE_COLLECTIONS`). */
const PART_LABELS: Record<MeasureCollection, () => string> = {
	milestones: m.diff_part_milestones,
	indicators: m.diff_part_indicators,
	costLines: m.diff_part_costLines,
	followUpCosts: m.diff_part_followUpCosts
};

export const PART_ORDER = Object.keys(PART_LABELS) as MeasureCollection[];

export function partLabel(name: MeasureCollection): string {
	return PART_LABELS[name]();
}

export function itemLabel(label: string): string {
	return label.trim() === '' ? m.diff_untitled() : label;
}

/** `+1.500,00 €`, `−1.500,00 €`, `0,00 €`. */
export function signedEuro(cents: number): string {
	return cents > 0 ? `+${formatEuro(cents)}` : formatEuro(cents);
}

/** `120.000,00 € → 135.000,00 € (+15.000,00 €)` */
export function moneyChange(before: number, after: number): string {
	return `${formatEuro(before)} → ${formatEuro(after)} (${signedEuro(after - before)})`;
}

function quarter(value: YearQuarter): string {
	if (value.year === null) return m.diff_not_set();
	return value.quarter === null
		? String(value.year)
		: m.diff_quarter({ quarter: value.quarter, year: value.year });
}

function range(value: YearRange): string {
	if (value.start === null && value.end === null) return m.diff_not_set();
	return `${value.start ?? '…'}–${value.end ?? '…'}`;
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
	return (values as readonly string[]).includes(value);
}

/** A choice's name (`in-vorbereitung` → „in Vorbereitung“); other strings as they are. */
function choiceLabel(field: DiffField, value: string): string {
	if (field === 'priority' && isOneOf(PRIORITIES, value)) return priorityLabel(value);
	if (field === 'status' && isOneOf(MEASURE_STATUSES, value)) return measureStatusLabel(value);
	if (field === 'status' && isOneOf(INVENTORY_STATUSES, value)) return inventoryStatusLabel(value);
	if (field === 'category' && isOneOf(COST_CATEGORIES, value)) return costCategoryLabel(value);
	if (field === 'budget' && isOneOf(BUDGETS, value)) return budgetLabel(value);
	if (field === 'direction' && isOneOf(INDICATOR_DIRECTIONS, value)) {
		return indicatorDirectionLabel(value);
	}
	return value;
}

function scalar(field: DiffField, value: string | number | boolean | null): string {
	if (value === null) return m.diff_not_set();
	if (typeof value === 'boolean') return value ? m.diff_yes() : m.diff_no();
	if (field === 'rateBp' && typeof value === 'number') return formatRate(value);
	// An indicator's measured numbers may have decimals; years stay as they are.
	if ((field === 'baseline' || field === 'targetValue') && typeof value === 'number') {
		return formatNumber(value);
	}
	if (typeof value === 'string') return choiceLabel(field, value);
	return String(value);
}

/** Before and after of a change that is not a text (texts get a word diff instead). */
export function valuePair(change: Exclude<FieldChange, { type: 'text' }>): [string, string] {
	switch (change.type) {
		case 'value':
			return [scalar(change.field, change.before), scalar(change.field, change.after)];
		case 'money':
			return [
				change.before === null ? m.diff_not_set() : formatEuro(change.before),
				change.after === null ? m.diff_not_set() : formatEuro(change.after)
			];
		case 'quarter':
			return [quarter(change.before), quarter(change.after)];
		case 'range':
			return [range(change.before), range(change.after)];
		case 'refs': {
			const list = (refs: { label: string }[]) =>
				refs.length === 0 ? m.diff_not_set() : refs.map((ref) => itemLabel(ref.label)).join(', ');
			return [list(change.before), list(change.after)];
		}
	}
}
