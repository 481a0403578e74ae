import { beforeAll, describe, expect, it, vi } from 'vitest';
import { RICH_TEXT_MAX_CHARS, RICH_TEXT_MAX_DEPTH } from '../../agenda/model/limits';
import { richTextToPlain } from '../../agenda/model/rich-text';
import {
	DEEP_TEXT,
	longRichText,
	nestedListsAtLimit,
	nestedRichText
} from '../../agenda/ydoc/testing/deep-rich-text';
import {
	block,
	CHECKED,
	documentText,
	MISSING,
	UNCHECKED,
	type Block,
	type ExportDocument,
	type TableBlock
} from '../../export/document';
import { deepDemoDocuments } from '../../export/testing/demo-agenda';
import {
	LANDSCAPE_BLOCKS,
	SAMPLE_DOCUMENT,
	TRICKY_TEXT
} from '../../export/testing/sample-document';
import { DocumentFonts, type FontkitFont } from './pdf-fonts';
import { renderPdf } from './render-pdf';
import { Pacer } from './pacer';
import { turnsDuring } from './testing/event-loop';
import { mappedTexts, pdfText, withoutWhitespace, type PdfText } from './testing/pdf-text';

const CREATED_AT = new Date('2026-11-23T10:00:00Z');

/** A document of just these blocks, without title page. */
function plain(blocks: Block[], header = 'Kopfzeile'): ExportDocument {
	return { title: 'Test', subject: 'Test', header, footer: 'Fußzeile', blocks };
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
	const start = performance.now();
	const result = await work();
	console.log(`${label}: ${(performance.now() - start).toFixed(0)} ms`);
	return result;
}

/** pdf.js may split a line into several items or join lines: compare without whitespace. */
function expectText(text: string, expected: string) {
	expect(withoutWhitespace(text)).toContain(withoutWhitespace(expected));
}

const AMOUNT_TABLE = (rows: number): TableBlock => ({
	type: 'table',
	caption: 'Alle Positionen',
	columns: [
		{ label: 'Position', width: 3 },
		{ label: 'Betrag', align: 'right', width: 1 }
	],
	rows: Array.from({ length: rows }, (_, index) => [
		{ text: `Position ${index + 1}` },
		{ text: `${index + 1}.000,00 €` }
	]),
	footer: [
		[
			{ text: 'Summe', bold: true },
			{ text: '20.100.000,00 €', bold: true }
		]
	]
});

describe('renderPdf with the sample document', () => {
	let pdf: Buffer;
	let read: PdfText;
	beforeAll(async () => {
		await timed('sample, first render (loads the fonts)', () =>
			renderPdf(SAMPLE_DOCUMENT, { createdAt: CREATED_AT })
		);
		pdf = await timed('sample', () => renderPdf(SAMPLE_DOCUMENT, { createdAt: CREATED_AT }));
		read = await pdfText(pdf);
	});

	it('is a PDF of a few pages with title and subject', () => {
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(read.pages.length).toBeGreaterThanOrEqual(3);
		expect(read.pages.length).toBeLessThanOrEqual(4);
		expect(read.info.Title).toBe(SAMPLE_DOCUMENT.title);
		expect(read.info.Subject).toBe(SAMPLE_DOCUMENT.subject);
		expect(read.info.Author).toBe('Agendawerk');
		expect(read.info.Language).toBe('de-DE');
		expect(read.info.CreationDate).toBe('D:20261123100000Z');
	});

	it('contains every text of the document exactly, TRICKY_TEXT included', () => {
		// The title is file metadata. Table cells (tabs) and field labels and values (`: `) are
		// drawn apart, so each is looked for on its own.
		const expected = documentText(SAMPLE_DOCUMENT, richTextToPlain)
			.split(/\n|\t|: /)
			.filter((line) => line !== '' && line !== SAMPLE_DOCUMENT.title);
		for (const line of expected) expectText(read.text, line);
		for (const value of [
			'Vorlage-Nr.',
			'2026/0123',
			'Kosten und Förderung je Haushaltsjahr',
			'Gesamtkosten',
			'100.000,00 €',
			'1.234,56 €',
			'101.234,56 €',
			MISSING,
			'Ergebnishaushalt',
			`Mittel bereits geplant ${MISSING}`,
			'1. Erstes Ziel',
			'• Glasfaser',
			'Maßnahmen im Zeitverlauf',
			'2027 Q4'
		]) {
			expectText(read.text, value);
		}
	});

	it('gives back TRICKY_TEXT character for character, spaces included', () => {
		// Emoji, check mark, quotes and markup characters come from three different fonts.
		expect(read.text).toContain(TRICKY_TEXT);
		expect(read.text).toContain('🚀');
		expect(read.text).toContain('✓');
		expect(read.text).toContain(CHECKED);
		expect(read.text).toContain(UNCHECKED);
	});

	it('has a font with a glyph for every character it draws', () => {
		// A character drawn with no font's glyph extracts as U+0000 (see pdf-fonts.ts).
		expect(read.text).not.toContain('\u0000');
	});

	it('puts the running header and „Seite x von y“ on every page but the title page', () => {
		const [titlePage, ...pages] = read.pages;
		expect(titlePage).toContain('Digitale Agenda Musterstadt');
		expect(titlePage).not.toContain(SAMPLE_DOCUMENT.header);
		expect(titlePage).not.toContain('Seite');
		pages.forEach((page, index) => {
			expect(page).toContain(SAMPLE_DOCUMENT.header);
			expect(page).toContain(SAMPLE_DOCUMENT.footer);
			// Numbered like Word's PAGE/NUMPAGES in the DOCX: the title page counts.
			expect(page).toContain(`Seite ${index + 2} von ${read.pages.length}`);
		});
	});

	it('starts the roadmap after the page break on a page of its own', () => {
		const roadmap = read.pages.findIndex((page) => page.includes('Umsetzungsfahrplan'));
		expect(roadmap).toBeGreaterThan(1);
		expect(read.pages[roadmap - 1]).toContain('101.234,56 €');
	});

	it('embeds its fonts and uses none of the standard 14', () => {
		const raw = pdf.toString('latin1');
		expect(raw).toMatch(/\/FontFile[23]/);
		expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier|Symbol|ZapfDingbats)/);
		expect(read.fonts.length).toBeGreaterThan(0);
		for (const font of read.fonts) expect(font.embedded, font.name).toBe(true);
		const names = read.fonts.map((font) => font.name).join(' ');
		expect(names).toContain('FiraSans-Regular');
		expect(names).toContain('FiraSans-Bold');
		expect(names).toContain('FiraSans-Italic');
		expect(names).toContain('NotoEmoji');
		expect(names).toContain('NotoSansSymbols2');
	});

	it('has bookmarks nested like the headings', () => {
		expect(read.outline).toEqual([
			{ title: 'Beschlussvorlage', depth: 0 },
			{ title: 'Beschlussvorschlag', depth: 1 },
			{ title: 'Sachverhalt', depth: 1 },
			{ title: 'Anlass', depth: 2 },
			{ title: 'Finanzielle Auswirkungen', depth: 2 },
			{ title: 'Umsetzungsfahrplan', depth: 1 }
		]);
	});

	it('links web addresses of the rich text', () => {
		expect(pdf.toString('latin1')).toContain('/URI (https://musterstadt.example)');
	});

	it('gives the same bytes for the same document, whatever was rendered before', async () => {
		await renderPdf(plain([block.paragraph('Anderes\u00a0Dokument ☑ ✔ 🚀\ufe0f 中文 ﬁ 5\u2009‰')]));
		const again = await renderPdf(SAMPLE_DOCUMENT, { createdAt: CREATED_AT });
		expect(again.equals(pdf)).toBe(true);
	});

	it('gives the same bytes with nothing measured yet as after documents sharing its text', async () => {
		const document = plain([
			block.paragraph({ text: 'Zuerst fett', bold: true }),
			block.paragraph('Dann normal ☒ 🚀 Auflage 5\u2009‰'),
			block.paragraph({ text: 'Zuletzt kursiv', italic: true })
		]);
		const render = async (before: ExportDocument[]) => {
			// A fresh module: no fonts loaded, no text measured yet.
			vi.resetModules();
			const fresh = await import('./render-pdf');
			for (const other of before) await fresh.renderPdf(other, { createdAt: CREATED_AT });
			return fresh.renderPdf(document, { createdAt: CREATED_AT });
		};
		const first = await render([]);
		const after = await render([
			plain([
				block.paragraph({ text: 'Zuletzt kursiv', italic: true }),
				block.paragraph('☒ ﬂ\u2009')
			])
		]);
		expect(after.equals(first)).toBe(true);
	});
});

describe('renderPdf tables', () => {
	it('repeats the header row on every page of a long table and never splits a row', async () => {
		const pdf = await timed('table of 200 rows', () =>
			renderPdf(plain([block.heading(1, 'Tabelle'), AMOUNT_TABLE(200)]))
		);
		const { pages } = await pdfText(pdf);
		expect(pages.length).toBeGreaterThan(3);
		for (const page of pages) {
			expect(page).toMatch(/Position\s*Betrag/);
			expect(page).toContain('Kopfzeile');
		}
		const text = pages.join('\n');
		for (let row = 1; row <= 200; row++) {
			expect(text).toMatch(new RegExp(`Position ${row}\\s*${row}\\.000,00 €`));
		}
		expect(text).toMatch(/Summe\s*20\.100\.000,00 €/);
		expect(pages[0]).toContain('Alle Positionen');
	});

	it('wraps long cell texts and keeps every word', async () => {
		const words = Array.from({ length: 40 }, (_, index) => `Wort${index}`).join(' ');
		const table: TableBlock = {
			type: 'table',
			caption: 'Schmal',
			size: 'wide',
			columns: [{ label: 'Text', width: 1 }, ...Array.from({ length: 9 }, () => ({ label: 'Q' }))],
			rows: [[{ text: words }, { text: 'Donaudampfschifffahrtsgesellschaftskapitän' }]]
		};
		const { text } = await pdfText(await renderPdf(plain([table])));
		expectText(text, words);
		expectText(text, 'Donaudampfschifffahrtsgesellschaftskapitän');
	});
});

describe('renderPdf layout', () => {
	it('renders an empty document as one valid page', async () => {
		const pdf = await renderPdf({ title: '', subject: '', header: '', footer: '', blocks: [] });
		const { pages } = await pdfText(pdf);
		expect(pages).toHaveLength(1);
		expect(pages[0]).toContain('Seite 1 von 1');
	});

	it('draws the pages after a landscape page break in landscape, with header and footer', async () => {
		const pdf = await renderPdf(plain(LANDSCAPE_BLOCKS), { createdAt: CREATED_AT });
		const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
		expect(boxes.map(([, width, height]) => `${width}x${height}`)).toEqual([
			'595.28x841.89',
			'841.89x595.28'
		]);
		const { pages, fonts } = await pdfText(pdf);
		expect(pages[1]).toContain('Querformat');
		expect(pages[1]).toContain('Kopfzeile');
		expect(pages[1]).toContain('Seite 2 von 2');
		expect(fonts.some((font) => /Italic/.test(font.name))).toBe(true);
	});

	it('sets the running header and footer a page break names on its pages and those after it', async () => {
		const annex = { header: 'Anlage 2 · Finanzplan', footer: 'Stadt Musterstadt' };
		const pdf = await renderPdf(
			plain([
				block.paragraph('Die Vorlage'),
				block.pageBreak('portrait', annex),
				block.paragraph('Die Anlage'),
				block.pageBreak('landscape'),
				block.paragraph('Die Anlage quer')
			])
		);
		const { pages } = await pdfText(pdf);
		expect(pages).toHaveLength(3);
		expect(pages[0]).toContain('Kopfzeile');
		expect(pages[0]).toContain('Fußzeile');
		for (const page of pages.slice(1)) {
			expect(page).toContain(annex.header);
			expect(page).toContain(annex.footer);
			expect(page).not.toContain('Kopfzeile');
			expect(page).not.toContain('Fußzeile');
		}
	});

	it('never leaves a heading alone at the bottom of a page', async () => {
		for (let count = 30; count <= 44; count += 2) {
			const filler = Array.from({ length: count }, (_, index) =>
				block.paragraph(`Absatz ${index}`)
			);
			const pdf = await renderPdf(
				plain([...filler, block.heading(2, 'Abschnitt'), block.paragraph('Erster Absatz danach')])
			);
			const { pages } = await pdfText(pdf);
			const page = pages.find((text) => text.includes('Abschnitt')) ?? '';
			expect(page, `${count} paragraphs`).toContain('Erster Absatz danach');
		}
	});

	it('draws rich text: nested lists, quotes, breaks and marks, links only to the web', async () => {
		const rich: Block = {
			type: 'rich',
			baseLevel: 1,
			content: [
				{
					type: 'orderedList',
					attrs: { start: 3 },
					content: [
						{
							type: 'listItem',
							content: [
								{ type: 'paragraph', content: [{ type: 'text', text: 'Oben' }] },
								{
									type: 'bulletList',
									content: [
										{
											type: 'listItem',
											content: [
												{ type: 'paragraph', content: [{ type: 'text', text: 'Innen' }] },
												{
													type: 'bulletList',
													content: [
														{
															type: 'listItem',
															content: [
																{ type: 'paragraph', content: [{ type: 'text', text: 'Tiefer' }] }
															]
														}
													]
												}
											]
										}
									]
								}
							]
						}
					]
				},
				{
					type: 'blockquote',
					content: [
						{
							type: 'paragraph',
							content: [
								{ type: 'text', text: 'Zitat' },
								{ type: 'hardBreak' },
								{ type: 'text', text: 'gestrichen', marks: [{ type: 'strike' }] },
								{ type: 'text', text: ' und ' },
								{
									type: 'text',
									text: 'unsicher',
									marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]
								}
							]
						}
					]
				},
				{ type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'Unterpunkt' }] }
			]
		};
		const pdf = await renderPdf(plain([rich]));
		const { text, outline } = await pdfText(pdf);
		expectText(text, '3. Oben');
		expectText(text, '• Innen');
		expectText(text, '– Tiefer');
		expect(text).toMatch(/Zitat\s*\n\s*gestrichen und unsicher/);
		expect(pdf.toString('latin1')).not.toContain('javascript:');
		expect(outline).toEqual([{ title: 'Unterpunkt', depth: 0 }]);
	});

	it('draws check boxes and check marks with Noto Sans Symbols 2', async () => {
		const text = '☐ ☑ ☒ ✓ ✔ ✗ ✘ x';
		const { pages, fonts } = await pdfText(await renderPdf(plain([block.paragraph(text)])));
		expect(pages[0]).toContain(text);
		expect(fonts.map((font) => font.name).join(' ')).toContain('NotoSansSymbols2');
	});

	it('draws Latin, Greek, Cyrillic and Vietnamese in every face', async () => {
		const text = 'Łódź Ελλάδα Москва Tiếng Việt';
		const faces = [{}, { bold: true }, { italic: true }, { bold: true, italic: true }];
		const paragraphs = faces.map((face) => block.paragraph({ text, ...face }));
		const { pages, fonts } = await pdfText(await renderPdf(plain(paragraphs)));
		expect(pages[0]?.split(text)).toHaveLength(faces.length + 1);
		const names = fonts.map((font) => font.name).join(' ');
		for (const name of ['Regular', 'Bold', 'Italic', 'BoldItalic']) {
			expect(names).toContain(`FiraSans-${name}`);
		}
	});

	it('draws CO₂, ‰, fractions, ligatures and special spaces with real glyphs', async () => {
		// The @fontsource subsets of Fira Sans lacked ₂ ‰ ⅓ ≤ → ﬁ and these spaces and hyphen: each
		// extracted as U+0000.
		const text = 'CO₂-Ausstoß ‰ ⅓ ≤ → „ﬁ“';
		const spaces = 'rund 12\u2009% z.\u202fB. Nicht\u2011trennen';
		const faces = [{}, { bold: true }, { italic: true }, { bold: true, italic: true }];
		const pdf = await renderPdf(
			plain(
				faces.flatMap((face) =>
					[text, spaces].map((line) => block.paragraph({ text: line, ...face }))
				)
			)
		);
		const { pages } = await pdfText(pdf, { normalize: false });
		expect(pages[0]).not.toContain('\u0000');
		// ﬁ is the glyph Fira Sans draws „fi“ with: it stands for those letters, so that words
		// such as „Definition“ extract as written (see fixGlyphCodePoints).
		expect(pages[0]?.split('CO₂-Ausstoß ‰ ⅓ ≤ → „fi“')).toHaveLength(faces.length + 1);
		// pdf.js gives every space as U+0020; the fonts' ToUnicode maps have the real ones.
		expect(pages[0]?.split('rund 12 % z. B. Nicht\u2011trennen')).toHaveLength(faces.length + 1);
		expect(mappedTexts(pdf)).toEqual(
			expect.arrayContaining([...'CO₂-Ausstoß‰⅓≤→„“', 'fi', '\u2009', '\u202f', '\u2011'])
		);
	});

	it('extracts words with ligatures as written', async () => {
		const text = 'Definition, Auflage, Einfluss, Pflicht, öffentlich, ﬂ';
		const { pages } = await pdfText(await renderPdf(plain([block.paragraph(text)])), {
			normalize: false
		});
		expect(pages[0]).toContain('Definition, Auflage, Einfluss, Pflicht, öffentlich, fl');
	});

	it('draws characters no font has with Fira Sans, in their place', async () => {
		// Each is drawn as Fira's missing-glyph box, and pdfkit maps that glyph to U+0000.
		const text = 'Stadt 中文 Land';
		const { pages } = await pdfText(await renderPdf(plain([block.paragraph(text)])));
		expect(pages[0]).toContain('Stadt \u0000\u0000 Land');
	});

	it('renders 50 measures (about 30 pages) quickly', async () => {
		const pdf = await timed('50 measures', () => renderPdf(measuresDocument(50)));
		const { pages } = await pdfText(pdf);
		console.log(`50 measures: ${pages.length} pages`);
		expect(pages.length).toBeGreaterThan(20);
		expectText(pages.join('\n'), 'Maßnahme 50: Angebot 50');
	});
});

describe('DocumentFonts', () => {
	/** The fonts registered with a document, by name. */
	async function fontsOf() {
		const registered = new Map<string, FontkitFont>();
		const fonts = await DocumentFonts.open({
			registerFont: (name, font) => {
				expect(registered.has(name), name).toBe(false);
				registered.set(name, font);
			}
		});
		return { fonts, registered };
	}

	it('picks per character the first font that has it, keeping joiners with their emoji', async () => {
		const { fonts, registered } = await fontsOf();
		const text = 'Straße Łódź Ж Ω CO₂ ☒ ✓\ufe0f 🚀\ufe0f 👩\u200d👧 5\u2009‰ 中';
		const runs = fonts.split(text, 'bold');
		expect(runs).toEqual([
			{ text: 'Straße Łódź Ж Ω CO₂ ', font: 'bold' },
			{ text: '☒', font: 'symbols:symbols' },
			{ text: ' ', font: 'bold' },
			// Variation selectors stay with their character, whichever font has them.
			{ text: '✓\ufe0f', font: 'symbols:symbols' },
			{ text: ' ', font: 'bold' },
			{ text: '🚀\ufe0f', font: 'emoji' },
			{ text: ' ', font: 'bold' },
			{ text: '👩\u200d👧', font: 'emoji' },
			{ text: ' 5', font: 'bold' },
			// Fira Sans lacks the thin space; Noto Sans (KERN's fallback font) has it.
			{ text: '\u2009', font: 'noto:bold' },
			// 中 is in no font: drawn with Fira Sans of the face all the same.
			{ text: '‰ 中', font: 'bold' }
		]);
		expect(runs.map((run) => run.text).join('')).toBe(text);
		expect([...registered.keys()].sort()).toEqual([...new Set(runs.map((run) => run.font))].sort());
	});

	it('reads each font once per process', async () => {
		const first = await fontsOf();
		const second = await fontsOf();
		first.fonts.split('Grüße ☐ 🚀 z.\u202fB.', 'italic');
		second.fonts.split('z.\u202fB. 🚀 ☐ Grüße', 'italic');
		expect(second.registered.size).toBe(first.registered.size);
		for (const [name, font] of first.registered) expect(second.registered.get(name)).toBe(font);
	});
});

const LOREM =
	'Die Verwaltung prüft gemeinsam mit den Fachämtern, welche Verfahren sich für eine vollständig ' +
	'digitale Bearbeitung eignen, und ordnet sie nach Nutzen für Bürgerinnen und Bürger und Aufwand.';

function measuresDocument(count: number): ExportDocument {
	const blocks = Array.from({ length: count }, (_, index): Block[] => {
		const number = index + 1;
		return [
			block.heading(2, `Maßnahme ${number}: Angebot ${number}`),
			{
				type: 'fields',
				rows: [
					{ label: 'Handlungsfeld', value: [{ text: 'Verwaltung digital' }] },
					{ label: 'Pate', value: [{ text: `Amt ${number}` }] },
					{ label: 'Status', value: [block.value(number % 3 ? 'geplant' : '')] }
				]
			},
			{
				type: 'rich',
				baseLevel: 2,
				content: [
					{ type: 'paragraph', content: [{ type: 'text', text: `${LOREM} ${LOREM}` }] },
					{
						type: 'bulletList',
						content: [1, 2, 3].map((step) => ({
							type: 'listItem',
							content: [
								{
									type: 'paragraph',
									content: [{ type: 'text', text: `Schritt ${step}: ${LOREM}` }]
								}
							]
						}))
					}
				]
			},
			{ ...AMOUNT_TABLE(3), caption: `Kosten der Maßnahme ${number}` }
		];
	}).flat();
	return { ...SAMPLE_DOCUMENT, blocks };
}

describe('renderPdf: rich text nested deep', () => {
	it('draws texts nested exactly to the limit, the widest numbered lists included', async () => {
		const rich: Block = {
			type: 'rich',
			baseLevel: 2,
			content: [
				...nestedRichText(RICH_TEXT_MAX_DEPTH),
				...nestedListsAtLimit(),
				...nestedRichText(RICH_TEXT_MAX_DEPTH, 'bulletList'),
				...nestedRichText(RICH_TEXT_MAX_DEPTH, 'listItem')
			]
		};
		const { text } = await pdfText(await renderPdf(plain([rich])));
		expect(text.split(DEEP_TEXT)).toHaveLength(5);
	});

	it.each(['blockquote', 'bulletList'])(
		'draws the exports of texts nested 100,000 deep as %s (clamped when read)',
		async (type) => {
			for (const document of deepDemoDocuments(100_000, type)) {
				const { text } = await pdfText(await renderPdf(document));
				expect(text).toContain(DEEP_TEXT);
			}
		},
		// About 1.5 s alone; several whole documents, so more on a machine busy with other tests.
		20_000
	);
});

describe('renderPdf and other requests', () => {
	it('lets the event loop turn between the pieces of a long text', async () => {
		await renderPdf(plain([block.paragraph('Schriften laden')]));
		const long: Block = {
			type: 'rich',
			baseLevel: 2,
			content: longRichText(RICH_TEXT_MAX_CHARS / 4)
		};
		// A pacer without a slice yields at every pause: the count does not depend on the machine.
		const turns = await turnsDuring(() => renderPdf(plain([long]), { pacer: new Pacer(0) }));
		expect(turns).toBeGreaterThan(long.content.length);
	});
});
