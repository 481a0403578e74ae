import { inflateRawSync } from 'node:zlib';

/**
 * Reads the files of a ZIP archive (a DOCX, XLSX …) with nothing but `node:zlib`: the central
 * directory says where each entry is, and entries are stored or deflated. Enough for tests that
 * look into generated Office documents; no ZIP64, no encryption.
 */
export function readZip(data: Uint8Array): Map<string, Buffer> {
	const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
	const endSignature = 0x06054b50;
	let end = buffer.length - 22;
	while (end >= 0 && buffer.readUInt32LE(end) !== endSignature) end--;
	if (end < 0) throw new Error('Kein ZIP-Archiv: Verzeichnisende fehlt');
	const count = buffer.readUInt16LE(end + 10);
	let offset = buffer.readUInt32LE(end + 16);
	const files = new Map<string, Buffer>();
	for (let index = 0; index < count; index++) {
		if (buffer.readUInt32LE(offset) !== 0x02014b50) throw new Error('Kaputtes ZIP-Verzeichnis');
		const method = buffer.readUInt16LE(offset + 10);
		const compressedSize = buffer.readUInt32LE(offset + 20);
		const nameLength = buffer.readUInt16LE(offset + 28);
		const extraLength = buffer.readUInt16LE(offset + 30);
		const commentLength = buffer.readUInt16LE(offset + 32);
		const localOffset = buffer.readUInt32LE(offset + 42);
		const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
		const localNameLength = buffer.readUInt16LE(localOffset + 26);
		const localExtraLength = buffer.readUInt16LE(localOffset + 28);
		const start = localOffset + 30 + localNameLength + localExtraLength;
		const raw = buffer.subarray(start, start + compressedSize);
		if (method === 0) files.set(name, Buffer.from(raw));
		else if (method === 8) files.set(name, inflateRawSync(raw));
		else throw new Error(`ZIP-Methode ${method} nicht unterstützt (${name})`);
		offset += 46 + nameLength + extraLength + commentLength;
	}
	return files;
}
