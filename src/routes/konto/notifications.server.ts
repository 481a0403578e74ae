import type { RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { formFailure, readForm } from '$lib/server/forms/parse';
import { followedAgendas, unfollowAgenda } from '$lib/server/notifications/follows';
import { saveNotificationSettings } from '$lib/server/notifications/settings';

const ACTION = 'notifications';

/**
 * The form action `notifications` of `/konto`: saves the choice for every kind the person can
 * receive, or, with `unfollow=<agendaId>`, stops following one agenda's rounds.
 */
export async function notificationsAction(event: RequestEvent) {
	const user = requireUser(event);
	const form = await readForm(event.request);
	const values: Record<string, string> = {};
	for (const [key, value] of form) if (typeof value === 'string') values[key] = value;

	if (values.unfollow !== undefined) {
		const agenda = followedAgendas(db, user.id).find(
			({ agendaId }) => agendaId === values.unfollow
		);
		if (!agenda) {
			return formFailure(400, { unfollow: m.notifications_error_unknown_follow() }, {}, ACTION);
		}
		unfollowAgenda(db, user.id, agenda.agendaId);
		return { action: ACTION, success: m.notifications_unfollowed({ title: agenda.title }) };
	}

	const result = saveNotificationSettings(db, user.id, values);
	if (!result.ok) {
		const errors = Object.fromEntries(
			result.invalid.map((kind) => [kind, m.notifications_error_invalid()])
		);
		return formFailure(400, errors, values, ACTION);
	}
	return { action: ACTION, success: m.notifications_saved() };
}
