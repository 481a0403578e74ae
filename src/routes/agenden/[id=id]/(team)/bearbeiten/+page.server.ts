import { z } from 'zod';
import { isId } from '$lib/id-format';
import { m } from '$lib/paraglide/messages';
import { COMMENT_MAX_CHARS, DISPOSITIONS } from '$lib/participation/vocabulary';
import { agendaAccess } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import { saveAnswer } from '$lib/server/participation/answers';
import { listComments, type CommentView } from '$lib/server/participation/comments';
import { itemKey } from '$lib/server/participation/items';
import { publicRounds } from '$lib/server/participation/phases';
import { getDecidingBody } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agenda, role, user, permissions } = await agendaAccess(event, 'draft.read');
	event.depends('agenda:comments');
	// The editor shows beside each item what citizens said about it in every round so far, the
	// current round first: a comment of an earlier round still wants its answer. (A newer Fassung
	// frozen or awaiting its phase has no comments yet.)
	const rounds = await publicRounds(db, agenda.id);
	const comments: Record<string, CommentView[]> = {};
	const viewer = { userId: user.id, isTeam: permissions['comments.moderate'] };
	for (const round of [...rounds].reverse()) {
		for (const comment of await listComments(db, round.version.id, null, viewer)) {
			(comments[itemKey(comment.item)] ??= []).push(comment);
		}
	}
	return {
		role,
		user: { id: user.id, displayName: user.displayName },
		canEdit: permissions['draft.edit'],
		/** Owners only: Vorlage-Nr., Beratungsfolge, Beschlussvorschlag and the finance fields. */
		canEditResolution: permissions['resolution.edit'],
		/** Named by the default Beschlussvorschlag, as in the exported Vorlage. */
		decidingBody: await getDecidingBody(db),
		canAnswer: permissions['comments.answer'],
		rounds: rounds.map(({ round, version }) => ({
			round,
			fassung: version.number,
			name: version.name
		})),
		comments
	};
};

const answerSchema = z.object({
	commentId: z.string().refine(isId, { error: () => m.error_choice_invalid() }),
	disposition: z.enum(DISPOSITIONS, { error: () => m.answer_error_disposition() }),
	reason: z
		.string()
		.trim()
		.min(1, { error: () => m.answer_error_reason() })
		.max(COMMENT_MAX_CHARS, { error: () => m.answer_error_reason_long() })
});

export const actions: Actions = {
	answer: async (event) => {
		const { agenda, user } = await agendaAccess(event, 'comments.answer');
		const parsed = parseForm(answerSchema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, 'answer');
		const result = await saveAnswer(db, { agendaId: agenda.id, actorId: user.id, ...parsed.data });
		if (result.ok) {
			return { action: 'answer', commentId: parsed.data.commentId, success: m.answer_saved() };
		}
		// The form checks the reason too, but only the service sees it cleaned (controls removed).
		if (result.error === 'not-found') {
			return formFailure(
				404,
				{ commentId: m.moderation_error_not_found() },
				parsed.values,
				'answer'
			);
		}
		const message =
			result.error === 'empty-reason' ? m.answer_error_reason() : m.answer_error_reason_long();
		return formFailure(400, { reason: message }, parsed.values, 'answer');
	}
};
