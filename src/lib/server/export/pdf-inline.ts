import { breakPoints, type BreakPoint } from './hyphenation';
import type { DocumentFonts, Face, FontName } from './pdf-fonts';

/**
 * Lines of mixed text: runs in several styles and fonts broken into lines of a given width, and
 * drawn piece by piece at exact positions. pdfkit's own wrapping (`continued: true`) loses track
 * of positions when fonts change inside a line; this keeps baselines aligned, never drops a
 * character and knows where every piece is (for underlines, strike-through and links).
 */

export interface InlineStyle {
	face: Face;
	/** Font size in points. */
	size: number;
	/** A hex colour, e.g. `#1A1A1A`. */
	color: string;
	underline?: boolean;
	strike?: boolean;
	/** A link target (already checked to be http, https or mailto). */
	link?: string;
}

export interface StyledText {
	text: string;
	style: InlineStyle;
}

/** A piece of one font and style, measured. */
export interface Piece {
	text: string;
	font: FontName;
	style: InlineStyle;
	width: number;
	/** Set on every piece of a word hyphenated across lines (the same object on each line). */
	broken?: BrokenWord;
	/** The hyphen drawn where the word breaks: not part of the text. */
	hyphen?: true;
}

/**
 * A word the layout broke across lines: a screen reader and text extraction get it whole, not
 * as „Personal-“ and „kosten“ (see `PdfCanvas.drawLine`).
 */
export interface BrokenWord {
	text: string;
}

export interface Line {
	pieces: Piece[];
	/** Width without the spaces at its end. */
	width: number;
	/** The largest font size on the line (its height follows from it). */
	size: number;
}

/** What layout needs from pdfkit: the width of a text in a font. */
export interface TextMeasure {
	font(name: string): TextMeasure;
	fontSize(size: number): TextMeasure;
	widthOfString(text: string): number;
}

/**
 * Widths at 1 pt, shared by all documents: a font name always means the same font file, and
 * measuring through pdfkit lays each word out with kerning every time.
 */
const widthPerPoint = new Map<string, number>();
const MAX_CACHED_WIDTHS = 100_000;

/** A word and the spaces after it: lines break only between words. */
interface Word {
	content: Piece[];
	contentWidth: number;
	spaces: Piece[];
	spacesWidth: number;
	breakAfter: boolean;
}

/** A word broken at a hyphenation point: the head (with its hyphen) and the rest. */
interface HyphenatedWord {
	head: Piece[];
	tail: Word;
}

export class InlineLayout {
	constructor(
		private readonly measure: TextMeasure,
		private readonly fonts: DocumentFonts
	) {}

	/**
	 * `texts` broken into lines no wider than `width`; at least one (maybe empty) line. With
	 * `hyphenate`, a word that does not fit breaks at a German hyphenation point (`hyphenation.ts`)
	 * before it is cut anywhere: for narrow table columns.
	 */
	lines(texts: StyledText[], width: number, emptySize: number, hyphenate = false): Line[] {
		const lines: Line[] = [];
		let line = emptyLine();
		let previous: Word | null = null;
		const finish = () => {
			lines.push(closeLine(line, emptySize));
			line = emptyLine();
		};
		for (const word of this.words(texts)) {
			let rest: Word | null = word;
			while (rest) {
				const gap = line.pieces.length > 0 ? (previous?.spacesWidth ?? 0) : 0;
				const room = width - (line.pieces.length > 0 ? line.width + gap : 0);
				if (rest.contentWidth <= room + 0.01) {
					if (line.pieces.length > 0 && previous) append(line, previous.spaces);
					append(line, rest.content);
					break;
				}
				// Only a word longer than a whole line is hyphenated: others go to the next line.
				const split: HyphenatedWord | null =
					hyphenate && rest.contentWidth > width ? this.hyphenated(rest, room) : null;
				if (split) {
					if (line.pieces.length > 0 && previous) append(line, previous.spaces);
					append(line, split.head);
					finish();
					rest = split.tail;
				} else if (line.pieces.length > 0) {
					finish();
				} else {
					this.splitLongWord(rest.content, width).forEach((chunk, index) => {
						if (index > 0) finish();
						append(line, chunk);
					});
					rest = null;
				}
			}
			previous = word;
			if (word.breakAfter) finish();
		}
		if (line.pieces.length > 0 || lines.length === 0) finish();
		return lines;
	}

	/**
	 * The longest head of `word` up to a hyphenation point that fits into `room` with its hyphen,
	 * and the rest of the word (with the word's spaces); null if none fits.
	 */
	private hyphenated(word: Word, room: number): HyphenatedWord | null {
		const text = word.content.map((piece) => piece.text).join('');
		const points = breakPoints(text);
		// A tail broken again belongs to the word its first break started. A link is read as its
		// own element already (and its parts may lie in several).
		const linked = word.content.some((piece) => piece.style.link !== undefined);
		const broken = linked ? undefined : (word.content[0]?.broken ?? { text });
		const part = (pieces: Piece[]) => pieces.map((piece) => ({ ...piece, broken }));
		for (let index = points.length - 1; index >= 0; index--) {
			const point = points[index] as BreakPoint;
			const head = part(this.slice(word.content, 0, point.at));
			const last = head.at(-1);
			if (!last) continue;
			if (point.hyphen) {
				const hyphen = this.pieces('-', last.style);
				head.push(...hyphen.map((piece) => ({ ...piece, broken, hyphen: true as const })));
			}
			if (sumWidths(head) > room + 0.01) continue;
			const content = part(this.slice(word.content, point.at, text.length));
			const tail = { ...word, content, contentWidth: sumWidths(content) };
			return { head, tail };
		}
		return null;
	}

	/** The pieces covering `text.slice(start, end)` of the pieces' joined text, re-measured. */
	private slice(pieces: Piece[], start: number, end: number): Piece[] {
		const sliced: Piece[] = [];
		let offset = 0;
		for (const piece of pieces) {
			const from = Math.max(start - offset, 0);
			const to = Math.min(end - offset, piece.text.length);
			if (from < to) {
				sliced.push(
					from === 0 && to === piece.text.length
						? piece
						: this.remeasured(piece, piece.text.slice(from, to))
				);
			}
			offset += piece.text.length;
		}
		return sliced;
	}

	private words(texts: StyledText[]): Word[] {
		const words: Word[] = [];
		let word = emptyWord();
		for (const { text, style } of texts) {
			const normalized = normalizeBreaks(text);
			for (const token of normalized.match(/\n| +|[^ \n]+/g) ?? []) {
				if (token === '\n') {
					word.breakAfter = true;
					words.push(word);
					word = emptyWord();
				} else if (token.startsWith(' ')) {
					const pieces = this.pieces(token, style);
					word.spaces.push(...pieces);
					word.spacesWidth += sumWidths(pieces);
				} else {
					if (word.spaces.length > 0) {
						words.push(word);
						word = emptyWord();
					}
					const pieces = this.pieces(token, style);
					word.content.push(...pieces);
					word.contentWidth += sumWidths(pieces);
				}
			}
		}
		if (word.content.length > 0 || word.spaces.length > 0) words.push(word);
		return words;
	}

	private pieces(text: string, style: InlineStyle): Piece[] {
		return this.fonts.split(text, style.face).map((run) => ({
			...run,
			style,
			width: this.width(run.font, style.size, run.text)
		}));
	}

	width(font: FontName, size: number, text: string): number {
		const key = `${font}\u0000${text}`;
		let width = widthPerPoint.get(key);
		if (width === undefined) {
			width = this.measure.font(font).fontSize(1).widthOfString(text);
			if (widthPerPoint.size >= MAX_CACHED_WIDTHS) widthPerPoint.clear();
			widthPerPoint.set(key, width);
		}
		return width * size;
	}

	/** A word wider than the line (a long URL, a compound in a narrow cell) broken anywhere. */
	private splitLongWord(pieces: Piece[], width: number): Piece[][] {
		const chunks: Piece[][] = [[]];
		let used = 0;
		for (const piece of pieces) {
			let text = '';
			for (const character of piece.text) {
				const characterWidth = this.width(piece.font, piece.style.size, character);
				if (used + characterWidth > width && used > 0) {
					if (text) chunks.at(-1)?.push(this.remeasured(piece, text));
					chunks.push([]);
					text = '';
					used = 0;
				}
				text += character;
				used += characterWidth;
			}
			if (text) chunks.at(-1)?.push(this.remeasured(piece, text));
		}
		return chunks;
	}

	private remeasured(piece: Piece, text: string): Piece {
		return { ...piece, text, width: this.width(piece.font, piece.style.size, text) };
	}
}

/**
 * Line breaks of every kind become `\n`, tabs spaces; other control characters (pasted from
 * elsewhere, invisible in any editor) are left out rather than drawn as boxes.
 */
function normalizeBreaks(text: string): string {
	return (
		text
			.replace(/\r\n?|[\v\f\u2028\u2029]/g, '\n')
			.replace(/\t/g, ' ')
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '')
	);
}

function emptyLine(): Line {
	return { pieces: [], width: 0, size: 0 };
}

function emptyWord(): Word {
	return { content: [], contentWidth: 0, spaces: [], spacesWidth: 0, breakAfter: false };
}

function closeLine(line: Line, emptySize: number): Line {
	const size = Math.max(0, ...line.pieces.map((piece) => piece.style.size));
	return { ...line, size: size || emptySize };
}

function append(line: Line, pieces: Piece[]) {
	line.pieces.push(...pieces);
	line.width += sumWidths(pieces);
}

function sumWidths(pieces: Piece[]): number {
	return pieces.reduce((sum, piece) => sum + piece.width, 0);
}

/** Neighbouring pieces of the same font and style drawn as one text (fewer, longer items). */
export function mergePieces(pieces: Piece[]): Piece[] {
	const merged: Piece[] = [];
	for (const piece of pieces) {
		const last = merged.at(-1);
		if (
			last &&
			last.font === piece.font &&
			last.broken === piece.broken &&
			last.hyphen === piece.hyphen &&
			sameStyle(last.style, piece.style)
		) {
			merged[merged.length - 1] = {
				...last,
				text: last.text + piece.text,
				width: last.width + piece.width
			};
		} else merged.push(piece);
	}
	return merged;
}

function sameStyle(a: InlineStyle, b: InlineStyle): boolean {
	return (
		a === b ||
		(a.face === b.face &&
			a.size === b.size &&
			a.color === b.color &&
			a.underline === b.underline &&
			a.strike === b.strike &&
			a.link === b.link)
	);
}
