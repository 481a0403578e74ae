import type { Db } from '../db/connection';
import { reportIfUnreachable } from '../db/unavailable';

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
	log?: (line: string) => void;
	now?: () => number;
}

export interface NotificationScheduler {
	/** Runs every job once for the current time. */
	runOnce(): Promise<void>;
	start(): void;
	stop(): void;
}

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

	return {
		runOnce,
		start() {
			// The timer does not wait for a run; runOnce logs each job's failure, this the rest.
			timer ??= setInterval(
				() =>
					void runOnce().catch((error: unknown) => {
						if (!reportIfUnreachable(db, error))
							log(`Benachrichtigungen gestört: ${String(error)}`);
					}),
				options.intervalMs
			);
			timer.unref?.();
		},
		stop() {
			clearInterval(timer);
			timer = undefined;
		}
	};
}
