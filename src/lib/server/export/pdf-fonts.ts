import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The fonts of the PDF export, in the order a character is looked for in them:
 *
 * 1. Fira Sans, the KERN design system's typeface, in the four faces the app's text uses
 *    (Regular, Bold, Italic, Bold Italic: the files KERN's fira-sans.css gives weights 400 and
 *    700), complete: with subscript digits (CO₂), ‰, fractions, ligature characters (ﬁ ﬂ),
 *    arrows and ≤. KERN ships it as WOFF2 only, which fontkit (pdfkit's font engine) reads but
 *    cannot subset; so it is decompressed to TrueType once per process (wawoff2: Google's woff2
 *    code as WebAssembly), before the first document.
 * 2. Noto Sans Symbols 2 (@fontsource, WOFF) for check boxes, check marks and other symbols.
 * 3. Noto Emoji (@fontsource, WOFF, monochrome).
 * 4. Noto Sans (KERN's fallback font, WOFF; Regular and Bold, upright in the italic faces too)
 *    for what Fira lacks of general punctuation: thin and narrow no-break spaces (U+2009,
 *    U+202F), the no-break hyphen (U+2011), figure space and the like.
 *
 * Text is split into runs by which font has its characters: per character the first font that
 * has it. So every covered character is drawn with a real glyph and extracts from the PDF as
 * itself. WOFF files are embedded as pdfkit reads them, TrueType as subsets.
 *
 * Limitation: a character that none of these fonts has (Chinese, Arabic or Hebrew script …) is
 * drawn with Fira Sans all the same, as its missing-glyph box. It keeps its place in the line,
 * so nothing is dropped from what is drawn, but copying or searching the PDF gives U+0000 for
 * it (pdfkit maps the missing glyph to that), not the character.
 */

export type Face = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FACES: readonly Face[] = ['regular', 'bold', 'italic', 'boldItalic'];

const SYMBOLS_SUBSETS = [
	'symbols',
	'math',
	'latin',
	'latin-ext',
	'braille',
	'mayan-numerals'
] as const;

type WoffFontName =
	`symbols:${(typeof SYMBOLS_SUBSETS)[number]}` | 'emoji' | 'noto:regular' | 'noto:bold';

/**
 * The name a font is registered under in every document: Fira Sans of a face, or one of the
 * WOFF fonts (each unicode-range subset of Noto Sans Symbols 2 is a font of its own).
 */
export type FontName = Face | WoffFontName;

export interface FontRun {
	text: string;
	font: FontName;
}

interface FontkitGlyph {
	id: number;
}

/** The part of fontkit (pdfkit's font engine) used here; pdfkit uses the rest. */
export interface FontkitFont {
	hasGlyphForCodePoint(codePoint: number): boolean;
	glyphForCodePoint(codePoint: number): FontkitGlyph;
	layout(text: string): { glyphs: FontkitGlyph[] };
	characterSet: number[];
	unitsPerEm: number;
	ascent: number;
	descent: number;
}

const KERN = '@kern-ux/native';

/** The Fira Sans files of each face, in @kern-ux/native. */
const FIRA_FILES: Record<Face, string> = {
	regular: 'dist/fonts/fira-sans/FiraSans-Regular.woff2',
	bold: 'dist/fonts/fira-sans/FiraSans-Bold.woff2',
	italic: 'dist/fonts/fira-sans/FiraSans-Italic.woff2',
	boldItalic: 'dist/fonts/fira-sans/FiraSans-BoldItalic.woff2'
};

interface FontFile {
	package: string;
	/** The file, from the package's folder. */
	file: string;
}

const WOFF_FILES: Record<WoffFontName, FontFile> = {
	...(Object.fromEntries(
		SYMBOLS_SUBSETS.map((subset) => [
			`symbols:${subset}`,
			{
				package: '@fontsource/noto-sans-symbols-2',
				file: `files/noto-sans-symbols-2-${subset}-400-normal.woff`
			}
		])
	) as Record<`symbols:${(typeof SYMBOLS_SUBSETS)[number]}`, FontFile>),
	// The whole emoji set in one file (the numbered files are unicode-range slices of it).
	emoji: { package: '@fontsource/noto-emoji', file: 'files/noto-emoji-emoji-400-normal.woff' },
	'noto:regular': { package: KERN, file: 'dist/fonts/noto-sans/NotoSans-Regular.woff' },
	'noto:bold': { package: KERN, file: 'dist/fonts/noto-sans/NotoSans-Bold.woff' }
};

const EMOJI: FontName = 'emoji';

/** The fonts a character of each face is looked for in, in order. */
const CANDIDATES: Record<Face, FontName[]> = Object.fromEntries(
	FACES.map((face) => [
		face,
		[
			face,
			...SYMBOLS_SUBSETS.map((subset): FontName => `symbols:${subset}`),
			EMOJI,
			face === 'bold' || face === 'boldItalic' ? 'noto:bold' : 'noto:regular'
		]
	])
) as Record<Face, FontName[]>;

// Packages are resolved from this module, so the paths hold in `vite dev`, in Vitest and in the
// built server (build/ with node_modules beside it) alike.
const require = createRequire(import.meta.url);

function packageFile(name: string, file: string): string {
	return join(dirname(require.resolve(`${name}/package.json`)), file);
}

// fontkit is not a dependency of ours but pdfkit's: resolved the way pdfkit resolves it.
let fontkit: { create(data: Buffer): FontkitFont } | undefined;

function openFont(data: Buffer): FontkitFont {
	fontkit ??= createRequire(require.resolve('pdfkit'))('fontkit') as {
		create(data: Buffer): FontkitFont;
	};
	return fontkit.create(data);
}

/** Fira Sans as TrueType, per face, once `fira()` has decompressed it. */
let firaData: Record<Face, Buffer> | undefined;
let firaLoading: Promise<Record<Face, Buffer>> | undefined;

/** Fira Sans decompressed once per process, when a document first needs it. */
async function fira(): Promise<Record<Face, Buffer>> {
	firaLoading ??= decompressFira().catch((error: unknown) => {
		firaLoading = undefined;
		throw error;
	});
	firaData ??= await firaLoading;
	return firaData;
}

async function decompressFira(): Promise<Record<Face, Buffer>> {
	// Only the decompressor: the package's index loads the compressor (and its memory) too.
	const decompress = require('wawoff2/decompress.js') as (woff2: Uint8Array) => Promise<Uint8Array>;
	const data: Partial<Record<Face, Buffer>> = {};
	for (const face of FACES) {
		// One at a time, and copied at once: wawoff2 returns a view of its WebAssembly memory,
		// which its next call overwrites.
		const ttf = await decompress(readFileSync(packageFile(KERN, FIRA_FILES[face])));
		data[face] = Buffer.from(ttf);
	}
	return data as Record<Face, Buffer>;
}

const loaded = new Map<FontName, FontkitFont>();

/**
 * Opens a font once per process, when a document first needs it. Every document shares the
 * opened font: opening it anew costs more than laying out a whole document (fontkit parses the
 * kerning and ligature tables of each instance on first use). Fira Sans must have been
 * decompressed (`DocumentFonts.open`).
 */
function load(name: FontName): FontkitFont {
	let font = loaded.get(name);
	if (font) return font;
	if (name in WOFF_FILES) {
		const file = WOFF_FILES[name as WoffFontName];
		font = openFont(readFileSync(packageFile(file.package, file.file)));
		inflateTablesOnce(font);
	} else {
		if (!firaData) throw new Error('Fira Sans is not loaded: open fonts with DocumentFonts.open');
		font = openFont(firaData[name as Face]);
	}
	fixGlyphCodePoints(font);
	loaded.set(name, font);
	return font;
}

/** fontkit's reader of a font table (restructure's `DecodeStream`): its bytes and a position. */
interface TableStream {
	buffer: Uint8Array;
	pos: number;
}

interface WoffFont {
	stream: TableStream;
	_getTableStream(tag: string): TableStream | null;
}

/**
 * fontkit (2.0) inflates a table of a WOFF font anew whenever it reads it, and embedding a glyph
 * reads the whole glyph table twice: 10 to 30 ms per glyph of Noto Sans Symbols 2 or Noto Emoji,
 * in every document. Here each table is inflated once, by fontkit itself, and then read from
 * memory. Without fontkit's (internal) method, fonts are used as fontkit reads them. (TrueType
 * tables are read in place: Fira Sans needs none of this.)
 */
function inflateTablesOnce(font: FontkitFont) {
	const woff = font as unknown as Partial<WoffFont>;
	const read = woff._getTableStream?.bind(font);
	if (!read) return;
	const inflated = new Map<string, TableStream>();
	woff._getTableStream = (tag) => {
		const cached = inflated.get(tag);
		if (cached) {
			const Stream = cached.constructor as new (buffer: Uint8Array) => TableStream;
			return new Stream(cached.buffer);
		}
		const stream = read(tag);
		// An uncompressed table is read from the file's own stream: nothing to keep.
		if (stream && stream !== woff.stream) inflated.set(tag, stream);
		return stream;
	};
}

/**
 * fontkit remembers for each glyph the characters it was first asked for, and pdfkit writes
 * those into the PDF's ToUnicode map. A glyph that several characters share would then map to
 * whichever a document before used first; here each glyph gets its characters once, when its
 * font is opened, the same for every document.
 *
 * Shared are the glyphs of ligatures: Fira Sans draws „fi“ and „fl“ with the glyphs it has for
 * ﬁ and ﬂ (U+FB01, U+FB02). Those glyphs map to the letters they join, as in other PDF
 * producers, so that running text such as „Definition“ extracts (and is found) as written; the
 * characters ﬁ and ﬂ themselves, rare and equivalent to their letters, extract as „fi“ and „fl“
 * too. So the characters of the Alphabetic Presentation Forms block (U+FB00 to U+FB4F) are laid
 * out as their letters first. Then every character is asked for once, in code point order.
 */
function fixGlyphCodePoints(font: FontkitFont) {
	const points = [...font.characterSet].sort((a, b) => a - b);
	for (const point of points) {
		if (point >= 0xfb00 && point <= 0xfb4f) {
			const letters = String.fromCodePoint(point).normalize('NFKC');
			if (letters.length > 1) font.layout(letters);
		}
	}
	for (const point of points) font.glyphForCodePoint(point);
}

/** The font each character is drawn with, per face: the fonts never change, so neither does it. */
const chosen: Record<Face, Map<number, FontName>> = {
	regular: new Map(),
	bold: new Map(),
	italic: new Map(),
	boldItalic: new Map()
};

function fontFor(point: number, face: Face): FontName {
	let name = chosen[face].get(point);
	if (!name) {
		// In no font at all: Fira Sans draws its missing-glyph box (see the top of this file).
		name =
			CANDIDATES[face].find((candidate) => load(candidate).hasGlyphForCodePoint(point)) ?? face;
		chosen[face].set(point, name);
	}
	return name;
}

/**
 * What pdfkit needs to embed a font under a name: an opened fontkit font, which pdfkit 0.20
 * accepts (`PDFFontFactory.open`) though its types only name font files.
 */
export interface FontRegistry {
	registerFont(name: string, font: FontkitFont): unknown;
}

/** The fonts of one document, registered with it as its text first needs them. */
export class DocumentFonts {
	private readonly registered = new Set<FontName>();

	private constructor(private readonly registry: FontRegistry) {}

	/** The fonts of a new document; the first one waits for Fira Sans to be decompressed. */
	static async open(registry: FontRegistry): Promise<DocumentFonts> {
		await fira();
		return new DocumentFonts(registry);
	}

	/** Ascent and descent of the body font, in em: where lines put their baseline. */
	get metrics(): { ascent: number; descent: number } {
		const font = load('regular');
		return { ascent: font.ascent / font.unitsPerEm, descent: font.descent / font.unitsPerEm };
	}

	/** `text` in runs of one font each, in order; joined they give `text` back unchanged. */
	split(text: string, face: Face): FontRun[] {
		const runs: FontRun[] = [];
		for (const character of text) {
			const point = character.codePointAt(0) ?? 0;
			const last = runs.at(-1);
			const font = last && joinsPrevious(point, last.font) ? last.font : fontFor(point, face);
			if (last && last.font === font) last.text += character;
			else {
				this.register(font);
				runs.push({ text: character, font });
			}
		}
		return runs;
	}

	private register(name: FontName) {
		if (this.registered.has(name)) return;
		this.registry.registerFont(name, load(name));
		this.registered.add(name);
	}
}

/**
 * Variation selectors belong to the character before them (fontkit folds them into its glyph);
 * zero-width joiners, skin tones and keycaps stay in the emoji run they extend.
 */
function joinsPrevious(point: number, previous: FontName): boolean {
	if (isVariationSelector(point)) return true;
	return previous === EMOJI && isEmojiJoiner(point) && load(EMOJI).hasGlyphForCodePoint(point);
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
