import { beforeAll, describe, expect, it } from 'vitest';
import { block, type Block, type ExportDocument, type TableBlock } from '../../export/document';
import { buildResolutionDraft } from '../../export/resolution-draft';
import { resolutionDocument } from '../../export/resolution-document';
import { strategyDocument } from '../../export/strategy-document';
import { demoDocument, readDemo } from '../../export/testing/demo-agenda';
import { SAMPLE_DOCUMENT } from '../../export/testing/sample-document';
import { renderPdf } from './render-pdf';
import { pdfStructure, type PdfStructure, type StructNode } from './testing/pdf-structure';
import { pdfText } from './testing/pdf-text';

/**
 * The PDF as a screen reader and an archive get it: tagged (PDF/UA-style structure), PDF/A-2
 * metadata and output intent, and a layout that keeps short tables and a table's last rows
 * together. No validator runs here (veraPDF is not installed), so these read the structure
 * directly.
 */

const CREATED_AT = new Date('2026-11-23T10:00:00Z');

function plain(blocks: Block[], title = 'Test'): ExportDocument {
	return { title, subject: 'Test', header: 'Kopfzeile', footer: 'Fußzeile', blocks };
}

function filler(count: number): Block[] {
	return Array.from({ length: count }, (_, index) => block.paragraph(`Absatz ${index}`));
}

function amountTable(rows: number, caption = 'Kosten'): TableBlock {
	return {
		type: 'table',
		caption,
		columns: [
			{ label: 'Position', width: 3 },
			{ label: 'Betrag', align: 'right', width: 1 }
		],
		rows: Array.from({ length: rows }, (_, index) => [
			{ text: `Zeile ${index + 1}` },
			{ text: `${index + 1}.000,00 €` }
		]),
		footer: [
			[
				{ text: 'Summe', bold: true },
				{ text: '9.999,00 €', bold: true }
			]
		]
	};
}

function find(nodes: StructNode[], role: string): StructNode[] {
	return nodes.flatMap((node) => [
		...(node.role === role ? [node] : []),
		...find(node.children, role)
	]);
}

describe('renderPdf: tagged PDF', () => {
	let read: PdfStructure;

	beforeAll(async () => {
		read = await pdfStructure(await renderPdf(SAMPLE_DOCUMENT, { createdAt: CREATED_AT }));
	});

	it('is marked and has a structure tree, its language and its title shown', () => {
		expect(read.marked).toBe(true);
		expect(read.raw).toContain('/StructTreeRoot');
		expect(read.raw).toMatch(/\/Lang \(de-DE\)/);
		expect(read.raw).toMatch(/\/DisplayDocTitle true/);
		expect(read.xmp).toContain('<rdf:li xml:lang="x-default">Beschlussvorlage 2026/0123</rdf:li>');
	});

	it('tags headings, paragraphs, lists and tables with header cells', () => {
		for (const role of [
			'H1',
			'H2',
			'H3',
			'P',
			'L',
			'LI',
			'Lbl',
			'LBody',
			'Table',
			'TR',
			'TH',
			'TD'
		]) {
			expect(read.roles, role).toContain(role);
		}
		for (const row of find(read.tree, 'TR')) {
			expect(row.children.length).toBeGreaterThan(0);
			for (const cell of row.children) expect(['TH', 'TD']).toContain(cell.role);
		}
		for (const list of find(read.tree, 'L')) {
			for (const item of list.children) expect(item.role).toBe('LI');
		}
	});

	it('reads the headings in the order of the document', () => {
		const headings = read.roles.filter((role) => /^H[1-3]$/.test(role));
		// Title page title, then Beschlussvorlage, Beschlussvorschlag, Sachverhalt, Anlass, …
		expect(headings.slice(0, 5)).toEqual(['H1', 'H1', 'H2', 'H2', 'H3']);
	});

	it('draws nothing outside a tag or an artifact; header, footer and page numbers are artifacts', () => {
		expect(read.untagged.every((count) => count === 0)).toBe(true);
		// Every page but the title page has its running header and footer as artifacts.
		expect(read.artifacts.slice(1).every((count) => count > 0)).toBe(true);
	});

	it('marks no content where nothing is drawn, such as an empty table cell', async () => {
		const table = amountTable(3);
		table.rows = table.rows.map(([label]) => [label ?? { text: '' }, { text: '' }]);
		const structure = await pdfStructure(await renderPdf(plain([table, block.paragraph('')])));
		expect(structure.empty).toEqual(structure.empty.map(() => 0));
		expect(find(structure.tree, 'TD')).toHaveLength(8);
	});

	it('puts a repeated table header on a new page as an artifact, not as a second header row', async () => {
		const structure = await pdfStructure(await renderPdf(plain([amountTable(120)])));
		// pdf.js gives the table once per page it is on, whole.
		const [table] = find(structure.tree, 'Table');
		expect(table?.children.map((child) => child.role)).toEqual([
			'Caption',
			...Array.from({ length: 122 }, () => 'TR')
		]);
		const headerRows = (table?.children ?? []).filter((row) =>
			row.children.some((cell) => cell.role === 'TH')
		);
		expect(headerRows).toHaveLength(1);
		expect(structure.artifacts.every((count) => count > 0)).toBe(true);
		expect(structure.untagged.every((count) => count === 0)).toBe(true);
	});
});

describe('renderPdf: links and hyphens as a screen reader reads them', () => {
	const LINKED = 'das Portal der Musterstadt';

	function linkParagraph(): Block {
		return {
			type: 'rich',
			baseLevel: 2,
			content: [
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'Mehr steht auf ' },
						{
							type: 'text',
							text: LINKED,
							marks: [{ type: 'link', attrs: { href: 'https://musterstadt.example' } }]
						},
						{ type: 'text', text: ' im Netz.' }
					]
				}
			]
		};
	}

	it('puts the text of a link into its Link element, beside the annotation', async () => {
		const structure = await pdfStructure(await renderPdf(plain([linkParagraph()])));
		const links = find(structure.tree, 'Link');
		expect(links).toHaveLength(1);
		expect(links[0]?.text.trim()).toBe(LINKED);
		expect(links[0]?.annotations).toBe(1);
		// The paragraph reads the link in its place, and the rest of the line around it.
		const [paragraph] = find(structure.tree, 'P');
		expect(paragraph?.text.replace(/\s+/g, ' ').trim()).toBe(`Mehr steht auf ${LINKED} im Netz.`);
	});

	/** A cost table whose dates, amounts and years leave the first column too narrow. */
	function narrowTable(): TableBlock {
		const years = Array.from({ length: 8 }, (_, index) => String(2026 + index));
		return {
			type: 'table',
			caption: 'Kosten',
			columns: [
				{ label: 'Art', width: 3 },
				{ label: 'Stand', width: 1 },
				{ label: 'Betrag', width: 1, align: 'right' },
				...years.map((year) => ({ label: year, width: 1, align: 'right' as const }))
			],
			rows: [
				[
					{ text: 'Personalkosten' },
					{ text: '06.12.2026, 08:02' },
					{ text: '1.234.567,00 €' },
					...years.map(() => ({ text: '1.000 €' }))
				]
			]
		};
	}

	it('still draws the hyphen of a word broken in a narrow column', async () => {
		const { text } = await pdfText(await renderPdf(plain([narrowTable()])));
		expect(text).toMatch(/Perso\p{L}*-\n\s*\p{L}*ten/u);
		expect(text.replace(/-\n\s*/, '')).toContain('Personalkosten');
	});

	it('gives a screen reader the broken word whole, without the hyphen', async () => {
		const structure = await pdfStructure(await renderPdf(plain([narrowTable()])));
		expect(structure.taggedText).not.toMatch(/Perso\p{L}*-/u);
		expect(structure.taggedText.replace(/\s+/g, '')).toContain('Personalkosten');
		const [cell] = find(structure.tree, 'TD');
		const [word] = find(cell ? [cell] : [], 'Span');
		expect(word?.alt).toBe('Personalkosten');
		expect(structure.untagged.every((count) => count === 0)).toBe(true);
	});
});

describe('renderPdf: the demo agenda tagged', () => {
	it('tags every page of the strategy and the Beschlussvorlage, the landscape roadmap included', async () => {
		const agenda = readDemo(demoDocument());
		const source = { kind: 'draft' } as const;
		const documents = [
			strategyDocument({ agenda, source, participation: null, generatedAt: CREATED_AT }),
			resolutionDocument(
				buildResolutionDraft({ agenda, source, participation: null, decidingBody: null }),
				CREATED_AT
			)
		];
		for (const document of documents) {
			const structure = await pdfStructure(await renderPdf(document, { createdAt: CREATED_AT }));
			expect(structure.marked).toBe(true);
			expect(structure.untagged, document.title).toEqual(structure.untagged.map(() => 0));
			expect(structure.roles).toContain('H1');
			expect(structure.roles).toContain('TH');
		}
	});
});

describe('renderPdf: PDF/A-2', () => {
	let read: PdfStructure;

	beforeAll(async () => {
		read = await pdfStructure(await renderPdf(SAMPLE_DOCUMENT, { createdAt: CREATED_AT }));
	});

	it('says it is PDF/A-2 in its XMP metadata', () => {
		expect(read.xmp).toContain('<pdfaid:part>2</pdfaid:part>');
		expect(read.xmp).toMatch(/<pdfaid:conformance>[AB]<\/pdfaid:conformance>/);
	});

	it('has an sRGB output intent with its ICC profile', () => {
		expect(read.raw).toMatch(/\/OutputIntents \[\d+ 0 R\]/);
		expect(read.raw).toContain('/S /GTS_PDFA1');
		expect(read.raw).toMatch(/\/DestOutputProfile \d+ 0 R/);
	});

	it('writes dates and texts in XMP as in the Info dictionary, markup escaped', async () => {
		const title = 'Kosten <Netz> & „Glasfaser“';
		const structure = await pdfStructure(
			await renderPdf(plain([block.paragraph('x')], title), { createdAt: CREATED_AT })
		);
		expect(structure.xmp).toContain('Kosten &lt;Netz&gt; &amp; „Glasfaser“');
		expect(structure.xmp).toContain('<xmp:CreateDate>2026-11-23T10:00:00Z</xmp:CreateDate>');
		expect(structure.xmp).toContain('<xmp:ModifyDate>2026-11-23T10:00:00Z</xmp:ModifyDate>');
		const info = (await pdfText(await renderPdf(plain([], title)))).info;
		expect(info.Title).toBe(title);
	});
});

describe('renderPdf: tables kept together, bookmarks', () => {
	it('keeps a short table on one page', async () => {
		for (let count = 30; count <= 44; count += 2) {
			const pdf = await renderPdf(plain([...filler(count), amountTable(6)]));
			const { pages } = await pdfText(pdf);
			const page = pages.find((text) => text.includes('Zeile 1')) ?? '';
			expect(page, `${count} paragraphs`).toContain('Summe');
			expect(page, `${count} paragraphs`).toContain('Zeile 6');
		}
	});

	it('keeps a short label/value table (Finanzielle Auswirkungen) and its heading on one page', async () => {
		const fields: Block = {
			type: 'fields',
			rows: [
				'Gesamtkosten',
				'Fördermittel',
				'Eigenanteil',
				'Folgekosten',
				'Deckung',
				'Kostenträger',
				'Konto'
			].map((label) => ({ label, value: [{ text: '8.500,00 €' }] }))
		};
		for (let count = 26; count <= 46; count += 1) {
			const pdf = await renderPdf(
				plain([...filler(count), block.heading(3, 'Finanzielle Auswirkungen'), fields])
			);
			const { pages } = await pdfText(pdf);
			const page = pages.find((text) => text.includes('Gesamtkosten')) ?? '';
			expect(page, `${count} paragraphs`).toContain('Finanzielle Auswirkungen');
			expect(page, `${count} paragraphs`).toContain('Konto');
		}
	});

	it('never leaves the last rows of a long table alone under a repeated header', async () => {
		for (let count = 0; count <= 36; count += 2) {
			const pdf = await renderPdf(plain([...filler(count), amountTable(24)]));
			const { pages } = await pdfText(pdf);
			const page = pages.find((text) => text.includes('Summe')) ?? '';
			const rows = page.match(/Zeile \d+/g) ?? [];
			expect(rows.length, `${count} paragraphs`).toBeGreaterThanOrEqual(2);
		}
	});

	it('jumps from a bookmark to the heading, not to the right edge of its page', async () => {
		const pdf = await renderPdf(
			plain([...filler(20), block.heading(1, 'Mitten'), block.paragraph('x')])
		);
		const { destinations, pageHeights } = await pdfStructure(pdf);
		const mitten = destinations.find((dest) => dest.title === 'Mitten');
		expect(mitten?.type).toBe('XYZ');
		const [left, top] = mitten?.args ?? [];
		expect(left).toBeLessThan(100);
		expect(top).toBeLessThan((pageHeights[mitten?.page ?? 0] ?? 0) - 200);
		expect(top).toBeGreaterThan(100);
	});
});
