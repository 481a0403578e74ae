import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildSymbolFont, DRAWN_SYMBOLS } from './pdf-symbol-font';
import { woff2ToTrueType } from './pdf-woff2';

/**
 * The fonts of the PDF export: Fira Sans (the KERN design system's typeface) in four faces, Noto
 * Emoji (monochrome) for emoji, and a generated symbol font for check boxes and for characters
 * neither has. Text is split into runs by which font has its characters, so nothing is dropped
 * and every character extracts from the PDF as itself.
 */

export type Face = 'regular' | 'bold' | 'italic' | 'boldItalic';
export type FontName = Face | 'emoji' | 'symbols';

export interface FontRun {
	text: string;
	font: FontName;
}

/** The part of fontkit (pdfkit's font engine) used here; pdfkit uses the rest. */
export interface FontkitFont {
	hasGlyphForCodePoint(codePoint: number): boolean;
	glyphForCodePoint(codePoint: number): unknown;
	characterSet: number[];
	unitsPerEm: number;
	ascent: number;
	descent: number;
}

// Packages are resolved from this module, so the paths hold in `vite dev`, in Vitest and in the
// built server (build/ with node_modules beside it) alike.
const require = createRequire(import.meta.url);

const FIRA_FILES: Record<Face, string> = {
	regular: 'FiraSans-Book.woff2',
	bold: 'FiraSans-Bold.woff2',
	italic: 'FiraSans-BookItalic.woff2',
	boldItalic: 'FiraSans-BoldItalic.woff2'
};

/** The whole emoji set in one file (the numbered files are unicode-range slices of it). */
const EMOJI_FILE = 'noto-emoji-emoji-400-normal.woff2';

function packageDirectory(name: string): string {
	return dirname(require.resolve(`${name}/package.json`));
}

// fontkit is not a dependency of ours but pdfkit's: resolved the way pdfkit resolves it.
let fontkit: { create(data: Buffer): FontkitFont } | undefined;
function openFont(data: Buffer): FontkitFont {
	fontkit ??= createRequire(require.resolve('pdfkit'))('fontkit') as {
		create(data: Buffer): FontkitFont;
	};
	return fontkit.create(data);
}

const loaded = new Map<string, FontkitFont>();

/**
 * Reads, converts and opens a font once per process. Every document shares the opened font:
 * opening it anew costs more than laying out a whole document (fontkit parses the kerning and
 * ligature tables of each instance on first use).
 */
function loadWoff2(path: string): FontkitFont {
	let font = loaded.get(path);
	if (!font) {
		font = openFont(woff2ToTrueType(readFileSync(path)));
		fixGlyphCodePoints(font);
		loaded.set(path, font);
	}
	return font;
}

/**
 * fontkit remembers for each glyph the characters it was first asked for, and pdfkit writes
 * those into the PDF's ToUnicode map. A glyph that several characters share (space and no-break
 * space, say) would then map to whichever a document before used first. Asking for every
 * character once, in code point order, makes the mapping the same for every document.
 */
function fixGlyphCodePoints(font: FontkitFont) {
	for (const point of [...font.characterSet].sort((a, b) => a - b)) font.glyphForCodePoint(point);
}

function fira(face: Face): FontkitFont {
	const directory = join(packageDirectory('@kern-ux/native'), 'dist/fonts/fira-sans');
	return loadWoff2(join(directory, FIRA_FILES[face]));
}

function emoji(): FontkitFont {
	return loadWoff2(join(packageDirectory('@fontsource/noto-emoji'), 'files', EMOJI_FILE));
}

/**
 * What pdfkit needs to embed a font under a name: font data or, as pdfkit 0.20 also accepts
 * (`PDFFontFactory.open`, not in its types), an opened fontkit font.
 */
export interface FontRegistry {
	registerFont(name: string, font: Buffer | FontkitFont): unknown;
}

/**
 * The fonts of one document. `texts` are all strings the document may draw: characters that no
 * font has get a glyph of their own in the document's symbol font.
 */
export class DocumentFonts {
	private readonly faces: Record<Face, FontkitFont>;
	private readonly emoji: FontkitFont | null;
	private readonly symbols: ReadonlySet<number>;

	constructor(registry: FontRegistry, texts: Iterable<string>) {
		const faces = Object.keys(FIRA_FILES) as Face[];
		for (const face of faces) registry.registerFont(face, fira(face));
		this.faces = Object.fromEntries(faces.map((face) => [face, fira(face)])) as Record<
			Face,
			FontkitFont
		>;
		const outsideFira = this.codePointsOutsideFira(texts);
		this.emoji = outsideFira.size > 0 ? emoji() : null;
		if (this.emoji) registry.registerFont('emoji', this.emoji);
		const missing = [...outsideFira].filter(
			(point) => !DRAWN_SYMBOLS.has(point) && !this.emoji?.hasGlyphForCodePoint(point)
		);
		this.symbols = new Set([...DRAWN_SYMBOLS, ...missing]);
		registry.registerFont('symbols', buildSymbolFont(missing));
	}

	/** Ascent and descent of the body font, in em: where lines put their baseline. */
	get metrics(): { ascent: number; descent: number } {
		const font = this.faces.regular;
		return { ascent: font.ascent / font.unitsPerEm, descent: font.descent / font.unitsPerEm };
	}

	/** `text` in runs of one font each, in order; joined they give `text` back unchanged. */
	split(text: string, face: Face): FontRun[] {
		const runs: FontRun[] = [];
		for (const character of text) {
			const point = character.codePointAt(0) ?? 0;
			const last = runs.at(-1);
			const font =
				last && this.joinsPrevious(point, last.font) ? last.font : this.fontFor(point, face);
			if (last && last.font === font) last.text += character;
			else runs.push({ text: character, font });
		}
		return runs;
	}

	private fontFor(point: number, face: Face): FontName {
		if (this.faces[face].hasGlyphForCodePoint(point)) return face;
		if (this.symbols.has(point)) return 'symbols';
		if (this.emoji?.hasGlyphForCodePoint(point)) return 'emoji';
		if (this.faces.regular.hasGlyphForCodePoint(point)) return 'regular';
		return face;
	}

	/**
	 * Variation selectors belong to the character before them (fontkit folds them into its
	 * glyph); zero-width joiners, skin tones and keycaps stay in the emoji run they extend.
	 */
	private joinsPrevious(point: number, previous: FontName): boolean {
		if (isVariationSelector(point)) return true;
		return (
			previous === 'emoji' && isEmojiJoiner(point) && !!this.emoji?.hasGlyphForCodePoint(point)
		);
	}

	private codePointsOutsideFira(texts: Iterable<string>): Set<number> {
		const outside = new Set<number>();
		const seen = new Set<number>();
		for (const text of texts) {
			for (const character of text) {
				const point = character.codePointAt(0) ?? 0;
				if (seen.has(point)) continue;
				seen.add(point);
				if (isVariationSelector(point) || point < 0x20) continue;
				if (!this.faces.regular.hasGlyphForCodePoint(point)) outside.add(point);
			}
		}
		return outside;
	}
}

function isVariationSelector(point: number): boolean {
	return (point >= 0xfe00 && point <= 0xfe0f) || (point >= 0xe0100 && point <= 0xe01ef);
}

function isEmojiJoiner(point: number): boolean {
	return (
		point === 0x200d ||
		point === 0x20e3 ||
		(point >= 0x1f3fb && point <= 0x1f3ff) ||
		(point >= 0xe0020 && point <= 0xe007f)
	);
}

/** Every string inside a value (objects and arrays included), for the scan above. */
export function* stringsIn(value: unknown): Generator<string> {
	if (typeof value === 'string') yield value;
	else if (Array.isArray(value)) for (const item of value) yield* stringsIn(item);
	else if (value && typeof value === 'object') {
		for (const item of Object.values(value)) yield* stringsIn(item);
	}
}
