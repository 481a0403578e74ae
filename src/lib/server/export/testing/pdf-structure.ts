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
}

interface PdfJsStructNode {
	role?: string;
	alt?: string;
	type?: string;
	children?: PdfJsStructNode[];
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
		const pageHeights: number[] = [];
		for (let number = 1; number <= pdf.numPages; number++) {
			const page = await pdf.getPage(number);
			pageHeights.push(page.view[3] ?? 0);
			const root = (await page.getStructTree()) as PdfJsStructNode | null;
			// pdf.js gives each page the top elements with content on it, whole: an element
			// spanning pages appears once per page.
			collect(root?.children ?? [], tree, roles, alts);
			const operators = await page.getOperatorList();
			let depth = 0;
			let outside = 0;
			let artifactCount = 0;
			operators.fnArray.forEach((fn, index) => {
				if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) {
					depth++;
					const tag = (operators.argsArray[index] as unknown[])[0];
					if (tag === 'Artifact') artifactCount++;
				} else if (fn === OPS.endMarkedContent) {
					depth--;
				} else if (PAINTING.has(fn) && depth === 0) {
					outside++;
				}
			});
			untagged.push(outside);
			artifacts.push(artifactCount);
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
			xmp: xmp?.[0] ?? '',
			raw,
			destinations,
			pageHeights
		};
	} finally {
		await pdf.destroy();
	}
}

function collect(
	nodes: PdfJsStructNode[],
	into: StructNode[],
	roles: string[],
	alts: PdfStructure['alts']
) {
	for (const node of nodes) {
		if (node.role === undefined) continue;
		const element: StructNode = { role: node.role, children: [] };
		roles.push(node.role);
		into.push(element);
		if (node.alt) alts.push({ role: node.role, alt: node.alt });
		collect(node.children ?? [], element.children, roles, alts);
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
