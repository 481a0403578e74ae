import type { Agenda } from '$lib/agenda/model/schema';
import { formatEuro, parseEuro } from '$lib/agenda/model/money';
import { formatGermanDecimal, parseGermanDecimal } from '$lib/monitoring/decimal';
import {
	BUDGETS,
	CONSULTATION_RESULTS,
	CONSULTATION_ROLES,
	COST_CATEGORIES,
	INDICATOR_DIRECTIONS,
	INVENTORY_STATUSES,
	MEASURE_STATUSES,
	PRIORITIES,
	QUARTERS
} from '$lib/agenda/model/vocabulary';
import {
	budgetLabel,
	consultationResultLabel,
	consultationRoleLabel,
	costCategoryLabel,
	indicatorDirectionLabel,
	inventoryStatusLabel,
	measureStatusLabel,
	priorityLabel
} from '$lib/labels';

/**
 * Choices for the editor's selects, built from the vocabulary and the current agenda. Functions,
 * not constants: the labels are in the visitor's language, known only when a component renders.
 */
function choices<T extends string>(values: readonly T[], label: (value: T) => string) {
	return () => values.map((value) => ({ value, label: label(value) }));
}

export const priorityOptions = choices(PRIORITIES, priorityLabel);
export const measureStatusOptions = choices(MEASURE_STATUSES, measureStatusLabel);
export const costCategoryOptions = choices(COST_CATEGORIES, costCategoryLabel);
export const budgetOptions = choices(BUDGETS, budgetLabel);
export const inventoryStatusOptions = choices(INVENTORY_STATUSES, inventoryStatusLabel);
export const consultationRoleOptions = choices(CONSULTATION_ROLES, consultationRoleLabel);
export const consultationResultOptions = choices(CONSULTATION_RESULTS, consultationResultLabel);
export const indicatorDirectionOptions = choices(INDICATOR_DIRECTIONS, indicatorDirectionLabel);
export const quarterOptions = QUARTERS.map((quarter) => ({ value: quarter, label: `Q${quarter}` }));

/** The agenda's period, one year before it and five after (for follow-up costs). */
export function yearOptions(agenda: Agenda) {
	const start = agenda.meta.periodStart ?? new Date().getFullYear();
	const end = agenda.meta.periodEnd ?? start + 4;
	const years: { value: number; label: string }[] = [];
	for (let year = start - 1; year <= end + 5; year++)
		years.push({ value: year, label: String(year) });
	return years;
}

export function titledOptions(items: readonly { id: string; title: string }[], untitled: string) {
	return items.map((item, index) => ({
		value: item.id,
		label: item.title || `${untitled} ${index + 1}`
	}));
}

export function peopleOptions(agenda: Agenda, unnamed: string) {
	return agenda.people.map((person, index) => ({
		value: person.id,
		label: person.name
			? person.organisation
				? `${person.name} (${person.organisation})`
				: person.name
			: `${unnamed} ${index + 1}`
	}));
}

/** Amounts in euro inputs: German format without the unit (the label or hint names it). */
export function euroInput(invalidMessage: string) {
	return {
		format: (cents: number) => formatEuro(cents).replace(/\s€$/, ''),
		parse: parseEuro,
		invalidMessage
	};
}

/**
 * Plain numbers (an indicator's baseline and target) in German notation, `1.250,5`; the model
 * refuses what is out of its bounds, and the field then says `invalidMessage`.
 */
export function decimalInput(invalidMessage: string) {
	return {
		format: (value: number) => formatGermanDecimal(value, 6),
		parse: parseGermanDecimal,
		invalidMessage,
		allowEmpty: true
	};
}

/** A year typed as four digits; the model checks its range. Empty: not known. */
export function yearInput(invalidMessage: string) {
	return {
		format: String,
		parse: (text: string) => (/^\d{4}$/.test(text) ? Number(text) : null),
		invalidMessage,
		allowEmpty: true,
		inputmode: 'numeric' as const
	};
}
