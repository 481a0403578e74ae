import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { RICH_TEXT_MAX_DEPTH } from '$lib/agenda/model/limits';
import { richTextToPlain, type RichText } from '$lib/agenda/model/rich-text';
import {
	DEEP_TEXT,
	nestedListsAtLimit,
	nestedRichText
} from '$lib/agenda/ydoc/testing/deep-rich-text';
import {
	block,
	documentText,
	MISSING,
	type ExportDocument,
	type TableBlock
} from '$lib/export/document';
import { deepDemoDocuments } from '$lib/export/testing/demo-agenda';
import {
	LANDSCAPE_BLOCKS,
	SAMPLE_DOCUMENT,
	TRICKY_TEXT
} from '$lib/export/testing/sample-document';
import { LANDSCAPE_TEXT_WIDTH, PORTRAIT_TEXT_WIDTH } from './docx-parts';
import { renderDocx } from './render-docx';
import { docxText } from './testing/docx-text';

const CREATED = new Date('2026-11-23T10:00:00Z');

async function render(document: ExportDocument) {
	const buffer = await renderDocx(document, { createdAt: CREATED });
	return { buffer, ...(await docxText(buffer)) };
}

async function zipPart(buffer: Uint8Array, name: string): Promise<string> {
	const zip = await JSZip.loadAsync(buffer);
	return (await zip.file(name)?.async('string')) ?? '';
}

/** A document of just these blocks, without title page. */
function documentOf(...blocks: ExportDocument['blocks']): ExportDocument {
	return { title: 'Test', subject: 'Test', header: 'Kopf', footer: 'Fuß', blocks };
}

function rich(content: RichText, baseLevel: 1 | 2 | 3 = 1): ExportDocument['blocks'][number] {
	return { type: 'rich', baseLevel, content };
}

const text = (value: string, marks?: { type: string; attrs?: Record<string, unknown> }[]) =>
	marks ? { type: 'text' as const, text: value, marks } : { type: 'text' as const, text: value };
const paragraph = (...content: RichText) => ({ type: 'paragraph', content });
const heading = (level: number, value: string) => ({
	type: 'heading',
	attrs: { level },
	content: [text(value)]
});
const listItem = (...content: RichText) => ({ type: 'listItem', content });

function measureTable(rows: number): TableBlock {
	return {
		type: 'table',
		caption: 'Maßnahmen und Kosten',
		columns: [
			{ label: 'Nr.', width: 1 },
			{ label: 'Maßnahme', width: 6 },
			{ label: 'Kosten', align: 'right', width: 2 }
		],
		rows: Array.from({ length: rows }, (_, index) => [
			{ text: String(index + 1) },
			{ text: `Maßnahme ${index + 1} mit einem etwas längeren Titel` },
			{ text: `${index + 1}.000,00 €` }
		]),
		footer: [[{ text: 'Summe' }, { text: '' }, { text: '20.100.000,00 €' }]]
	};
}

/** Renders and logs how long it took (not asserted: it depends on the machine). */
async function timedRender(label: string, document: ExportDocument) {
	const started = performance.now();
	const buffer = await renderDocx(document, { createdAt: CREATED });
	console.info(`renderDocx(${label}): ${(performance.now() - started).toFixed(0)} ms`);
	return { buffer, ...(await docxText(buffer)) };
}

describe('renderDocx: the sample document', () => {
	let docx: Awaited<ReturnType<typeof render>>;
	beforeAll(async () => {
		docx = await timedRender('sample document', SAMPLE_DOCUMENT);
	});

	it('has every heading in Word’s heading styles, at its level', () => {
		for (const [level, title] of [
			[1, 'Beschlussvorlage'],
			[2, 'Beschlussvorschlag'],
			[2, 'Sachverhalt'],
			// The rich text's first heading level nests below the level-2 heading it stands under.
			[3, 'Anlass'],
			[3, 'Finanzielle Auswirkungen'],
			[2, 'Umsetzungsfahrplan']
		] as const) {
			expect(docx.html).toContain(`<h${level}>${title}</h${level}>`);
		}
	});

	it('sets the title page title in the Title style, without header and footer', () => {
		expect(docx.documentXml).toMatch(
			/<w:pStyle w:val="Title"\/><\/w:pPr><w:r><w:t[^>]*>Digitale Agenda Musterstadt<\/w:t>/
		);
		const [titlePage, content, ...more] =
			docx.documentXml.match(/<w:sectPr>.*?<\/w:sectPr>/gs) ?? [];
		expect(more).toEqual([]);
		expect(titlePage).not.toContain('headerReference');
		expect(titlePage).not.toContain('footerReference');
		expect(content).toContain('<w:headerReference w:type="default"');
		expect(content).toContain('<w:footerReference w:type="default"');
	});

	it('contains every text of the document exactly, TRICKY_TEXT included', () => {
		// The header is not body text, and the title is file metadata. Table cells (tabs) and
		// field labels and values (`: `) stand in cells of their own.
		const expected = documentText(SAMPLE_DOCUMENT, richTextToPlain)
			.split(/\n|\t|: /)
			.slice(2)
			.filter((line) => line !== '');
		for (const line of expected) expect(docx.text).toContain(line);
		for (const value of [
			'Vorlage-Nr.',
			'2026/0123',
			'Kosten und Förderung je Haushaltsjahr',
			'Gesamtkosten',
			'100.000,00 €',
			'1.234,56 €',
			MISSING,
			'Ergebnishaushalt',
			`Mittel bereits geplant ${MISSING}`,
			TRICKY_TEXT
		]) {
			expect(docx.text).toContain(value);
		}
	});

	it('puts the header text into the header and „Seite x von y“ as fields into the footer', () => {
		expect(docx.headers).toEqual([SAMPLE_DOCUMENT.header]);
		expect(docx.footers).toEqual(['Stadt Musterstadt · Seite PAGE von NUMPAGES']);
	});

	it('writes lists as Word lists and links as hyperlinks', () => {
		expect(docx.html).toContain('<ul><li>Glasfaser</li>');
		expect(docx.html).toContain('<ol><li>Erstes Ziel</li><li>Zweites Ziel mit <strong>Betonung');
		expect(docx.html).toContain('<a href="https://musterstadt.example">musterstadt.example</a>');
		expect(docx.documentXml).toContain('<w:numPr>');
	});

	it('draws tables with a repeated header row, bold totals, right-aligned amounts and filled cells', () => {
		expect(docx.documentXml.match(/<w:tblStyle w:val="AgendawerkTabelle"\/>/g)).toHaveLength(3);
		expect(docx.documentXml.match(/<w:tblHeader\/>/g)).toHaveLength(3);
		expect(docx.html).toContain('<thead><tr><th><p>Jahr</p></th>');
		expect(docx.html).toContain('<td><p><strong>101.234,56 €</strong></p></td>');
		expect(docx.documentXml).toMatch(
			/<w:jc w:val="right"\/><\/w:pPr><w:r><w:t[^>]*>100\.000,00 €<\/w:t>/
		);
		const filled = SAMPLE_DOCUMENT.blocks.flatMap((entry) =>
			entry.type === 'table' ? entry.rows.flat().filter((cell) => cell.fill) : []
		);
		expect(docx.documentXml.match(/<w:shd [^>]*w:fill="C9D8EC"/g)).toHaveLength(filled.length);
		// The roadmap is wide: a smaller font than the table style's.
		expect(docx.documentXml).toContain('<w:sz w:val="15"/>');
		expect(docx.documentXml).toContain('<w:cantSplit/>');
	});

	it('marks missing data and writes check boxes in a font that has them', () => {
		expect(docx.documentXml).toMatch(
			/<w:rStyle w:val="Missing"\/><w:highlight w:val="yellow"\/><\/w:rPr><w:t[^>]*>— fehlt —<\/w:t>/
		);
		expect(docx.documentXml).toMatch(/w:ascii="Segoe UI Symbol"[^>]*\/><\/w:rPr><w:t[^>]*>☒/);
		expect(docx.documentXml).toContain('<w:pStyle w:val="Note"/>');
	});

	it('lays out A4 with 2 cm margins, German, with the document properties', async () => {
		expect(docx.documentXml).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
		expect(docx.documentXml).toMatch(
			/<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"/
		);
		expect(await zipPart(docx.buffer, 'word/styles.xml')).toContain('<w:lang w:val="de-DE"/>');
		const core = await zipPart(docx.buffer, 'docProps/core.xml');
		expect(core).toContain('<dc:title>Beschlussvorlage 2026/0123</dc:title>');
		expect(core).toContain('<dc:subject>Digitale Agenda Musterstadt 2026–2030</dc:subject>');
		expect(core).toContain('<dc:creator>Agendawerk</dc:creator>');
		expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-23T10:00:00Z<');
	});

	it('lets Word and LibreOffice hyphenate the German text (narrow table columns)', async () => {
		const settings = await zipPart(docx.buffer, 'word/settings.xml');
		expect(settings).toMatch(/<w:autoHyphenation(?: w:val="(?:true|1|on)")?\/>/);
		// Hyphenation follows the text's language: German on every run by default.
		expect(await zipPart(docx.buffer, 'word/styles.xml')).toMatch(
			/<w:docDefaults><w:rPrDefault><w:rPr>.*<w:lang w:val="de-DE"\/>.*<\/w:rPr><\/w:rPrDefault>/s
		);
	});
});

describe('renderDocx: rich text', () => {
	it('nests the rich text’s headings below the heading it stands under', async () => {
		const docx = await render(
			documentOf(
				rich([heading(2, 'Unter eins'), heading(3, 'Tiefer'), heading(4, 'Ganz tief')], 1),
				rich([heading(2, 'Unter drei')], 3)
			)
		);
		expect(docx.html).toContain('<h2>Unter eins</h2><h3>Tiefer</h3><h3>Ganz tief</h3>');
		expect(docx.html).toContain('<h3>Unter drei</h3>');
	});

	it('writes nested lists, quotes, breaks and marks as Word does', async () => {
		const docx = await render(
			documentOf(
				rich([
					{
						type: 'bulletList',
						content: [
							listItem(paragraph(text('Außen')), {
								type: 'orderedList',
								content: [
									listItem(paragraph(text('Innen eins'))),
									listItem(paragraph(text('Innen zwei')))
								]
							}),
							listItem(paragraph(text('Zweiter Punkt')), paragraph(text('mit Absatz')))
						]
					},
					{ type: 'blockquote', content: [paragraph(text('Zitat'))] },
					paragraph(text('Zeile eins'), { type: 'hardBreak' }, text('Zeile zwei')),
					paragraph(
						text('unterstrichen', [{ type: 'underline' }]),
						text(' und '),
						text('durchgestrichen', [{ type: 'strike' }]),
						text(' und '),
						text('fett kursiv', [{ type: 'bold' }, { type: 'italic' }])
					)
				])
			)
		);
		expect(docx.html).toMatch(
			/<ul><li>Außen<ol><li>Innen eins<\/li><li>Innen zwei<\/li><\/ol><\/li><li>Zweiter Punkt<\/li><\/ul>/
		);
		expect(docx.text).toContain('mit Absatz');
		expect(docx.documentXml).toContain('<w:pStyle w:val="Quote"/>');
		expect(docx.html).toContain('Zeile eins<br />Zeile zwei');
		expect(docx.documentXml).toMatch(/<w:u w:val="single"\/><\/w:rPr><w:t[^>]*>unterstrichen</);
		expect(docx.html).toContain('<s>durchgestrichen</s>');
		expect(docx.html).toContain('<strong><em>fett kursiv</em></strong>');
	});

	it('links web and mail addresses only', async () => {
		const link = (href: string) => [{ type: 'link', attrs: { href } }];
		const docx = await render(
			documentOf(
				rich([
					paragraph(
						text('Böse', link('javascript:alert(1)')),
						text(' '),
						text('Datei', link('file:///etc/passwd')),
						text(' '),
						text('Post', link('mailto:rat@musterstadt.example')),
						text(' '),
						text('Intern', link('/agenden/1'))
					)
				])
			)
		);
		expect(docx.html).toContain(
			'<p>Böse Datei <a href="mailto:rat@musterstadt.example">Post</a> Intern</p>'
		);
		expect(docx.html).not.toContain('javascript');
		const relationships = await zipPart(docx.buffer, 'word/_rels/document.xml.rels');
		expect(relationships).not.toContain('javascript');
		expect(relationships).not.toContain('file:');
	});
});

describe('renderDocx: lists', () => {
	it('starts every numbered list at 1 again', async () => {
		const list = (first: string) => ({
			type: 'list' as const,
			ordered: true,
			items: [[{ text: first }], [{ text: `${first} b` }]]
		});
		const docx = await render(
			documentOf(list('Erste'), block.paragraph('Dazwischen'), list('Zweite'))
		);
		const numIds = [...docx.documentXml.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map(
			(match) => match[1]
		);
		expect(numIds).toHaveLength(4);
		expect(new Set(numIds).size).toBe(2);
		const numbering = await zipPart(docx.buffer, 'word/numbering.xml');
		expect(numbering).toContain('<w:startOverride w:val="1"/>');
	});
});

describe('renderDocx: robustness', () => {
	it('drops control characters that XML forbids and keeps the rest of the text', async () => {
		const bell = 'Glocke\u0007 läutet\u0000 & <weiter>';
		const docx = await render({
			...documentOf(
				block.heading(1, bell),
				block.paragraph(bell),
				rich([
					paragraph(text(bell, [{ type: 'link', attrs: { href: 'https://a.example/\u0007' } }]))
				]),
				{ type: 'table', caption: bell, columns: [{ label: bell }], rows: [[{ text: bell }]] },
				{ type: 'fields', rows: [{ label: bell, value: [{ text: bell }] }] }
			),
			title: bell,
			header: bell,
			footer: bell
		});
		const clean = 'Glocke läutet & <weiter>';
		// Heading, paragraph, rich text, caption, column, cell, field label and value.
		expect(docx.text.split(clean).length - 1).toBe(8);
		expect(docx.headers).toEqual([clean]);
		expect(docx.footers[0]).toContain(clean);
		// eslint-disable-next-line no-control-regex -- the characters XML forbids
		expect(docx.documentXml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
	});

	it('writes a valid file for an empty document', async () => {
		const docx = await render({ title: '', subject: '', header: '', footer: '', blocks: [] });
		expect(docx.text.trim()).toBe('');
		expect(docx.documentXml).toContain('<w:body>');
		expect(docx.footers).toEqual(['Seite PAGE von NUMPAGES']);
	});

	it('fills short rows and survives a table without columns', async () => {
		const docx = await render(
			documentOf(
				{
					type: 'table',
					caption: 'Kurz',
					columns: [{ label: 'A' }, { label: 'B', width: 3 }],
					rows: [[{ text: 'nur eins' }]]
				},
				{ type: 'table', caption: 'Leer', columns: [], rows: [] }
			)
		);
		expect(docx.html).toContain('<tr><td><p>nur eins</p></td><td></td></tr>');
		// A column without a width gets the average of the others: here 3 : 3.
		expect(docx.documentXml).toContain('<w:gridCol w:w="4819"/><w:gridCol w:w="4819"/>');
		expect(docx.text).toContain('Leer');
	});

	it('renders a 200-row table', async () => {
		const docx = await timedRender(
			'200-row table',
			documentOf(block.heading(1, 'Maßnahmen'), measureTable(200))
		);
		expect(docx.text).toContain('200.000,00 €');
		expect(docx.documentXml.match(/<w:tr>/g)).toHaveLength(202);
		// Long tables may break across pages: only short ones are kept together.
		expect(docx.documentXml).not.toMatch(
			/<w:keepNext\/><w:jc w:val="right"\/><\/w:pPr><w:r><w:t[^>]*>150\.000/
		);
	});
});

describe('renderDocx: landscape pages', () => {
	it('puts the blocks after a landscape page break into a landscape section as wide as its page', async () => {
		const docx = await render(documentOf(...LANDSCAPE_BLOCKS));
		// One section per orientation; Word writes a section's properties into its last paragraph.
		const xml = docx.documentXml;
		const portrait = xml.indexOf('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
		const landscape = xml.indexOf('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
		expect(portrait).toBeGreaterThan(0);
		expect(portrait).toBeLessThan(xml.indexOf('Querformat'));
		expect(landscape).toBeGreaterThan(xml.indexOf('zurückgehalten'));
		// Both with the document's header and footer.
		expect(docx.documentXml.match(/<w:headerReference/g)).toHaveLength(2);
		expect(docx.documentXml).toContain(`<w:tblW w:type="dxa" w:w="${LANDSCAPE_TEXT_WIDTH}"/>`);
		expect(docx.documentXml).toMatch(/<w:i\/>(<w:iCs\/>)?<\/w:rPr><w:t[^>]*>zurückgehalten/);
	});
});

describe('renderDocx: parts with their own running header', () => {
	it('starts a section with the header and footer a page break names', async () => {
		const annex = { header: 'Anlage 2 · Finanzplan', footer: 'Stadt Musterstadt' };
		const docx = await render(
			documentOf(
				block.paragraph('Die Vorlage'),
				block.pageBreak('portrait', annex),
				block.paragraph('Die Anlage'),
				block.pageBreak('landscape'),
				block.paragraph('Die Anlage quer')
			)
		);
		const xml = docx.documentXml;
		// Three sections: the Vorlage's, the annex's portrait and its landscape pages.
		expect(xml.match(/<w:sectPr/g)).toHaveLength(3);
		// Word writes the header and footer parts of each section.
		expect(docx.headers).toEqual([documentOf().header, annex.header, annex.header]);
		expect(docx.footers.map((footer) => footer.split(' · Seite')[0])).toEqual([
			documentOf().footer,
			annex.footer,
			annex.footer
		]);
		// The annex's header from its first page on: Word writes a section's properties into its
		// last paragraph, so „Die Anlage“ ends the second section, „Die Vorlage“ the first.
		const [, first = '', second = ''] = xml.split('<w:sectPr>');
		expect(first).toContain('Die Vorlage');
		expect(second).toContain('Die Anlage');
	});
});

describe('renderDocx: space below tables', () => {
	it('sets a paragraph after a table or a fields block apart from it, as the PDF does', async () => {
		const table: TableBlock = {
			type: 'table',
			caption: 'Zahlen',
			columns: [{ label: 'Kennzahl' }, { label: 'Anzahl', align: 'right' }],
			rows: [[{ text: 'Teilnehmende' }, { text: '37' }]]
		};
		const { documentXml } = await render(
			documentOf(
				table,
				block.note('Hinweis unter der Tabelle'),
				{ type: 'fields', rows: [{ label: 'Status', value: [{ text: 'geplant' }] }] },
				block.paragraph('Absatz unter den Feldern'),
				block.paragraph('Absatz darauf')
			)
		);
		// Word puts no space below a table: the paragraph after it starts with some above it.
		const spacingBefore = (text: string) =>
			new RegExp(`<w:p><w:pPr>(?:(?!</w:p>).)*<w:spacing w:before="\\d+"(?:(?!</w:p>).)*${text}`);
		expect(documentXml).toMatch(spacingBefore('Hinweis unter der Tabelle'));
		expect(documentXml).toMatch(spacingBefore('Absatz unter den Feldern'));
		expect(documentXml).not.toMatch(spacingBefore('Absatz darauf'));
	});
});

describe('renderDocx: rich text nested deep', () => {
	it('writes texts nested exactly to the limit, indented no further than the page allows', async () => {
		const docx = await render(
			documentOf(
				rich([
					...nestedRichText(RICH_TEXT_MAX_DEPTH),
					...nestedListsAtLimit(),
					...nestedRichText(RICH_TEXT_MAX_DEPTH, 'bulletList'),
					...nestedRichText(RICH_TEXT_MAX_DEPTH, 'listItem')
				])
			)
		);
		expect(docx.text.split(DEEP_TEXT)).toHaveLength(5);
		const lefts = [...docx.documentXml.matchAll(/<w:ind w:left="(\d+)"/g)].map((m) => Number(m[1]));
		expect(lefts.length).toBeGreaterThan(0);
		expect(Math.max(...lefts)).toBeLessThan(PORTRAIT_TEXT_WIDTH * (2 / 3));
	});

	it.each(['blockquote', 'bulletList'])(
		'writes the exports of texts nested 100,000 deep as %s (clamped when read)',
		async (type) => {
			for (const document of deepDemoDocuments(100_000, type)) {
				expect((await render(document)).text).toContain(DEEP_TEXT);
			}
		}
	);
});
