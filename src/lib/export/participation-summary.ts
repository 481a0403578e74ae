import type { ReportStats } from '../participation/report-stats';
import type { ReportRow } from '../participation/report-table';
import { dispositionLabel } from '../labels';
import { DISPOSITIONS } from '../participation/vocabulary';
import type { ParticipationSummary } from './resolution-draft';

/** The part of a Beteiligungsbericht the summary reads (see `participationReport`). */
export interface ReportForSummary {
	version: { number: number; name: string };
	phase: { startsAt: Date; endsAt: Date } | null;
	rows: readonly ReportRow[];
	stats: ReportStats;
}

/**
 * How citizens took part and what the AG made of it, in the numbers of the Beteiligungsbericht:
 * its statistics as they are, plus how the top-level comments were answered. Replies are
 * conversation, not proposals, so only comments count as answered or open; hidden and deleted
 * comments need no answer and count as neither.
 */
export function participationSummary(report: ReportForSummary): ParticipationSummary {
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
		version: { number: report.version.number, name: report.version.name },
		phase: report.phase,
		participants: report.stats.participants,
		comments: report.stats.comments.total - report.stats.comments.replies,
		replies: report.stats.comments.replies,
		supports: report.stats.supportsTotal,
		answered: answered.length,
		unanswered: open.length,
		dispositions
	};
}
