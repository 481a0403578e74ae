import { desc } from 'drizzle-orm';
import type { Executor } from '../db/connection';
import { mails } from '../db/schema';

/** How many mails the outbox page lists: the newest. */
export const OUTBOX_LIMIT = 200;

/**
 * The newest mails with what happened to them, for the instance administration: without SMTP
 * the outbox is where mails are read (and their links followed); with SMTP it shows what failed.
 */
export async function listOutbox(db: Executor) {
	return db
		.select({
			id: mails.id,
			kind: mails.kind,
			to: mails.to,
			subject: mails.subject,
			text: mails.text,
			status: mails.status,
			attempts: mails.attempts,
			lastError: mails.lastError,
			createdAt: mails.createdAt,
			sentAt: mails.sentAt
		})
		.from(mails)
		.orderBy(desc(mails.createdAt), desc(mails.id))
		.limit(OUTBOX_LIMIT);
}
