import { m } from '$lib/paraglide/messages';
import type { NotificationKind } from '$lib/notifications/kinds';
import type { Executor } from '../db/connection';
import { mailRecipientOf } from '../accounts/users';
import { notificationsSent, type AccountLocale } from '../db/schema';
import { composeMail, type MailContent } from '../mail/compose';
import { queueMail, type OutgoingMail } from '../mail/queue';
import { notificationPreferenceOf, unsubscribeTokenOf } from './preferences';

/** The person a notification goes to, as its `compose` sees them. */
export interface Recipient {
	id: string;
	email: string;
	displayName: string;
	locale: AccountLocale;
}

/** What the sender of one kind of notification says; `notifyOnce` adds greeting and footer. */
export interface NotificationMessage {
	subject: string;
	paragraphs: string[];
	action?: { label: string; url: string };
	/** Why the person gets this mail, e.g. "… weil Sie die Agenda X verfolgen." */
	reason: string;
}

export interface Notification {
	userId: string;
	kind: NotificationKind;
	/**
	 * The event, unique per person, e.g. `comment-answered:<commentId>`: a second notification
	 * with the same key is not sent, however often the cause repeats (an answer unpublished and
	 * published again, two moderators clicking at once).
	 */
	eventKey: string;
	/** The mail's text in the recipient's language; `origin` is where links point. */
	compose(recipient: Recipient, origin: string): NotificationMessage;
}

/** The path of a person's unsubscribe page for one kind of notification (no sign-in needed). */
export function unsubscribePath(token: string, kind: NotificationKind): string {
	return `/abbestellen/${token}/${kind}`;
}

/**
 * Queues the notification's mail, in the caller's transaction, unless the person turned this
 * kind off, has not confirmed their address, or already got this event. Every notification
 * carries `List-Unsubscribe` with one-click unsubscribe (RFC 8058). Returns whether it was queued.
 */
export async function notifyOnce(
	tx: Executor,
	notification: Notification,
	origin: string,
	now = Date.now()
): Promise<boolean> {
	const recipient = await mailRecipientOf(tx, notification.userId);
	// Mail only goes to an address its owner proved to read: never to one a stranger typed in.
	if (!recipient?.emailConfirmedAt) return false;
	if ((await notificationPreferenceOf(tx, recipient.id, notification.kind)) === 'off') return false;
	const [recorded] = await tx
		.insert(notificationsSent)
		.values({ userId: recipient.id, eventKey: notification.eventKey, createdAt: new Date(now) })
		.onConflictDoNothing()
		.returning();
	if (!recorded) return false;
	await queueMail(tx, await notificationMail(tx, recipient, notification, origin), now);
	return true;
}

async function notificationMail(
	tx: Executor,
	recipient: Recipient,
	notification: Notification,
	origin: string
): Promise<OutgoingMail> {
	const { locale } = recipient;
	const message = notification.compose(recipient, origin);
	const unsubscribe =
		origin + unsubscribePath(await unsubscribeTokenOf(tx, recipient.id), notification.kind);
	const content: MailContent = {
		greeting: m.mail_greeting({ name: recipient.displayName }, { locale }),
		paragraphs: message.paragraphs,
		action: message.action,
		footer: [
			message.reason,
			m.mail_notification_unsubscribe({ url: unsubscribe }, { locale }),
			m.mail_notification_settings({ url: `${origin}/konto#benachrichtigungen` }, { locale })
		]
	};
	return {
		kind: notification.kind,
		to: recipient.email,
		subject: message.subject,
		...composeMail(content),
		headers: {
			'List-Unsubscribe': `<${unsubscribe}>`,
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
		}
	};
}
