/**
 * Writing TrueType (sfnt) files: a big-endian byte writer and the table directory with its
 * checksums. Used to turn the WOFF2 fonts into plain TrueType (fontkit cannot subset WOFF2
 * correctly) and to build the small symbol font of the PDF renderer.
 */

/** A growing big-endian buffer. */
export class ByteWriter {
	private buffer = Buffer.alloc(1024);
	private length = 0;

	get size(): number {
		return this.length;
	}

	u8(value: number): this {
		this.reserve(1);
		this.buffer[this.length++] = value & 0xff;
		return this;
	}

	u16(value: number): this {
		this.reserve(2);
		this.buffer[this.length++] = (value >> 8) & 0xff;
		this.buffer[this.length++] = value & 0xff;
		return this;
	}

	i16(value: number): this {
		return this.u16(value < 0 ? value + 0x10000 : value);
	}

	u32(value: number): this {
		this.reserve(4);
		this.buffer.writeUInt32BE(value >>> 0, this.length);
		this.length += 4;
		return this;
	}

	bytes(data: Uint8Array): this {
		this.reserve(data.length);
		this.buffer.set(data, this.length);
		this.length += data.length;
		return this;
	}

	/** Zero bytes up to the next multiple of four (sfnt tables and glyphs are long-aligned). */
	pad4(): this {
		while (this.length % 4 !== 0) this.u8(0);
		return this;
	}

	toBuffer(): Buffer {
		return Buffer.from(this.buffer.subarray(0, this.length));
	}

	private reserve(count: number) {
		if (this.length + count <= this.buffer.length) return;
		const grown = Buffer.alloc(Math.max(this.buffer.length * 2, this.length + count));
		this.buffer.copy(grown, 0, 0, this.length);
		this.buffer = grown;
	}
}

/** Tables are sorted by tag, each padded to four bytes, with `head.checkSumAdjustment` set. */
export function assembleSfnt(flavor: number, tables: Map<string, Uint8Array>): Buffer {
	const entries = [...tables.entries()]
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([tag, data]) => ({ tag, data: withoutChecksumAdjustment(tag, data) }));
	const power = 2 ** Math.floor(Math.log2(entries.length));
	const out = new ByteWriter()
		.u32(flavor)
		.u16(entries.length)
		.u16(power * 16)
		.u16(Math.log2(power))
		.u16(entries.length * 16 - power * 16);
	let offset = 12 + entries.length * 16;
	let headOffset: number | undefined;
	for (const { tag, data } of entries) {
		out.bytes(Buffer.from(tag, 'latin1')).u32(checksum(data)).u32(offset).u32(data.length);
		if (tag === 'head') headOffset = offset;
		offset += Math.ceil(data.length / 4) * 4;
	}
	for (const { data } of entries) out.bytes(data).pad4();
	const font = out.toBuffer();
	if (headOffset !== undefined) {
		font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headOffset + 8);
	}
	return font;
}

function withoutChecksumAdjustment(tag: string, data: Uint8Array): Uint8Array {
	if (tag !== 'head' || data.length < 12) return data;
	const copy = Buffer.from(data);
	copy.writeUInt32BE(0, 8);
	return copy;
}

function checksum(data: Uint8Array): number {
	let sum = 0;
	for (let index = 0; index < data.length; index += 4) {
		const word =
			((data[index] ?? 0) << 24) |
			((data[index + 1] ?? 0) << 16) |
			((data[index + 2] ?? 0) << 8) |
			(data[index + 3] ?? 0);
		sum = (sum + (word >>> 0)) >>> 0;
	}
	return sum;
}
