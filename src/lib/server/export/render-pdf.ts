import PDFDocument from 'pdfkit';
import type {
	Block,
	ExportDocument,
	Orientation,
	RunningText,
	TitlePage
} from '../../export/document';
import {
	BODY,
	DEFAULT_LEAD,
	drawFields,
	drawHeading,
	fieldsLeadHeight,
	drawList,
	drawParagraphBlock,
	Outline,
	type DrawContext
} from './pdf-blocks';
import { Pacer } from './pacer';
import { ARCHIVAL_OPTIONS, writeArchivalMetadata } from './pdf-archive';
import { COLORS, PAGE, PdfCanvas } from './pdf-canvas';
import { DocumentFonts, type FontRegistry } from './pdf-fonts';
import type { InlineStyle } from './pdf-inline';
import { drawRichText } from './pdf-rich-text';
import { drawTable, tableLeadHeight } from './pdf-table';

/**
 * The PDF of an export document: A4, Fira Sans embedded (text stays selectable and searchable),
 * headings as bookmarks, a running header and „Seite x von y“ on every page but the title page.
 * Tagged for screen readers (see `pdf-tags.ts`) and archivable as PDF/A-2 (`pdf-archive.ts`).
 * The same document and `createdAt` always give the same bytes.
 */
export async function renderPdf(
	document: ExportDocument,
	options: { createdAt?: Date; pacer?: Pacer } = {}
): Promise<Buffer> {
	const createdAt = options.createdAt ?? new Date();
	const doc = new PDFDocument({
		size: 'A4',
		margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.side, right: PAGE.side },
		autoFirstPage: false,
		bufferPages: true,
		// No default font: pdfkit would otherwise embed a reference to Helvetica.
		font: '',
		pdfVersion: '1.7',
		lang: 'de-DE',
		displayTitle: true,
		...ARCHIVAL_OPTIONS,
		info: {
			Title: document.title,
			Subject: document.subject,
			Author: 'Agendawerk',
			Creator: 'Agendawerk',
			CreationDate: createdAt,
			ModDate: createdAt
		}
	});
	writeArchivalMetadata(doc);
	const fonts = await DocumentFonts.open(fontRegistry(doc));
	const bytes = collect(doc);
	const canvas = new PdfCanvas(doc, fonts);
	const pacer = options.pacer ?? new Pacer();
	const context: DrawContext = { canvas, outline: new Outline(doc.outline), pacer };
	const running = new RunningTexts(document);
	if (document.titlePage) drawTitlePage(canvas, document.titlePage);
	canvas.newPage();
	await drawBlocks(context, document.blocks, running);
	await drawRunningHeadAndFoot(canvas, running, document.titlePage ? 1 : 0, pacer);
	doc.end();
	return bytes;
}

/**
 * pdfkit's types only name font files, but its font factory takes opened fontkit fonts too. Each
 * font is opened in the document as soon as it is registered: pdfkit numbers (and names) fonts in
 * the order they are first selected, and text measured in an earlier document is not measured
 * again, so only the order in which the text needs them keeps the bytes the same.
 */
function fontRegistry(doc: PDFKit.PDFDocument): FontRegistry {
	return {
		registerFont: (name, font) =>
			doc.registerFont(name, font as unknown as PDFKit.Mixins.PDFFontSource).font(name)
	};
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	return new Promise((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
}

/**
 * Which running header and footer each page has: the document's, until a page break names
 * others (a part of the Gesamtdokument); those hold from that break's page on.
 */
class RunningTexts {
	private readonly initial: RunningText;
	/** Each change with the index of the page it starts on, in page order. */
	private readonly changes: { page: number; text: RunningText }[] = [];

	constructor(document: ExportDocument) {
		this.initial = { header: document.header, footer: document.footer };
	}

	/** `text` from the page being drawn on. */
	startOn(canvas: PdfCanvas, text: RunningText) {
		const { start, count } = canvas.doc.bufferedPageRange();
		this.changes.push({ page: start + count - 1, text });
	}

	on(page: number): RunningText {
		return this.changes.findLast((change) => change.page <= page)?.text ?? this.initial;
	}
}

async function drawBlocks(context: DrawContext, blocks: Block[], running: RunningTexts) {
	for (const [index, block] of blocks.entries()) {
		await context.pacer.pause();
		const next = blocks[index + 1];
		switch (block.type) {
			case 'heading':
				drawHeading(context, block.level, block.text, leadHeight(context, next));
				break;
			case 'paragraph':
				drawParagraphBlock(context.canvas, block);
				break;
			case 'rich':
				await drawRichText(context, block);
				break;
			case 'list':
				drawList(context.canvas, block);
				break;
			case 'fields':
				drawFields(context.canvas, block);
				break;
			case 'table':
				context.canvas.gap(4);
				drawTable(context.canvas, block);
				context.canvas.y += 10;
				break;
			case 'pageBreak':
				pageBreak(context.canvas, block.orientation);
				if (block.running) running.startOn(context.canvas, block.running);
				break;
		}
	}
}

/** A new page, unless the current one is still empty and already in the wanted orientation. */
function pageBreak(canvas: PdfCanvas, orientation: Orientation | undefined) {
	const current = canvas.doc.page.layout as Orientation;
	if (canvas.atPageTop && (orientation === undefined || orientation === current)) return;
	canvas.newPage(orientation);
}

/** How much of the next block must fit below a heading (a table: what it keeps together). */
function leadHeight(context: DrawContext, next: Block | undefined): number {
	if (next?.type === 'table') return tableLeadHeight(context.canvas, next);
	if (next?.type === 'fields') return fieldsLeadHeight(context.canvas, next);
	if (next?.type === 'heading') return 30 + DEFAULT_LEAD;
	return DEFAULT_LEAD;
}

function drawTitlePage(canvas: PdfCanvas, page: TitlePage) {
	canvas.newPage();
	const style = (size: number, face: InlineStyle['face'], color: string): InlineStyle => ({
		face,
		size,
		color
	});
	const block = (text: string, textStyle: InlineStyle, gapAfter: number, role: 'H1' | 'P') => {
		const lines = canvas.lines([{ text, style: textStyle }], canvas.width, textStyle.size);
		canvas.tags.element(role, () => {
			for (const line of lines) {
				canvas.drawLine(line, canvas.left, canvas.y, canvas.width);
				canvas.y += canvas.lineHeight(line);
			}
		});
		canvas.y += gapAfter;
	};
	canvas.y = canvas.top + canvas.contentHeight * 0.22;
	if (page.kicker) block(page.kicker, style(11, 'regular', COLORS.muted), 14, 'P');
	canvas.decorate((doc) => doc.rect(canvas.left, canvas.y, 56, 4).fill(COLORS.accent));
	canvas.y += 18;
	block(page.title, style(26, 'bold', COLORS.accent), 10, 'H1');
	if (page.subtitle) block(page.subtitle, style(15, 'regular', COLORS.text), 0, 'P');
	const lineStyle = style(11, 'regular', COLORS.text);
	const lines = page.lines.flatMap((text) =>
		canvas.lines([{ text, style: lineStyle }], canvas.width)
	);
	canvas.y = canvas.bottom - canvas.linesHeight(lines);
	canvas.tags.element('P', () => {
		for (const line of lines) {
			canvas.drawLine(line, canvas.left, canvas.y, canvas.width);
			canvas.y += canvas.lineHeight(line);
		}
	});
}

const HEAD_STYLE: InlineStyle = { ...BODY, size: 8, color: COLORS.muted };

/**
 * Header and footer go on last, when the number of pages is known. Page numbers count the title
 * page, as Word's PAGE and NUMPAGES fields do in the DOCX of the same export.
 */
async function drawRunningHeadAndFoot(
	canvas: PdfCanvas,
	running: RunningTexts,
	skip: number,
	pacer: Pacer
) {
	const { doc } = canvas;
	const range = doc.bufferedPageRange();
	for (let index = range.start + skip; index < range.start + range.count; index++) {
		await pacer.pause();
		doc.switchToPage(index);
		// Repeated on every page: pagination artifacts, not content a screen reader reads again.
		const { header, footer } = running.on(index);
		canvas.tags.artifact(() => {
			drawHead(canvas, header);
			drawFoot(canvas, footer, `Seite ${index + 1} von ${range.count}`);
		}, 'Pagination');
	}
}

function drawHead(canvas: PdfCanvas, text: string) {
	if (text.trim() === '') return;
	const lines = canvas.lines([{ text, style: HEAD_STYLE }], canvas.width);
	const ruleY = canvas.top - 0.6 * 28.35;
	let top = ruleY - 3 - canvas.linesHeight(lines);
	for (const line of lines) {
		canvas.drawLine(line, canvas.left, top, canvas.width);
		top += canvas.lineHeight(line);
	}
	horizontalRule(canvas, ruleY);
}

function drawFoot(canvas: PdfCanvas, text: string, pageNumber: string) {
	const ruleY = canvas.bottom + 0.6 * 28.35;
	horizontalRule(canvas, ruleY);
	const number = canvas.lines([{ text: pageNumber, style: HEAD_STYLE }], canvas.width)[0];
	const numberWidth = number?.width ?? 0;
	const top = ruleY + 3;
	let lineTop = top;
	for (const line of canvas.lines([{ text, style: HEAD_STYLE }], canvas.width - numberWidth - 12)) {
		canvas.drawLine(line, canvas.left, lineTop, canvas.width);
		lineTop += canvas.lineHeight(line);
	}
	if (number) canvas.drawLine(number, canvas.left, top, canvas.width, 'right');
}

function horizontalRule(canvas: PdfCanvas, y: number) {
	canvas.decorate((doc) =>
		doc
			.moveTo(canvas.left, y)
			.lineTo(canvas.left + canvas.width, y)
			.lineWidth(0.5)
			.strokeColor(COLORS.rule)
			.stroke()
	);
}
