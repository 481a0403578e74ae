import {
	BorderStyle,
	Document,
	Header,
	HeadingLevel,
	Packer,
	PageBreak,
	Paragraph,
	type ISectionOptions,
	type Table
} from 'docx';
import type {
	Block,
	ExportDocument,
	ListBlock,
	ParagraphBlock,
	TitlePage
} from '$lib/export/document';
import { checkParagraphs, dataTable, documentRuns, fieldsTable } from './docx-blocks';
import { ListNumbering, listItemParagraph } from './docx-lists';
import { A4, corePropertiesOverride, PAGE_MARGINS, pageNumberFooter, textRuns } from './docx-parts';
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
	const lists = new ListNumbering();
	const body = document.blocks.flatMap((block) => blockContent(block, lists));
	// Title, subject, creator and dates come from the core properties below.
	const word = new Document({
		styles: STYLES,
		externalStyles: EXTERNAL_STYLES,
		numbering: NUMBERING,
		sections: sections(document, body)
	});
	const properties = corePropertiesOverride({
		title: document.title,
		subject: document.subject,
		creator: 'Agendawerk',
		created: options.createdAt ?? new Date()
	});
	return Packer.toBuffer(word, false, [properties]);
}

/**
 * The title page is a section of its own without header and footer; the pages after it still
 * count it, so „Seite 2 von 5“ is the second sheet of five.
 */
function sections(document: ExportDocument, body: (Paragraph | Table)[]): ISectionOptions[] {
	const page = { size: A4, margin: PAGE_MARGINS };
	const content: ISectionOptions = {
		properties: { page },
		headers: { default: pageHeader(document.header) },
		footers: { default: pageNumberFooter(document.footer, PAGE_LABELS) },
		// Even an empty document gets a (blank) page of its own after the title page.
		children: body.length > 0 ? body : [new Paragraph({})]
	};
	if (!document.titlePage) return [content];
	return [{ properties: { page }, children: titlePageParagraphs(document.titlePage) }, content];
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

function blockContent(block: Block, lists: ListNumbering): (Paragraph | Table)[] {
	switch (block.type) {
		case 'heading':
			return [
				new Paragraph({ heading: HEADING_LEVEL[block.level], children: textRuns(block.text) })
			];
		case 'paragraph':
			return [paragraph(block)];
		case 'rich':
			return richTextParagraphs(block.content, block.baseLevel, lists);
		case 'list':
			return listParagraphs(block, lists);
		case 'fields':
			return block.rows.length > 0 ? [fieldsTable(block)] : [];
		case 'checks':
			return checkParagraphs(block);
		case 'table':
			return dataTable(block);
		case 'pageBreak':
			// What Word writes for Ctrl+Enter.
			return [new Paragraph({ children: [new PageBreak()] })];
	}
}

function paragraph(block: ParagraphBlock): Paragraph {
	const style = block.style === 'note' ? STYLE.note : undefined;
	return new Paragraph({ style, children: documentRuns(block.runs) });
}

function listParagraphs(block: ListBlock, lists: ListNumbering): Paragraph[] {
	const list = lists.start(block.ordered);
	return block.items.map((runs) => listItemParagraph(list, 0, documentRuns(runs)));
}
