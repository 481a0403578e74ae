import { and, asc, desc, eq, gt, lt, lte, ne } from 'drizzle-orm';
import { audit } from '../audit';
import { type Db, type Executor, inTransaction, returnedRow } from '../db/connection';
import { agendas, participationPhases, versions, type ParticipationPhase } from '../db/schema';
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

/** Why a phase could not be opened or changed; each has its own message in the Fassungen page. */
export type PhaseError =
	| 'unknown-version'
	| 'has-phase'
	| 'bad-period'
	| 'overlap'
	| 'not-found'
	| 'ends-in-past'
	| 'begun'
	| 'not-open';

export type PhaseResult<T = ParticipationPhase> =
	{ ok: true; phase: T } | { ok: false; reason: PhaseError; conflict?: PhaseConflict };

/** The other round a period would overlap with, to name it in the refusal. */
export interface PhaseConflict {
	versionNumber: number;
	startsAt: Date;
	endsAt: Date;
}

interface PhaseInput {
	startsAt: Date;
	endsAt: Date;
	intro: string;
	moderation: ModerationMode;
}

/**
 * Rounds of one agenda follow each other: a period [startsAt, endsAt) may not overlap another
 * phase's. Otherwise citizens would comment on two Fassungen at once, and the newer would hide
 * the older one's running participation.
 */
async function overlappingPhase(
	tx: Executor,
	agendaId: string,
	period: { startsAt: Date; endsAt: Date },
	exceptPhaseId: string | null
): Promise<PhaseConflict | null> {
	const filters = [
		eq(participationPhases.agendaId, agendaId),
		lt(participationPhases.startsAt, period.endsAt),
		gt(participationPhases.endsAt, period.startsAt)
	];
	if (exceptPhaseId !== null) filters.push(ne(participationPhases.id, exceptPhaseId));
	const [conflict] = await tx
		.select({
			versionNumber: versions.number,
			startsAt: participationPhases.startsAt,
			endsAt: participationPhases.endsAt
		})
		.from(participationPhases)
		.innerJoin(versions, eq(versions.id, participationPhases.versionId))
		.where(and(...filters))
		.orderBy(asc(participationPhases.startsAt))
		.limit(1);
	return conflict ?? null;
}

/** Opens a participation phase on a Fassung of the agenda (one phase per Fassung). */
export function openPhase(db: Db, input: PhaseOpening): Promise<PhaseResult> {
	return inTransaction(db, (tx) => openPhaseInTransaction(tx, input));
}

/** What the team enters to open a phase on one of the agenda's Fassungen. */
export type PhaseOpening = PhaseInput & {
	agendaId: string;
	versionId: string;
	actorId: string | null;
};

/**
 * `openPhase` within a transaction the caller holds: the demo's seed, which writes the whole
 * demo in one transaction (transactions do not nest).
 */
export async function openPhaseInTransaction(
	tx: Executor,
	input: PhaseOpening
): Promise<PhaseResult> {
	if (input.endsAt.getTime() <= input.startsAt.getTime())
		return { ok: false, reason: 'bad-period' };
	const [version] = await tx.select().from(versions).where(eq(versions.id, input.versionId));
	if (!version || version.agendaId !== input.agendaId) {
		return { ok: false, reason: 'unknown-version' };
	}
	const [existing] = await tx
		.select({ id: participationPhases.id })
		.from(participationPhases)
		.where(eq(participationPhases.versionId, input.versionId))
		.limit(1);
	if (existing) return { ok: false, reason: 'has-phase' };
	const conflict = await overlappingPhase(tx, input.agendaId, input, null);
	if (conflict) return { ok: false, reason: 'overlap', conflict };
	const phase = returnedRow(
		await tx
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
	);
	await audit(tx, {
		actorId: input.actorId,
		agendaId: input.agendaId,
		action: 'phase.open',
		details: { phaseId: phase.id, versionNumber: version.number, ...auditedPeriod(phase) }
	});
	return { ok: true, phase };
}

function auditedPeriod(phase: Pick<ParticipationPhase, 'startsAt' | 'endsAt' | 'moderation'>) {
	return {
		startsAt: phase.startsAt.toISOString(),
		endsAt: phase.endsAt.toISOString(),
		moderation: phase.moderation
	};
}

interface PhaseChange {
	agendaId: string;
	phaseId: string;
	actorId: string | null;
	now?: number;
}

/** The phase `phaseId` of the agenda with its Fassung's number, or null. */
async function phaseOf(tx: Executor, agendaId: string, phaseId: string) {
	const [row] = await tx
		.select({ phase: participationPhases, versionNumber: versions.number })
		.from(participationPhases)
		.innerJoin(versions, eq(versions.id, participationPhases.versionId))
		.where(and(eq(participationPhases.id, phaseId), eq(participationPhases.agendaId, agendaId)));
	return row ?? null;
}

/**
 * Changes a phase's period, intro or moderation: extends or shortens it, moves one that has not
 * begun. A begun phase keeps its start (citizens have seen it), as does one changed without a
 * start; a changed end may not lie in the past (ending now is `endPhase`, which says so in the
 * audit log).
 */
export async function updatePhase(
	db: Db,
	input: PhaseChange & Omit<PhaseInput, 'startsAt'> & { startsAt?: Date }
): Promise<PhaseResult> {
	const now = input.now ?? Date.now();
	return inTransaction(db, async (tx): Promise<PhaseResult> => {
		const found = await phaseOf(tx, input.agendaId, input.phaseId);
		if (!found) return { ok: false, reason: 'not-found' };
		const before = found.phase;
		const startsAt = hasBegun(before, now) ? before.startsAt : (input.startsAt ?? before.startsAt);
		// Forms send minutes: an end in the same minute as the stored one is the stored one.
		const endChanged = !sameMinute(input.endsAt, before.endsAt);
		const endsAt = endChanged ? input.endsAt : before.endsAt;
		if (endsAt.getTime() <= startsAt.getTime()) return { ok: false, reason: 'bad-period' };
		if (endChanged && endsAt.getTime() < now) return { ok: false, reason: 'ends-in-past' };
		const conflict = await overlappingPhase(tx, input.agendaId, { startsAt, endsAt }, before.id);
		if (conflict) return { ok: false, reason: 'overlap', conflict };
		const phase = returnedRow(
			await tx
				.update(participationPhases)
				.set({ startsAt, endsAt, intro: input.intro, moderation: input.moderation })
				.where(eq(participationPhases.id, before.id))
				.returning()
		);
		await audit(tx, {
			actorId: input.actorId,
			agendaId: input.agendaId,
			action: 'phase.update',
			details: {
				phaseId: phase.id,
				versionNumber: found.versionNumber,
				before: auditedPeriod(before),
				after: auditedPeriod(phase),
				introChanged: before.intro !== phase.intro
			}
		});
		return { ok: true, phase };
	});
}

const MINUTE_MS = 60_000;
const sameMinute = (a: Date, b: Date) =>
	Math.floor(a.getTime() / MINUTE_MS) === Math.floor(b.getTime() / MINUTE_MS);

/** Ends a running phase now (on the minute): citizens can read on, but no longer write. */
export async function endPhase(db: Db, input: PhaseChange): Promise<PhaseResult> {
	const now = input.now ?? Date.now();
	return inTransaction(db, async (tx): Promise<PhaseResult> => {
		const found = await phaseOf(tx, input.agendaId, input.phaseId);
		if (!found) return { ok: false, reason: 'not-found' };
		if (phaseState(found.phase, now) !== 'open') return { ok: false, reason: 'not-open' };
		// Ended on the full minute (not before its start): the team's forms take whole minutes, so
		// the next round can begin in the same minute, at the time its form suggests.
		const endsAt = new Date(
			Math.max(found.phase.startsAt.getTime(), Math.floor(now / MINUTE_MS) * MINUTE_MS)
		);
		const phase = returnedRow(
			await tx
				.update(participationPhases)
				.set({ endsAt })
				.where(eq(participationPhases.id, found.phase.id))
				.returning()
		);
		await audit(tx, {
			actorId: input.actorId,
			agendaId: input.agendaId,
			action: 'phase.end',
			details: {
				phaseId: phase.id,
				versionNumber: found.versionNumber,
				plannedEnd: found.phase.endsAt.toISOString(),
				endedAt: phase.endsAt.toISOString()
			}
		});
		return { ok: true, phase };
	});
}

/**
 * Deletes a phase that has not begun. One that has begun is a round citizens have seen and may
 * have written in: it stays, for the council's record.
 */
export async function deletePhase(
	db: Db,
	input: PhaseChange
): Promise<PhaseResult<{ id: string }>> {
	const now = input.now ?? Date.now();
	return inTransaction(db, async (tx): Promise<PhaseResult<{ id: string }>> => {
		const found = await phaseOf(tx, input.agendaId, input.phaseId);
		if (!found) return { ok: false, reason: 'not-found' };
		if (hasBegun(found.phase, now)) return { ok: false, reason: 'begun' };
		await tx.delete(participationPhases).where(eq(participationPhases.id, found.phase.id));
		await audit(tx, {
			actorId: input.actorId,
			agendaId: input.agendaId,
			action: 'phase.delete',
			details: {
				phaseId: found.phase.id,
				versionNumber: found.versionNumber,
				...auditedPeriod(found.phase)
			}
		});
		return { ok: true, phase: { id: found.phase.id } };
	});
}

/** A phase and its Fassung, without the Fassung's content (`loadVersionAgenda` has it, kept). */
export interface PhaseWithVersion {
	phase: ParticipationPhase;
	version: VersionSummary;
}

/**
 * The agenda's participation as the public sees it: of the phases that have begun (`hasBegun`),
 * the latest, running or closed. Phases do not overlap, so a phase opened for a later date
 * leaves the running one current until it starts. null: nothing is public.
 */
export async function currentPhase(
	db: Executor,
	agendaId: string,
	now = Date.now()
): Promise<PhaseWithVersion | null> {
	const [row] = await db
		.select({ phase: participationPhases, version: versionSummaryColumns })
		.from(participationPhases)
		.innerJoin(versions, eq(versions.id, participationPhases.versionId))
		.where(begunPhasesOf(agendaId, now))
		.orderBy(...CURRENT_FIRST)
		.limit(1);
	return row ?? null;
}

/** The Fassung of `currentPhase` without its content, for decisions before anything is parsed. */
export async function currentPhaseVersion(
	db: Executor,
	agendaId: string,
	now = Date.now()
): Promise<VersionSummary | null> {
	const [row] = await db
		.select(versionSummaryColumns)
		.from(participationPhases)
		.innerJoin(versions, eq(versions.id, participationPhases.versionId))
		.where(begunPhasesOf(agendaId, now))
		.orderBy(...CURRENT_FIRST)
		.limit(1);
	return row ?? null;
}

/** The SQL form of `hasBegun`, for the phases of one agenda. */
function begunPhasesOf(agendaId: string, now: number) {
	return and(
		eq(participationPhases.agendaId, agendaId),
		lte(participationPhases.startsAt, new Date(now))
	);
}

/** The current phase comes first: the latest to start (rounds follow each other). */
const CURRENT_FIRST = [desc(participationPhases.startsAt), desc(versions.number)] as const;

/** One phase without its Fassung's content: which Fassung, and from when citizens see it. */
export interface PhaseDates {
	versionId: string;
	versionNumber: number;
	startsAt: Date;
}

/** The agenda's phases as `PhaseDates`: enough to decide access without loading snapshots. */
export async function phaseDates(db: Executor, agendaId: string): Promise<PhaseDates[]> {
	return db
		.select({
			versionId: participationPhases.versionId,
			versionNumber: versions.number,
			startsAt: participationPhases.startsAt
		})
		.from(participationPhases)
		.innerJoin(versions, eq(versions.id, participationPhases.versionId))
		.where(eq(participationPhases.agendaId, agendaId));
}

/**
 * One round of participation: a phase and its Fassung, without the Fassung's content. Rounds are
 * numbered in the order they run (phases do not overlap), from 1.
 */
export interface Round {
	round: number;
	phase: ParticipationPhase;
	version: VersionSummary;
	state: PhaseState;
}

/** Every round of the agenda, begun or not (the team's view), oldest first. */
export async function listRounds(
	db: Executor,
	agendaId: string,
	now = Date.now()
): Promise<Round[]> {
	const rows = await db
		.select({ phase: participationPhases, version: versionSummaryColumns })
		.from(participationPhases)
		.innerJoin(versions, eq(versions.id, participationPhases.versionId))
		.where(eq(participationPhases.agendaId, agendaId))
		.orderBy(asc(participationPhases.startsAt), asc(versions.number));
	return rows.map((row, index) => ({
		...row,
		round: index + 1,
		state: phaseState(row.phase, now)
	}));
}

/**
 * The rounds citizens have seen (`hasBegun`), oldest first; the last is `currentPhase`. Begun
 * rounds come first in the order of starts, so they keep the numbers `listRounds` gives them.
 */
export async function publicRounds(
	db: Executor,
	agendaId: string,
	now = Date.now()
): Promise<Round[]> {
	return (await listRounds(db, agendaId, now)).filter(({ phase }) => hasBegun(phase, now));
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
export async function participationOverview(
	db: Executor,
	visitor: { readableAgendaIds: ReadonlySet<string>; agendaId?: string },
	now = Date.now()
): Promise<ParticipationNotice[]> {
	const rows = await db
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
		.orderBy(...CURRENT_FIRST);
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
