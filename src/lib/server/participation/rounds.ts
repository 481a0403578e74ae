import { and, inArray, isNotNull } from 'drizzle-orm';
import { union } from 'drizzle-orm/sqlite-core';
import { roundFigures, totalFigures } from '../../export/participation-summary';
import type { ParticipationFigures } from '../../export/resolution-draft';
import type { ReportAudience } from '../../permissions';
import type { Db } from '../db/connection';
import { comments, supports } from '../db/schema';
import { getAgenda } from '../agendas/agendas';
import { publicRounds } from './phases';
import { participationReport, reportAgenda, type ParticipationReport } from './report';

/**
 * The participation of an agenda over all its rounds (`publicRounds`: the begun ones, numbered in
 * the order they ran), each with its own Beteiligungsbericht, and their total.
 */

export interface ParticipationRound extends ParticipationReport {
	round: number;
	phase: { startsAt: Date; endsAt: Date };
	/** At `now`: still running, or over. */
	state: 'open' | 'closed';
}

export interface ParticipationRounds {
	agenda: ParticipationReport['agenda'];
	/** Oldest first. */
	rounds: ParticipationRound[];
	total: ParticipationFigures;
}

/**
 * Every begun round whose Fassung is `upToVersion` or an earlier one (all of them without it),
 * each with its own Beteiligungsbericht (for `audience`, the team's by default), and their
 * total; null for an unknown agenda.
 */
export async function participationRounds(
	db: Db,
	agendaId: string,
	options: { upToVersion?: number; now?: number; audience?: ReportAudience } = {}
): Promise<ParticipationRounds | null> {
	const agenda = await getAgenda(db, agendaId);
	if (!agenda) return null;
	const now = options.now ?? Date.now();
	const rounds: ParticipationRound[] = [];
	for (const { round, phase, version, state } of publicRounds(db, agendaId, now)) {
		if (options.upToVersion !== undefined && version.number > options.upToVersion) continue;
		const report = await participationReport(db, agendaId, version.number, options.audience);
		if (!report) continue;
		rounds.push({
			...report,
			round,
			phase: { startsAt: phase.startsAt, endsAt: phase.endsAt },
			// Begun, so never upcoming.
			state: state === 'open' ? 'open' : 'closed'
		});
	}
	const versionIds = rounds.map((round) => round.version.id);
	return {
		agenda: reportAgenda(agenda),
		rounds,
		total: totalFigures(rounds.map(roundFigures), distinctParticipants(db, versionIds))
	};
}

/**
 * The people who commented or supported in any of these Fassungen, each once, as the report's
 * statistics count them per Fassung (comments of deleted accounts have no author to count).
 */
function distinctParticipants(db: Db, versionIds: string[]): number {
	if (versionIds.length === 0) return 0;
	// UNION, not UNION ALL: one person active in several rounds, or both commenting and supporting.
	return union(
		db
			.select({ userId: comments.authorId })
			.from(comments)
			.where(and(inArray(comments.versionId, versionIds), isNotNull(comments.authorId))),
		db
			.select({ userId: supports.userId })
			.from(supports)
			.where(inArray(supports.versionId, versionIds))
	).all().length;
}
