import { and, eq, lte, or } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Db, Executor } from './db/connection';
import { leases } from './db/schema';

/**
 * Background work that must run once, not once per app process (a mail round, a digest, the
 * session clean-up), runs under a lease: a row naming its holder until a time. The holder renews
 * it before it runs out; a process that dies stops renewing, and after the lease's time another
 * process takes over. One statement decides, so two processes asking at once never both win.
 */

/** This process, as a lease holder: unique even when two processes share a host and a pid. */
export const PROCESS_HOLDER = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/**
 * Takes the lease `name` for `holder` until `now + durationMs`, or renews it: true when it is
 * the holder's now. False while another holder's lease has not run out.
 */
export async function acquireLease(
	db: Executor,
	name: string,
	holder: string,
	durationMs: number,
	now = new Date()
): Promise<boolean> {
	const expiresAt = new Date(now.getTime() + durationMs);
	const taken = await db
		.insert(leases)
		.values({ name, holder, expiresAt })
		.onConflictDoUpdate({
			target: leases.name,
			set: { holder, expiresAt },
			// Only a lease of its own or one that ran out changes hands.
			setWhere: or(eq(leases.holder, holder), lte(leases.expiresAt, now))
		})
		.returning({ holder: leases.holder });
	return taken.length === 1;
}

/** Gives the lease up at once (a clean shutdown), so another process need not wait it out. */
export async function releaseLease(db: Executor, name: string, holder: string): Promise<void> {
	await db.delete(leases).where(and(eq(leases.name, name), eq(leases.holder, holder)));
}

/** Background work under a lease: `run` does it only in the process holding the lease. */
export interface LeasedWork {
	/** Takes or renews the lease and, if this process holds it, does the work: true when it did. */
	run(): Promise<boolean>;
	/** Gives the lease up (a clean shutdown), so that another process takes over at once. */
	release(): Promise<void>;
}

export interface LeasedWorkOptions {
	/** Who this process is; tests give two "processes" in one their own. */
	holder?: string;
	log?: (line: string) => void;
	now?: () => number;
}

/**
 * How many intervals between runs a lease lasts: the holder renews it every run, and a slow run
 * or a late timer must not hand it over; a dead holder's work waits this long for another process.
 */
export const LEASE_INTERVALS = 3;

/**
 * Does `work` each time `run` is called (every `intervalMs`), but only while holding the lease
 * `name`: the holder renews it on every run for `LEASE_INTERVALS` intervals; when the holder dies,
 * another process takes over once it ran out. A run that fails still counts as held.
 */
export function whileHolding(
	db: Db,
	name: string,
	intervalMs: number,
	work: () => Promise<unknown>,
	options: LeasedWorkOptions = {}
): LeasedWork {
	const holder = options.holder ?? PROCESS_HOLDER;
	const log = options.log ?? ((line) => console.log(line));
	const now = options.now ?? Date.now;
	let held = false;

	return {
		async run() {
			const at = new Date(now());
			// Only to say in the log whom it takes over from; the acquiring statement decides alone.
			const [before] = held
				? []
				: await db.select().from(leases).where(eq(leases.name, name)).limit(1);
			const holding = await acquireLease(db, name, holder, LEASE_INTERVALS * intervalMs, at);
			if (holding && !held && before && before.holder !== holder) {
				log(
					`Hintergrundarbeit „${name}“ übernommen von ${before.holder} ` +
						`(dessen Lease lief um ${before.expiresAt.toISOString()} ab).`
				);
			} else if (!holding && held) {
				log(
					`Hintergrundarbeit „${name}“ an einen anderen Prozess verloren (Lease nicht rechtzeitig verlängert).`
				);
			}
			held = holding;
			if (holding) await work();
			return holding;
		},
		async release() {
			if (!held) return;
			held = false;
			try {
				await releaseLease(db, name, holder);
			} catch (error) {
				// Not fatal for a shutdown: the lease then runs out as a dead holder's would.
				log(`Lease „${name}“ nicht freigegeben, sie läuft von selbst ab: ${String(error)}`);
			}
		}
	};
}
