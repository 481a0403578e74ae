import { brotliDecompressSync } from 'node:zlib';
import { assembleSfnt, ByteWriter } from './pdf-sfnt';

/**
 * WOFF2 to plain TrueType, after the W3C WOFF2 specification (section 5, the glyf/loca
 * transform). Needed because fontkit reads WOFF2 but its subsetter copies glyphs from the
 * *transformed* glyf table, which breaks (or crashes on) every embedded glyph. With a plain
 * TrueType file pdfkit subsets and embeds correctly.
 *
 * Not supported (the fonts we ship do not use them): font collections and the hmtx transform.
 */
export function woff2ToTrueType(woff2: Uint8Array): Buffer {
	const header = readHeader(woff2);
	const data = brotliDecompressSync(
		woff2.subarray(header.dataOffset, header.dataOffset + header.compressedSize)
	);
	const tables = new Map<string, Uint8Array>();
	let offset = 0;
	for (const entry of header.tables) {
		const size = entry.transformLength ?? entry.length;
		const table = data.subarray(offset, offset + size);
		offset += size;
		if (entry.tag === 'loca' && entry.transformLength !== undefined) continue;
		if (entry.tag === 'glyf' && entry.transformLength !== undefined) {
			const { glyf, loca } = reconstructGlyf(table);
			tables.set('glyf', glyf);
			tables.set('loca', loca);
			continue;
		}
		if (entry.transformLength !== undefined) {
			throw new Error(`WOFF2: transformed table ${entry.tag} is not supported`);
		}
		tables.set(entry.tag, table);
	}
	return assembleSfnt(header.flavor, tables);
}

interface TableEntry {
	tag: string;
	length: number;
	/** Set when the table is stored transformed. */
	transformLength?: number;
}

/** The tags a directory entry names by index (WOFF2 section 5, table 2). */
// prettier-ignore
const KNOWN_TAGS = [
	'cmap', 'head', 'hhea', 'hmtx', 'maxp', 'name', 'OS/2', 'post', 'cvt ', 'fpgm', 'glyf',
	'loca', 'prep', 'CFF ', 'VORG', 'EBDT', 'EBLC', 'gasp', 'hdmx', 'kern', 'LTSH', 'PCLT',
	'VDMX', 'vhea', 'vmtx', 'BASE', 'GDEF', 'GPOS', 'GSUB', 'EBSC', 'JSTF', 'MATH', 'CBDT',
	'CBLC', 'COLR', 'CPAL', 'SVG ', 'sbix', 'acnt', 'avar', 'bdat', 'bloc', 'bsln', 'cvar',
	'fdsc', 'feat', 'fmtx', 'fvar', 'gvar', 'hsty', 'just', 'lcar', 'mort', 'morx', 'opbd',
	'prop', 'trak', 'Zapf', 'Silf', 'Glat', 'Gloc', 'Feat', 'Sill'
];

function readHeader(woff2: Uint8Array) {
	const reader = new ByteReader(woff2);
	if (reader.u32() !== 0x774f4632) throw new Error('WOFF2: wrong signature');
	const flavor = reader.u32();
	if (flavor === 0x74746366) throw new Error('WOFF2: font collections are not supported');
	reader.skip(4);
	const numTables = reader.u16();
	reader.skip(6);
	const compressedSize = reader.u32();
	reader.skip(24);
	const tables: TableEntry[] = [];
	for (let index = 0; index < numTables; index++) tables.push(readTableEntry(reader));
	return { flavor, tables, compressedSize, dataOffset: reader.position };
}

function readTableEntry(reader: ByteReader): TableEntry {
	const flags = reader.u8();
	const known = flags & 0x3f;
	const tag = known === 0x3f ? reader.tag() : KNOWN_TAGS[known];
	if (tag === undefined) throw new Error(`WOFF2: unknown table ${known}`);
	const length = reader.base128();
	const version = flags >> 6;
	// For glyf and loca version 0 is the transform; for every other table it is the identity.
	const transformed = tag === 'glyf' || tag === 'loca' ? version === 0 : version !== 0;
	return transformed ? { tag, length, transformLength: reader.base128() } : { tag, length };
}

/** The seven streams of a transformed glyf table (WOFF2 section 5.1). */
interface GlyfStreams {
	nContours: ByteReader;
	nPoints: ByteReader;
	flags: ByteReader;
	glyphs: ByteReader;
	composites: ByteReader;
	bboxBitmap: Uint8Array;
	bboxes: ByteReader;
	instructions: ByteReader;
	overlapBitmap: Uint8Array | null;
}

function reconstructGlyf(table: Uint8Array): { glyf: Buffer; loca: Buffer } {
	const reader = new ByteReader(table);
	reader.skip(2);
	const optionFlags = reader.u16();
	const numGlyphs = reader.u16();
	const indexFormat = reader.u16();
	const sizes = Array.from({ length: 7 }, () => reader.u32());
	const stream = (size: number) => new ByteReader(reader.take(size));
	const [nContours, nPoints, flags, glyphs, composites, bboxSize, instructions] = sizes;
	const bboxBitmapSize = 4 * Math.floor((numGlyphs + 31) / 32);
	const streams: GlyfStreams = {
		nContours: stream(nContours ?? 0),
		nPoints: stream(nPoints ?? 0),
		flags: stream(flags ?? 0),
		glyphs: stream(glyphs ?? 0),
		composites: stream(composites ?? 0),
		bboxBitmap: reader.take(bboxBitmapSize),
		bboxes: stream((bboxSize ?? 0) - bboxBitmapSize),
		instructions: stream(instructions ?? 0),
		overlapBitmap: optionFlags & 1 ? reader.take(Math.floor((numGlyphs + 7) / 8)) : null
	};
	const glyf = new ByteWriter();
	const loca = new ByteWriter();
	const writeOffset = (offset: number) =>
		indexFormat === 0 ? loca.u16(offset / 2) : loca.u32(offset);
	for (let glyph = 0; glyph < numGlyphs; glyph++) {
		writeOffset(glyf.size);
		writeGlyph(glyf, streams, glyph);
		glyf.pad4();
	}
	writeOffset(glyf.size);
	return { glyf: glyf.toBuffer(), loca: loca.toBuffer() };
}

function writeGlyph(out: ByteWriter, streams: GlyfStreams, glyph: number) {
	const contours = streams.nContours.i16();
	const explicitBox = bitSet(streams.bboxBitmap, glyph);
	if (contours === 0) return;
	if (contours < 0) {
		out.i16(-1);
		writeBox(out, readBox(streams.bboxes));
		writeComposite(out, streams);
		return;
	}
	const endPoints: number[] = [];
	let total = 0;
	for (let contour = 0; contour < contours; contour++) {
		total += streams.nPoints.uint255();
		endPoints.push(total - 1);
	}
	const points = decodeTriplets(streams.flags, streams.glyphs, total);
	const instructionLength = streams.glyphs.uint255();
	out.i16(contours);
	writeBox(out, explicitBox ? readBox(streams.bboxes) : boxOf(points));
	for (const end of endPoints) out.u16(end);
	out.u16(instructionLength).bytes(streams.instructions.take(instructionLength));
	const overlaps = streams.overlapBitmap !== null && bitSet(streams.overlapBitmap, glyph);
	writeSimpleOutline(out, points, overlaps);
}

interface Point {
	x: number;
	y: number;
	onCurve: boolean;
}

type Box = [number, number, number, number];

function readBox(reader: ByteReader): Box {
	return [reader.i16(), reader.i16(), reader.i16(), reader.i16()];
}

function boxOf(points: Point[]): Box {
	const xs = points.map((point) => point.x);
	const ys = points.map((point) => point.y);
	return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function writeBox(out: ByteWriter, box: Box) {
	for (const value of box) out.i16(value);
}

/** The point encoding of WOFF2 section 5.2: one flag byte plus 1–4 bytes per point. */
function decodeTriplets(flags: ByteReader, data: ByteReader, count: number): Point[] {
	const points: Point[] = [];
	let x = 0;
	let y = 0;
	for (let index = 0; index < count; index++) {
		const flagByte = flags.u8();
		const flag = flagByte & 0x7f;
		const [dx, dy] = tripletDelta(flag, data);
		x += dx;
		y += dy;
		points.push({ x, y, onCurve: flagByte >> 7 === 0 });
	}
	return points;
}

function tripletDelta(flag: number, data: ByteReader): [number, number] {
	const sign = (bit: number, value: number) => (bit & 1 ? value : -value);
	if (flag < 10) return [0, sign(flag, ((flag & 14) << 7) + data.u8())];
	if (flag < 20) return [sign(flag, (((flag - 10) & 14) << 7) + data.u8()), 0];
	if (flag < 84) {
		const b0 = flag - 20;
		const b1 = data.u8();
		return [
			sign(flag, 1 + (b0 & 0x30) + (b1 >> 4)),
			sign(flag >> 1, 1 + ((b0 & 0x0c) << 2) + (b1 & 0x0f))
		];
	}
	if (flag < 120) {
		const b0 = flag - 84;
		const dx = sign(flag, 1 + (Math.floor(b0 / 12) << 8) + data.u8());
		return [dx, sign(flag >> 1, 1 + (((b0 % 12) >> 2) << 8) + data.u8())];
	}
	if (flag < 124) {
		const b1 = data.u8();
		const b2 = data.u8();
		return [sign(flag, (b1 << 4) + (b2 >> 4)), sign(flag >> 1, ((b2 & 0x0f) << 8) + data.u8())];
	}
	return [sign(flag, data.u16()), sign(flag >> 1, data.u16())];
}

/** Flags and coordinates of a simple glyph as the glyf table stores them (no flag repeats). */
function writeSimpleOutline(out: ByteWriter, points: Point[], overlaps: boolean) {
	const xs = new ByteWriter();
	const ys = new ByteWriter();
	let lastX = 0;
	let lastY = 0;
	points.forEach((point, index) => {
		let flag = point.onCurve ? 0x01 : 0;
		if (overlaps && index === 0) flag |= 0x40;
		flag |= writeCoordinate(xs, point.x - lastX, 0x02, 0x10);
		flag |= writeCoordinate(ys, point.y - lastY, 0x04, 0x20);
		lastX = point.x;
		lastY = point.y;
		out.u8(flag);
	});
	out.bytes(xs.toBuffer()).bytes(ys.toBuffer());
}

function writeCoordinate(out: ByteWriter, delta: number, short: number, sameOrPositive: number) {
	if (delta === 0) return sameOrPositive;
	if (Math.abs(delta) < 256) {
		out.u8(Math.abs(delta));
		return short | (delta > 0 ? sameOrPositive : 0);
	}
	out.i16(delta);
	return 0;
}

const ARG_WORDS = 0x0001;
const HAVE_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const HAVE_XY_SCALE = 0x0040;
const HAVE_TWO_BY_TWO = 0x0080;
const HAVE_INSTRUCTIONS = 0x0100;

/** Composite glyphs are stored as in glyf; only their instructions live in other streams. */
function writeComposite(out: ByteWriter, streams: GlyfStreams) {
	let instructions = false;
	let more = true;
	while (more) {
		const flags = streams.composites.u16();
		const size =
			2 +
			(flags & ARG_WORDS ? 4 : 2) +
			(flags & HAVE_SCALE ? 2 : flags & HAVE_XY_SCALE ? 4 : flags & HAVE_TWO_BY_TWO ? 8 : 0);
		out.u16(flags).bytes(streams.composites.take(size));
		instructions ||= (flags & HAVE_INSTRUCTIONS) !== 0;
		more = (flags & MORE_COMPONENTS) !== 0;
	}
	if (!instructions) return;
	const length = streams.glyphs.uint255();
	out.u16(length).bytes(streams.instructions.take(length));
}

function bitSet(bitmap: Uint8Array, index: number): boolean {
	return ((bitmap[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0;
}

class ByteReader {
	position = 0;
	private readonly view: DataView;

	constructor(private readonly data: Uint8Array) {
		this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
	}

	u8(): number {
		return this.view.getUint8(this.advance(1));
	}

	u16(): number {
		return this.view.getUint16(this.advance(2));
	}

	i16(): number {
		return this.view.getInt16(this.advance(2));
	}

	u32(): number {
		return this.view.getUint32(this.advance(4));
	}

	tag(): string {
		return Buffer.from(this.take(4)).toString('latin1');
	}

	take(count: number): Uint8Array {
		const start = this.advance(count);
		return this.data.subarray(start, start + count);
	}

	skip(count: number) {
		this.advance(count);
	}

	/** UIntBase128 (WOFF2 section 4.1). */
	base128(): number {
		let value = 0;
		for (let index = 0; index < 5; index++) {
			const byte = this.u8();
			value = value * 128 + (byte & 0x7f);
			if ((byte & 0x80) === 0) return value;
		}
		throw new Error('WOFF2: invalid UIntBase128');
	}

	/** 255UInt16 (WOFF2 section 4.2). */
	uint255(): number {
		const code = this.u8();
		if (code === 253) return this.u16();
		if (code === 255) return this.u8() + 253;
		if (code === 254) return this.u8() + 253 * 2;
		return code;
	}

	private advance(count: number): number {
		const start = this.position;
		if (start + count > this.data.length) throw new Error('WOFF2: unexpected end of data');
		this.position += count;
		return start;
	}
}
