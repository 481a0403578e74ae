/**
 * The work no request waits for: delivering queued mails, the time-driven notifications (rounds,
 * digests) and removing expired sessions. One function starts all of it, so that `npm start` and
 * `npm run dev` run the same background (before, the dev server sent no mail at all).
 */
import { deleteExpiredSessions } from './auth/session';
import type { Config } from './config';
import type { Db } from './db/connection';
import { reportIfUnreachable } from './db/unavailable';
import { smtpTransport } from './mail/transport';
import { createMailWorker } from './mail/worker';
import { NOTIFICATION_JOBS } from './notifications/jobs';
import { createNotificationScheduler } from './notifications/scheduler';
import { whileHolding } from './leases';

const SESSION_CLEANUP_MS = 60 * 60 * 1000;
/** The lease under which one process of several removes expired sessions (`leases.ts`). */
const SESSION_CLEANUP_LEASE = 'session-cleanup';

export interface BackgroundWork {
	/** Stops the timers and waits for a mail being handed over; then the database may close. */
	stop(): Promise<void>;
}

/**
 * Starts the background once the server listens: `listeningOrigin` is where links in mails point
 * when ORIGIN is not set (mails then stay in the outbox, see `server/index.ts`).
 */
export function startBackgroundWork(
	db: Db,
	config: Config,
	listeningOrigin: string
): BackgroundWork {
	// Mails wait in the database until the worker sent them (or filed them in the outbox).
	const transport = config.mail.smtpUrl
		? smtpTransport(config.mail.smtpUrl, config.mail.from)
		: null;
	const mailWorker = createMailWorker(db, { ...config.mail, transport });
	mailWorker.start();
	const notifications = createNotificationScheduler(db, {
		jobs: NOTIFICATION_JOBS,
		origin: config.mail.linkOrigin ?? listeningOrigin,
		intervalMs: config.notificationPollMs
	});
	notifications.start();
	// Sessions that ran out unused would otherwise stay in the table for ever; one process removes them.
	const sessionCleanupLease = whileHolding(db, SESSION_CLEANUP_LEASE, SESSION_CLEANUP_MS, () =>
		deleteExpiredSessions(db)
	);
	const sessionCleanup = setInterval(() => {
		sessionCleanupLease.run().catch((error: unknown) => {
			if (!reportIfUnreachable(db, error)) {
				console.error(`Abgelaufene Sitzungen nicht gelöscht: ${String(error)}`);
			}
		});
	}, SESSION_CLEANUP_MS);
	sessionCleanup.unref();
	return {
		async stop() {
			clearInterval(sessionCleanup);
			await Promise.all([sessionCleanupLease.release(), notifications.stop()]);
			// A mail being handed over is booked before the database closes; the rest wait in it.
			await mailWorker.stop();
			transport?.close();
		}
	};
}
