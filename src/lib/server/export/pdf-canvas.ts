import type { Orientation } from '../../export/document';
import type { DocumentFonts } from './pdf-fonts';
import {
	InlineLayout,
	mergePieces,
	type InlineStyle,
	type Line,
	type Piece,
	type StyledText
} from './pdf-inline';
import { StructureTags } from './pdf-tags';

/**
 * The page of the PDF export: A4 geometry, the colours, and a cursor that moves down the page and
 * starts a new page when the next line or row does not fit. Every block is drawn through it.
 */

const CM = 72 / 2.54;

export const PAGE = {
	width: 595.28,
	height: 841.89,
	/** Left and right margin. */
	side: 2 * CM,
	/** Content starts below the running header … */
	top: 2.5 * CM,
	/** … and ends above the running footer. */
	bottom: 2.4 * CM
};

export const COLORS = {
	text: '#1A1A1A',
	muted: '#5A6270',
	accent: '#1F3F6E',
	missing: '#A4000F',
	rule: '#B7BDC7',
	lightRule: '#D5DAE1',
	band: '#F1F3F6',
	footerFill: '#E3E7ED',
	filled: '#5B7DB1',
	white: '#FFFFFF'
};

/** Body text size and the line height as a multiple of the font size. */
export const BODY_SIZE = 10.5;
const LINE_SPACING = 1.35;

export class PdfCanvas {
	/** The top of the next thing drawn on the current page. */
	y = PAGE.top;
	readonly left = PAGE.side;
	readonly top = PAGE.top;
	/** The orientation of the pages `newPage` adds. */
	private orientation: Orientation = 'portrait';
	private readonly layout: InlineLayout;
	private readonly ascent: number;
	private readonly emHeight: number;
	/** Every line drawn is content of the innermost open element of these tags. */
	readonly tags: StructureTags;

	constructor(
		readonly doc: PDFKit.PDFDocument,
		fonts: DocumentFonts
	) {
		this.tags = new StructureTags(doc);
		this.layout = new InlineLayout(doc, fonts);
		this.ascent = fonts.metrics.ascent;
		this.emHeight = fonts.metrics.ascent - fonts.metrics.descent;
	}

	get atPageTop(): boolean {
		return this.y <= this.top + 0.01;
	}

	/**
	 * The width and the bottom of the text area follow the current page, which is landscape after
	 * `newPage('landscape')` and may be any page while the running header and footer are drawn.
	 */
	get width(): number {
		return this.pageSize.width - 2 * PAGE.side;
	}

	get pageWidth(): number {
		return this.pageSize.width;
	}

	get bottom(): number {
		return this.pageSize.height - PAGE.bottom;
	}

	private get pageSize(): { width: number; height: number } {
		// pdfkit's `page` is undefined until the first page is added.
		const page = this.doc.page as PDFKit.PDFPage | undefined;
		return page ?? PAGE;
	}

	get contentHeight(): number {
		return this.bottom - this.top;
	}

	/** A new page; with `orientation`, it and the pages after it are in that orientation. */
	newPage(orientation?: Orientation) {
		if (orientation) this.orientation = orientation;
		this.doc.addPage({ ...this.doc.options, layout: this.orientation });
		this.y = this.top;
	}

	/** A new page unless `height` still fits (or the page is empty: then it never will). */
	ensureSpace(height: number) {
		if (this.y + height > this.bottom + 0.01 && !this.atPageTop) this.newPage();
	}

	/** Vertical space between blocks; none at the top of a page. */
	gap(points: number) {
		if (!this.atPageTop) this.y = Math.min(this.y + points, this.bottom);
	}

	/** `texts` in lines of `width`; `hyphenate` for narrow columns (see `InlineLayout.lines`). */
	lines(texts: StyledText[], width: number, emptySize = BODY_SIZE, hyphenate = false): Line[] {
		return this.layout.lines(texts, width, emptySize, hyphenate);
	}

	textWidth(text: StyledText): number {
		return this.lines([text], Number.POSITIVE_INFINITY)[0]?.width ?? 0;
	}

	lineHeight(line: Line): number {
		return line.size * LINE_SPACING;
	}

	linesHeight(lines: Line[]): number {
		return lines.reduce((sum, line) => sum + this.lineHeight(line), 0);
	}

	/**
	 * Lines flowing down the page from the cursor. The first two stay together, so a paragraph
	 * never leaves a single line at the bottom of a page. `beside` draws along each line (list
	 * markers, quote rules), with the line's top and height.
	 */
	flow(
		lines: Line[],
		x: number,
		width: number,
		beside?: (top: number, height: number, index: number) => void
	) {
		this.ensureSpace(this.linesHeight(lines.slice(0, 2)));
		lines.forEach((line, index) => {
			const height = this.lineHeight(line);
			this.ensureSpace(height);
			// Markers first, so text extraction reads „1. Erstes Ziel“ and not the other way round.
			beside?.(this.y, height, index);
			this.drawLine(line, x, this.y, width);
			this.y += height;
		});
	}

	/** Rules, fills and other decoration: an artifact, skipped by a screen reader. */
	decorate(draw: (doc: PDFKit.PDFDocument) => void) {
		this.tags.artifact(() => draw(this.doc));
	}

	/**
	 * One line with its top at `top`, aligned within `width`: content of the current element,
	 * except a link (its own `Link` element), the parts of a hyphenated word (a `Span` with the
	 * whole word) and the hyphen drawn at the break (an artifact: not part of the text).
	 */
	drawLine(line: Line, x: number, top: number, width: number, align = 'left') {
		const height = this.lineHeight(line);
		const baseline = top + (height - line.size * this.emHeight) / 2 + line.size * this.ascent;
		const start =
			align === 'right'
				? x + width - line.width
				: align === 'center'
					? x + (width - line.width) / 2
					: x;
		const placed = placePieces(line.pieces, start);
		for (const run of runs(placed)) {
			const draw = () => this.drawPieces(run, baseline);
			const first = run[0]?.piece;
			if (first?.hyphen) this.tags.artifact(draw);
			else if (first?.style.link) {
				const link = first.style.link;
				const span = spans(run, (style) => style.link)[0];
				this.tags.link(draw, (structParent) => {
					if (!span) return;
					// pdfkit takes `structParent` (the tag of the annotation), its types miss it; the
					// address is the link's description for assistive technology.
					const options: LinkOptions = { structParent, Contents: link };
					this.doc.link(span.x, top, span.width, height, link, options);
				});
			} else if (first?.broken) {
				const length = run.reduce((sum, item) => sum + item.piece.text.length, 0);
				this.tags.wordPart(first.broken, length, draw);
			} else this.tags.content(draw);
		}
		// Underline and strike-through repeat what the text's style says: decoration.
		const underlines = spans(placed, (style) => (style.underline ? style.color : undefined));
		const strikes = spans(placed, (style) => (style.strike ? style.color : undefined));
		if (underlines.length === 0 && strikes.length === 0) return;
		this.decorate(() => {
			for (const span of underlines) {
				this.rule(span.x, baseline + span.size * 0.12, span.width, span.size, span.key);
			}
			for (const span of strikes) {
				this.rule(span.x, baseline - span.size * 0.28, span.width, span.size, span.key);
			}
		});
	}

	private drawPieces(run: PlacedPiece[], baseline: number) {
		let left = run[0]?.x ?? 0;
		for (const piece of mergePieces(run.map((item) => item.piece))) {
			this.doc
				.font(piece.font)
				.fontSize(piece.style.size)
				.fillColor(piece.style.color)
				.text(piece.text, left, baseline, { lineBreak: false, baseline: 'alphabetic' });
			left += piece.width;
		}
	}

	private rule(x: number, y: number, width: number, size: number, color: string) {
		this.doc
			.save()
			.moveTo(x, y)
			.lineTo(x + width, y)
			.lineWidth(Math.max(0.4, size * 0.06))
			.strokeColor(color)
			.stroke()
			.restore();
	}
}

type LinkOptions = PDFKit.Mixins.AnnotationOption & {
	structParent?: PDFKit.PDFStructureElement;
};

interface PlacedPiece {
	piece: Piece;
	x: number;
}

/**
 * The line in stretches tagged alike: plain text, one link, the part of one hyphenated word, the
 * hyphen at its break.
 */
function runs(placed: PlacedPiece[]): PlacedPiece[][] {
	const kind = ({ piece }: PlacedPiece) =>
		piece.hyphen ? 'hyphen' : (piece.style.link ?? piece.broken ?? 'text');
	const result: PlacedPiece[][] = [];
	for (const item of placed) {
		const last = result.at(-1);
		const previous = last?.at(-1);
		if (last && previous && kind(previous) === kind(item)) last.push(item);
		else result.push([item]);
	}
	return result;
}

function placePieces(pieces: Piece[], start: number): PlacedPiece[] {
	let x = start;
	return pieces.map((piece) => {
		const placed = { piece, x };
		x += piece.width;
		return placed;
	});
}

/**
 * Stretches of neighbouring pieces with the same underline, strike-through or link (`key`),
 * without the spaces at their ends: „ unterstrichen“ is underlined from its first letter.
 */
function spans(placed: PlacedPiece[], keyOf: (style: InlineStyle) => string | undefined) {
	const result: { key: string; x: number; width: number; size: number }[] = [];
	let group: PlacedPiece[] = [];
	const flush = () => {
		const isSpace = (item: PlacedPiece) => item.piece.text.trim() === '';
		const first = group.findIndex((item) => !isSpace(item));
		const last = group.findLastIndex((item) => !isSpace(item));
		const from = group[first];
		const to = group[last];
		const key = from && keyOf(from.piece.style);
		if (from && to && key) {
			const size = Math.max(...group.map((item) => item.piece.style.size));
			result.push({ key, x: from.x, width: to.x + to.piece.width - from.x, size });
		}
		group = [];
	};
	for (const item of placed) {
		const key = keyOf(item.piece.style);
		const previous = group[0] && keyOf(group[0].piece.style);
		if (key !== previous) flush();
		if (key !== undefined) group.push(item);
	}
	flush();
	return result;
}
