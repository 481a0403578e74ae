/**
 * The comment table of a Beteiligungsbericht as text cells: one source for the page, the CSV and
 * the Word export. Exports pass `locale: 'de'` (a council document is German whatever the UI
 * language); the page passes the visitor's.
 */
import { m } from '$lib/paraglide/messages';
import type { locales } from '$lib/paraglide/runtime';
import { formatDateTime } from '$lib/format';
import { dispositionLabel } from '$lib/labels';
import type { CommentItemKind, CommentStatus, Disposition } from './vocabulary';

export type ReportLocale = (typeof locales)[number];

export type ReportRowState = CommentStatus | 'deleted';

export interface ReportRow {
	/** 1, 2, 3 … in the order of the table. */
	number: number;
	/** The number of the comment this one replies to. */
	replyTo: number | null;
	itemKind: CommentItemKind;
	itemLabel: string;
	/** Measures: their field of action. */
	fieldLabel: string | null;
	createdAt: Date;
	/** null: the author has deleted their account („gelöschtes Konto“). */
	author: string | null;
	/** null when deleted, hidden or awaiting approval: see `state`. */
	text: string | null;
	state: ReportRowState;
	hiddenReason: string | null;
	/** Measures: how many people support the measure. */
	itemSupports: number | null;
	disposition: Disposition | null;
	reason: string | null;
	/** null without an answer. */
	published: boolean | null;
}

export const REPORT_COLUMNS = [
	'number',
	'replyTo',
	'kind',
	'item',
	'field',
	'date',
	'author',
	'text',
	'status',
	'itemSupports',
	'disposition',
	'reason',
	'published'
] as const;
export type ReportColumn = (typeof REPORT_COLUMNS)[number];

export function reportColumnLabels(locale: ReportLocale): Record<ReportColumn, string> {
	const o = { locale };
	return {
		number: m.report_col_number({}, o),
		replyTo: m.report_col_reply_to({}, o),
		kind: m.report_col_kind({}, o),
		item: m.report_col_item({}, o),
		field: m.report_col_field({}, o),
		date: m.report_col_date({}, o),
		author: m.report_col_author({}, o),
		text: m.report_col_text({}, o),
		status: m.report_col_status({}, o),
		itemSupports: m.report_col_item_supports({}, o),
		disposition: m.report_col_disposition({}, o),
		reason: m.report_col_reason({}, o),
		published: m.report_col_published({}, o)
	};
}

export function kindLabel(kind: CommentItemKind, locale: ReportLocale): string {
	const o = { locale };
	return {
		measure: m.report_kind_measure({}, o),
		goal: m.report_kind_goal({}, o),
		section: m.report_kind_section({}, o)
	}[kind];
}

export function stateLabel(row: ReportRow, locale: ReportLocale): string {
	const o = { locale };
	switch (row.state) {
		case 'visible':
			return m.report_state_visible({}, o);
		case 'pending':
			return m.report_state_pending({}, o);
		case 'deleted':
			return m.report_state_deleted({}, o);
		case 'hidden':
			return row.hiddenReason
				? m.report_state_hidden_reason({ reason: row.hiddenReason }, o)
				: m.report_state_hidden({}, o);
	}
}

/** The text column: the comment, or why it is not there. */
export function textCell(row: ReportRow, locale: ReportLocale): string {
	const o = { locale };
	if (row.text !== null) return row.text;
	if (row.state === 'deleted') return m.report_text_deleted({}, o);
	if (row.state === 'hidden') return m.report_text_hidden({}, o);
	return m.report_text_pending({}, o);
}

export function untitled(label: string, locale: ReportLocale): string {
	return label.trim() === '' ? m.report_untitled({}, { locale }) : label;
}

/** All cells of one row as text, in `REPORT_COLUMNS` order. Counts stay numbers. */
export function reportCells(
	row: ReportRow,
	locale: ReportLocale
): Record<ReportColumn, string | number> {
	const o = { locale };
	return {
		number: row.number,
		replyTo: row.replyTo ?? '',
		kind: kindLabel(row.itemKind, locale),
		item: untitled(row.itemLabel, locale),
		field: row.fieldLabel ?? '',
		date: formatDateTime(row.createdAt, locale),
		author: row.author ?? m.report_deleted_account({}, o),
		text: textCell(row, locale),
		status: stateLabel(row, locale),
		itemSupports: row.itemSupports ?? '',
		disposition: row.disposition === null ? '' : dispositionLabel(row.disposition, locale),
		reason: row.reason ?? '',
		published:
			row.published === null ? '' : row.published ? m.report_yes({}, o) : m.report_no({}, o)
	};
}

/** `Beteiligungsbericht-musterstadt-Fassung-2.docx`: ASCII only, safe in any header. */
export function reportFileName(slug: string, versionNumber: number, extension: string): string {
	const safeSlug = slug.replace(/[^a-z0-9-]/gi, '-');
	return `Beteiligungsbericht-${safeSlug}-Fassung-${versionNumber}.${extension}`;
}
