import { formatDate, formatDateTime, formatDay } from '../format';
import { m } from '../paraglide/messages';
import type { Counts, ReportStats } from '../participation/report-stats';
import type { ReportAudience } from '../permissions';
import { kindLabel, reportCells, untitled, type ReportRow } from '../participation/report-table';
import { block, type Block, type Cell, type ExportDocument, type TableBlock } from './document';
import { roundFigures } from './participation-summary';
import type { ParticipationFigures } from './resolution-draft';

/**
 * The Beteiligungsbericht as an export document for the council: first every round of the
 * participation and their total in one table, then each round as before: who took part, the
 * counts per measure, field of action and day, and every comment with the AG's answer, the wide
 * comment table on landscape pages. Always German: it is a council document.
 */

/** The part of one round's Beteiligungsbericht the document shows (see `participationReport`). */
export interface ReportForDocument {
	version: { number: number; name: string; createdAt: Date };
	phase: { startsAt: Date; endsAt: Date } | null;
	rows: readonly ReportRow[];
	stats: ReportStats;
}

/** The rounds the document covers, oldest first (see `participationRounds`). */
export interface RoundsForDocument {
	agenda: { title: string; municipality: string };
	/** The Fassung the report was asked for: the last one it covers. */
	version: { number: number };
	rounds: readonly (ReportForDocument & {
		round: number;
		phase: { startsAt: Date; endsAt: Date };
		state: 'open' | 'closed';
	})[];
	total: ParticipationFigures;
	/** Whose report it is (see `reportAudience`); the public one says what it leaves out. */
	audience?: ReportAudience;
}

const de = { locale: 'de' } as const;

export function participationReportDocument(
	input: RoundsForDocument,
	generatedAt: Date
): ExportDocument {
	const title = m.report_title({}, de);
	return {
		title: `${title}: ${input.agenda.title}`,
		subject: `${title} · Fassung ${input.version.number}`,
		header: `${title} · Fassung ${input.version.number}`,
		footer: `${title} · ${input.agenda.title}`,
		blocks: [
			block.heading(1, title),
			block.paragraph({ text: input.agenda.title, bold: true }),
			block.paragraph(input.agenda.municipality),
			block.paragraph({
				text: m.report_generated({ date: formatDateTime(generatedAt, 'de') }, de),
				italic: true
			}),
			...(input.audience === 'public' ? [block.note(m.report_public_note({}, de))] : []),
			...overviewBlocks(input),
			...input.rounds.flatMap((round) => [
				block.pageBreak('portrait'),
				block.heading(
					1,
					m.report_round_heading(
						{ round: round.round, number: round.version.number, name: round.version.name },
						de
					)
				),
				...roundBlocks(round)
			])
		]
	};
}

/** Every round in one row, and all rounds together in the last. */
function overviewBlocks(input: RoundsForDocument): Block[] {
	const heading = m.report_rounds_heading({}, de);
	if (input.rounds.length === 0)
		return [block.heading(1, heading), block.paragraph(m.report_rounds_none({}, de))];
	const figures = (values: ParticipationFigures): Cell[] => [
		number(values.participants),
		number(values.comments),
		number(values.replies),
		number(values.supports),
		number(values.answered),
		number(values.unanswered)
	];
	const numeric = (label: string) => ({ label, width: 1.2, align: 'right' as const });
	return [
		block.heading(1, heading),
		{
			type: 'table',
			caption: m.report_rounds_caption({}, de),
			columns: [
				{ label: m.report_col_round({}, de), width: 1 },
				{ label: m.report_col_fassung({}, de), width: 2.6 },
				{ label: m.report_col_period({}, de), width: 2.2 },
				{ label: m.report_col_state({}, de), width: 1.6 },
				numeric(m.report_stat_participants({}, de)),
				numeric(m.report_col_top_comments({}, de)),
				numeric(m.report_col_replies({}, de)),
				numeric(m.report_col_supports({}, de)),
				numeric(m.report_col_answered({}, de)),
				numeric(m.report_col_unanswered({}, de))
			],
			rows: input.rounds.map((round) => [
				{ text: String(round.round) },
				{ text: `${round.version.number}: „${round.version.name}“` },
				{
					text: `${formatDate(round.phase.startsAt, 'de')} – ${formatDate(round.phase.endsAt, 'de')}`
				},
				{
					text: round.state === 'open' ? m.report_round_open({}, de) : m.report_round_closed({}, de)
				},
				...figures(roundFigures(round))
			]),
			footer: [
				[
					{ text: m.report_rounds_total({}, de) },
					{ text: '' },
					{ text: '' },
					{ text: '' },
					...figures(input.total)
				]
			]
		},
		block.note([m.report_stat_participants_note({}, de), m.report_rounds_note({}, de)].join(' '))
	];
}

/** One round's report: its Fassung and period, figures, counts, and every comment. */
function roundBlocks(report: ReportForDocument): Block[] {
	const { phase } = report;
	return [
		block.paragraph(versionLine(report)),
		block.paragraph(
			phase
				? m.report_period(
						{
							start: formatDateTime(phase.startsAt, 'de'),
							end: formatDateTime(phase.endsAt, 'de')
						},
						de
					)
				: m.report_no_phase({}, de)
		),
		...figureBlocks(report.stats),
		...countBlocks(report.stats),
		block.pageBreak('landscape'),
		block.heading(2, m.report_table_heading({}, de)),
		...commentBlocks(report)
	];
}

function versionLine(report: ReportForDocument): string {
	const { number, name, createdAt } = report.version;
	return m.report_version({ number, name, date: formatDate(createdAt, 'de') }, de);
}

const number = (value: number): Cell => ({ text: String(value) });

function figureBlocks(stats: ReportStats): Block[] {
	const heading = m.report_stats_heading({}, de);
	const row = (label: string, value: number): Cell[] => [{ text: label }, number(value)];
	const part = (label: string, value: number) => row(`– ${label}`, value);
	const note = [
		m.report_stat_participants_note({}, de),
		stats.commentsFromDeletedAccounts > 0
			? m.report_stat_deleted_accounts({ count: stats.commentsFromDeletedAccounts }, de)
			: ''
	]
		.filter(Boolean)
		.join(' ');
	return [
		block.heading(2, heading),
		{
			type: 'table',
			caption: heading,
			columns: [
				{ label: m.report_col_figure({}, de), width: 4 },
				{ label: m.report_col_value({}, de), width: 1, align: 'right' }
			],
			rows: [
				row(m.report_stat_participants({}, de), stats.participants),
				row(m.report_stat_comments({}, de), stats.comments.total),
				part(m.report_stat_replies({}, de), stats.comments.replies),
				part(m.report_stat_visible({}, de), stats.comments.visible),
				part(m.report_stat_pending({}, de), stats.comments.pending),
				part(m.report_stat_hidden({}, de), stats.comments.hidden),
				part(m.report_stat_deleted({}, de), stats.comments.deleted),
				row(m.report_stat_supports({}, de), stats.supportsTotal)
			]
		},
		block.note(note)
	];
}

/** A table of comments and supports per measure, field of action or day. */
function countsTable(
	caption: string,
	firstColumn: string,
	rows: { label: string; counts: Counts }[],
	total?: Counts
): TableBlock {
	const counts = (label: string, { comments, supports }: Counts): Cell[] => [
		{ text: label },
		number(comments),
		number(supports)
	];
	return {
		type: 'table',
		caption,
		columns: [
			{ label: firstColumn, width: 6 },
			{ label: m.report_col_comments({}, de), width: 1.3, align: 'right' },
			{ label: m.report_col_supports({}, de), width: 1.5, align: 'right' }
		],
		rows: rows.map((row) => counts(row.label, row.counts)),
		...(total ? { footer: [counts(m.report_col_total({}, de), total)] } : {})
	};
}

function countBlocks(stats: ReportStats): Block[] {
	const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
	const byMeasure = m.report_by_measure_heading({}, de);
	const byField = m.report_by_field_heading({}, de);
	const byDay = m.report_by_day_heading({}, de);
	return [
		block.heading(2, byMeasure),
		countsTable(
			byMeasure,
			m.report_col_measure({}, de),
			stats.byMeasure.map((row) => ({ label: untitled(row.label, 'de'), counts: row })),
			{
				comments: sum(stats.byMeasure.map((row) => row.comments)),
				supports: sum(stats.byMeasure.map((row) => row.supports))
			}
		),
		block.heading(2, byField),
		countsTable(
			byField,
			m.report_col_field({}, de),
			stats.byField.map((row) => ({
				label: row.id === null ? m.report_field_other({}, de) : untitled(row.label, 'de'),
				counts: row
			})),
			{ comments: stats.comments.total, supports: stats.supportsTotal }
		),
		...(stats.byDay.length > 0
			? [
					block.heading(2, byDay),
					countsTable(
						byDay,
						m.report_col_day({}, de),
						stats.byDay.map((row) => ({ label: formatDay(row.day, 'de'), counts: row }))
					)
				]
			: [])
	];
}

/** Every comment with its answer; a withheld text's placeholder is set in italics. */
function commentBlocks(report: ReportForDocument): Block[] {
	if (report.rows.length === 0) return [block.paragraph(m.report_no_comments({}, de))];
	const lines = (...parts: (string | null)[]) => parts.filter((part) => part !== null).join('\n');
	return [
		{
			type: 'table',
			caption: m.report_table_caption({ number: report.version.number }, de),
			columns: [
				{ label: m.report_col_number({}, de), width: 0.8 },
				{ label: m.report_col_item({}, de), width: 2.4 },
				{ label: m.report_col_date({}, de), width: 1.5 },
				{ label: m.report_col_author({}, de), width: 1.6 },
				{ label: m.report_col_text({}, de), width: 5 },
				{ label: m.report_col_status({}, de), width: 1.4 },
				{ label: m.report_col_item_supports({}, de), width: 1.2, align: 'right' },
				{ label: m.report_col_disposition({}, de), width: 1.5 },
				{ label: m.report_col_reason({}, de), width: 3.6 },
				{ label: m.report_col_published({}, de), width: 1.2 }
			],
			rows: report.rows.map((row) => {
				const cells = reportCells(row, 'de');
				return [
					{
						text: lines(
							String(row.number),
							row.replyTo === null ? null : m.report_reply_to({ number: row.replyTo }, de)
						)
					},
					{
						text: lines(
							`${kindLabel(row.itemKind, 'de')}: ${cells.item}`,
							row.fieldLabel ? String(cells.field) : null
						)
					},
					{ text: String(cells.date) },
					{ text: String(cells.author) },
					{ text: String(cells.text), ...(row.text === null ? { italic: true } : {}) },
					{ text: String(cells.status) },
					{ text: String(cells.itemSupports) },
					{ text: String(cells.disposition) },
					{ text: String(cells.reason) },
					{ text: String(cells.published) }
				];
			})
		}
	];
}
