import {
	BorderStyle,
	Document,
	Header,
	HeadingLevel,
	Packer,
	PageBreak,
	PageOrientation,
	Paragraph,
	type ISectionOptions,
	type ISectionPropertiesOptions,
	type Table
} from 'docx';
import type {
	Block,
	ExportDocument,
	ListBlock,
	Orientation,
	RunningText,
	ParagraphBlock,
	TitlePage
} from '$lib/export/document';
import { dataTable, documentRuns, fieldsTable } from './docx-blocks';
import { ListNumbering, listItemParagraph } from './docx-lists';
import {
	A4,
	corePropertiesOverride,
	LANDSCAPE_TEXT_WIDTH,
	PAGE_MARGINS,
	pageNumberFooter,
	PORTRAIT_TEXT_WIDTH,
	textRuns
} from './docx-parts';
import { HEADING_LEVEL, richTextParagraphs } from './docx-rich-text';
import { EXTERNAL_STYLES, NUMBERING, SECONDARY_COLOR, STYLE, STYLES } from './docx-styles';

/**
 * An export document (Beschlussvorlage, strategy annex, finance plan) as a Word file a clerk
 * edits further: Word's own heading, list, caption and table styles rather than look-alikes, the
 * running header and „Seite x von y“ on every page but the title page, A4 with 2 cm margins.
 * Always German: these are council documents.
 */

const PAGE_LABELS = { page: 'Seite', of: 'von' };

export async function renderDocx(
	document: ExportDocument,
	options: { createdAt?: Date } = {}
): Promise<Buffer> {
	// Title, subject, creator and dates come from the core properties below.
	const word = new Document({
		styles: STYLES,
		externalStyles: EXTERNAL_STYLES,
		numbering: NUMBERING,
		// Word and LibreOffice hyphenate by the text's language (German, the default run
		// properties): at the width they actually lay out, with their own dictionaries, so narrow
		// table columns break words at syllables. Soft hyphens written into the text instead
		// would be guesses at a layout only the word processor knows, and would stay in the text
		// a clerk edits, copies and searches.
		hyphenation: { autoHyphenation: true },
		sections: sections(document)
	});
	const properties = corePropertiesOverride({
		title: document.title,
		subject: document.subject,
		creator: 'Agendawerk',
		created: options.createdAt ?? new Date()
	});
	return Packer.toBuffer(word, false, [properties]);
}

/** The blocks of one run of pages in the same orientation under the same running texts. */
interface Part {
	orientation: Orientation;
	running: RunningText;
	blocks: Block[];
}

/**
 * The blocks split where the orientation or the running header and footer change; each part
 * becomes a Word section (which has its own header and footer).
 */
function parts(document: ExportDocument): Part[] {
	const initial = { header: document.header, footer: document.footer };
	const all: Part[] = [{ orientation: 'portrait', running: initial, blocks: [] }];
	for (const block of document.blocks) {
		const current = all[all.length - 1] as Part;
		if (block.type !== 'pageBreak' || (!block.orientation && !block.running)) {
			current.blocks.push(block);
			continue;
		}
		const next = {
			orientation: block.orientation ?? current.orientation,
			running: block.running ?? current.running
		};
		// A new section starts on a new page: the break itself needs no paragraph.
		if (current.blocks.length === 0) Object.assign(current, next);
		else all.push({ ...next, blocks: [] });
	}
	return all;
}

const PAGE_SETUP: Record<
	Orientation,
	{ page: NonNullable<ISectionPropertiesOptions['page']>; textWidth: number }
> = {
	portrait: { page: { size: A4, margin: PAGE_MARGINS }, textWidth: PORTRAIT_TEXT_WIDTH },
	landscape: {
		page: { size: { ...A4, orientation: PageOrientation.LANDSCAPE }, margin: PAGE_MARGINS },
		textWidth: LANDSCAPE_TEXT_WIDTH
	}
};

/**
 * The title page is a section of its own without header and footer; the pages after it still
 * count it, so „Seite 2 von 5“ is the second sheet of five. A change of orientation starts a new
 * section with the same header and footer, a page break naming others one with those.
 */
function sections(document: ExportDocument): ISectionOptions[] {
	const lists = new ListNumbering();
	const content = parts(document).map((part): ISectionOptions => {
		const setup = PAGE_SETUP[part.orientation];
		const body = part.blocks.flatMap((block, index) =>
			blockContent(block, lists, setup.textWidth, isTable(part.blocks[index - 1]))
		);
		return {
			properties: { page: setup.page },
			headers: { default: pageHeader(part.running.header) },
			footers: { default: pageNumberFooter(part.running.footer, PAGE_LABELS) },
			// Even an empty document gets a (blank) page of its own after the title page.
			children: body.length > 0 ? body : [new Paragraph({})]
		};
	});
	if (!document.titlePage) return content;
	return [
		{
			properties: { page: PAGE_SETUP.portrait.page },
			children: titlePageParagraphs(document.titlePage)
		},
		...content
	];
}

function pageHeader(text: string): Header {
	return new Header({
		children: [
			new Paragraph({
				border: {
					bottom: { style: BorderStyle.SINGLE, size: 4, space: 4, color: SECONDARY_COLOR }
				},
				children: textRuns(text, { size: 16, color: SECONDARY_COLOR })
			})
		]
	});
}

/** Where the title block starts and how far below it the closing lines stand, in twips. */
const TITLE_PAGE_TOP = 2_800;
const TITLE_PAGE_GAP = 4_500;

function titlePageParagraphs(page: TitlePage): Paragraph[] {
	const top = { before: TITLE_PAGE_TOP };
	const kicker = page.kicker
		? [
				new Paragraph({
					spacing: { ...top, after: 240 },
					children: textRuns(page.kicker, { color: SECONDARY_COLOR })
				})
			]
		: [];
	const title = new Paragraph({
		heading: HeadingLevel.TITLE,
		spacing: page.kicker ? undefined : top,
		children: textRuns(page.title)
	});
	const subtitle = page.subtitle
		? [new Paragraph({ style: STYLE.subtitle, children: textRuns(page.subtitle) })]
		: [];
	const lines = page.lines.map(
		(line, index) =>
			new Paragraph({
				spacing: index === 0 ? { before: TITLE_PAGE_GAP, after: 0 } : { after: 0 },
				children: textRuns(line)
			})
	);
	return [...kicker, title, ...subtitle, ...lines];
}

/** Whether `block` is drawn as a Word table (a table or label/value fields). */
function isTable(block: Block | undefined): boolean {
	return block?.type === 'table' || block?.type === 'fields';
}

/** Space above a paragraph right below a table (Word leaves none below one), as in the PDF. */
const SPACE_BELOW_TABLE = 200;

function blockContent(
	block: Block,
	lists: ListNumbering,
	textWidth: number,
	belowTable: boolean
): (Paragraph | Table)[] {
	switch (block.type) {
		case 'heading':
			return [
				new Paragraph({ heading: HEADING_LEVEL[block.level], children: textRuns(block.text) })
			];
		case 'paragraph':
			return [paragraph(block, belowTable)];
		case 'rich':
			return richTextParagraphs(block.content, block.baseLevel, lists);
		case 'list':
			return listParagraphs(block, lists);
		case 'fields':
			return block.rows.length > 0 ? [fieldsTable(block, textWidth)] : [];
		case 'table':
			return dataTable(block, textWidth);
		case 'pageBreak':
			// What Word writes for Ctrl+Enter.
			return [new Paragraph({ children: [new PageBreak()] })];
	}
}

function paragraph(block: ParagraphBlock, belowTable: boolean): Paragraph {
	const style = block.style === 'note' ? STYLE.note : undefined;
	const spacing = belowTable ? { before: SPACE_BELOW_TABLE } : undefined;
	return new Paragraph({ style, spacing, children: documentRuns(block.runs) });
}

function listParagraphs(block: ListBlock, lists: ListNumbering): Paragraph[] {
	const list = lists.start(block.ordered);
	return block.items.map((runs) => listItemParagraph(list, 0, documentRuns(runs)));
}
