import { and, eq, inArray } from 'drizzle-orm';
import {
	NOTIFICATION_KINDS,
	NOTIFICATION_KIND_NAMES,
	type NotificationChoice,
	type NotificationKind
} from '$lib/notifications/kinds';
import { type Db, type Executor, inTransaction } from '../db/connection';
import { memberships } from '../db/schema';
import { DIGEST_ROLES } from './digest';
import { notificationPreferencesOf, setNotificationPreferences } from './preferences';

/** Which notifications a person can receive depends on their roles in agendas. */
export interface NotificationAudience {
	/** In a role that answers comments (`DIGEST_ROLES`) in at least one agenda: gets the digest. */
	member: boolean;
	/** Owner of at least one agenda: may have the digest at once, gets moderation reports. */
	owner: boolean;
}

export async function notificationAudienceOf(
	db: Executor,
	userId: string
): Promise<NotificationAudience> {
	const [member] = await db
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.userId, userId), inArray(memberships.role, [...DIGEST_ROLES])))
		.limit(1);
	const [owner] = await db
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.userId, userId), eq(memberships.role, 'owner')))
		.limit(1);
	return { member: member !== undefined, owner: owner !== undefined };
}

/**
 * The kinds this audience can receive, each with the choices it may make: citizen kinds for
 * everyone, the digest for members (at once only for owners), moderation reports for owners.
 */
export function notificationChoicesFor(
	audience: NotificationAudience
): Partial<Record<NotificationKind, readonly string[]>> {
	const offered: Partial<Record<NotificationKind, readonly string[]>> = {};
	for (const kind of NOTIFICATION_KIND_NAMES) {
		const { audience: needs, choices } = NOTIFICATION_KINDS[kind];
		if (needs === 'member' && !audience.member) continue;
		if (needs === 'owner' && !audience.owner) continue;
		offered[kind] =
			kind === 'agenda-digest' && !audience.owner
				? choices.filter((choice) => choice !== 'immediate')
				: choices;
	}
	return offered;
}

/** One kind as the settings form shows it: the choices offered and the one in force. */
export interface NotificationSetting {
	kind: NotificationKind;
	choices: readonly string[];
	value: string;
}

export async function notificationSettingsOf(
	db: Executor,
	userId: string
): Promise<NotificationSetting[]> {
	const preferences = await notificationPreferencesOf(db, userId);
	const offered = notificationChoicesFor(await notificationAudienceOf(db, userId));
	return NOTIFICATION_KIND_NAMES.flatMap((kind) => {
		const choices = offered[kind];
		if (!choices) return [];
		// A choice no longer offered (an owner who left, with "immediate") shows as the nearest one.
		const value = choices.includes(preferences[kind])
			? preferences[kind]
			: NOTIFICATION_KINDS[kind].default;
		return [{ kind, choices, value }];
	});
}

export type SaveSettingsResult = { ok: true } | { ok: false; invalid: NotificationKind[] };

/**
 * Stores the submitted settings form: one value for every kind the person can receive. A kind
 * missing, a value not offered to this person (`immediate` from a non-owner) or a kind they cannot
 * receive refuses the whole form; nothing changes then.
 */
export async function saveNotificationSettings(
	db: Db,
	userId: string,
	submitted: Record<string, string>,
	now = Date.now()
): Promise<SaveSettingsResult> {
	return inTransaction(db, (tx) => saveIn(tx, userId, submitted, now));
}

async function saveIn(
	tx: Executor,
	userId: string,
	submitted: Record<string, string>,
	now: number
): Promise<SaveSettingsResult> {
	const offered = notificationChoicesFor(await notificationAudienceOf(tx, userId));
	const invalid: NotificationKind[] = [];
	const choices: Partial<Record<NotificationKind, string>> = {};
	for (const kind of NOTIFICATION_KIND_NAMES) {
		const allowed = offered[kind];
		const value = submitted[kind];
		if (!allowed) {
			if (value !== undefined) invalid.push(kind);
			continue;
		}
		if (value === undefined || !allowed.includes(value)) invalid.push(kind);
		else choices[kind] = value;
	}
	if (invalid.length > 0) return { ok: false, invalid };
	await setNotificationPreferences(
		tx,
		userId,
		choices as Partial<{ [K in NotificationKind]: NotificationChoice<K> }>,
		now
	);
	return { ok: true };
}
