import {
	AlignmentType,
	Document,
	Footer,
	HeadingLevel,
	Packer,
	PageOrientation,
	Paragraph,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType,
	type ISectionOptions
} from 'docx';
import { m } from '$lib/paraglide/messages';
import { formatDate, formatDateTime, formatDay } from '../../format';
import { kindLabel, reportCells, untitled } from '../../participation/report-table';
import {
	A4,
	columnWidths,
	externalStylesXml,
	LANDSCAPE_TEXT_WIDTH,
	PAGE_MARGINS,
	pageNumberFooter,
	PORTRAIT_TEXT_WIDTH,
	tableStyleXml,
	textRuns
} from '../export/docx-parts';
import type { ParticipationReport } from './report';

/**
 * The Beteiligungsbericht as a Word document for the council: title, key figures, the counts per
 * measure, field of action and day, and the full comment table in a landscape section. Tables use
 * a real table style (header row repeated on every page, banded rows), headings Word's heading
 * styles, and every page carries „Seite x von y“. Always German: it is a council document.
 */

const de = { locale: 'de' } as const;
const TABLE_STYLE = 'Beteiligungstabelle';
const externalStyles = externalStylesXml(tableStyleXml(TABLE_STYLE));

type Cell = string | number | { text: string; bold?: boolean; italics?: boolean; lines?: string[] };

function cell(value: Cell, numeric: boolean): TableCell {
	const content = typeof value === 'object' ? value : { text: String(value) };
	const paragraphs = [content.text, ...(content.lines ?? [])].map(
		(line, index) =>
			new Paragraph({
				alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
				children: textRuns(
					line,
					index === 0 ? { bold: content.bold, italics: content.italics } : {}
				)
			})
	);
	return new TableCell({ children: paragraphs });
}

function table(options: {
	header: string[];
	rows: Cell[][];
	footer?: Cell[];
	/** Relative widths of the columns. */
	widths: number[];
	/** Which columns hold numbers (right-aligned). */
	numeric?: number[];
	/** Rows with long texts may break across pages; short ones stay together. */
	splitRows?: boolean;
	textWidth: number;
}): Table {
	const numeric = new Set(options.numeric ?? []);
	const row = (cells: Cell[], header = false) =>
		new TableRow({
			tableHeader: header,
			cantSplit: !options.splitRows,
			children: cells.map((value, index) => cell(value, numeric.has(index)))
		});
	return new Table({
		style: TABLE_STYLE,
		width: { size: options.textWidth, type: WidthType.DXA },
		columnWidths: columnWidths(options.widths, options.textWidth),
		tableLook: {
			firstRow: true,
			lastRow: options.footer !== undefined,
			noHBand: false,
			noVBand: true
		},
		rows: [
			row(options.header, true),
			...options.rows.map((cells) => row(cells)),
			...(options.footer ? [row(options.footer)] : [])
		]
	});
}

function heading(text: string): Paragraph {
	return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
}

function body(text: string, options: { italics?: boolean } = {}): Paragraph {
	return new Paragraph({ children: textRuns(text, options) });
}

function footer(agendaTitle: string): Footer {
	return pageNumberFooter(`${m.report_title({}, de)} · ${agendaTitle}`, {
		page: m.report_page({}, de),
		of: m.report_page_of({}, de)
	});
}

export async function reportDocx(
	report: ParticipationReport,
	generatedAt: Date = new Date()
): Promise<Buffer> {
	const { stats, version, phase } = report;
	const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

	const intro = [
		new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(m.report_title({}, de))] }),
		new Paragraph({
			children: [new TextRun({ text: report.agenda.title, bold: true, size: 28 })]
		}),
		body(report.agenda.municipality),
		body(
			m.report_version(
				{ number: version.number, name: version.name, date: formatDate(version.createdAt, 'de') },
				de
			)
		),
		body(
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
		body(m.report_generated({ date: formatDateTime(generatedAt, 'de') }, de), { italics: true })
	];

	const figures = [
		heading(m.report_stats_heading({}, de)),
		table({
			header: [m.report_col_figure({}, de), m.report_col_value({}, de)],
			rows: [
				[m.report_stat_participants({}, de), stats.participants],
				[m.report_stat_comments({}, de), stats.comments.total],
				[`– ${m.report_stat_replies({}, de)}`, stats.comments.replies],
				[`– ${m.report_stat_visible({}, de)}`, stats.comments.visible],
				[`– ${m.report_stat_pending({}, de)}`, stats.comments.pending],
				[`– ${m.report_stat_hidden({}, de)}`, stats.comments.hidden],
				[`– ${m.report_stat_deleted({}, de)}`, stats.comments.deleted],
				[m.report_stat_supports({}, de), stats.supportsTotal]
			],
			widths: [4, 1],
			numeric: [1],
			textWidth: PORTRAIT_TEXT_WIDTH
		}),
		body(
			[
				m.report_stat_participants_note({}, de),
				stats.commentsFromDeletedAccounts > 0
					? m.report_stat_deleted_accounts({ count: stats.commentsFromDeletedAccounts }, de)
					: ''
			]
				.filter(Boolean)
				.join(' '),
			{ italics: true }
		)
	];

	const countsHeader = (first: string) => [
		first,
		m.report_col_comments({}, de),
		m.report_col_supports({}, de)
	];
	const perMeasure = [
		heading(m.report_by_measure_heading({}, de)),
		table({
			header: countsHeader(m.report_col_measure({}, de)),
			rows: stats.byMeasure.map((row) => [untitled(row.label, 'de'), row.comments, row.supports]),
			footer: [
				m.report_col_total({}, de),
				sum(stats.byMeasure.map((row) => row.comments)),
				sum(stats.byMeasure.map((row) => row.supports))
			],
			widths: [6, 1.3, 1.5],
			numeric: [1, 2],
			textWidth: PORTRAIT_TEXT_WIDTH
		}),
		heading(m.report_by_field_heading({}, de)),
		table({
			header: countsHeader(m.report_col_field({}, de)),
			rows: stats.byField.map((row) => [
				row.id === null ? m.report_field_other({}, de) : untitled(row.label, 'de'),
				row.comments,
				row.supports
			]),
			footer: [m.report_col_total({}, de), stats.comments.total, stats.supportsTotal],
			widths: [6, 1.3, 1.5],
			numeric: [1, 2],
			textWidth: PORTRAIT_TEXT_WIDTH
		})
	];
	const perDay =
		stats.byDay.length > 0
			? [
					heading(m.report_by_day_heading({}, de)),
					table({
						header: countsHeader(m.report_col_day({}, de)),
						rows: stats.byDay.map((row) => [formatDay(row.day, 'de'), row.comments, row.supports]),
						widths: [3, 1.3, 1.5],
						numeric: [1, 2],
						textWidth: PORTRAIT_TEXT_WIDTH
					})
				]
			: [];

	const columns = {
		number: m.report_col_number({}, de),
		item: m.report_col_item({}, de),
		date: m.report_col_date({}, de),
		author: m.report_col_author({}, de),
		text: m.report_col_text({}, de),
		status: m.report_col_status({}, de),
		supports: m.report_col_item_supports({}, de),
		disposition: m.report_col_disposition({}, de),
		reason: m.report_col_reason({}, de),
		published: m.report_col_published({}, de)
	};
	const commentTable =
		report.rows.length === 0
			? [body(m.report_no_comments({}, de))]
			: [
					body(m.report_table_caption({ number: version.number }, de), { italics: true }),
					table({
						header: Object.values(columns),
						rows: report.rows.map((row) => {
							const cells = reportCells(row, 'de');
							return [
								{
									text: String(row.number),
									lines:
										row.replyTo !== null ? [m.report_reply_to({ number: row.replyTo }, de)] : []
								},
								{
									text: `${kindLabel(row.itemKind, 'de')}: ${cells.item}`,
									lines: row.fieldLabel ? [String(cells.field)] : []
								},
								cells.date,
								cells.author,
								{ text: String(cells.text), italics: row.text === null },
								cells.status,
								cells.itemSupports,
								cells.disposition,
								cells.reason,
								cells.published
							];
						}),
						widths: [0.8, 2.4, 1.5, 1.6, 5, 1.4, 1.2, 1.5, 3.6, 1.2],
						numeric: [6],
						splitRows: true,
						textWidth: LANDSCAPE_TEXT_WIDTH
					})
				];

	const pageFooter = footer(report.agenda.title);
	const sections: ISectionOptions[] = [
		{
			properties: { page: { size: A4, margin: PAGE_MARGINS } },
			footers: { default: pageFooter },
			children: [...intro, ...figures, ...perMeasure, ...perDay]
		},
		{
			properties: {
				page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: PAGE_MARGINS }
			},
			footers: { default: pageFooter },
			children: [heading(m.report_table_heading({}, de)), ...commentTable]
		}
	];

	const document = new Document({
		creator: 'Agendawerk',
		title: `${m.report_title({}, de)}: ${report.agenda.title}`,
		description: m.report_version(
			{ number: version.number, name: version.name, date: formatDate(version.createdAt, 'de') },
			de
		),
		styles: {
			default: {
				document: {
					run: { font: 'Arial', size: 21, language: { value: 'de-DE' } },
					paragraph: { spacing: { after: 80 } }
				},
				title: { run: { font: 'Arial', size: 44, bold: true, color: '1F3F6E' } },
				heading1: {
					run: { font: 'Arial', size: 30, bold: true, color: '1F3F6E' },
					paragraph: { spacing: { before: 360, after: 120 }, keepNext: true }
				}
			}
		},
		externalStyles,
		sections
	});
	return Packer.toBuffer(document);
}
