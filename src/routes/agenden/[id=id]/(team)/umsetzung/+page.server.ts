import { z } from 'zod';
import { berlinDay } from '$lib/berlin-time';
import { m } from '$lib/paraglide/messages';
import { DECISION_RESULTS } from '$lib/monitoring/vocabulary';
import { agendaAccess } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import {
	decisionInputSchema,
	recordDecision,
	type DecisionError
} from '$lib/server/monitoring/decisions';
import { monitoringOverview } from '$lib/server/monitoring/overview';
import { listVersions } from '$lib/server/participation/versions';
import type { Actions, PageServerLoad } from './$types';

/**
 * The team's view of Umsetzungsmonitoring: before the council's vote, the owner records the
 * decision; after it, the agenda's roll-up and every measure and inventory item with its status
 * (approved facts only), and how many facts wait for an owner's approval.
 */
export const load: PageServerLoad = (event) => {
	const { agenda, permissions } = agendaAccess(event, 'monitoring.readAll');
	const versions = listVersions(db, agenda.id);
	const today = berlinDay(new Date());
	const canRecord = permissions['decision.record'];
	const versionChoices = versions.map(({ number, name }) => ({ number, name }));
	const overview = monitoringOverview(db, agenda.id, today, 'all');
	if (!overview) return { canRecord, versions: versionChoices, today, monitoring: null };
	const { decision, plan } = overview;
	const version = versions.find((entry) => entry.id === decision.versionId);
	const waiting = (itemId: string) =>
		overview.facts.filter((fact) => fact.itemId === itemId && fact.state === 'submitted').length;
	return {
		canRecord,
		canImport: permissions['monitoring.write'],
		versions: versionChoices,
		today,
		monitoring: {
			decision: {
				versionNumber: version?.number ?? 0,
				versionName: version?.name ?? '',
				decidedOn: decision.decidedOn,
				number: decision.number,
				result: decision.result,
				oparlUrl: decision.oparlUrl
			},
			agenda: overview.agenda,
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

const DECISION_REFUSALS: Record<DecisionError, { field: string; message: () => string }> = {
	'version-not-found': { field: 'versionNumber', message: () => m.monitoring_team_error_version() },
	'already-decided': {
		field: 'versionNumber',
		message: () => m.monitoring_team_error_already_decided()
	},
	'number-empty': { field: 'number', message: () => m.monitoring_team_error_number() }
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
		const result = recordDecision(db, { ...input.data, agendaId: agenda.id, actorId: user.id });
		if (!result.ok) {
			const refusal = DECISION_REFUSALS[result.error];
			const status = result.error === 'already-decided' ? 409 : 400;
			return formFailure(
				status,
				{ [refusal.field]: refusal.message() },
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
