import JSZip from 'jszip';
import mammoth from 'mammoth';

/** What tests read from a Word file. */
export interface DocxText {
	/** The body text as mammoth extracts it: paragraphs (and table cells) separated by blank lines. */
	text: string;
	/** The body as HTML: Heading1–3 as h1–h3, lists as ul/ol, tables as table, links as a. */
	html: string;
	/**
	 * The text of each header part (`word/header*.xml`), decoded. Field codes appear as their
	 * instruction, as Word shows them with Alt+F9: the page-number footer reads
	 * `… Seite PAGE von NUMPAGES`.
	 */
	headers: string[];
	/** The text of each footer part (`word/footer*.xml`), field codes as in `headers`. */
	footers: string[];
	/** `word/document.xml` as it is, for looking at styles and table properties. */
	documentXml: string;
}

/**
 * Reads a DOCX the way tests need it. mammoth reads the body only (no headers and footers),
 * so those come straight from the ZIP.
 */
export async function docxText(buffer: Uint8Array): Promise<DocxText> {
	const input = { buffer: Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
	const [raw, converted, zip] = await Promise.all([
		mammoth.extractRawText(input),
		mammoth.convertToHtml(input),
		JSZip.loadAsync(buffer)
	]);
	const partsNamed = async (pattern: RegExp) =>
		Promise.all(
			Object.keys(zip.files)
				.filter((name) => pattern.test(name))
				.sort(byNumber)
				.map(async (name) => partText((await zip.file(name)?.async('string')) ?? ''))
		);
	return {
		text: raw.value,
		html: converted.value,
		headers: await partsNamed(/^word\/header\d+\.xml$/),
		footers: await partsNamed(/^word\/footer\d+\.xml$/),
		documentXml: (await zip.file('word/document.xml')?.async('string')) ?? ''
	};
}

/** `header2.xml` before `header10.xml`. */
function byNumber(a: string, b: string): number {
	return a.localeCompare(b, 'en', { numeric: true });
}

/** Text, tabs, breaks, field instructions and paragraph ends of a WordprocessingML part. */
const TOKEN =
	/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:instrText(?:\s[^>]*)?>([^<]*)<\/w:instrText>|<w:fldSimple\s[^>]*w:instr="([^"]*)"|<w:tab\/>|<w:br\/>|<\/w:p>/g;

function partText(xml: string): string {
	let text = '';
	for (const [token, plain, instruction, simpleInstruction] of xml.matchAll(TOKEN)) {
		if (plain !== undefined) text += decodeXml(plain);
		else if (instruction !== undefined) text += decodeXml(instruction).trim();
		else if (simpleInstruction !== undefined) text += decodeXml(simpleInstruction).trim();
		else if (token === '<w:tab/>') text += '\t';
		else text += '\n';
	}
	return text.trim();
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };

function decodeXml(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name: string) => {
		if (name.startsWith('#x') || name.startsWith('#X')) {
			return String.fromCodePoint(parseInt(name.slice(2), 16));
		}
		if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
		return ENTITIES[name] ?? entity;
	});
}
