import { and, count, eq } from 'drizzle-orm';
import type { Executor } from '../db/connection';
import { supports } from '../db/schema';
import { itemExists } from './items';
import { phaseState, type PhaseWithVersion } from './phases';
import { loadVersionAgenda } from './versions';

export type SupportResult =
	{ ok: true; supported: boolean } | { ok: false; error: 'phase-not-open' | 'unknown-item' };

/** Adds or withdraws the user's support of a measure (one per person and measure). */
export async function setSupport(
	db: Executor,
	input: {
		participation: PhaseWithVersion;
		measureId: string;
		userId: string;
		supported: boolean;
		now?: number;
	}
): Promise<SupportResult> {
	const { phase, version } = input.participation;
	if (phaseState(phase, input.now) !== 'open') return { ok: false, error: 'phase-not-open' };
	if (
		!itemExists(await loadVersionAgenda(db, version.id), { kind: 'measure', id: input.measureId })
	) {
		return { ok: false, error: 'unknown-item' };
	}
	const key = and(
		eq(supports.versionId, version.id),
		eq(supports.measureId, input.measureId),
		eq(supports.userId, input.userId)
	);
	if (input.supported) {
		await db
			.insert(supports)
			.values({ versionId: version.id, measureId: input.measureId, userId: input.userId })
			.onConflictDoNothing();
	} else {
		await db.delete(supports).where(key);
	}
	return { ok: true, supported: input.supported };
}

export async function supportCounts(db: Executor, versionId: string): Promise<Map<string, number>> {
	const rows = await db
		.select({ measureId: supports.measureId, n: count() })
		.from(supports)
		.where(eq(supports.versionId, versionId))
		.groupBy(supports.measureId);
	return new Map(rows.map((row) => [row.measureId, row.n]));
}

export async function supportedBy(
	db: Executor,
	versionId: string,
	userId: string
): Promise<Set<string>> {
	const rows = await db
		.select({ measureId: supports.measureId })
		.from(supports)
		.where(and(eq(supports.versionId, versionId), eq(supports.userId, userId)));
	return new Set(rows.map((row) => row.measureId));
}
