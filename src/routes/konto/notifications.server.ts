import type { RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { formFailure, readForm } from '$lib/server/forms/parse';
import { endFollow, followsOf } from '$lib/server/notifications/followed';
import { saveNotificationSettings } from '$lib/server/notifications/settings';

const ACTION = 'notifications';

/**
 * The form action `notifications` of `/konto`: saves the choice for every kind the person can
 * receive, or, with `unfollow=<key>` (`followsOf`), stops following one agenda's rounds or one
 * measure.
 */
export async function notificationsAction(event: RequestEvent) {
	const user = requireUser(event);
	const form = await readForm(event.request);
	const values: Record<string, string> = {};
	for (const [key, value] of form) if (typeof value === 'string') values[key] = value;

	if (values.unfollow !== undefined) {
		const follow = (await followsOf(db, user.id)).find(({ key }) => key === values.unfollow);
		if (!follow) {
			return formFailure(400, { unfollow: m.notifications_error_unknown_follow() }, {}, ACTION);
		}
		await endFollow(db, user.id, follow);
		const success =
			follow.kind === 'agenda'
				? m.notifications_unfollowed({ title: follow.title })
				: m.notifications_unfollowed_measure({ title: follow.title });
		return { action: ACTION, success };
	}

	const result = await saveNotificationSettings(db, user.id, values);
	if (!result.ok) {
		const errors = Object.fromEntries(
			result.invalid.map((kind) => [kind, m.notifications_error_invalid()])
		);
		return formFailure(400, errors, values, ACTION);
	}
	return { action: ACTION, success: m.notifications_saved() };
}
