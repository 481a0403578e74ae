import { inflateSync } from 'node:zlib';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * What a reader gets out of a PDF: the text of every page as pdf.js extracts it (as in copy and
 * paste or search), the document info and the fonts the text is drawn with. For the tests of
 * the PDF exports.
 */
export interface PdfText {
	/** The text of each page: items of a line joined as they are, lines separated by `\n`. */
	pages: string[];
	/** All pages, separated by a form feed. */
	text: string;
	/** The Info dictionary (Title, Subject, Author, CreationDate, …). */
	info: Record<string, unknown>;
	/** Every font used for text, with whether its file is embedded. */
	fonts: { name: string; embedded: boolean }[];
	/** The bookmarks, depth first; `depth` 0 is the top level. */
	outline: { title: string; depth: number }[];
}

interface OutlineNode {
	title: string;
	items: OutlineNode[];
}

interface TextItem {
	str: string;
	hasEOL: boolean;
}

interface LoadedFont {
	name?: string;
	missingFile?: boolean;
}

/** Opens a PDF with pdf.js as a reader would, without system fonts or eval. */
export function openPdf(buffer: Uint8Array) {
	return getDocument({
		data: new Uint8Array(buffer),
		useSystemFonts: false,
		isEvalSupported: false,
		verbosity: 0
	}).promise;
}

/**
 * `normalize: false` gives each character as the PDF maps it (its ToUnicode map): pdf.js by
 * default turns ligature characters (ﬁ) into their letters and the special spaces (U+00A0,
 * U+2000 to U+200A, U+202F) into plain ones, as in its search and copy and paste.
 */
export async function pdfText(
	buffer: Uint8Array,
	{ normalize = true }: { normalize?: boolean } = {}
): Promise<PdfText> {
	const pdf = await openPdf(buffer);
	try {
		const pages: string[] = [];
		const fonts = new Map<string, boolean>();
		for (let number = 1; number <= pdf.numPages; number++) {
			const page = await pdf.getPage(number);
			const content = await page.getTextContent({ disableNormalization: !normalize });
			pages.push(joinItems(content.items.flatMap((item) => ('str' in item ? [item] : []))));
			const operators = await page.getOperatorList();
			operators.fnArray.forEach((fn, index) => {
				if (fn !== OPS.setFont) return;
				const id = (operators.argsArray[index] as unknown[])[0];
				const font = page.commonObjs.get(String(id)) as LoadedFont;
				fonts.set(font.name ?? String(id), font.missingFile !== true);
			});
		}
		const metadata = await pdf.getMetadata();
		const outline = ((await pdf.getOutline()) ?? []) as OutlineNode[];
		return {
			pages,
			text: pages.join('\f'),
			info: (metadata.info ?? {}) as Record<string, unknown>,
			fonts: [...fonts].map(([name, embedded]) => ({ name, embedded })),
			outline: flattenOutline(outline, 0)
		};
	} finally {
		await pdf.destroy();
	}
}

function flattenOutline(nodes: OutlineNode[], depth: number): PdfText['outline'] {
	return nodes.flatMap((node) => [
		{ title: node.title, depth },
		...flattenOutline(node.items, depth + 1)
	]);
}

function joinItems(items: TextItem[]): string {
	return items.map((item) => item.str + (item.hasEOL ? '\n' : '')).join('');
}

/**
 * Text with all whitespace removed (pdf.js may split or join lines differently than drawn), and
 * words the renderer hyphenated at a line end in a narrow table column joined again: a hyphen at
 * the end of a line before a lower-case letter („Be-⏎leidigung“). A check that a text is not in
 * the PDF must not pass only because a word of it was broken.
 */
export function withoutWhitespace(text: string): string {
	return text.replace(/(\p{L})-\n(?=\p{Ll})/gu, '$1').replace(/\s+/g, '');
}

/**
 * Every text a glyph of the PDF's fonts stands for, as its ToUnicode maps say (one entry per
 * glyph, in the form pdfkit writes them: `<first> <last> [<hex> …]`). pdf.js gives any space
 * as U+0020, even without normalization; this tells whether a thin space is mapped as such.
 */
export function mappedTexts(buffer: Uint8Array): string[] {
	const pdf = Buffer.from(buffer);
	const raw = pdf.toString('latin1');
	const texts: string[] = [];
	for (const match of raw.matchAll(/stream\r?\n/g)) {
		const start = match.index + match[0].length;
		const end = raw.indexOf('endstream', start);
		let content: string;
		try {
			content = inflateSync(pdf.subarray(start, end)).toString('latin1');
		} catch {
			continue;
		}
		if (!content.includes('begincmap')) continue;
		for (const [, entries = ''] of content.matchAll(/\[([^\]]*)\]/g)) {
			for (const [, hex = ''] of entries.matchAll(/<([0-9a-fA-F ]+)>/g)) {
				texts.push(String.fromCharCode(...hex.split(' ').map((unit) => parseInt(unit, 16))));
			}
		}
	}
	return texts;
}
