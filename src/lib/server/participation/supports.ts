import { and, count, eq } from 'drizzle-orm';
import type { Db, Executor } from '../db/connection';
import { supports } from '../db/schema';
import { itemExists } from './items';
import { phaseState, type PhaseWithVersion } from './phases';
import { versionAgenda } from './versions';

export type SupportResult =
	{ ok: true; supported: boolean } | { ok: false; error: 'phase-not-open' | 'unknown-item' };

/** Adds or withdraws the user's support of a measure (one per person and measure). */
export function setSupport(
	db: Db,
	input: {
		participation: PhaseWithVersion;
		measureId: string;
		userId: string;
		supported: boolean;
		now?: number;
	}
): SupportResult {
	const { phase, version } = input.participation;
	if (phaseState(phase, input.now) !== 'open') return { ok: false, error: 'phase-not-open' };
	if (!itemExists(versionAgenda(version), { kind: 'measure', id: input.measureId })) {
		return { ok: false, error: 'unknown-item' };
	}
	const key = and(
		eq(supports.versionId, version.id),
		eq(supports.measureId, input.measureId),
		eq(supports.userId, input.userId)
	);
	if (input.supported) {
		db.insert(supports)
			.values({ versionId: version.id, measureId: input.measureId, userId: input.userId })
			.onConflictDoNothing()
			.run();
	} else {
		db.delete(supports).where(key).run();
	}
	return { ok: true, supported: input.supported };
}

export function supportCounts(db: Executor, versionId: string): Map<string, number> {
	const rows = db
		.select({ measureId: supports.measureId, n: count() })
		.from(supports)
		.where(eq(supports.versionId, versionId))
		.groupBy(supports.measureId)
		.all();
	return new Map(rows.map((row) => [row.measureId, row.n]));
}

export function supportedBy(db: Executor, versionId: string, userId: string): Set<string> {
	return new Set(
		db
			.select({ measureId: supports.measureId })
			.from(supports)
			.where(and(eq(supports.versionId, versionId), eq(supports.userId, userId)))
			.all()
			.map((row) => row.measureId)
	);
}
