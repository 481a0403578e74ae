import { and, desc, eq, lte } from 'drizzle-orm';
import { audit } from '../audit';
import { type Db, type Executor, writeTransaction } from '../db/connection';
import {
	agendas,
	participationPhases,
	versions,
	type ParticipationPhase,
	type Version
} from '../db/schema';
import { generateId } from '../ids';
import type { ModerationMode } from '../../participation/vocabulary';
import { versionSummaryColumns, type VersionSummary } from './versions';

export type PhaseState = 'upcoming' | 'open' | 'closed';

/**
 * The one rule of what citizens may see: a phase, and with it its Fassung, is public from its
 * start on, and stays public after its end. Before its start it is the team's business only.
 */
export function hasBegun(phase: Pick<ParticipationPhase, 'startsAt'>, now = Date.now()): boolean {
	return phase.startsAt.getTime() <= now;
}

export function phaseState(
	phase: Pick<ParticipationPhase, 'startsAt' | 'endsAt'>,
	now = Date.now()
): PhaseState {
	if (!hasBegun(phase, now)) return 'upcoming';
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

/**
 * The agenda's participation as the public sees it: of the phases that have begun (`hasBegun`),
 * the most recently opened one, running or closed. A phase opened for a later date leaves the
 * running one current until it starts. null: nothing is public.
 */
export function currentPhase(
	db: Executor,
	agendaId: string,
	now = Date.now()
): PhaseWithVersion | null {
	const row = db
		.select({ phase: participationPhases, version: versions })
		.from(participationPhases)
		.innerJoin(versions, eq(versions.id, participationPhases.versionId))
		.where(begunPhasesOf(agendaId, now))
		.orderBy(...CURRENT_FIRST)
		.get();
	return row ?? null;
}

/** The Fassung of `currentPhase` without its content, for decisions before anything is parsed. */
export function currentPhaseVersion(
	db: Executor,
	agendaId: string,
	now = Date.now()
): VersionSummary | null {
	const row = db
		.select(versionSummaryColumns)
		.from(participationPhases)
		.innerJoin(versions, eq(versions.id, participationPhases.versionId))
		.where(begunPhasesOf(agendaId, now))
		.orderBy(...CURRENT_FIRST)
		.get();
	return row ?? null;
}

/** The SQL form of `hasBegun`, for the phases of one agenda. */
function begunPhasesOf(agendaId: string, now: number) {
	return and(
		eq(participationPhases.agendaId, agendaId),
		lte(participationPhases.startsAt, new Date(now))
	);
}

/** The current phase comes first: the most recently opened one. */
const CURRENT_FIRST = [desc(participationPhases.createdAt), desc(versions.number)] as const;

/** One phase without its Fassung's content: which Fassung, and from when citizens see it. */
export interface PhaseDates {
	versionId: string;
	versionNumber: number;
	startsAt: Date;
}

/** The agenda's phases as `PhaseDates`: enough to decide access without loading snapshots. */
export function phaseDates(db: Executor, agendaId: string): PhaseDates[] {
	return db
		.select({
			versionId: participationPhases.versionId,
			versionNumber: versions.number,
			startsAt: participationPhases.startsAt
		})
		.from(participationPhases)
		.innerJoin(versions, eq(versions.id, participationPhases.versionId))
		.where(eq(participationPhases.agendaId, agendaId))
		.all();
}

/** Every phase of the agenda, begun or not (the team's view), newest first. */
export function listPhases(db: Executor, agendaId: string): PhaseWithVersion[] {
	return db
		.select({ phase: participationPhases, version: versions })
		.from(participationPhases)
		.innerJoin(versions, eq(versions.id, participationPhases.versionId))
		.where(eq(participationPhases.agendaId, agendaId))
		.orderBy(desc(participationPhases.createdAt))
		.all();
}

/** The phases the public has seen (`hasBegun`), newest first. */
export function publicPhases(db: Executor, agendaId: string, now = Date.now()): PhaseWithVersion[] {
	return listPhases(db, agendaId).filter(({ phase }) => hasBegun(phase, now));
}

/** One participation as the start page and the agenda page announce it to citizens. */
export interface ParticipationNotice {
	agendaId: string;
	slug: string;
	title: string;
	municipality: string;
	/** Whether the visitor may open the agenda's own page (`agenda.read`). */
	agendaReadable: boolean;
	state: PhaseState;
	startsAt: Date;
	endsAt: Date;
}

const NOTICE_ORDER: Record<PhaseState, number> = { open: 0, upcoming: 1, closed: 2 };

/**
 * The participations a visitor is told about, running ones first (soonest end), then upcoming
 * (soonest start), then finished (latest end). Per agenda: its `currentPhase`, which anyone may
 * read (`hasBegun`), and its next phase that has not begun yet, announced with its dates only
 * where the visitor may read the agenda itself (`readableAgendaIds`); an internal agenda's plans
 * stay the team's until the phase starts. `agendaId` narrows the overview to one agenda.
 */
export function participationOverview(
	db: Executor,
	visitor: { readableAgendaIds: ReadonlySet<string>; agendaId?: string },
	now = Date.now()
): ParticipationNotice[] {
	const rows = db
		.select({
			agendaId: participationPhases.agendaId,
			slug: agendas.slug,
			title: agendas.title,
			municipality: agendas.municipality,
			startsAt: participationPhases.startsAt,
			endsAt: participationPhases.endsAt
		})
		.from(participationPhases)
		.innerJoin(versions, eq(versions.id, participationPhases.versionId))
		.innerJoin(agendas, eq(agendas.id, participationPhases.agendaId))
		.where(
			visitor.agendaId === undefined
				? undefined
				: eq(participationPhases.agendaId, visitor.agendaId)
		)
		.orderBy(...CURRENT_FIRST)
		.all();
	const current = new Map<string, (typeof rows)[number]>();
	const next = new Map<string, (typeof rows)[number]>();
	for (const row of rows) {
		if (hasBegun(row, now)) {
			// Rows come current first, so the first begun one of an agenda is its `currentPhase`.
			if (!current.has(row.agendaId)) current.set(row.agendaId, row);
		} else if (visitor.readableAgendaIds.has(row.agendaId)) {
			const known = next.get(row.agendaId);
			if (!known || row.startsAt < known.startsAt) next.set(row.agendaId, row);
		}
	}
	const notices = [...current.values(), ...next.values()].map((row): ParticipationNotice => ({
		...row,
		agendaReadable: visitor.readableAgendaIds.has(row.agendaId),
		state: phaseState(row, now)
	}));
	return notices.sort(
		(a, b) =>
			NOTICE_ORDER[a.state] - NOTICE_ORDER[b.state] ||
			orderWithinState(a) - orderWithinState(b) ||
			a.title.localeCompare(b.title, 'de')
	);
}

/** Running by soonest end, upcoming by soonest start, finished by latest end. */
function orderWithinState(notice: ParticipationNotice): number {
	if (notice.state === 'open') return notice.endsAt.getTime();
	if (notice.state === 'upcoming') return notice.startsAt.getTime();
	return -notice.endsAt.getTime();
}
