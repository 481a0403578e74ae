import {
	AlignmentType,
	LevelFormat,
	LineRuleType,
	type ILevelsOptions,
	type INumberingOptions,
	type IStylesOptions
} from 'docx';
import { ACCENT_COLOR, externalStylesXml, tableStyleXml, type RunFormat } from './docx-parts';

/**
 * How the exported council documents look, as Word styles: a clerk who changes the look changes
 * a style once, the navigation pane and a table of contents find the headings, and searching for
 * the style „Fehlende Angabe“ finds every gap.
 */

export const FONT = 'Arial';
/** Body text in half-points (11 pt). */
export const BODY_SIZE = 22;
/** Text of tables in the table style, in half-points (9.5 pt). */
export const TABLE_SIZE = 19;
/** Text of wide tables (many columns, e.g. the roadmap) in half-points. */
export const WIDE_TABLE_SIZE = 15;
export const SECONDARY_COLOR = '595959';
export const FILL_COLOR = 'C9D8EC';

/** Ids of the styles the renderer refers to; Word's built-in ids where Word has one. */
export const STYLE = {
	title: 'Title',
	subtitle: 'Subtitle',
	caption: 'Caption',
	quote: 'Quote',
	listParagraph: 'ListParagraph',
	note: 'Note',
	missing: 'Missing',
	hyperlink: 'Hyperlink',
	table: 'AgendawerkTabelle'
} as const;

/** Missing data: dark red italic in the style, and highlighted so it stands out when printed. */
export const MISSING_FORMAT: RunFormat = { style: STYLE.missing, highlight: 'yellow' };

export const LIST_REFERENCE = { bullet: 'agendawerk-bullets', ordered: 'agendawerk-numbers' };

/** Left indent of list level 0 in twips (1 cm); each level one more. */
export const LIST_INDENT = 567;
const LIST_HANGING = 340;

function listLevel(level: number, format: ILevelsOptions['format'], text: string) {
	return {
		level,
		format,
		text,
		alignment: AlignmentType.LEFT,
		style: { paragraph: { indent: { left: LIST_INDENT * (level + 1), hanging: LIST_HANGING } } }
	};
}

const LEVELS = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const BULLETS = ['•', '–', '▪'];
const ORDERED_FORMATS: { format: ILevelsOptions['format']; suffix: string }[] = [
	{ format: LevelFormat.DECIMAL, suffix: '.' },
	{ format: LevelFormat.LOWER_LETTER, suffix: ')' },
	{ format: LevelFormat.LOWER_ROMAN, suffix: '.' }
];

/** Word lists for bullets and numbers, nine levels each. */
export const NUMBERING: INumberingOptions = {
	config: [
		{
			reference: LIST_REFERENCE.bullet,
			levels: LEVELS.map((level) =>
				listLevel(level, LevelFormat.BULLET, BULLETS[level % BULLETS.length] ?? '•')
			)
		},
		{
			reference: LIST_REFERENCE.ordered,
			levels: LEVELS.map((level) => {
				const { format, suffix } = ORDERED_FORMATS[level % ORDERED_FORMATS.length] ?? {
					format: LevelFormat.DECIMAL,
					suffix: '.'
				};
				return listLevel(level, format, `%${level + 1}${suffix}`);
			})
		}
	]
};

/** The table style; its name is what Word shows in the table design gallery. */
export const EXTERNAL_STYLES = externalStylesXml(
	tableStyleXml(STYLE.table, { fontSize: TABLE_SIZE })
);

/**
 * Line spacing as a multiple of the font's own line height (`w:line` in 240ths of a line). Always
 * with `lineRule`: LibreOffice reads a `w:line` without one as an exact height in twips, and
 * 264 twips (13.2 pt) draws the second line of a 26 pt title over the first.
 */
const lineSpacing = (lines: number) => ({
	line: Math.round(lines * 240),
	lineRule: LineRuleType.AUTO
});

/**
 * A heading style. Its outline level (0 for Heading 1) is what makes LibreOffice import the
 * paragraph as a heading and lets navigators, tables of contents and screen readers find it;
 * docx writes none of its own.
 */
const heading = (level: number, size: number, color: string, before: number) => ({
	run: { font: FONT, size, bold: true, color },
	paragraph: {
		spacing: { before, after: 120, ...lineSpacing(1) },
		keepNext: true,
		keepLines: true,
		outlineLevel: level - 1
	}
});

export const STYLES: IStylesOptions = {
	default: {
		document: {
			run: { font: FONT, size: BODY_SIZE, language: { value: 'de-DE' } },
			paragraph: { spacing: { after: 120, ...lineSpacing(1.1) } }
		},
		title: {
			run: { font: FONT, size: 52, bold: true, color: ACCENT_COLOR },
			// A title of two lines stays one block: single spacing of its own size.
			paragraph: { spacing: { after: 240, ...lineSpacing(1) }, keepLines: true }
		},
		heading1: heading(1, 32, ACCENT_COLOR, 360),
		heading2: heading(2, 26, ACCENT_COLOR, 280),
		heading3: heading(3, 23, '262626', 200),
		// Not written by the exports, but in the document for a clerk who adds deeper sections.
		heading4: heading(4, BODY_SIZE, '262626', 200),
		heading5: heading(5, BODY_SIZE, '404040', 160),
		heading6: heading(6, BODY_SIZE, '595959', 160),
		caption: {
			run: { font: FONT, size: 20, bold: true, color: ACCENT_COLOR },
			paragraph: { spacing: { before: 200, after: 80 }, keepNext: true }
		},
		// List items close together, as in Word's own lists; the list keeps its space after.
		listParagraph: { paragraph: { contextualSpacing: true } }
	},
	paragraphStyles: [
		{
			id: STYLE.subtitle,
			name: 'Subtitle',
			basedOn: 'Normal',
			next: 'Normal',
			quickFormat: true,
			run: { size: 32, color: ACCENT_COLOR }
		},
		{
			id: STYLE.quote,
			name: 'Quote',
			basedOn: 'Normal',
			next: 'Normal',
			quickFormat: true,
			run: { italics: true, color: '404040' },
			paragraph: { indent: { left: LIST_INDENT, right: LIST_INDENT } }
		},
		{
			id: STYLE.note,
			name: 'Hinweis',
			basedOn: 'Normal',
			next: 'Normal',
			quickFormat: true,
			run: { size: 18, color: SECONDARY_COLOR }
		}
	],
	characterStyles: [
		{
			id: STYLE.missing,
			name: 'Fehlende Angabe',
			quickFormat: true,
			run: { italics: true, color: '9C0006' }
		}
	]
};
