import type { Executor } from '../db/connection';
import { mails, type Mail } from '../db/schema';
import { generateId } from '../ids';

/** A mail as the features write it; the worker adds sender and Message-ID when it sends. */
export interface OutgoingMail {
	/** what it is about, e.g. `password-reset`: for the outbox and the log, never its content */
	kind: string;
	to: string;
	subject: string;
	text: string;
	html: string;
	/** extra headers, e.g. `List-Unsubscribe` */
	headers?: Record<string, string>;
}

/**
 * Queues a mail. Call it inside the transaction of what causes it: the mail is stored when that
 * is, before the request answers, and the worker sends it afterwards with retries.
 */
export async function queueMail(db: Executor, mail: OutgoingMail, now = Date.now()): Promise<Mail> {
	const [queued] = await db
		.insert(mails)
		.values({
			id: generateId(),
			kind: mail.kind,
			to: mail.to,
			subject: mail.subject,
			text: mail.text,
			html: mail.html,
			headers: mail.headers ?? {},
			nextAttemptAt: new Date(now),
			createdAt: new Date(now)
		})
		.returning();
	return queued!;
}
