import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Agenda } from '../../agenda/model/schema';
import { DECISION_RESULTS } from '../../monitoring/vocabulary';
import { cleanSingleLineText } from '../../text/clean';
import { audit } from '../audit';
import { type Db, type Executor, inTransaction, returnedRow } from '../db/connection';
import { councilDecisions, versions } from '../db/schema';
import { generateId } from '../ids';
import { loadVersionAgenda } from '../participation/versions';

/**
 * The council's decision on a Fassung: recorded once by an owner, it makes that Fassung the
 * resolved plan that monitoring measures against. The latest decision (by the day it was taken)
 * is the current baseline; an earlier one stays as history.
 */
export type CouncilDecision = typeof councilDecisions.$inferSelect;

export const decisionInputSchema = z.object({
	versionNumber: z.number().int().min(1),
	decidedOn: z.iso.date(),
	number: z.string().max(100),
	result: z.enum(DECISION_RESULTS),
	/** The council information system's record (http/https only), or null. */
	oparlUrl: z
		.url({ protocol: /^https?$/ })
		.max(2_000)
		.nullable()
});
export type DecisionInput = z.output<typeof decisionInputSchema>;

export type DecisionError =
	| 'version-not-found'
	| 'already-decided'
	| 'number-empty'
	/** Taken before the current baseline's decision: it would not become the baseline. */
	| 'before-current'
	/** On a Fassung older than the current baseline's: an update resolves a newer Fassung. */
	| 'version-not-later';

/**
 * A later decision (the council resolved an update of the strategy) must be a newer Fassung, on
 * the day of the current decision or after it, so that it is the one `currentDecision` names.
 */
export async function recordDecision(
	db: Db,
	input: DecisionInput & { agendaId: string; actorId: string }
): Promise<{ ok: true; decision: CouncilDecision } | { ok: false; error: DecisionError }> {
	const number = cleanSingleLineText(input.number);
	if (number === '') return { ok: false, error: 'number-empty' };
	return inTransaction(db, async (tx) => {
		const [version] = await tx
			.select({ id: versions.id, number: versions.number })
			.from(versions)
			.where(and(eq(versions.agendaId, input.agendaId), eq(versions.number, input.versionNumber)))
			.limit(1);
		if (!version) return { ok: false, error: 'version-not-found' } as const;
		const [existing] = await tx
			.select({ id: councilDecisions.id })
			.from(councilDecisions)
			.where(eq(councilDecisions.versionId, version.id))
			.limit(1);
		if (existing) return { ok: false, error: 'already-decided' } as const;
		const current = await currentDecision(tx, input.agendaId);
		if (current) {
			if (input.decidedOn < current.decidedOn) {
				return { ok: false, error: 'before-current' } as const;
			}
			const [currentVersion] = await tx
				.select({ number: versions.number })
				.from(versions)
				.where(eq(versions.id, current.versionId));
			if (currentVersion && version.number < currentVersion.number) {
				return { ok: false, error: 'version-not-later' } as const;
			}
		}
		const decision = returnedRow(
			await tx
				.insert(councilDecisions)
				.values({
					id: generateId(),
					agendaId: input.agendaId,
					versionId: version.id,
					decidedOn: input.decidedOn,
					number,
					result: input.result,
					oparlUrl: input.oparlUrl,
					recordedBy: input.actorId
				})
				.returning()
		);
		await audit(tx, {
			actorId: input.actorId,
			agendaId: input.agendaId,
			action: 'decision.record',
			details: {
				decisionId: decision.id,
				versionNumber: input.versionNumber,
				decidedOn: decision.decidedOn,
				number: decision.number,
				result: decision.result
			}
		});
		return { ok: true, decision } as const;
	});
}

/** Every decision of an agenda, the current baseline first. */
export async function listDecisions(db: Executor, agendaId: string): Promise<CouncilDecision[]> {
	return await db
		.select()
		.from(councilDecisions)
		.where(eq(councilDecisions.agendaId, agendaId))
		.orderBy(desc(councilDecisions.decidedOn), desc(councilDecisions.createdAt));
}

/** The decision whose Fassung is the resolved plan now, or undefined before any vote. */
export async function currentDecision(
	db: Executor,
	agendaId: string
): Promise<CouncilDecision | undefined> {
	return (await listDecisions(db, agendaId))[0];
}

/** The resolved plan: the agenda as the decided Fassung holds it. */
export async function resolvedPlan(
	db: Executor,
	decision: Pick<CouncilDecision, 'versionId'>
): Promise<Agenda> {
	return loadVersionAgenda(db, decision.versionId);
}
