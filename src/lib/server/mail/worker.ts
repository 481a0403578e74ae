import { and, asc, eq, isNull, lt, lte, or } from 'drizzle-orm';
import { type Db, isPostgres } from '../db/connection';
import { mails, type Mail } from '../db/schema';
import { reportIfUnreachable } from '../db/unavailable';
import type { MailTransport } from './transport';

export interface MailWorkerOptions {
	/** null: no SMTP configured; mails go to the outbox (`/verwaltung/postausgang`). */
	transport: MailTransport | null;
	pollMs: number;
	/** The wait after the first failed attempt; it doubles with each further one. */
	retryBaseMs: number;
	maxAttempts: number;
	/** How long a mail being sent stays with this worker; after a crash, the next one takes it. */
	leaseMs?: number;
	log?: (line: string) => void;
	now?: () => number;
}

export interface MailWorker {
	/** Sends (or files) every mail that is due now; resolves when done. */
	drain(): Promise<number>;
	start(): void;
	/** Stops polling and waits for a delivery under way. */
	stop(): Promise<void>;
}

const MAX_BACKOFF_MS = 6 * 60 * 60 * 1000;

/**
 * PostgreSQL's `… LIMIT 1 FOR UPDATE SKIP LOCKED`. The query is typed as SQLite's (see
 * `connection.ts`), but on a PostgreSQL connection it is PostgreSQL's builder, which has `for`.
 * The lock must be part of the limited query: `(SELECT … LIMIT 1) FOR UPDATE SKIP LOCKED` would
 * limit first and then skip the one row another worker holds, and find nothing.
 */
function skipLocked<Q>(query: Q): Q {
	type Lockable = { for(strength: 'update', config: { skipLocked: true }): Q };
	return (query as unknown as Lockable).for('update', { skipLocked: true });
}

/**
 * The background worker that delivers queued mails, one at a time. A mail is claimed with a
 * lease before it goes out and booked after: if the process dies in between, the lease runs out
 * and the mail is sent again (rather than lost). Failures are retried with doubling waits; a
 * permanent refusal (SMTP 5xx, e.g. an unknown address) or the last attempt gives it up. Every
 * outcome is logged without the mail's content.
 */
export function createMailWorker(db: Db, options: MailWorkerOptions): MailWorker {
	const log = options.log ?? ((line) => console.log(line));
	const now = options.now ?? Date.now;
	const leaseMs = options.leaseMs ?? 60_000;
	let timer: ReturnType<typeof setInterval> | undefined;
	let running: Promise<number> | null = null;

	/**
	 * Takes the next due mail for this worker, in one statement: another worker (another process)
	 * sees it taken or does not see it at all, so no mail goes out twice. On SQLite the statement
	 * holds the write lock from its start. On PostgreSQL a worker skips the row another one is
	 * taking (`FOR UPDATE SKIP LOCKED`) instead of waiting for it and finding it gone; the
	 * conditions are repeated on the row that is updated, the guarantee not resting on the lock.
	 * `id = (…)`, not `id IN (…)`: PostgreSQL may run an `IN` subquery once per candidate row (a
	 * semi join), each time locking the next free mail, and so claim every due mail at once.
	 */
	async function claim(): Promise<Mail | null> {
		const at = new Date(now());
		const free = and(
			eq(mails.status, 'queued'),
			lte(mails.nextAttemptAt, at),
			or(isNull(mails.lockedUntil), lt(mails.lockedUntil, at))
		);
		const next = db
			.select({ id: mails.id })
			.from(mails)
			.where(free)
			.orderBy(asc(mails.nextAttemptAt))
			.limit(1);
		const [claimed] = await db
			.update(mails)
			.set({ lockedUntil: new Date(at.getTime() + leaseMs) })
			.where(and(eq(mails.id, isPostgres(db) ? skipLocked(next) : next), free))
			.returning();
		return claimed ?? null;
	}

	async function book(id: string, changes: Partial<typeof mails.$inferInsert>): Promise<void> {
		await db
			.update(mails)
			.set({ ...changes, lockedUntil: null })
			.where(eq(mails.id, id));
	}

	async function deliver(mail: Mail): Promise<void> {
		const attempts = mail.attempts + 1;
		if (!options.transport) {
			await book(mail.id, { status: 'outbox', attempts });
			log(`E-Mail „${mail.kind}“ liegt im Postausgang (/verwaltung/postausgang): kein SMTP_URL.`);
			return;
		}
		try {
			await options.transport.send(mail);
			await book(mail.id, { status: 'sent', attempts, sentAt: new Date(now()), lastError: null });
		} catch (error) {
			const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
			const code = (error as { responseCode?: number }).responseCode ?? 0;
			const permanent = code >= 500 && code < 600;
			if (permanent || attempts >= options.maxAttempts) {
				await book(mail.id, { status: 'failed', attempts, lastError: message });
				log(
					`E-Mail „${mail.kind}“ aufgegeben nach ${attempts} ` +
						`${attempts === 1 ? 'Versuch' : 'Versuchen'}: ${message}`
				);
				return;
			}
			const wait = Math.min(options.retryBaseMs * 2 ** (attempts - 1), MAX_BACKOFF_MS);
			await book(mail.id, {
				attempts,
				lastError: message,
				nextAttemptAt: new Date(now() + wait)
			});
			log(
				`E-Mail „${mail.kind}“ nicht zugestellt (Versuch ${attempts}), ` +
					`neuer Versuch in ${Math.round(wait / 1000)} s: ${message}`
			);
		}
	}

	async function drainAll(): Promise<number> {
		let handled = 0;
		for (let mail = await claim(); mail; mail = await claim()) {
			await deliver(mail);
			handled++;
		}
		return handled;
	}

	function drain(): Promise<number> {
		// One delivery run at a time: a slow SMTP server must not start a second one beside it.
		running ??= drainAll().finally(() => {
			running = null;
		});
		return running;
	}

	return {
		drain,
		start() {
			timer ??= setInterval(() => {
				drain().catch((error: unknown) => {
					if (!reportIfUnreachable(db, error)) log(`E-Mail-Versand gestört: ${String(error)}`);
				});
			}, options.pollMs);
			timer.unref?.();
		},
		async stop() {
			clearInterval(timer);
			timer = undefined;
			await running;
		}
	};
}
