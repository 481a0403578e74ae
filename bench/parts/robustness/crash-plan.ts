/**
 * What the two crash parts (`durability`: one process killed and restarted; `cluster-durability`:
 * one of several killed) share, so that their figures stay comparable: the same writers at the
 * same rate, the same kill window, the same server settings.
 */
import { MANY_PEOPLE_FEW_ACCOUNTS } from '../../lib/server-env';

export const UPDATES_PER_SECOND_PER_WRITER = 10;

/** Compacting every 200 updates lets kills also hit a compaction (one transaction) under way. */
export const CRASH_SERVER_ENV = { ...MANY_PEOPLE_FEW_ACCOUNTS, COLLAB_COMPACT_AFTER: '200' };

export interface CrashPlan {
	writerCount: number;
	runCount: number;
	/** The kill comes this many milliseconds after the writers started, chosen at random. */
	killWindowMs: [number, number];
}

/** The 50 writers, 20 runs and 1–3 s; the smoke run only needs to go through every step. */
export function crashPlan(smoke: boolean): CrashPlan {
	return smoke
		? { writerCount: 5, runCount: 2, killWindowMs: [300, 600] }
		: { writerCount: 50, runCount: 20, killWindowMs: [1000, 3000] };
}
