import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { isId } from '$lib/id-format';
import { REASON_MAX_CHARS } from '$lib/participation/vocabulary';
import { agendaAccess } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import { mailLinkOrigin } from '$lib/server/mail/link-origin';
import { moderateComment, moderationQueue } from '$lib/server/participation/moderation';
import { currentPhaseVersion } from '$lib/server/participation/phases';
import { versionAgenda, listVersions, getVersion } from '$lib/server/participation/versions';
import type { Actions, PageServerLoad } from './$types';
import type { RequestEvent } from '@sveltejs/kit';

export const load: PageServerLoad = (event) => {
	const { agenda } = agendaAccess(event, 'comments.moderate');
	const queue = moderationQueue(db, agenda.id);
	// Item titles come from each comment's own Fassung.
	const titles = new Map<string, string>();
	for (const { number } of listVersions(db, agenda.id)) {
		const version = getVersion(db, agenda.id, number);
		if (!version) continue;
		const content = versionAgenda(version);
		for (const measure of content.measures)
			titles.set(`${number}:measure:${measure.id}`, measure.title);
		for (const goal of content.goals) titles.set(`${number}:goal:${goal.id}`, goal.title);
	}
	// A comment of an earlier round is shown in that round's pages (`?fassung=`).
	const currentFassung = currentPhaseVersion(db, agenda.id)?.number ?? null;
	return {
		queue: queue.map((entry) => ({
			...entry,
			roundFassung: entry.versionNumber === currentFassung ? null : entry.versionNumber,
			itemTitle:
				titles.get(`${entry.versionNumber}:${entry.itemKind}:${entry.itemId}`) ??
				(entry.itemKind === 'section' ? entry.itemId : '')
		}))
	};
};

const decisionSchema = z.object({
	commentId: z.string().refine(isId, { error: () => m.error_choice_invalid() }),
	reason: z
		.string()
		.trim()
		.max(REASON_MAX_CHARS, { error: () => m.moderation_error_reason({ max: REASON_MAX_CHARS }) })
		.optional()
		.default('')
});

function decide(action: 'approve' | 'hide' | 'restore' | 'dismiss') {
	return async (event: RequestEvent<{ id: string }>) => {
		const { agenda, user } = agendaAccess(event, 'comments.moderate');
		const parsed = parseForm(decisionSchema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, action);
		const result = await moderateComment(db, {
			agendaId: agenda.id,
			commentId: parsed.data.commentId,
			action,
			reason: parsed.data.reason,
			actorId: user.id,
			origin: mailLinkOrigin(event.url)
		});
		if (!result.ok) {
			const message =
				result.error === 'empty-reason'
					? m.moderation_error_reason_required()
					: result.error === 'reason-too-long'
						? m.moderation_error_reason({ max: REASON_MAX_CHARS })
						: result.error === 'wrong-state'
							? m.moderation_error_state()
							: m.moderation_error_not_found();
			return formFailure(
				result.error === 'not-found' ? 404 : 400,
				{ reason: message },
				parsed.values,
				action
			);
		}
		return { action, success: m.moderation_done() };
	};
}

export const actions: Actions = {
	approve: decide('approve'),
	hide: decide('hide'),
	restore: decide('restore'),
	dismiss: decide('dismiss')
};
