import type { RichText } from '../agenda/model/rich-text';

/**
 * A printable document as plain data: what the Beschlussvorlage, the strategy annex and the
 * finance plan say, without saying how. The DOCX and the PDF renderer both draw exactly this, so
 * the two files of one export never differ in content, and the builders that produce it stay
 * pure and testable.
 *
 * Texts are plain strings (no markup, no escaping: renderers escape for their format). Amounts
 * arrive already formatted; renderers never compute or format money.
 */
export interface ExportDocument {
	/** Document title (file metadata and the first heading). */
	title: string;
	/** Subject for the file metadata, e.g. the agenda title. */
	subject: string;
	/** Text of the running header on every page, e.g. `Vorlage 2026/0123 · öffentlich`. */
	header: string;
	/** Text of the running footer before the page number, e.g. the municipality. */
	footer: string;
	/** An optional title page, followed by a page break. */
	titlePage?: TitlePage;
	blocks: Block[];
}

export interface TitlePage {
	/** Small line above the title, e.g. `Anlage 1 zur Vorlage 2026/0123`. */
	kicker?: string;
	title: string;
	subtitle?: string;
	/** Lines at the bottom, e.g. the municipality and the Fassung. */
	lines: string[];
}

export type Block =
	HeadingBlock | ParagraphBlock | RichBlock | ListBlock | FieldsBlock | TableBlock | PageBreakBlock;

/** Level 1 is a chapter (e.g. „Sachverhalt“), 2 a section, 3 a subsection. */
export interface HeadingBlock {
	type: 'heading';
	level: 1 | 2 | 3;
	text: string;
}

export interface ParagraphBlock {
	type: 'paragraph';
	runs: Run[];
	/** `note`: smaller, secondary text (sources, explanations). */
	style?: 'normal' | 'note';
}

export interface Run {
	text: string;
	bold?: boolean;
	italic?: boolean;
	/**
	 * Data that is missing (rendered as the text, usually `— fehlt —`, highlighted so a clerk
	 * sees at a glance what is still to fill in).
	 */
	missing?: boolean;
}

/**
 * An author's rich text (TipTap JSON: paragraphs, headings 2–4, bullet and ordered lists,
 * blockquotes, hard breaks; marks bold, italic, strike, underline, link). Its headings nest
 * below the heading it stands under (`baseLevel`), see `richHeadingLevel`.
 */
export interface RichBlock {
	type: 'rich';
	content: RichText;
	baseLevel: 1 | 2 | 3;
}

export interface ListBlock {
	type: 'list';
	ordered: boolean;
	items: Run[][];
}

/** Label/value pairs in two columns, e.g. the header of the Vorlage. */
export interface FieldsBlock {
	type: 'fields';
	rows: { label: string; value: Run[] }[];
}

export interface TableBlock {
	type: 'table';
	/** Shown above the table and used as its accessible name. */
	caption: string;
	columns: Column[];
	rows: Cell[][];
	/** Totals rows, set off from the body. */
	footer?: Cell[][];
	/** `wide`: many columns (e.g. the roadmap); renderers may use a smaller font. */
	size?: 'normal' | 'wide';
}

export interface Column {
	label: string;
	/** Numbers and amounts are right-aligned. */
	align?: 'left' | 'right' | 'center';
	/** Relative width; columns without one share the rest equally. */
	width?: number;
}

export interface Cell {
	text: string;
	bold?: boolean;
	/** Set off from the data around it, e.g. a placeholder for a text that is withheld. */
	italic?: boolean;
	missing?: boolean;
	/** A filled cell, e.g. a quarter in which a measure runs on the roadmap. */
	fill?: boolean;
}

export type Orientation = 'portrait' | 'landscape';

/**
 * A new page. With `orientation`, the pages from here on are in that orientation (a table with
 * many columns on landscape pages, say); without, they keep the orientation they had. Documents
 * start in portrait.
 */
export interface PageBreakBlock {
	type: 'pageBreak';
	orientation?: Orientation;
	/**
	 * The running header and footer of the pages from here on, where a document of several parts
	 * (the Gesamtdokument) starts the next: each part is headed by its own, not by the first's.
	 * Without, the pages keep those they had (at first the document's `header` and `footer`).
	 */
	running?: RunningText;
}

/** The text of a page's running header and of its footer before the page number. */
export interface RunningText {
	header: string;
	footer: string;
}

/** The document level (1–3) of a heading of `level` inside a rich text under `baseLevel`. */
export function richHeadingLevel(baseLevel: 1 | 2 | 3, level: unknown): 1 | 2 | 3 {
	const written = typeof level === 'number' && Number.isInteger(level) ? level : 2;
	return Math.min(3, baseLevel + Math.max(1, written - 1)) as 1 | 2 | 3;
}

/** What every export writes where data is missing. */
export const MISSING = '— fehlt —';

export const CHECKED = '☒';
export const UNCHECKED = '☐';

/** Small constructors, so builders read as the document they build. */
export const block = {
	heading: (level: 1 | 2 | 3, text: string): HeadingBlock => ({ type: 'heading', level, text }),
	paragraph: (...runs: (Run | string)[]): ParagraphBlock => ({
		type: 'paragraph',
		runs: runs.map((run) => (typeof run === 'string' ? { text: run } : run))
	}),
	note: (text: string): ParagraphBlock => ({ type: 'paragraph', runs: [{ text }], style: 'note' }),
	/** The value, or `— fehlt —` marked as missing when it is empty. */
	value: (text: string | null | undefined, options: Omit<Run, 'text' | 'missing'> = {}): Run =>
		text === null || text === undefined || text.trim() === ''
			? { text: MISSING, missing: true, ...options }
			: { text, ...options },
	cell: (text: string | null | undefined, options: Omit<Cell, 'text'> = {}): Cell =>
		text === null || text === undefined || text.trim() === ''
			? { text: MISSING, missing: true, ...options }
			: { text, ...options },
	pageBreak: (orientation?: Orientation, running?: RunningText): PageBreakBlock => ({
		type: 'pageBreak',
		...(orientation ? { orientation } : {}),
		...(running ? { running } : {})
	})
};

/** The text of a document as one string, in reading order (for tests, search and OParl `text`). */
export function documentText(document: ExportDocument, richToPlain: (rich: RichText) => string) {
	const lines: string[] = [document.header, document.title];
	if (document.titlePage) {
		const page = document.titlePage;
		lines.push(...[page.kicker, page.title, page.subtitle].filter((line) => line !== undefined));
		lines.push(...page.lines);
	}
	const runText = (runs: Run[]) => runs.map((run) => run.text).join('');
	for (const block of document.blocks) {
		switch (block.type) {
			case 'heading':
				lines.push(block.text);
				break;
			case 'paragraph':
				lines.push(runText(block.runs));
				break;
			case 'rich':
				lines.push(richToPlain(block.content));
				break;
			case 'list':
				lines.push(...block.items.map(runText));
				break;
			case 'fields':
				lines.push(...block.rows.map((row) => `${row.label}: ${runText(row.value)}`));
				break;
			case 'table':
				lines.push(block.caption);
				lines.push(block.columns.map((column) => column.label).join('\t'));
				for (const row of [...block.rows, ...(block.footer ?? [])]) {
					lines.push(row.map((cell) => cell.text).join('\t'));
				}
				break;
			case 'pageBreak':
				break;
		}
	}
	return lines.filter((line) => line !== '').join('\n');
}
