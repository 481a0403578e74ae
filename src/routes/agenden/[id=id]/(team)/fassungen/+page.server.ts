import { error, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { parseBerlinLocal, toBerlinLocalInput } from '$lib/berlin-time';
import { formatDateTime } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { MODERATION_MODES } from '$lib/participation/vocabulary';
import { isId } from '$lib/id-format';
import { agendaAccess } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { confirmationStep } from '$lib/server/forms/confirm';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import { mailLinkOrigin } from '$lib/server/mail/link-origin';
import { publishAnswers, unpublishedAnswerCounts } from '$lib/server/participation/answers';
import {
	deletePhase,
	endPhase,
	hasBegun,
	listRounds,
	openPhase,
	updatePhase,
	type PhaseResult
} from '$lib/server/participation/phases';
import { freezeVersion, listVersions } from '$lib/server/participation/versions';
import type { Actions, PageServerLoad } from './$types';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export const load: PageServerLoad = (event) => {
	const { agenda, permissions } = agendaAccess(event, 'draft.read');
	const now = Date.now();
	const rounds = listRounds(db, agenda.id, now);
	// The round citizens see now: the latest begun one (what `currentPhase` finds), from this list.
	const currentId = rounds.filter(({ phase }) => hasBegun(phase, now)).at(-1)?.phase.id ?? null;
	const roundOf = new Map(rounds.map((round) => [round.phase.versionId, round]));
	const unpublished = unpublishedAnswerCounts(db, agenda.id);
	return {
		canManage: permissions['participation.manage'],
		versions: listVersions(db, agenda.id).map((version) => {
			const round = roundOf.get(version.id);
			return {
				...version,
				unpublishedAnswers: unpublished.get(version.id) ?? 0,
				phase: round
					? {
							id: round.phase.id,
							round: round.round,
							intro: round.phase.intro,
							startsAt: round.phase.startsAt,
							endsAt: round.phase.endsAt,
							moderation: round.phase.moderation,
							state: round.state,
							current: round.phase.id === currentId
						}
					: null
			};
		}),
		defaults: {
			name: m.versions_default_name(),
			startsAt: toBerlinLocalInput(new Date(now)),
			endsAt: toBerlinLocalInput(new Date(now + 8 * WEEK_MS))
		}
	};
};

const freezeSchema = z.object({
	name: z
		.string()
		.trim()
		.min(3, { error: () => m.versions_error_name() })
		.max(120, { error: () => m.versions_error_name() })
});

const berlinTime = z.string().transform((value, context) => {
	const date = parseBerlinLocal(value);
	if (!date) {
		context.addIssue({ code: 'custom', message: m.versions_error_time() });
		return z.NEVER;
	}
	return date;
});

const phaseFields = {
	startsAt: berlinTime,
	endsAt: berlinTime,
	intro: z
		.string()
		.trim()
		.max(5000, { error: () => m.versions_error_intro() }),
	moderation: z.enum(MODERATION_MODES, { error: () => m.error_choice_invalid() })
};

const phaseId = z.string().refine(isId, { error: () => m.error_choice_invalid() });

const phaseSchema = z
	.object({
		versionId: z.string().refine(isId, { error: () => m.error_choice_invalid() }),
		...phaseFields
	})
	.refine((phase) => phase.endsAt > phase.startsAt, {
		path: ['endsAt'],
		error: () => m.versions_error_period()
	});

/** A begun phase keeps its start; its form sends none, so the schema must not ask for one. */
const phaseUpdateSchema = z.object({
	phaseId,
	...phaseFields,
	startsAt: berlinTime.optional()
});

const phaseIdSchema = z.object({ phaseId });

/** What the Fassungen page says when a phase cannot be opened or changed. */
function phaseRefusal(result: Extract<PhaseResult<unknown>, { ok: false }>): string {
	switch (result.reason) {
		case 'has-phase':
			return m.versions_error_has_phase();
		case 'bad-period':
			return m.versions_error_period();
		case 'overlap':
			return m.versions_error_overlap({
				number: result.conflict?.versionNumber ?? 0,
				start: result.conflict ? formatDateTime(result.conflict.startsAt) : '',
				end: result.conflict ? formatDateTime(result.conflict.endsAt) : ''
			});
		case 'ends-in-past':
			return m.versions_error_ends_in_past();
		case 'begun':
			return m.versions_error_begun();
		case 'not-open':
			return m.versions_error_not_open();
		case 'not-found':
			return m.versions_error_phase_not_found();
		case 'unknown-version':
			return m.error_choice_invalid();
	}
}

const publishSchema = z.object({
	versionId: z.string().refine(isId, { error: () => m.error_choice_invalid() })
});

/** Ending and deleting: one phase named by id, asked first, a refusal in the form's words. */
function phaseAction(
	action: 'endPhase' | 'deletePhase',
	change: typeof endPhase | typeof deletePhase,
	success: () => string
) {
	return async (event: RequestEvent<{ id: string }>) => {
		const { agenda, user } = agendaAccess(event, 'participation.manage');
		const form = await readForm(event.request);
		const parsed = parseForm(phaseIdSchema, form);
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, action);
		const step = confirmationStep(form, action, parsed.values);
		if (step) return step;
		const result = await change(db, { agendaId: agenda.id, actorId: user.id, ...parsed.data });
		if (!result.ok) {
			const status = result.reason === 'not-found' ? 404 : 409;
			return formFailure(status, { phaseId: phaseRefusal(result) }, parsed.values, action);
		}
		return { action, success: success() };
	};
}

export const actions: Actions = {
	freeze: async (event) => {
		const { agenda, user } = agendaAccess(event, 'participation.manage');
		const parsed = parseForm(freezeSchema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, 'freeze');
		const version = await freezeVersion(db, {
			agendaId: agenda.id,
			name: parsed.data.name,
			actorId: user.id
		});
		return {
			action: 'freeze',
			success: m.versions_frozen({ number: version.number, name: version.name })
		};
	},

	phase: async (event) => {
		const { agenda, user } = agendaAccess(event, 'participation.manage');
		const parsed = parseForm(phaseSchema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, 'phase');
		const result = await openPhase(db, { agendaId: agenda.id, actorId: user.id, ...parsed.data });
		if (!result.ok) {
			return formFailure(400, { versionId: phaseRefusal(result) }, parsed.values, 'phase');
		}
		return { action: 'phase', success: m.versions_phase_opened() };
	},

	updatePhase: async (event) => {
		const { agenda, user } = agendaAccess(event, 'participation.manage');
		const parsed = parseForm(phaseUpdateSchema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, 'updatePhase');
		const result = await updatePhase(db, { agendaId: agenda.id, actorId: user.id, ...parsed.data });
		if (!result.ok) {
			const status = result.reason === 'not-found' ? 404 : 400;
			return formFailure(status, { phaseId: phaseRefusal(result) }, parsed.values, 'updatePhase');
		}
		return { action: 'updatePhase', success: m.versions_phase_updated() };
	},

	endPhase: phaseAction('endPhase', endPhase, () => m.versions_phase_ended()),

	deletePhase: phaseAction('deletePhase', deletePhase, () => m.versions_phase_deleted()),

	publish: async (event) => {
		const { agenda, user } = agendaAccess(event, 'participation.manage');
		const parsed = parseForm(publishSchema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, 'publish');
		const count = await publishAnswers(db, {
			agendaId: agenda.id,
			versionId: parsed.data.versionId,
			actorId: user.id,
			origin: mailLinkOrigin(event.url)
		});
		// Another agenda's Fassung is as unknown here as one that does not exist.
		if (count === null) error(404, m.export_error_fassung_not_found());
		return { action: 'publish', success: m.versions_answers_published({ count }) };
	}
};
