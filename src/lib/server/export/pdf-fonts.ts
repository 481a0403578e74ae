import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The fonts of the PDF export, all WOFF (version 1) files of @fontsource packages, which pdfkit
 * embeds as they are: Fira Sans (the KERN design system's typeface) in four faces, Noto Sans
 * Symbols 2 for check boxes, check marks and other symbols, and Noto Emoji (monochrome). Each
 * package splits a font into unicode-range subsets; every subset is a font of its own here.
 *
 * Text is split into runs by which font has its characters: per character the first font that
 * has it, in the order Fira Sans (subsets of the wanted face), Noto Sans Symbols 2, Noto Emoji.
 * So every covered character is drawn with a real glyph and extracts from the PDF as itself.
 *
 * Limitation: a character that none of these fonts has (Chinese, Arabic or Hebrew script, thin
 * and narrow no-break spaces U+2009 and U+202F, the no-break hyphen U+2011 …) is drawn with Fira
 * Sans all the same, as its missing-glyph box. It keeps its place in the line, so nothing is
 * dropped from what is drawn, but copying or searching the PDF gives U+0000 for it (pdfkit maps
 * the missing glyph to that), not the character.
 */

export type Face = 'regular' | 'bold' | 'italic' | 'boldItalic';

const FIRA_SUBSETS = [
	'latin',
	'latin-ext',
	'cyrillic',
	'cyrillic-ext',
	'greek',
	'greek-ext',
	'vietnamese'
] as const;
const SYMBOLS_SUBSETS = [
	'symbols',
	'math',
	'latin',
	'latin-ext',
	'braille',
	'mayan-numerals'
] as const;

/** The name a font is registered under in every document: one subset of one font and face. */
export type FontName =
	| `${Face}:${(typeof FIRA_SUBSETS)[number]}`
	| `symbols:${(typeof SYMBOLS_SUBSETS)[number]}`
	| 'emoji';

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

/** Weight and style of each face, as in the @fontsource file names. */
const FACE_FILES: Record<Face, string> = {
	regular: '400-normal',
	bold: '700-normal',
	italic: '400-italic',
	boldItalic: '700-italic'
};

const EMOJI: FontName = 'emoji';

interface FontFile {
	name: FontName;
	/** The package and the file in its `files/` folder. */
	package: string;
	file: string;
}

function firaFiles(face: Face): FontFile[] {
	return FIRA_SUBSETS.map((subset) => ({
		name: `${face}:${subset}`,
		package: '@fontsource/fira-sans',
		file: `fira-sans-${subset}-${FACE_FILES[face]}.woff`
	}));
}

/** The fonts a character of each face is looked for in, in order. */
const CANDIDATES: Record<Face, FontFile[]> = (() => {
	const others: FontFile[] = [
		...SYMBOLS_SUBSETS.map((subset): FontFile => ({
			name: `symbols:${subset}`,
			package: '@fontsource/noto-sans-symbols-2',
			file: `noto-sans-symbols-2-${subset}-400-normal.woff`
		})),
		// The whole emoji set in one file (the numbered files are unicode-range slices of it).
		{ name: EMOJI, package: '@fontsource/noto-emoji', file: 'noto-emoji-emoji-400-normal.woff' }
	];
	const faces = Object.keys(FACE_FILES) as Face[];
	return Object.fromEntries(faces.map((face) => [face, [...firaFiles(face), ...others]])) as Record<
		Face,
		FontFile[]
	>;
})();

const FILES = new Map<FontName, FontFile>(
	Object.values(CANDIDATES)
		.flat()
		.map((file) => [file.name, file])
);

// Packages are resolved from this module, so the paths hold in `vite dev`, in Vitest and in the
// built server (build/ with node_modules beside it) alike.
const require = createRequire(import.meta.url);

// fontkit is not a dependency of ours but pdfkit's: resolved the way pdfkit resolves it.
let fontkit: { create(data: Buffer): FontkitFont } | undefined;

const loaded = new Map<FontName, FontkitFont>();

/**
 * Reads and opens a font once per process, when a document first needs it. Every document
 * shares the opened font: opening it anew costs more than laying out a whole document (fontkit
 * parses the kerning and ligature tables of each instance on first use).
 */
function load(name: FontName): FontkitFont {
	let font = loaded.get(name);
	if (!font) {
		const file = FILES.get(name);
		if (!file) throw new Error(`Unknown font ${name}`);
		const directory = dirname(require.resolve(`${file.package}/package.json`));
		fontkit ??= createRequire(require.resolve('pdfkit'))('fontkit') as {
			create(data: Buffer): FontkitFont;
		};
		font = fontkit.create(readFileSync(join(directory, 'files', file.file)));
		inflateTablesOnce(font);
		fixGlyphCodePoints(font);
		loaded.set(name, font);
	}
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
 * memory. Without fontkit's (internal) method, fonts are used as fontkit reads them.
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
 * whichever a document before used first. Asking for every character once, in code point order,
 * makes the mapping the same for every document. (No glyph of the current font files is shared:
 * this guards against a version that shares one.)
 */
function fixGlyphCodePoints(font: FontkitFont) {
	for (const point of [...font.characterSet].sort((a, b) => a - b)) font.glyphForCodePoint(point);
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
		const candidates = CANDIDATES[face];
		name = candidates.find((file) => load(file.name).hasGlyphForCodePoint(point))?.name;
		// In no font at all: Fira Sans draws its missing-glyph box (see the top of this file).
		name ??= `${face}:latin`;
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

	constructor(private readonly registry: FontRegistry) {}

	/** Ascent and descent of the body font, in em: where lines put their baseline. */
	get metrics(): { ascent: number; descent: number } {
		const font = load('regular:latin');
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
