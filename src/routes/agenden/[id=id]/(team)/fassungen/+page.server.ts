import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { parseBerlinLocal, toBerlinLocalInput } from '$lib/berlin-time';
import { m } from '$lib/paraglide/messages';
import { MODERATION_MODES } from '$lib/participation/vocabulary';
import { isId } from '$lib/id-format';
import { agendaAccess } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import { publishAnswers, unpublishedAnswerCounts } from '$lib/server/participation/answers';
import { currentPhase, listPhases, openPhase, phaseState } from '$lib/server/participation/phases';
import { freezeVersion, listVersions } from '$lib/server/participation/versions';
import type { Actions, PageServerLoad } from './$types';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export const load: PageServerLoad = (event) => {
	const { agenda, permissions } = agendaAccess(event, 'draft.read');
	const phases = new Map(listPhases(db, agenda.id).map(({ phase }) => [phase.versionId, phase]));
	const unpublished = unpublishedAnswerCounts(db, agenda.id);
	const now = Date.now();
	// The phase citizens see now; one that has not begun is shown with its start only.
	const publicPhaseId = currentPhase(db, agenda.id, now)?.phase.id ?? null;
	return {
		canManage: permissions['participation.manage'],
		versions: listVersions(db, agenda.id).map((version) => {
			const phase = phases.get(version.id);
			return {
				...version,
				unpublishedAnswers: unpublished.get(version.id) ?? 0,
				phase: phase
					? {
							startsAt: phase.startsAt,
							endsAt: phase.endsAt,
							moderation: phase.moderation,
							state: phaseState(phase, now),
							current: phase.id === publicPhaseId
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

const phaseSchema = z
	.object({
		versionId: z.string().refine(isId, { error: () => m.error_choice_invalid() }),
		startsAt: berlinTime,
		endsAt: berlinTime,
		intro: z
			.string()
			.trim()
			.max(5000, { error: () => m.versions_error_intro() }),
		moderation: z.enum(MODERATION_MODES, { error: () => m.error_choice_invalid() })
	})
	.refine((phase) => phase.endsAt > phase.startsAt, {
		path: ['endsAt'],
		error: () => m.versions_error_period()
	});

const publishSchema = z.object({
	versionId: z.string().refine(isId, { error: () => m.error_choice_invalid() })
});

export const actions: Actions = {
	freeze: async (event) => {
		const { agenda, user } = agendaAccess(event, 'participation.manage');
		const parsed = parseForm(freezeSchema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, 'freeze');
		const version = freezeVersion(db, {
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
		const result = openPhase(db, { agendaId: agenda.id, actorId: user.id, ...parsed.data });
		if (!result.ok) {
			const message =
				result.reason === 'has-phase'
					? m.versions_error_has_phase()
					: result.reason === 'bad-period'
						? m.versions_error_period()
						: m.error_choice_invalid();
			return formFailure(400, { versionId: message }, parsed.values, 'phase');
		}
		return { action: 'phase', success: m.versions_phase_opened() };
	},

	publish: async (event) => {
		const { agenda, user } = agendaAccess(event, 'participation.manage');
		const parsed = parseForm(publishSchema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, 'publish');
		const count = publishAnswers(db, {
			agendaId: agenda.id,
			versionId: parsed.data.versionId,
			actorId: user.id
		});
		// Another agenda's Fassung is as unknown here as one that does not exist.
		if (count === null) error(404, m.export_error_fassung_not_found());
		return { action: 'publish', success: m.versions_answers_published({ count }) };
	}
};
