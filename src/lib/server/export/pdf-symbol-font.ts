import { assembleSfnt, ByteWriter } from './pdf-sfnt';

/**
 * A tiny TrueType font built at render time, for the characters neither Fira Sans nor Noto Emoji
 * has: the check boxes ☐ ☑ ☒ and check marks ✓ ✔ ✗ ✘ drawn as real glyphs, and a box glyph for
 * every other character of the document that no font covers.
 *
 * Why a font and not vector graphics plus hidden text: a PDF only maps *glyphs* back to text (its
 * ToUnicode table), and pdfkit maps the missing glyph of Fira Sans to U+0000. Text drawn with
 * this font shows the symbol, stays selectable and extracts as exactly the original character,
 * because each code point gets a glyph of its own.
 */

/** Font units per em; the metrics match Fira Sans, so lines keep their height. */
const EM = 1000;
const ASCENT = 935;
const DESCENT = -265;

type Point = [number, number];
type Contour = Point[];

interface Glyph {
	advance: number;
	contours: Contour[];
}

/** Box of the check boxes: about cap height, on the baseline, like ☐ in common fonts. */
const BOX = { left: 70, bottom: -20, right: 730, top: 640, stroke: 62 };
const BOX_ADVANCE = 800;

function checkBox(inner: Contour[]): Glyph {
	return { advance: BOX_ADVANCE, contours: [...frame(BOX), ...inner] };
}

const insideBox = {
	left: BOX.left + BOX.stroke + 75,
	bottom: BOX.bottom + BOX.stroke + 75,
	right: BOX.right - BOX.stroke - 75,
	top: BOX.top - BOX.stroke - 75
};

function cross(area: { left: number; bottom: number; right: number; top: number }, weight: number) {
	return [
		bar([area.left, area.bottom], [area.right, area.top], weight),
		bar([area.left, area.top], [area.right, area.bottom], weight)
	];
}

function tick(area: { left: number; bottom: number; right: number; top: number }, weight: number) {
	const width = area.right - area.left;
	const height = area.top - area.bottom;
	const corner: Point = [area.left + width * 0.36, area.bottom];
	return [
		bar([area.left, area.bottom + height * 0.45], corner, weight, weight / 2),
		bar(corner, [area.right, area.top], weight, weight / 2)
	];
}

const markArea = { left: 90, bottom: 0, right: 650, top: 620 };

const DRAWN = new Map<number, Glyph>([
	[0x2610, checkBox([])],
	[0x2611, checkBox(tick(insideBox, 70))],
	[0x2612, checkBox(cross(insideBox, 72))],
	[0x2713, { advance: 740, contours: tick(markArea, 70) }],
	[0x2714, { advance: 740, contours: tick(markArea, 120) }],
	[0x2717, { advance: 740, contours: cross(markArea, 70) }],
	[0x2718, { advance: 740, contours: cross(markArea, 120) }]
]);

/**
 * Spaces Fira Sans lacks (thin, narrow no-break, en, em …) with their usual widths, and
 * invisible joiners: blank, not boxes. The no-break hyphen is drawn like a hyphen.
 */
const BLANKS: [number, number][] = [
	[0x2000, 500],
	[0x2001, 1000],
	[0x2002, 500],
	[0x2003, 1000],
	[0x2004, 333],
	[0x2005, 250],
	[0x2006, 167],
	[0x2008, 250],
	[0x2009, 200],
	[0x200a, 100],
	[0x202f, 200],
	[0x205f, 222],
	[0x2060, 0],
	[0x2061, 0],
	[0x2062, 0],
	[0x2063, 0],
	[0x2064, 0],
	[0x3000, 1000]
];
for (const [point, advance] of BLANKS) DRAWN.set(point, { advance, contours: [] });
DRAWN.set(0x2011, {
	advance: 340,
	contours: [
		clockwise([
			[40, 220],
			[40, 290],
			[300, 290],
			[300, 220]
		])
	]
});

/** Code points this font draws itself (rather than as a box for a missing character). */
export const DRAWN_SYMBOLS: ReadonlySet<number> = new Set(DRAWN.keys());

/** What stands for a character no font has: an empty box, like the usual `.notdef`. */
const MISSING_GLYPH: Glyph = {
	advance: 600,
	contours: frame({ left: 60, bottom: 0, right: 540, top: 700, stroke: 40 })
};

/** The font with the drawn symbols and a box glyph for each of `missing` (code points). */
export function buildSymbolFont(missing: Iterable<number>): Buffer {
	const codePoints = [...new Set([...DRAWN.keys(), ...missing])].sort((a, b) => a - b);
	const glyphs: Glyph[] = [
		{ advance: 500, contours: [] },
		...codePoints.map((point) => DRAWN.get(point) ?? MISSING_GLYPH)
	];
	const { glyf, loca } = glyphTables(glyphs);
	const box = boundsOf(glyphs.flatMap((glyph) => glyph.contours.flat()));
	const tables = new Map<string, Uint8Array>([
		['cmap', cmapTable(codePoints)],
		['glyf', glyf],
		['head', headTable(box)],
		['hhea', hheaTable(glyphs)],
		['hmtx', hmtxTable(glyphs)],
		['loca', loca],
		['maxp', maxpTable(glyphs)],
		['name', nameTable('Agendawerk Symbols', 'AgendawerkSymbols-Regular')],
		['post', postTable()]
	]);
	return assembleSfnt(0x00010000, tables);
}

/** A rectangular frame: the outer contour clockwise, the hole counter-clockwise. */
function frame(box: { left: number; bottom: number; right: number; top: number; stroke: number }) {
	const { left, bottom, right, top, stroke } = box;
	return [
		clockwise([
			[left, bottom],
			[left, top],
			[right, top],
			[right, bottom]
		]),
		clockwise([
			[left + stroke, bottom + stroke],
			[left + stroke, top - stroke],
			[right - stroke, top - stroke],
			[right - stroke, bottom + stroke]
		]).reverse()
	];
}

/** A straight stroke from `from` to `to`, optionally lengthened at both ends. */
function bar(from: Point, to: Point, weight: number, extend = 0): Contour {
	const length = Math.hypot(to[0] - from[0], to[1] - from[1]);
	const along: Point = [(to[0] - from[0]) / length, (to[1] - from[1]) / length];
	const normal: Point = [(-along[1] * weight) / 2, (along[0] * weight) / 2];
	const start: Point = [from[0] - along[0] * extend, from[1] - along[1] * extend];
	const end: Point = [to[0] + along[0] * extend, to[1] + along[1] * extend];
	return clockwise([
		[start[0] + normal[0], start[1] + normal[1]],
		[end[0] + normal[0], end[1] + normal[1]],
		[end[0] - normal[0], end[1] - normal[1]],
		[start[0] - normal[0], start[1] - normal[1]]
	]);
}

/** TrueType fills by winding: outer contours run clockwise (y up), so strokes overlap cleanly. */
function clockwise(contour: Contour): Contour {
	const rounded = contour.map(([x, y]): Point => [Math.round(x), Math.round(y)]);
	let area = 0;
	rounded.forEach(([x, y], index) => {
		const [nextX, nextY] = rounded[(index + 1) % rounded.length] ?? [x, y];
		area += x * nextY - nextX * y;
	});
	return area > 0 ? rounded.reverse() : rounded;
}

function boundsOf(points: Point[]): [number, number, number, number] {
	if (points.length === 0) return [0, 0, 0, 0];
	const xs = points.map(([x]) => x);
	const ys = points.map(([, y]) => y);
	return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function glyphTables(glyphs: Glyph[]) {
	const glyf = new ByteWriter();
	const loca = new ByteWriter();
	for (const glyph of glyphs) {
		loca.u32(glyf.size);
		if (glyph.contours.length > 0) writeSimpleGlyph(glyf, glyph.contours);
		glyf.pad4();
	}
	loca.u32(glyf.size);
	return { glyf: glyf.toBuffer(), loca: loca.toBuffer() };
}

/** Only on-curve points and 16-bit deltas: the simplest valid glyf encoding. */
function writeSimpleGlyph(out: ByteWriter, contours: Contour[]) {
	const points = contours.flat();
	out.i16(contours.length);
	for (const value of boundsOf(points)) out.i16(value);
	let end = -1;
	for (const contour of contours) out.u16((end += contour.length));
	out.u16(0);
	for (let index = 0; index < points.length; index++) out.u8(0x01);
	points.forEach(([x], index) => out.i16(x - (points[index - 1]?.[0] ?? 0)));
	points.forEach(([, y], index) => out.i16(y - (points[index - 1]?.[1] ?? 0)));
}

/** Format 12 (segmented coverage): one group per code point, emoji planes included. */
function cmapTable(codePoints: number[]) {
	const out = new ByteWriter().u16(0).u16(1).u16(3).u16(10).u32(12);
	out
		.u16(12)
		.u16(0)
		.u32(16 + codePoints.length * 12)
		.u32(0)
		.u32(codePoints.length);
	codePoints.forEach((point, index) =>
		out
			.u32(point)
			.u32(point)
			.u32(index + 1)
	);
	return out.toBuffer();
}

function headTable([xMin, yMin, xMax, yMax]: [number, number, number, number]) {
	const out = new ByteWriter().u32(0x00010000).u32(0x00010000).u32(0).u32(0x5f0f3cf5);
	out.u16(0x000b).u16(EM);
	// Created and modified stay zero: the same document gives the same bytes.
	for (let index = 0; index < 4; index++) out.u32(0);
	out.i16(xMin).i16(yMin).i16(xMax).i16(yMax);
	return out.u16(0).u16(8).i16(2).i16(1).i16(0).toBuffer();
}

function hheaTable(glyphs: Glyph[]) {
	const widest = Math.max(...glyphs.map((glyph) => glyph.advance));
	const out = new ByteWriter().u32(0x00010000).i16(ASCENT).i16(DESCENT).i16(0);
	out.u16(widest).i16(0).i16(0).i16(widest).i16(1).i16(0).i16(0);
	for (let index = 0; index < 4; index++) out.i16(0);
	return out.i16(0).u16(glyphs.length).toBuffer();
}

function hmtxTable(glyphs: Glyph[]) {
	const out = new ByteWriter();
	for (const glyph of glyphs) {
		out.u16(glyph.advance).i16(boundsOf(glyph.contours.flat())[0]);
	}
	return out.toBuffer();
}

function maxpTable(glyphs: Glyph[]) {
	const points = Math.max(...glyphs.map((glyph) => glyph.contours.flat().length));
	const contours = Math.max(...glyphs.map((glyph) => glyph.contours.length));
	const out = new ByteWriter().u32(0x00010000).u16(glyphs.length).u16(points).u16(contours);
	out.u16(0).u16(0).u16(2);
	for (let index = 0; index < 8; index++) out.u16(0);
	return out.toBuffer();
}

/** Windows/Unicode names: family, subfamily, full name and the PostScript name pdfkit uses. */
function nameTable(family: string, postscript: string) {
	const names: [number, string][] = [
		[1, family],
		[2, 'Regular'],
		[4, family],
		[6, postscript]
	];
	const strings = names.map(([, text]) => Buffer.from(text, 'utf16le').swap16());
	const out = new ByteWriter()
		.u16(0)
		.u16(names.length)
		.u16(6 + names.length * 12);
	let offset = 0;
	names.forEach(([id], index) => {
		const length = strings[index]?.length ?? 0;
		out.u16(3).u16(1).u16(0x0409).u16(id).u16(length).u16(offset);
		offset += length;
	});
	for (const text of strings) out.bytes(text);
	return out.toBuffer();
}

/** Version 3: no glyph names, which PDF embedding does not need. */
function postTable() {
	const out = new ByteWriter().u32(0x00030000).u32(0).i16(-100).i16(50);
	for (let index = 0; index < 5; index++) out.u32(0);
	return out.toBuffer();
}
