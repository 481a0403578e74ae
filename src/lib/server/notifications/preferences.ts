import { eq } from 'drizzle-orm';
import {
	NOTIFICATION_KINDS,
	NOTIFICATION_KIND_NAMES,
	isChoiceFor,
	type NotificationChoice,
	type NotificationKind
} from '$lib/notifications/kinds';
import type { Executor } from '../db/connection';
import { notificationPreferences, users } from '../db/schema';
import { generateToken } from '../ids';

export type NotificationPreferences = { [K in NotificationKind]: NotificationChoice<K> };

/** Everything a person receives: their choice where they made one, the default elsewhere. */
export async function notificationPreferencesOf(
	db: Executor,
	userId: string
): Promise<NotificationPreferences> {
	const rows = await db
		.select({ kind: notificationPreferences.kind, value: notificationPreferences.value })
		.from(notificationPreferences)
		.where(eq(notificationPreferences.userId, userId));
	const chosen = new Map(rows.map((row) => [row.kind, row.value]));
	const preferences = {} as Record<NotificationKind, string>;
	for (const kind of NOTIFICATION_KIND_NAMES) {
		const value = chosen.get(kind);
		// A value an older version stored and this one no longer offers counts as the default.
		preferences[kind] = isChoiceFor(kind, value) ? value : NOTIFICATION_KINDS[kind].default;
	}
	return preferences as NotificationPreferences;
}

export async function notificationPreferenceOf<K extends NotificationKind>(
	db: Executor,
	userId: string,
	kind: K
): Promise<NotificationChoice<K>> {
	return (await notificationPreferencesOf(db, userId))[kind];
}

/** Stores the given choices; kinds not given keep theirs. */
export async function setNotificationPreferences(
	db: Executor,
	userId: string,
	choices: Partial<NotificationPreferences>,
	now = Date.now()
): Promise<void> {
	for (const kind of NOTIFICATION_KIND_NAMES) {
		const value = choices[kind];
		if (value === undefined) continue;
		if (!isChoiceFor(kind, value)) throw new Error(`no choice ${value} for ${kind}`);
		await db
			.insert(notificationPreferences)
			.values({ userId, kind, value, updatedAt: new Date(now) })
			.onConflictDoUpdate({
				target: [notificationPreferences.userId, notificationPreferences.kind],
				set: { value, updatedAt: new Date(now) }
			});
	}
}

/** The secret of this person's unsubscribe links; made the first time a notification needs it. */
export async function unsubscribeTokenOf(db: Executor, userId: string): Promise<string> {
	const [row] = await db
		.select({ token: users.unsubscribeToken })
		.from(users)
		.where(eq(users.id, userId));
	if (!row) throw new Error(`no account ${userId}`);
	if (row.token) return row.token;
	const token = generateToken();
	await db.update(users).set({ unsubscribeToken: token }).where(eq(users.id, userId));
	return token;
}

/** The account an unsubscribe link belongs to, or null for an unknown token. */
export async function userByUnsubscribeToken(
	db: Executor,
	token: string
): Promise<{ id: string; email: string; displayName: string } | null> {
	if (token.length === 0) return null;
	const [user] = await db
		.select({ id: users.id, email: users.email, displayName: users.displayName })
		.from(users)
		.where(eq(users.unsubscribeToken, token))
		.limit(1);
	return user ?? null;
}
