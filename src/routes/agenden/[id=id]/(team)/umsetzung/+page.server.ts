import { z } from 'zod';
import { berlinDay } from '$lib/berlin-time';
import { m } from '$lib/paraglide/messages';
import { formatDay } from '$lib/format';
import { parseStichtag } from '$lib/monitoring/stichtag';
import { DECISION_RESULTS } from '$lib/monitoring/vocabulary';
import { agendaAccess } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import {
	currentDecision,
	decisionInputSchema,
	listDecisions,
	recordDecision,
	type CouncilDecision,
	type DecisionError
} from '$lib/server/monitoring/decisions';
import { monitoringOverview } from '$lib/server/monitoring/overview';
import { listVersions, versionNumberOf } from '$lib/server/participation/versions';
import { rollUpRows } from './rollup-rows';
import type { Actions, PageServerLoad } from './$types';

/**
 * The team's view of Umsetzungsmonitoring: before the council's vote, the owner records the
 * decision; after it, every decision with its Fassung, the roll-ups per agenda, field of action
 * and goal at a Stichtag (`?stichtag=YYYY-MM-DD`, today by default; approved facts only), every
 * measure and inventory item with its status, and how many facts wait for an owner's approval.
 * An owner may record a later decision on a newer Fassung: it becomes the baseline.
 */
export const load: PageServerLoad = (event) => {
	const { agenda, permissions } = agendaAccess(event, 'monitoring.readAll');
	const versions = listVersions(db, agenda.id);
	const today = berlinDay(new Date());
	const raw = event.url.searchParams.get('stichtag');
	const asked = parseStichtag(raw, today);
	const stichtag = asked.ok ? asked.stichtag : today;
	// Only a day the reader chose is kept in the links (the report and the CSV default to today).
	const requestedStichtag = asked.ok && raw !== null && raw !== '' ? asked.stichtag : null;
	const canRecord = permissions['decision.record'];
	const versionChoices = versions.map(({ number, name }) => ({ number, name }));
	const stichtagForm = {
		value: asked.ok ? (requestedStichtag ?? '') : (raw ?? ''),
		error: asked.ok ? undefined : m.monitoring_team_stichtag_invalid()
	};
	const overview = monitoringOverview(db, agenda.id, stichtag, 'all');
	if (!overview) {
		return { canRecord, versions: versionChoices, today, stichtagForm, monitoring: null };
	}
	const { decision, plan } = overview;
	const versionOf = new Map(versions.map((entry) => [entry.id, entry]));
	const decisions = listDecisions(db, agenda.id).map((entry) => ({
		id: entry.id,
		current: entry.id === decision.id,
		versionNumber: versionOf.get(entry.versionId)?.number ?? 0,
		versionName: versionOf.get(entry.versionId)?.name ?? '',
		decidedOn: entry.decidedOn,
		number: entry.number,
		result: entry.result,
		oparlUrl: entry.oparlUrl
	}));
	const decidedVersions = new Set(decisions.map((entry) => entry.versionNumber));
	const baselineNumber = decisions.find((entry) => entry.current)?.versionNumber ?? 0;
	const waiting = (itemId: string) =>
		overview.facts.filter((fact) => fact.itemId === itemId && fact.state === 'submitted').length;
	return {
		canRecord,
		canImport: permissions['monitoring.write'],
		versions: versionChoices,
		// A later decision resolves a newer Fassung that has none yet (`recordDecision` checks).
		laterVersions: versionChoices.filter(
			(entry) => entry.number > baselineNumber && !decidedVersions.has(entry.number)
		),
		today,
		stichtag,
		requestedStichtag,
		stichtagForm,
		monitoring: {
			decision: decisions.find((entry) => entry.current) ?? decisions[0]!,
			decisions,
			rollUps: rollUpRows(overview, m.monitoring_team_rollup_whole()),
			measures: plan.measures.map((measure, index) => {
				const progress = overview.measures[index];
				return {
					id: measure.id,
					title: measure.title,
					status: progress?.status ?? 'unbekannt',
					percent: progress?.progress.percent ?? 0,
					lateStart: progress?.lateStart ?? false,
					lateFinish: progress?.lateFinish ?? false,
					weight: overview.agenda.weights.find((entry) => entry.measureId === measure.id)?.weight,
					waiting: waiting(measure.id)
				};
			}),
			inventory: plan.inventory.map((item, index) => {
				const progress = overview.inventory[index];
				return {
					id: item.id,
					title: item.title,
					status: progress?.status ?? 'unbekannt',
					percent: progress?.progress.percent ?? 0,
					waiting: waiting(item.id)
				};
			})
		}
	};
};

/** The decision form's fields as typed; the shape is `decisionInputSchema`'s. */
const decisionFormSchema = z.object({
	versionNumber: z.coerce.number({ error: () => m.monitoring_team_error_version() }),
	decidedOn: z.string().trim(),
	number: z.string(),
	result: z.enum(DECISION_RESULTS, { error: () => m.error_choice_invalid() }),
	oparlUrl: z
		.string()
		.trim()
		.transform((url) => (url === '' ? null : url))
});

/** Which field each part of `decisionInputSchema` is typed in, and what to say when it is wrong. */
const DECISION_FIELD_ERRORS: Record<string, () => string> = {
	versionNumber: () => m.monitoring_team_error_version(),
	decidedOn: () => m.monitoring_team_error_date(),
	number: () => m.monitoring_team_error_number(),
	result: () => m.error_choice_invalid(),
	oparlUrl: () => m.monitoring_team_error_oparl()
};

/** Where each refusal of `recordDecision` is shown, and what it says (of the current baseline). */
const DECISION_REFUSALS: Record<
	DecisionError,
	{ field: string; message: (current: CouncilDecision | undefined) => string }
> = {
	'version-not-found': { field: 'versionNumber', message: () => m.monitoring_team_error_version() },
	'already-decided': {
		field: 'versionNumber',
		message: () => m.monitoring_team_error_already_decided()
	},
	'number-empty': { field: 'number', message: () => m.monitoring_team_error_number() },
	'before-current': {
		field: 'decidedOn',
		message: (current) =>
			m.monitoring_team_error_before_current({ date: formatDay(current?.decidedOn ?? '') })
	},
	'version-not-later': {
		field: 'versionNumber',
		message: (current) =>
			m.monitoring_team_error_version_not_later({
				number: (current && versionNumberOf(db, current.versionId)) ?? 0
			})
	}
};

export const actions: Actions = {
	recordDecision: async (event) => {
		const { agenda, user } = agendaAccess(event, 'decision.record');
		const form = parseForm(decisionFormSchema, await readForm(event.request));
		if (!form.ok) return formFailure(400, form.errors, form.values, 'recordDecision');
		const input = decisionInputSchema.safeParse(form.data);
		if (!input.success) {
			const errors: Record<string, string> = {};
			for (const issue of input.error.issues) {
				const field = String(issue.path[0] ?? 'versionNumber');
				errors[field] ??= (DECISION_FIELD_ERRORS[field] ?? (() => m.error_request_invalid()))();
			}
			return formFailure(400, errors, form.values, 'recordDecision');
		}
		const result = await recordDecision(db, {
			...input.data,
			agendaId: agenda.id,
			actorId: user.id
		});
		if (!result.ok) {
			const refusal = DECISION_REFUSALS[result.error];
			const status = result.error === 'already-decided' ? 409 : 400;
			const current = currentDecision(db, agenda.id);
			return formFailure(
				status,
				{ [refusal.field]: refusal.message(current) },
				form.values,
				'recordDecision'
			);
		}
		return {
			action: 'recordDecision',
			success: m.monitoring_team_decision_recorded({ number: input.data.versionNumber })
		};
	}
};
