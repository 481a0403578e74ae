import { error, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { berlinDay } from '$lib/berlin-time';
import { measurePeriod } from '$lib/export/resolution-draft';
import { isId } from '$lib/id-format';
import { parseGermanDecimal } from '$lib/monitoring/decimal';
import { patronUserIds } from '$lib/monitoring/patrons';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { canReportOn } from '$lib/permissions';
import { agendaAccess } from '$lib/server/agendas/access';
import { listMembers } from '$lib/server/agendas/agendas';
import { db } from '$lib/server/db';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import { mailLinkOrigin } from '$lib/server/mail/link-origin';
import {
	decideFact,
	deleteFact,
	saveFact,
	submitFact,
	type StoredFact
} from '$lib/server/monitoring/facts';
import { monitoringOverview, setWeight, WEIGHT_MAX } from '$lib/server/monitoring/overview';
import { factFromForm, factRefusal } from './fact-form';
import type { Actions, PageServerLoad } from './$types';

type ItemEvent = RequestEvent<{ id: string; itemId: string }>;

/**
 * One measure (or inventory item) of the resolved plan as the team follows it: the plan's dates,
 * milestones, indicators and Soll per year beside what was reported, and every fact in every
 * state. Who may write is `canReportOn` (writers, and the members linked to the measure's
 * patrons), who may approve `monitoring.approve`; each action checks both again.
 */
function itemContext(event: ItemEvent) {
	const access = agendaAccess(event, 'monitoring.readAll');
	const today = berlinDay(new Date());
	const overview = monitoringOverview(db, access.agenda.id, today, 'all');
	if (!overview) error(404, m.monitoring_team_no_decision());
	const { plan } = overview;
	const measureIndex = plan.measures.findIndex((entry) => entry.id === event.params.itemId);
	const inventoryIndex = plan.inventory.findIndex((entry) => entry.id === event.params.itemId);
	if (measureIndex < 0 && inventoryIndex < 0)
		error(404, m.monitoring_team_error_item_not_in_plan());
	const itemKind = measureIndex >= 0 ? ('measure' as const) : ('inventory' as const);
	const actor = { user: access.user, role: access.role, userId: access.user?.id ?? null };
	const patrons = itemKind === 'measure' ? patronUserIds(plan, event.params.itemId) : [];
	return {
		...access,
		overview,
		today,
		item: { itemKind, itemId: event.params.itemId },
		measureIndex,
		inventoryIndex,
		canReport: canReportOn(actor, access.agenda, patrons),
		canApprove: access.permissions['monitoring.approve']
	};
}

export const load: PageServerLoad = (event) => {
	const context = itemContext(event);
	const { overview, measureIndex, inventoryIndex, user } = context;
	const { plan } = overview;
	const names = new Map(listMembers(db, context.agenda.id).map((m) => [m.userId, m.displayName]));
	const measure = plan.measures[measureIndex];
	const progress = overview.measures[measureIndex];
	const inventoryItem = plan.inventory[inventoryIndex];
	const facts = overview.facts.filter((fact) => fact.itemId === context.item.itemId);
	const own = (fact: StoredFact) =>
		context.canReport &&
		fact.authorId === user?.id &&
		(fact.state === 'draft' || fact.state === 'returned');
	return {
		today: context.today,
		canReport: context.canReport,
		canApprove: context.canApprove,
		item: {
			kind: context.item.itemKind,
			id: context.item.itemId,
			title: measure?.title ?? inventoryItem?.title ?? ''
		},
		status: progress?.status ?? overview.inventory[inventoryIndex]?.status ?? 'unbekannt',
		percent: (progress ?? overview.inventory[inventoryIndex])?.progress.percent ?? 0,
		measure:
			measure && progress
				? {
						period: measurePeriod(measure, getLocale()),
						patrons: plan.people
							.filter((person) => measure.patronIds.includes(person.id))
							.map((person) => person.name),
						weight: overview.weights.get(measure.id) ?? 1,
						actualStart: progress.actualStart,
						actualFinish: progress.actualFinish,
						lateStart: progress.lateStart,
						lateFinish: progress.lateFinish,
						milestones: progress.milestones,
						indicators: progress.indicators,
						years: progress.years
					}
				: null,
		facts: facts.map((fact) => ({
			...fact,
			author: (fact.authorId && names.get(fact.authorId)) || null,
			subject: subjectOf(fact),
			editable: own(fact),
			decidable: context.canApprove && fact.state === 'submitted'
		}))
	};

	function subjectOf(fact: StoredFact): string | null {
		if (fact.kind === 'milestone') {
			return measure?.milestones.find((entry) => entry.id === fact.milestoneId)?.title ?? null;
		}
		if (fact.kind === 'indicator') {
			return measure?.indicators.find((entry) => entry.id === fact.indicatorId)?.name ?? null;
		}
		return null;
	}
};

const factIdSchema = z.object({
	factId: z.string().refine(isId, { error: () => m.monitoring_team_error_fact_not_found() })
});

/**
 * The fact named by the form, if it is about this item and its author may still change it: a
 * patron of one measure must not reach another's facts through this page's address.
 */
async function ownFact(event: ItemEvent, action: string) {
	const context = itemContext(event);
	const user = context.user;
	if (!context.canReport || !user) error(403, m.error_forbidden());
	const parsed = parseForm(factIdSchema, await readForm(event.request));
	if (!parsed.ok)
		return { context, user, failure: formFailure(400, parsed.errors, parsed.values, action) };
	const fact = factOfItem(context, parsed.data.factId);
	if (!fact) {
		const failure = formFailure(
			404,
			{ form: m.monitoring_team_error_fact_not_found() },
			parsed.values,
			action
		);
		return { context, user, failure };
	}
	if (fact.authorId !== user.id) {
		const failure = formFailure(
			403,
			{ form: m.monitoring_team_error_not_author() },
			parsed.values,
			action
		);
		return { context, user, failure };
	}
	return { context, user, fact, values: parsed.values, failure: null };
}

function factOfItem(context: ReturnType<typeof itemContext>, factId: string) {
	return context.overview.facts.find(
		(fact) =>
			fact.id === factId &&
			fact.itemId === context.item.itemId &&
			fact.itemKind === context.item.itemKind
	);
}

function valuesOf(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of form) if (typeof value === 'string') values[key] = value;
	return values;
}

const decideSchema = z.object({
	factId: z.string().refine(isId, { error: () => m.monitoring_team_error_fact_not_found() }),
	verdict: z.enum(['approve', 'return'], { error: () => m.error_choice_invalid() }),
	remark: z.string().default('')
});

const weightSchema = z.object({
	weight: z
		.string()
		.transform((text) => parseGermanDecimal(text))
		.refine((weight): weight is number => weight !== null && weight >= 0 && weight <= WEIGHT_MAX, {
			error: () => m.monitoring_team_error_weight()
		})
});

export const actions: Actions = {
	/** A new draft, or (with `factId`) a changed draft or returned fact of its author. */
	save: async (event) => {
		const context = itemContext(event);
		if (!context.canReport || !context.user) error(403, m.error_forbidden());
		const form = await readForm(event.request);
		const values = valuesOf(form);
		let factId: string | undefined;
		if ((values.factId ?? '') !== '') {
			const fact = isId(values.factId ?? '') ? factOfItem(context, values.factId ?? '') : undefined;
			if (!fact)
				return formFailure(404, { form: m.monitoring_team_error_fact_not_found() }, values, 'save');
			if (fact.authorId !== context.user.id) {
				return formFailure(403, { form: m.monitoring_team_error_not_author() }, values, 'save');
			}
			factId = fact.id;
		}
		const input = factFromForm(values, context.item);
		if (!input.ok) return formFailure(400, input.errors, values, 'save');
		const saved = await saveFact(db, {
			decision: context.overview.decision,
			plan: context.overview.plan,
			fact: input.fact,
			factId,
			actorId: context.user.id
		});
		if (!saved.ok) {
			const refusal = factRefusal(saved.error);
			const status = saved.error === 'not-found' ? 404 : saved.error === 'not-editable' ? 409 : 400;
			return formFailure(status, { [refusal.field]: refusal.message }, values, 'save');
		}
		return { action: 'save', success: m.monitoring_team_saved(), factId: saved.id };
	},

	submit: async (event) => {
		const found = await ownFact(event, 'submit');
		if (found.failure) return found.failure;
		const result = await submitFact(db, {
			decision: found.context.overview.decision,
			factId: found.fact.id,
			actorId: found.user.id
		});
		if (!result.ok) {
			return formFailure(409, { form: factRefusal(result.error).message }, found.values, 'submit');
		}
		return { action: 'submit', success: m.monitoring_team_submitted() };
	},

	delete: async (event) => {
		const found = await ownFact(event, 'delete');
		if (found.failure) return found.failure;
		const result = await deleteFact(db, {
			decision: found.context.overview.decision,
			factId: found.fact.id,
			actorId: found.user.id
		});
		if (!result.ok) {
			return formFailure(409, { form: factRefusal(result.error).message }, found.values, 'delete');
		}
		return { action: 'delete', success: m.monitoring_team_deleted() };
	},

	/** An owner approves a submitted fact or returns it with a remark. */
	decide: async (event) => {
		const context = itemContext(event);
		if (!context.canApprove || !context.user) error(403, m.error_forbidden());
		const parsed = parseForm(decideSchema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, 'decide');
		if (!factOfItem(context, parsed.data.factId)) {
			return formFailure(
				404,
				{ form: m.monitoring_team_error_fact_not_found() },
				parsed.values,
				'decide'
			);
		}
		const result = await decideFact(db, {
			decision: context.overview.decision,
			factId: parsed.data.factId,
			verdict: parsed.data.verdict,
			remark: parsed.data.remark,
			actorId: context.user.id,
			origin: mailLinkOrigin(event.url)
		});
		if (!result.ok) {
			const refusal = factRefusal(result.error);
			const status = result.error === 'not-submitted' ? 409 : 400;
			return formFailure(status, { [refusal.field]: refusal.message }, parsed.values, 'decide');
		}
		return {
			action: 'decide',
			success:
				parsed.data.verdict === 'approve'
					? m.monitoring_team_approved()
					: m.monitoring_team_returned()
		};
	},

	/** An owner sets how much the measure weighs in the roll-ups. */
	weight: async (event) => {
		const context = itemContext(event);
		if (!context.canApprove || !context.user) error(403, m.error_forbidden());
		const parsed = parseForm(weightSchema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, 'weight');
		const result = await setWeight(db, {
			decision: context.overview.decision,
			measureId: context.item.itemId,
			weight: parsed.data.weight,
			actorId: context.user.id
		});
		if (!result.ok) {
			const message =
				result.error === 'not-in-plan'
					? m.monitoring_team_error_item_not_in_plan()
					: m.monitoring_team_error_weight();
			return formFailure(400, { weight: message }, parsed.values, 'weight');
		}
		return { action: 'weight', success: m.monitoring_team_weight_saved() };
	}
};
