import type { Db } from '../db/connection';
import { reportIfUnreachable } from '../db/unavailable';
import { whileHolding } from '../leases';

/**
 * A notification that no request causes but time does: a round about to end, the daily digest.
 * A job queues what is due at `now` through `notifyOnce` (which keeps it from going out twice),
 * so running it again, or after a restart, sends nothing new.
 */
export type NotificationJob = (
	db: Db,
	context: { now: number; origin: string }
) => void | Promise<void>;

export interface NotificationSchedulerOptions {
	jobs: readonly NotificationJob[];
	/** Where links in the mails point (ORIGIN, or the address the server listens on). */
	origin: string;
	intervalMs: number;
	/** This process as a lease holder (see `leases.ts`); tests give two schedulers their own. */
	holder?: string;
	log?: (line: string) => void;
	now?: () => number;
}

export interface NotificationScheduler {
	/** Runs every job once for the current time. */
	runOnce(): Promise<void>;
	/** What the timer does: `runOnce`, if this process holds the lease; true when it ran. */
	runIfHolding(): Promise<boolean>;
	start(): void;
	/** Stops the timer and gives up the lease, so that another process takes over at once. */
	stop(): Promise<void>;
}

/** The lease under which one process of several runs the jobs (`leases.ts`). */
export const NOTIFICATIONS_LEASE = 'notifications';

export function createNotificationScheduler(
	db: Db,
	options: NotificationSchedulerOptions
): NotificationScheduler {
	const log = options.log ?? ((line) => console.log(line));
	const now = options.now ?? Date.now;
	let timer: ReturnType<typeof setInterval> | undefined;

	async function runOnce(): Promise<void> {
		const context = { now: now(), origin: options.origin };
		for (const job of options.jobs) {
			// One failing job must not keep the others (or the next run) from their mails.
			try {
				await job(db, context);
			} catch (error) {
				if (reportIfUnreachable(db, error)) continue;
				log(`Benachrichtigungen gestört (${job.name || 'Aufgabe'}): ${String(error)}`);
			}
		}
	}

	// Once, not once per process: the jobs would not send anything twice (`notifyOnce`), but N
	// processes would each read every round and digest, and race for the same rows.
	const leased = whileHolding(db, NOTIFICATIONS_LEASE, options.intervalMs, runOnce, {
		holder: options.holder,
		log,
		now
	});

	return {
		runOnce,
		runIfHolding: () => leased.run(),
		start() {
			// The timer does not wait for a run; runOnce logs each job's failure, this the rest.
			timer ??= setInterval(
				() =>
					void leased.run().catch((error: unknown) => {
						if (!reportIfUnreachable(db, error))
							log(`Benachrichtigungen gestört: ${String(error)}`);
					}),
				options.intervalMs
			);
			timer.unref?.();
		},
		async stop() {
			clearInterval(timer);
			timer = undefined;
			await leased.release();
		}
	};
}
