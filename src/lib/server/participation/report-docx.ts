import {
	AlignmentType,
	Document,
	Footer,
	HeadingLevel,
	Packer,
	PageNumber,
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
import {
	kindLabel,
	reportCells,
	reportDate,
	reportDateTime,
	untitled
} from '../../participation/report-table';
import type { ParticipationReport } from './report';

/**
 * The Beteiligungsbericht as a Word document for the council: title, key figures, the counts per
 * measure, field of action and day, and the full comment table in a landscape section. Tables use
 * a real table style (header row repeated on every page, banded rows), headings Word's heading
 * styles, and every page carries „Seite x von y“. Always German: it is a council document.
 */

const de = { locale: 'de' } as const;
const TABLE_STYLE = 'Beteiligungstabelle';
/** A4 in twips, margins of 2 cm. */
const A4 = { width: 11_906, height: 16_838 };
const MARGIN = 1_134;
const PORTRAIT_TEXT_WIDTH = A4.width - 2 * MARGIN;
const LANDSCAPE_TEXT_WIDTH = A4.height - 2 * MARGIN;

/**
 * The table style, as Word writes one. docx builds tables but no table styles, so it comes in as
 * an external style sheet; docx adds its own defaults (Normal, headings …) around it.
 */
const externalStyles =
	'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
	'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
	`<w:style w:type="table" w:styleId="${TABLE_STYLE}">` +
	`<w:name w:val="${TABLE_STYLE}"/>` +
	'<w:uiPriority w:val="59"/>' +
	'<w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr>' +
	'<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>' +
	'<w:tblPr>' +
	'<w:tblStyleRowBandSize w:val="1"/>' +
	'<w:tblBorders>' +
	['top', 'left', 'bottom', 'right', 'insideH', 'insideV']
		.map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="8C8C8C"/>`)
		.join('') +
	'</w:tblBorders>' +
	'<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>' +
	'<w:bottom w:w="40" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>' +
	'</w:tblPr>' +
	'<w:tblStylePr w:type="firstRow">' +
	'<w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>' +
	'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="1F3F6E"/></w:tcPr>' +
	'</w:tblStylePr>' +
	'<w:tblStylePr w:type="lastRow">' +
	'<w:rPr><w:b/><w:bCs/></w:rPr>' +
	'<w:tcPr><w:tcBorders><w:top w:val="single" w:sz="12" w:space="0" w:color="1F3F6E"/></w:tcBorders></w:tcPr>' +
	'</w:tblStylePr>' +
	'<w:tblStylePr w:type="band2Horz">' +
	'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="EEF2F7"/></w:tcPr>' +
	'</w:tblStylePr>' +
	'</w:style>' +
	'</w:styles>';

/** Characters XML 1.0 does not allow (a document with one would not open in Word). */
const NOT_XML =
	// eslint-disable-next-line no-control-regex -- matching control characters is the point
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Runs of a text with its line breaks kept. */
function runs(text: string, options: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
	return text
		.replace(NOT_XML, '')
		.split(/\r\n|\r|\n/)
		.map(
			(line, index) => new TextRun({ text: line, break: index > 0 ? 1 : undefined, ...options })
		);
}

type Cell = string | number | { text: string; bold?: boolean; italics?: boolean; lines?: string[] };

function cell(value: Cell, numeric: boolean): TableCell {
	const content = typeof value === 'object' ? value : { text: String(value) };
	const paragraphs = [content.text, ...(content.lines ?? [])].map(
		(line, index) =>
			new Paragraph({
				alignment: numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
				children: runs(line, index === 0 ? content : {})
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
	const total = options.widths.reduce((sum, width) => sum + width, 0);
	const columnWidths = options.widths.map((width) =>
		Math.floor((width / total) * options.textWidth)
	);
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
		columnWidths,
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
	return new Paragraph({ children: runs(text, options) });
}

function footer(agendaTitle: string): Footer {
	return new Footer({
		children: [
			new Paragraph({
				alignment: AlignmentType.RIGHT,
				children: [
					new TextRun({ text: `${m.report_title({}, de)} · ${agendaTitle} · `, size: 16 }),
					new TextRun({
						children: [
							`${m.report_page({}, de)} `,
							PageNumber.CURRENT,
							` ${m.report_page_of({}, de)} `,
							PageNumber.TOTAL_PAGES
						],
						size: 16
					})
				]
			})
		]
	});
}

function dayDate(day: string): string {
	return reportDate(new Date(`${day}T12:00:00Z`), 'de');
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
				{ number: version.number, name: version.name, date: reportDate(version.createdAt, 'de') },
				de
			)
		),
		body(
			phase
				? m.report_period(
						{
							start: reportDateTime(phase.startsAt, 'de'),
							end: reportDateTime(phase.endsAt, 'de')
						},
						de
					)
				: m.report_no_phase({}, de)
		),
		body(m.report_generated({ date: reportDateTime(generatedAt, 'de') }, de), { italics: true })
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
						rows: stats.byDay.map((row) => [dayDate(row.day), row.comments, row.supports]),
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
	const margins = { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN };
	const sections: ISectionOptions[] = [
		{
			properties: { page: { size: A4, margin: margins } },
			footers: { default: pageFooter },
			children: [...intro, ...figures, ...perMeasure, ...perDay]
		},
		{
			properties: {
				page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: margins }
			},
			footers: { default: pageFooter },
			children: [heading(m.report_table_heading({}, de)), ...commentTable]
		}
	];

	const document = new Document({
		creator: 'Agendawerk',
		title: `${m.report_title({}, de)}: ${report.agenda.title}`,
		description: m.report_version(
			{ number: version.number, name: version.name, date: reportDate(version.createdAt, 'de') },
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
