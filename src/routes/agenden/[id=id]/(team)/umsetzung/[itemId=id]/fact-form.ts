import { parseEuro } from '$lib/agenda/model/money';
import { parseGermanDecimal } from '$lib/monitoring/decimal';
import {
	factInputSchema,
	SACHSTAND_MAX_CHARS,
	STATUS_REASON_MAX_CHARS,
	type FactInput,
	type FactProblem
} from '$lib/monitoring/fact-input';
import { FACT_KINDS, type FactKind, type MonitoredKind } from '$lib/monitoring/vocabulary';
import { m } from '$lib/paraglide/messages';
import { REMARK_MAX_CHARS, type FactError } from '$lib/server/monitoring/facts';
import type { FieldErrors } from '$lib/server/forms/parse';

/**
 * A monitoring fact as the item page's forms send it: German numbers and amounts as typed, turned
 * into a `FactInput` and checked by `factInputSchema` (the one shape a CSV row must have too).
 * Each field's error in the form's words; nothing is stored unless every field is right.
 */
export function factFromForm(
	values: Record<string, string>,
	item: { itemKind: MonitoredKind; itemId: string }
): { ok: true; fact: FactInput } | { ok: false; errors: FieldErrors } {
	const kind = values.kind as FactKind;
	if (!FACT_KINDS.includes(kind))
		return { ok: false, errors: { form: m.monitoring_team_error_kind() } };
	const errors: FieldErrors = {};
	const read = <T>(field: string, parse: (text: string) => T | null, message: () => string) => {
		const parsed = parse((values[field] ?? '').trim());
		if (parsed === null) errors[field] = message();
		return parsed;
	};
	const base = { kind, itemKind: item.itemKind, itemId: item.itemId, asOf: values.asOf ?? '' };
	let candidate: Record<string, unknown>;
	switch (kind) {
		case 'report': {
			const progress = (values.progress ?? '').trim();
			let percent: number | null = null;
			if (progress !== '') {
				percent = /^\d{1,3}$/.test(progress) ? Number(progress) : -1;
			}
			const reason = values.statusReason ?? '';
			candidate = {
				...base,
				status: values.status,
				statusReason: reason.trim() === '' ? null : reason,
				progress: percent,
				text: values.text ?? ''
			};
			break;
		}
		case 'milestone':
			candidate = { ...base, milestoneId: values.milestoneId ?? '' };
			break;
		case 'indicator':
			candidate = {
				...base,
				indicatorId: values.indicatorId ?? '',
				value: read('value', parseGermanDecimal, m.monitoring_team_error_value)
			};
			break;
		case 'finance':
			candidate = {
				...base,
				year: read(
					'year',
					(text) => (/^\d{4}$/.test(text) ? Number(text) : null),
					m.monitoring_team_error_year
				),
				actualCostCents: read('actualCost', parseEuro, m.monitoring_team_error_amount),
				fundingReceivedCents: read(
					'fundingReceived',
					(text) => (text === '' ? 0 : parseEuro(text)),
					m.monitoring_team_error_amount
				)
			};
			break;
	}
	const parsed = factInputSchema.safeParse(candidate);
	if (!parsed.success) {
		for (const issue of parsed.error.issues) {
			const field = FORM_FIELD[String(issue.path[0])] ?? String(issue.path[0]);
			errors[field] ??= (FIELD_MESSAGES[field] ?? m.error_request_invalid)();
		}
	}
	if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, fact: parsed.data };
}

/** The form field each value of `FactInput` is typed in, where the names differ. */
const FORM_FIELD: Record<string, string> = {
	actualCostCents: 'actualCost',
	fundingReceivedCents: 'fundingReceived'
};

const FIELD_MESSAGES: Record<string, () => string> = {
	asOf: m.monitoring_team_error_date,
	status: m.monitoring_team_error_status,
	statusReason: () => m.monitoring_team_error_reason_long({ max: STATUS_REASON_MAX_CHARS }),
	progress: m.monitoring_team_error_progress,
	text: () => m.monitoring_team_error_text_long({ max: SACHSTAND_MAX_CHARS }),
	milestoneId: m.monitoring_team_error_milestone,
	indicatorId: m.monitoring_team_error_indicator,
	value: m.monitoring_team_error_value,
	year: m.monitoring_team_error_year,
	actualCost: m.monitoring_team_error_amount,
	fundingReceived: m.monitoring_team_error_amount,
	itemId: m.monitoring_team_error_item_not_in_plan,
	itemKind: m.monitoring_team_error_item_not_in_plan
};

/** Where a refusal of the monitoring service is shown, and in which words. */
export function factRefusal(error: FactError): { field: string; message: string } {
	const problems: Record<FactProblem, [string, () => string]> = {
		'item-not-in-plan': ['form', m.monitoring_team_error_item_not_in_plan],
		'not-for-inventory': ['form', m.monitoring_team_error_not_for_inventory],
		'milestone-not-in-measure': ['milestoneId', m.monitoring_team_error_milestone],
		'indicator-not-in-measure': ['indicatorId', m.monitoring_team_error_indicator],
		'text-empty': ['text', m.monitoring_team_error_text_empty],
		'reason-missing': ['statusReason', m.monitoring_team_error_reason_missing]
	};
	const steps: Record<Exclude<FactError, FactProblem>, [string, () => string]> = {
		'not-found': ['form', m.monitoring_team_error_fact_not_found],
		'not-editable': ['form', m.monitoring_team_error_not_editable],
		'not-submitted': ['form', m.monitoring_team_error_not_submitted],
		'remark-empty': ['remark', m.monitoring_team_error_remark_empty],
		'remark-too-long': [
			'remark',
			() => m.monitoring_team_error_remark_long({ max: REMARK_MAX_CHARS })
		]
	};
	const [field, message] =
		error in problems
			? problems[error as FactProblem]
			: steps[error as Exclude<FactError, FactProblem>];
	return { field, message: message() };
}
