import { AlignmentType, Footer, PageNumber, Paragraph, TextRun, type IRunOptions } from 'docx';

/**
 * What every Word document of Agendawerk shares (the Beschlussvorlage and its annexes as well as
 * the Beteiligungsbericht): the page, the table style, the XML-safe text runs and the footer with
 * „Seite x von y“, so that the council's documents look alike and stay valid whatever users typed.
 */

/** A4 in twips. */
export const A4 = { width: 11_906, height: 16_838 };
/** 2 cm in twips. */
export const MARGIN = 1_134;
export const PAGE_MARGINS = { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN };
export const PORTRAIT_TEXT_WIDTH = A4.width - 2 * MARGIN;
export const LANDSCAPE_TEXT_WIDTH = A4.height - 2 * MARGIN;

/** The dark blue of headings and table header rows. */
export const ACCENT_COLOR = '1F3F6E';

/**
 * A table style as Word writes one: thin grey grid, a dark header row, a bold totals row with a
 * rule above it, banded rows. docx builds tables but no table styles, so this goes into an
 * external style sheet (see `externalStylesXml`). `fontSize` is in half-points.
 */
export function tableStyleXml(styleId: string, { fontSize = 18 }: { fontSize?: number } = {}) {
	return (
		`<w:style w:type="table" w:styleId="${styleId}">` +
		`<w:name w:val="${styleId}"/>` +
		'<w:uiPriority w:val="59"/>' +
		'<w:pPr><w:spacing w:before="40" w:after="40"/></w:pPr>' +
		`<w:rPr><w:sz w:val="${fontSize}"/><w:szCs w:val="${fontSize}"/></w:rPr>` +
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
		`<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${ACCENT_COLOR}"/></w:tcPr>` +
		'</w:tblStylePr>' +
		'<w:tblStylePr w:type="lastRow">' +
		'<w:rPr><w:b/><w:bCs/></w:rPr>' +
		`<w:tcPr><w:tcBorders><w:top w:val="single" w:sz="12" w:space="0" w:color="${ACCENT_COLOR}"/></w:tcBorders></w:tcPr>` +
		'</w:tblStylePr>' +
		'<w:tblStylePr w:type="band2Horz">' +
		'<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="EEF2F7"/></w:tcPr>' +
		'</w:tblStylePr>' +
		'</w:style>'
	);
}

/** A style sheet for docx's `externalStyles`; docx adds its own defaults (Normal, headings …). */
export function externalStylesXml(...styles: string[]): string {
	return (
		'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
		'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
		styles.join('') +
		'</w:styles>'
	);
}

/** Characters XML 1.0 does not allow (a document with one would not open in Word). */
const NOT_XML =
	// eslint-disable-next-line no-control-regex -- matching control characters is the point
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text without the characters XML 1.0 forbids; everything else stays as it is. */
export function xmlSafe(text: string): string {
	return text.replace(NOT_XML, '');
}

/** How a run looks; the text and its breaks come from `textRuns`. */
export type RunFormat = Omit<IRunOptions, 'text' | 'break' | 'children'>;

/**
 * ☒ and ☐ are not in Arial. Segoe UI Symbol has them on Windows, and MS Gothic (what Word's own
 * check boxes use) where Word takes the character for East Asian text; elsewhere, e.g. in
 * LibreOffice on Linux, font substitution finds them in DejaVu Sans or OpenSymbol.
 */
export const CHECKBOX_FORMAT: RunFormat = {
	font: {
		ascii: 'Segoe UI Symbol',
		hAnsi: 'Segoe UI Symbol',
		cs: 'Segoe UI Symbol',
		eastAsia: 'MS Gothic'
	}
};

/** A check box character, with the separators around it kept by `split`. */
const CHECK_BOX = /([☐☒])/;

/**
 * Runs of a text with its line breaks kept, XML-safe. Check boxes get `CHECKBOX_FORMAT` wherever
 * they occur (a Ja/Nein grid, a check list in a rich text), so no caller has to think of it.
 */
export function textRuns(text: string, format: RunFormat = {}): TextRun[] {
	return xmlSafe(text)
		.split(/\r\n|\r|\n/)
		.flatMap((line, index) =>
			line
				.split(CHECK_BOX)
				.filter((part, position) => part !== '' || position === 0)
				.map(
					(part, position) =>
						new TextRun({
							...format,
							...(CHECK_BOX.test(part) ? CHECKBOX_FORMAT : {}),
							text: part,
							break: index > 0 && position === 0 ? 1 : undefined
						})
				)
		);
}

/** Column widths in twips from relative widths, filling `textWidth`. */
export function columnWidths(relative: number[], textWidth: number): number[] {
	const total = relative.reduce((sum, width) => sum + width, 0);
	return relative.map((width) => Math.floor((width / total) * textWidth));
}

/**
 * The footer of every page: `text · Seite x von y`, right-aligned and small. The labels come from
 * the caller, so a translated document could say „Page x of y“.
 */
export function pageNumberFooter(text: string, labels: { page: string; of: string }): Footer {
	const size = 16;
	const prefix = text === '' ? [] : [new TextRun({ text: `${xmlSafe(text)} · `, size })];
	return new Footer({
		children: [
			new Paragraph({
				alignment: AlignmentType.RIGHT,
				children: [
					...prefix,
					new TextRun({
						children: [
							`${labels.page} `,
							PageNumber.CURRENT,
							` ${labels.of} `,
							PageNumber.TOTAL_PAGES
						],
						size
					})
				]
			})
		]
	});
}

/** Text for an XML element or attribute. */
function escapeXml(text: string): string {
	return xmlSafe(text)
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;');
}

/** A W3C date-time without milliseconds, the form Word itself writes. */
function w3cDate(date: Date): string {
	return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * `docProps/core.xml` for `Packer.toBuffer`'s overrides. docx always stamps „now“ as the creation
 * date; an export of an older Fassung should say when it was generated, and tests need a fixed
 * date, so the core properties are written here instead.
 */
export function corePropertiesOverride(properties: {
	title: string;
	subject?: string;
	creator: string;
	description?: string;
	created: Date;
}): { path: string; data: string } {
	const optional = (tag: string, value: string | undefined) =>
		value === undefined || value === '' ? '' : `<${tag}>${escapeXml(value)}</${tag}>`;
	const date = w3cDate(properties.created);
	const data =
		'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
		'<cp:coreProperties' +
		' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
		' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
		' xmlns:dcmitype="http://purl.org/dc/dcmitype/"' +
		' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
		optional('dc:title', properties.title) +
		optional('dc:subject', properties.subject) +
		optional('dc:creator', properties.creator) +
		optional('dc:description', properties.description) +
		optional('cp:lastModifiedBy', properties.creator) +
		'<cp:revision>1</cp:revision>' +
		`<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>` +
		'</cp:coreProperties>';
	return { path: 'docProps/core.xml', data };
}
