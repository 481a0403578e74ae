import type { Agenda } from '$lib/agenda/model';
import { formatEuro, parseEuro } from '$lib/agenda/money';
import {
	BUDGETS,
	BUDGET_LABELS,
	CONSULTATION_RESULTS,
	CONSULTATION_RESULT_LABELS,
	CONSULTATION_ROLES,
	CONSULTATION_ROLE_LABELS,
	COST_CATEGORIES,
	COST_CATEGORY_LABELS,
	INVENTORY_STATUSES,
	INVENTORY_STATUS_LABELS,
	MEASURE_STATUSES,
	MEASURE_STATUS_LABELS,
	PRIORITIES,
	PRIORITY_LABELS,
	QUARTERS
} from '$lib/agenda/vocabulary';

/** Choices for the editor's selects, built from the vocabulary and the current agenda. */
function fromLabels<T extends string>(values: readonly T[], labels: Record<T, string>) {
	return values.map((value) => ({ value, label: labels[value] }));
}

export const priorityOptions = fromLabels(PRIORITIES, PRIORITY_LABELS);
export const measureStatusOptions = fromLabels(MEASURE_STATUSES, MEASURE_STATUS_LABELS);
export const costCategoryOptions = fromLabels(COST_CATEGORIES, COST_CATEGORY_LABELS);
export const budgetOptions = fromLabels(BUDGETS, BUDGET_LABELS);
export const inventoryStatusOptions = fromLabels(INVENTORY_STATUSES, INVENTORY_STATUS_LABELS);
export const consultationRoleOptions = fromLabels(CONSULTATION_ROLES, CONSULTATION_ROLE_LABELS);
export const consultationResultOptions = fromLabels(
	CONSULTATION_RESULTS,
	CONSULTATION_RESULT_LABELS
);
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
