import { agendaFinance } from '$lib/agenda/model/finance';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { followAgenda, isFollowing, unfollowAgenda } from '$lib/server/notifications/follows';
import { commentCounts } from '$lib/server/participation/comments';
import { itemKey } from '$lib/server/participation/items';
import { supportCounts } from '$lib/server/participation/supports';
import { requireParticipation } from './participation.server';
import type { Actions, PageServerLoad } from './$types';

/** Whether the change overview of another part of the app exists in this build. */
const hasChangesPage =
	Object.keys(import.meta.glob('/src/routes/beteiligung/*/aenderungen/+page.svelte')).length > 0;

export const load: PageServerLoad = async (event) => {
	const participation = requireParticipation(event);
	const { content } = participation;
	const versionId = participation.participation.version.id;
	const comments = commentCounts(db, versionId);
	const supports = supportCounts(db, versionId);
	const finance = new Map(
		agendaFinance(content).measures.map((measure) => [measure.measureId, measure])
	);

	// Filters arrive as a GET form; an id the Fassung does not know filters nothing.
	const fieldFilter = event.url.searchParams.get('feld') ?? '';
	const goalFilter = event.url.searchParams.get('ziel') ?? '';
	const field = content.fields.find((f) => f.id === fieldFilter) ?? null;
	const goal = content.goals.find((g) => g.id === goalFilter) ?? null;
	const fieldTitles = new Map(content.fields.map((f) => [f.id, f.title]));

	const measures = content.measures
		.filter((measure) => !field || measure.fieldId === field.id)
		.filter((measure) => !goal || measure.goalIds.includes(goal.id))
		.map((measure) => ({
			id: measure.id,
			title: measure.title,
			summary: measure.summary,
			field: measure.fieldId ? (fieldTitles.get(measure.fieldId) ?? null) : null,
			status: measure.status,
			costCents: finance.get(measure.id)?.costCents ?? 0,
			comments: comments.get(itemKey({ kind: 'measure', id: measure.id })) ?? 0,
			supports: supports.get(measure.id) ?? 0
		}));

	return {
		intro: participation.participation.phase.intro,
		ausgangslage: content.ausgangslage,
		leitbild: content.leitbild,
		principles: content.principles.map(({ id, title, description }) => ({
			id,
			title,
			description
		})),
		sectionComments: {
			ausgangslage: comments.get(itemKey({ kind: 'section', id: 'ausgangslage' })) ?? 0,
			leitbild: comments.get(itemKey({ kind: 'section', id: 'leitbild' })) ?? 0
		},
		goals: content.goals.map(({ id, title, description }) => ({
			id,
			title,
			description,
			comments: comments.get(itemKey({ kind: 'goal', id })) ?? 0
		})),
		fields: content.fields.map(({ id, title, description }) => ({
			id,
			title,
			description,
			measures: content.measures.filter((measure) => measure.fieldId === id).length
		})),
		measures,
		measureCount: content.measures.length,
		filter: { field: field?.id ?? '', goal: goal?.id ?? '' },
		// null: nobody signed in, who could follow.
		following:
			participation.viewer.userId === null
				? null
				: await isFollowing(db, participation.viewer.userId, participation.agenda.id),
		hasChangesPage
	};
};

/** Following the agenda's rounds: a mail when one opens or is about to end (`round-followed`). */
export const actions: Actions = {
	follow: async (event) => {
		const user = requireUser(event);
		await followAgenda(db, user.id, requireParticipation(event).agenda.id);
		return { followSuccess: m.participation_followed() };
	},
	unfollow: async (event) => {
		const user = requireUser(event);
		await unfollowAgenda(db, user.id, requireParticipation(event).agenda.id);
		return { followSuccess: m.participation_unfollowed() };
	}
};
