import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf } from './pdf-text';

/**
 * What an assistive technology and an archive read from a PDF besides its text: the tags
 * (structure tree), MarkInfo, the XMP metadata, the output intent, what is drawn outside any
 * tag, and where the bookmarks jump. No validator (veraPDF) runs here, so the tests of the
 * tagged PDF/A check these directly.
 */
export interface PdfStructure {
	marked: boolean;
	/** Roles of the structure tree page by page in reading order (depth first): `H1`, `P`, `TH` … */
	roles: string[];
	/** The tree as nested roles, for checks like „every TR holds only TH and TD“. */
	tree: StructNode[];
	/** Alternative texts of the elements that have one, by role. */
	alts: { role: string; alt: string }[];
	/** Per page: text shown or a path painted outside any marked content (must be 0). */
	untagged: number[];
	/** Per page: how many marked-content sequences are artifacts. */
	artifacts: number[];
	/**
	 * Per page: marked-content sequences that paint nothing. Each costs an entry in the tags and
	 * their parent tree and gives a screen reader nothing.
	 */
	empty: number[];
	/**
	 * The text of every page without its artifacts, as a screen reader reads it (pdf.js extracts
	 * artifacts too): lines end with `\n`, pages with a form feed.
	 */
	taggedText: string;
	/** The XMP metadata as written. */
	xmp: string;
	/** The raw file (Latin-1), for dictionary entries pdf.js does not expose. */
	raw: string;
	/** Bookmark destinations: the page (0-based), the view type and its arguments. */
	destinations: { title: string; page: number; type: string; args: (number | null)[] }[];
	pageHeights: number[];
}

export interface StructNode {
	role: string;
	children: StructNode[];
	/** The text of the element's marked content and of its descendants', in order. */
	text: string;
	/** `Alt` or `ActualText` of the element. */
	alt?: string;
	/** How many object references (OBJR: a link's annotation) the element holds itself. */
	annotations: number;
}

interface PdfJsStructNode {
	role?: string;
	alt?: string;
	type?: string;
	id?: string;
	children?: PdfJsStructNode[];
}

interface MarkedTextItem {
	type?: string;
	tag?: string | null;
	id?: string | null;
	str?: string;
	hasEOL?: boolean;
}

const PAINTING = new Set<number>([
	OPS.showText,
	OPS.showSpacedText,
	OPS.nextLineShowText,
	OPS.nextLineSetSpacingShowText,
	OPS.constructPath,
	OPS.fill,
	OPS.eoFill,
	OPS.stroke,
	OPS.fillStroke,
	OPS.eoFillStroke,
	OPS.paintImageXObject
]);

export async function pdfStructure(buffer: Uint8Array): Promise<PdfStructure> {
	const pdf = await openPdf(buffer);
	try {
		const roles: string[] = [];
		const tree: StructNode[] = [];
		const alts: PdfStructure['alts'] = [];
		const untagged: number[] = [];
		const artifacts: number[] = [];
		const empty: number[] = [];
		const pageHeights: number[] = [];
		const taggedPages: string[] = [];
		for (let number = 1; number <= pdf.numPages; number++) {
			const page = await pdf.getPage(number);
			pageHeights.push(page.view[3] ?? 0);
			const root = (await page.getStructTree()) as PdfJsStructNode | null;
			const marked = await markedTexts(page);
			taggedPages.push(marked.tagged);
			// pdf.js gives each page the top elements with content on it, whole: an element
			// spanning pages appears once per page.
			collect(root?.children ?? [], tree, roles, alts, marked.byId);
			const operators = await page.getOperatorList();
			let outside = 0;
			let artifactCount = 0;
			let emptyCount = 0;
			// Whether each open sequence has painted anything yet, innermost last.
			const open: boolean[] = [];
			operators.fnArray.forEach((fn, index) => {
				if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) {
					open.push(false);
					const tag = (operators.argsArray[index] as unknown[])[0];
					if (tag === 'Artifact') artifactCount++;
				} else if (fn === OPS.endMarkedContent) {
					const painted = open.pop();
					if (painted === false) emptyCount++;
					else if (painted && open.length > 0) open[open.length - 1] = true;
				} else if (PAINTING.has(fn)) {
					if (open.length === 0) outside++;
					else open[open.length - 1] = true;
				}
			});
			untagged.push(outside);
			artifacts.push(artifactCount);
			empty.push(emptyCount);
		}
		const raw = Buffer.from(buffer).toString('latin1');
		const xmp = /<x:xmpmeta[\s\S]*<\/x:xmpmeta>/.exec(Buffer.from(buffer).toString('utf8'));
		const destinations = await outlineDestinations(pdf);
		return {
			marked: (await pdf.getMarkInfo())?.Marked === true,
			roles,
			tree,
			alts,
			untagged,
			artifacts,
			empty,
			taggedText: taggedPages.join('\f'),
			xmp: xmp?.[0] ?? '',
			raw,
			destinations,
			pageHeights
		};
	} finally {
		await pdf.destroy();
	}
}

type PdfJsPage = Awaited<ReturnType<Awaited<ReturnType<typeof openPdf>>['getPage']>>;

/**
 * The text of each marked-content sequence of a page by its id (as the structure tree names it),
 * and the page's text outside artifacts.
 */
async function markedTexts(
	page: PdfJsPage
): Promise<{ byId: Map<string, string>; tagged: string }> {
	const content = await page.getTextContent({ includeMarkedContent: true });
	const byId = new Map<string, string>();
	const open: { tag: string | null; id: string | null }[] = [];
	let tagged = '';
	for (const item of content.items as MarkedTextItem[]) {
		if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
			open.push({ tag: item.tag ?? null, id: item.id ?? null });
		} else if (item.type === 'endMarkedContent') {
			open.pop();
		} else if (item.str !== undefined) {
			const text = item.str + (item.hasEOL ? '\n' : '');
			if (open.some((marked) => marked.tag === 'Artifact')) continue;
			tagged += text;
			const id = open.findLast((marked) => marked.id !== null)?.id;
			if (id) byId.set(id, (byId.get(id) ?? '') + text);
		}
	}
	return { byId, tagged };
}

function collect(
	nodes: PdfJsStructNode[],
	into: StructNode[],
	roles: string[],
	alts: PdfStructure['alts'],
	texts: Map<string, string>
) {
	for (const node of nodes) {
		if (node.role === undefined) continue;
		const element: StructNode = { role: node.role, children: [], text: '', annotations: 0 };
		if (node.alt) element.alt = node.alt;
		roles.push(node.role);
		into.push(element);
		if (node.alt) alts.push({ role: node.role, alt: node.alt });
		for (const child of node.children ?? []) {
			if (child.type === 'content' && child.id) element.text += texts.get(child.id) ?? '';
			// pdf.js gives an OBJR as an `object` (its own annotations as `annotation`).
			else if (child.type === 'object' || child.type === 'annotation') element.annotations++;
			else if (child.role !== undefined) {
				collect([child], element.children, roles, alts, texts);
				element.text += element.children.at(-1)?.text ?? '';
			}
		}
	}
}

type PdfJs = Awaited<ReturnType<typeof openPdf>>;

interface OutlineItem {
	title: string;
	dest: unknown;
	items: OutlineItem[];
}

async function outlineDestinations(pdf: PdfJs): Promise<PdfStructure['destinations']> {
	const result: PdfStructure['destinations'] = [];
	const walk = async (items: OutlineItem[]) => {
		for (const item of items) {
			const dest = typeof item.dest === 'string' ? await pdf.getDestination(item.dest) : item.dest;
			if (Array.isArray(dest)) {
				const [ref, view, ...args] = dest as [unknown, { name: string }, ...(number | null)[]];
				const page = await pdf.getPageIndex(ref as Parameters<PdfJs['getPageIndex']>[0]);
				result.push({ title: item.title, page, type: view.name, args });
			}
			await walk(item.items);
		}
	};
	await walk(((await pdf.getOutline()) ?? []) as OutlineItem[]);
	return result;
}
