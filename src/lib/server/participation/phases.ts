import { desc, eq } from 'drizzle-orm';
import { audit } from '../audit';
import { type Db, type Executor, writeTransaction } from '../db/connection';
import { participationPhases, versions, type ParticipationPhase, type Version } from '../db/schema';
import { generateId } from '../ids';
import type { ModerationMode } from '../../participation/vocabulary';

export type PhaseState = 'upcoming' | 'open' | 'closed';

export function phaseState(
	phase: Pick<ParticipationPhase, 'startsAt' | 'endsAt'>,
	now = Date.now()
): PhaseState {
	if (now < phase.startsAt.getTime()) return 'upcoming';
	return now < phase.endsAt.getTime() ? 'open' : 'closed';
}

export type OpenPhaseResult =
	| { ok: true; phase: ParticipationPhase }
	| { ok: false; reason: 'unknown-version' | 'has-phase' | 'bad-period' };

/** Opens a participation phase on a Fassung of the agenda (one phase per Fassung). */
export function openPhase(
	db: Db,
	input: {
		agendaId: string;
		versionId: string;
		startsAt: Date;
		endsAt: Date;
		intro: string;
		moderation: ModerationMode;
		actorId: string | null;
	}
): OpenPhaseResult {
	if (input.endsAt.getTime() <= input.startsAt.getTime())
		return { ok: false, reason: 'bad-period' };
	return writeTransaction(db, (tx) => {
		const version = tx.select().from(versions).where(eq(versions.id, input.versionId)).get();
		if (!version || version.agendaId !== input.agendaId) {
			return { ok: false, reason: 'unknown-version' } as const;
		}
		const existing = tx
			.select({ id: participationPhases.id })
			.from(participationPhases)
			.where(eq(participationPhases.versionId, input.versionId))
			.get();
		if (existing) return { ok: false, reason: 'has-phase' } as const;
		const phase = tx
			.insert(participationPhases)
			.values({
				id: generateId(),
				agendaId: input.agendaId,
				versionId: input.versionId,
				startsAt: input.startsAt,
				endsAt: input.endsAt,
				intro: input.intro,
				moderation: input.moderation,
				createdBy: input.actorId
			})
			.returning()
			.get();
		audit(tx, {
			actorId: input.actorId,
			agendaId: input.agendaId,
			action: 'phase.open',
			details: {
				phaseId: phase.id,
				versionNumber: version.number,
				startsAt: phase.startsAt.toISOString(),
				endsAt: phase.endsAt.toISOString(),
				moderation: phase.moderation
			}
		});
		return { ok: true, phase } as const;
	});
}

export interface PhaseWithVersion {
	phase: ParticipationPhase;
	version: Version;
}

/** The agenda's participation as the public sees it: the most recently opened phase. */
export function currentPhase(db: Executor, agendaId: string): PhaseWithVersion | null {
	const row = db
		.select({ phase: participationPhases, version: versions })
		.from(participationPhases)
		.innerJoin(versions, eq(versions.id, participationPhases.versionId))
		.where(eq(participationPhases.agendaId, agendaId))
		.orderBy(desc(participationPhases.createdAt), desc(versions.number))
		.get();
	return row ?? null;
}

export function listPhases(db: Executor, agendaId: string): PhaseWithVersion[] {
	return db
		.select({ phase: participationPhases, version: versions })
		.from(participationPhases)
		.innerJoin(versions, eq(versions.id, participationPhases.versionId))
		.where(eq(participationPhases.agendaId, agendaId))
		.orderBy(desc(participationPhases.createdAt))
		.all();
}
