import { isNotificationKind, type NotificationKind } from '$lib/notifications/kinds';
import { type Db, type Executor, inTransaction } from '../db/connection';
import { setNotificationPreferences, userByUnsubscribeToken } from './preferences';

/** What an unsubscribe link (`/abbestellen/<token>/<kind>`) points at. */
export interface UnsubscribeTarget {
	userId: string;
	kind: NotificationKind;
	/** The address, masked (`e***@example.org`): the link may have been forwarded. */
	maskedEmail: string;
}

/** The person and kind of an unsubscribe link, or null for an unknown token or kind. */
export async function unsubscribeTarget(
	db: Executor,
	token: string,
	kind: string
): Promise<UnsubscribeTarget | null> {
	if (!isNotificationKind(kind)) return null;
	const user = await userByUnsubscribeToken(db, token);
	if (!user) return null;
	return { userId: user.id, kind, maskedEmail: maskEmail(user.email) };
}

/**
 * Turns the link's kind off for its person. The token in the link authorizes this, no session:
 * it works from any mail program, and for RFC 8058's one-click POST from the mail provider.
 */
export async function unsubscribe(
	db: Db,
	token: string,
	kind: string
): Promise<UnsubscribeTarget | null> {
	return inTransaction(db, async (tx) => {
		const target = await unsubscribeTarget(tx, token, kind);
		if (!target) return null;
		await setNotificationPreferences(tx, target.userId, { [target.kind]: 'off' });
		return target;
	});
}

/** `erika@example.org` → `e***@example.org`: enough to recognise one's own address. */
export function maskEmail(email: string): string {
	const at = email.lastIndexOf('@');
	if (at <= 0) return '***';
	return `${[...email.slice(0, at)][0]}***${email.slice(at)}`;
}
