import type { ReportStats } from '../participation/report-stats';
import type { ReportRow } from '../participation/report-table';
import { dispositionLabel } from '../labels';
import { DISPOSITIONS } from '../participation/vocabulary';
import type { ParticipationFigures, ParticipationSummary } from './resolution-draft';

/** The part of a Beteiligungsbericht the summary reads (see `participationReport`). */
export interface ReportForSummary {
	version: { number: number; name: string };
	rows: readonly ReportRow[];
	stats: ReportStats;
}

/** The part of the rounds' report the summary reads (see `participationRounds`). */
export interface RoundsForSummary {
	rounds: readonly (ReportForSummary & {
		round: number;
		phase: { startsAt: Date; endsAt: Date };
		state: 'open' | 'closed';
	})[];
	total: ParticipationFigures;
}

/**
 * How citizens took part in one round and what the AG made of it, in the numbers of its
 * Beteiligungsbericht: its statistics as they are, plus how the top-level comments were answered.
 * Replies are conversation, not proposals, so only comments count as answered or open; hidden and
 * deleted comments need no answer and count as neither.
 */
export function roundFigures(report: ReportForSummary): ParticipationFigures {
	const comments = report.rows.filter((row) => row.replyTo === null);
	const answered = comments.filter((row) => row.disposition !== null && row.published === true);
	const open = comments.filter(
		(row) => row.state === 'visible' && !(row.disposition !== null && row.published === true)
	);
	const dispositions = DISPOSITIONS.map((disposition) => ({
		label: dispositionLabel(disposition, 'de'),
		count: answered.filter((row) => row.disposition === disposition).length
	})).filter((entry) => entry.count > 0);
	return {
		participants: report.stats.participants,
		comments: report.stats.comments.total - report.stats.comments.replies,
		replies: report.stats.comments.replies,
		supports: report.stats.supportsTotal,
		answered: answered.length,
		unanswered: open.length,
		dispositions
	};
}

/**
 * The figures of several rounds together. Everything adds up except the people: someone active
 * in two rounds is one person, so `participants` is counted over the rounds' accounts by the
 * caller (see `participationRounds`), never summed.
 */
export function totalFigures(
	rounds: readonly ParticipationFigures[],
	participants: number
): ParticipationFigures {
	const sum = (pick: (figures: ParticipationFigures) => number) =>
		rounds.reduce((total, figures) => total + pick(figures), 0);
	const labels = [
		...new Set(rounds.flatMap((figures) => figures.dispositions.map((entry) => entry.label)))
	];
	// Labels keep the order of the dispositions: every round lists them in that order.
	const order = DISPOSITIONS.map((disposition) => dispositionLabel(disposition, 'de'));
	labels.sort((a, b) => order.indexOf(a) - order.indexOf(b));
	return {
		participants,
		comments: sum((figures) => figures.comments),
		replies: sum((figures) => figures.replies),
		supports: sum((figures) => figures.supports),
		answered: sum((figures) => figures.answered),
		unanswered: sum((figures) => figures.unanswered),
		dispositions: labels.map((label) => ({
			label,
			count: sum(
				(figures) => figures.dispositions.find((entry) => entry.label === label)?.count ?? 0
			)
		}))
	};
}

/** The summary the Beschlussvorlage and its annexes state: each round, and all of them. */
export function participationSummary(input: RoundsForSummary): ParticipationSummary {
	return {
		rounds: input.rounds.map((report) => ({
			round: report.round,
			version: { number: report.version.number, name: report.version.name },
			phase: { startsAt: report.phase.startsAt, endsAt: report.phase.endsAt },
			state: report.state,
			...roundFigures(report)
		})),
		total: input.total
	};
}
