import { z } from 'zod';
import type { Agenda, Measure } from '../agenda/model/schema';
import {
	MAX_AMOUNT_CENTS,
	MAX_INDICATOR_VALUE,
	YEAR_MAX,
	YEAR_MIN
} from '../agenda/model/vocabulary';
import { cleanMultilineText, cleanSingleLineText } from '../text/clean';
import {
	IMPLEMENTATION_STATUSES,
	MONITORED_KINDS,
	PROGRESS_MAX,
	PROGRESS_MIN,
	STATUSES_WITH_REASON
} from './vocabulary';

/**
 * What someone may hand in as a monitoring fact, checked the same way whether it comes from a
 * form or a CSV row: the shape (zod), then against the resolved plan (`factProblem`). One source
 * for both, so an import can never store what the form would refuse.
 */
export const SACHSTAND_MAX_CHARS = 20_000;
export const STATUS_REASON_MAX_CHARS = 2_000;

const id = z.string().min(1).max(64);
const isoDate = z.iso.date();
const cents = z.number().int().min(0).max(MAX_AMOUNT_CENTS);
const base = { itemKind: z.enum(MONITORED_KINDS), itemId: id, asOf: isoDate };

export const factInputSchema = z.discriminatedUnion('kind', [
	z.object({
		kind: z.literal('report'),
		...base,
		status: z.enum(IMPLEMENTATION_STATUSES),
		statusReason: z.string().max(STATUS_REASON_MAX_CHARS).nullable(),
		progress: z.number().int().min(PROGRESS_MIN).max(PROGRESS_MAX).nullable(),
		text: z.string().max(SACHSTAND_MAX_CHARS)
	}),
	z.object({ kind: z.literal('milestone'), ...base, milestoneId: id }),
	z.object({
		kind: z.literal('indicator'),
		...base,
		indicatorId: id,
		value: z.number().finite().min(-MAX_INDICATOR_VALUE).max(MAX_INDICATOR_VALUE)
	}),
	z.object({
		kind: z.literal('finance'),
		...base,
		year: z.number().int().min(YEAR_MIN).max(YEAR_MAX),
		actualCostCents: cents,
		fundingReceivedCents: cents
	})
]);
export type FactInput = z.output<typeof factInputSchema>;

export type FactProblem =
	| 'item-not-in-plan'
	| 'not-for-inventory'
	| 'milestone-not-in-measure'
	| 'indicator-not-in-measure'
	| 'text-empty'
	| 'reason-missing';

/** The input with its texts cleaned (NFC, no control characters), or what is wrong with it. */
export function checkFactInput(
	input: FactInput,
	plan: Pick<Agenda, 'measures' | 'inventory'>
): { ok: true; fact: FactInput } | { ok: false; problem: FactProblem } {
	const measure: Measure | undefined =
		input.itemKind === 'measure'
			? plan.measures.find((entry) => entry.id === input.itemId)
			: undefined;
	const inPlan =
		input.itemKind === 'measure'
			? measure !== undefined
			: plan.inventory.some((entry) => entry.id === input.itemId);
	if (!inPlan) return { ok: false, problem: 'item-not-in-plan' };
	switch (input.kind) {
		case 'report': {
			const text = cleanMultilineText(input.text).trim();
			const reason = input.statusReason === null ? '' : cleanSingleLineText(input.statusReason);
			if (text === '') return { ok: false, problem: 'text-empty' };
			const needsReason = STATUSES_WITH_REASON.includes(input.status);
			if (needsReason && reason === '') return { ok: false, problem: 'reason-missing' };
			return {
				ok: true,
				fact: { ...input, text, statusReason: needsReason || reason !== '' ? reason : null }
			};
		}
		case 'milestone':
			if (!measure) return { ok: false, problem: 'not-for-inventory' };
			if (!measure.milestones.some((milestone) => milestone.id === input.milestoneId)) {
				return { ok: false, problem: 'milestone-not-in-measure' };
			}
			return { ok: true, fact: input };
		case 'indicator':
			if (!measure) return { ok: false, problem: 'not-for-inventory' };
			if (!measure.indicators.some((indicator) => indicator.id === input.indicatorId)) {
				return { ok: false, problem: 'indicator-not-in-measure' };
			}
			return { ok: true, fact: input };
		case 'finance':
			if (!measure) return { ok: false, problem: 'not-for-inventory' };
			return { ok: true, fact: input };
	}
}
