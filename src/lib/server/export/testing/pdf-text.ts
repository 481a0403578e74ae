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

export async function pdfText(buffer: Uint8Array): Promise<PdfText> {
	const pdf = await getDocument({
		data: new Uint8Array(buffer),
		useSystemFonts: false,
		isEvalSupported: false,
		verbosity: 0
	}).promise;
	try {
		const pages: string[] = [];
		const fonts = new Map<string, boolean>();
		for (let number = 1; number <= pdf.numPages; number++) {
			const page = await pdf.getPage(number);
			const content = await page.getTextContent();
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

/** Text with all whitespace removed: pdf.js may split or join lines differently than drawn. */
export function withoutWhitespace(text: string): string {
	return text.replace(/\s+/g, '');
}
