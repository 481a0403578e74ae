import { and, eq, lte, or } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Executor } from './db/connection';
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
