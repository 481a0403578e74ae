import { describe, expect, it } from 'vitest';
import { block, type ExportDocument, type TableBlock } from '$lib/export/document';
import { SAMPLE_DOCUMENT } from '$lib/export/testing/sample-document';
import { readZip } from '../../../../tests/support/zip';
import { PORTRAIT_TEXT_WIDTH } from './docx-parts';
import { renderDocx } from './render-docx';

/**
 * What LibreOffice and Word need to read the exports as structured, unbroken documents: headings
 * with an outline level, line spacing that cannot overlap, tables that do not leave rows alone on
 * a page, and columns as wide as their figures.
 */

async function parts(document: ExportDocument) {
	const files = readZip(
		await renderDocx(document, { createdAt: new Date('2026-12-06T08:02:00Z') })
	);
	const part = (name: string) => files.get(name)?.toString('utf8') ?? '';
	return { styles: part('word/styles.xml'), body: part('word/document.xml') };
}

function documentOf(...blocks: ExportDocument['blocks']): ExportDocument {
	return { title: 'Test', subject: 'Test', header: 'Kopf', footer: 'Fuß', blocks };
}

/** The XML of the style with this id. */
function style(styles: string, id: string): string {
	return styles.match(new RegExp(`<w:style [^>]*w:styleId="${id}">.*?</w:style>`, 's'))?.[0] ?? '';
}

/** The rows of the n-th table of the body, each as its XML. */
function tableRows(body: string, index = 0): string[] {
	const table = body.match(/<w:tbl>.*?<\/w:tbl>/gs)?.[index] ?? '';
	return table.match(/<w:tr>.*?<\/w:tr>/gs) ?? [];
}

/** Whether every paragraph of the row is kept with the next one. */
function keptWithNext(row: string): boolean {
	const paragraphs = row.match(/<w:p>.*?<\/w:p>/gs) ?? [];
	return (
		paragraphs.length > 0 && paragraphs.every((paragraph) => paragraph.includes('<w:keepNext/>'))
	);
}

function costTable(rows: number): TableBlock {
	return {
		type: 'table',
		caption: 'Kosten je Haushaltsjahr',
		columns: [
			{ label: 'Jahr', width: 2 },
			{ label: 'Position', width: 8 },
			{ label: 'Betrag', align: 'right', width: 5 },
			{ label: 'Geändert', width: 3 }
		],
		rows: Array.from({ length: rows }, (_, index) => [
			{ text: String(2026 + (index % 5)) },
			{ text: `Personalkosten und Unterstützungen für Maßnahme ${index + 1}, übernommen vom Land` },
			{ text: '1.234.567,00 €' },
			{ text: '06.12.2026, 08:02' }
		]),
		footer: [
			[{ text: 'Eigenanteil' }, { text: '' }, { text: '8.500,00 €' }, { text: '' }],
			[{ text: 'Summe' }, { text: '' }, { text: '1.243.067,00 €' }, { text: '' }]
		]
	};
}

describe('renderDocx: headings LibreOffice and screen readers navigate by', () => {
	it('gives Heading 1 to 6 the outline levels 0 to 5 in styles.xml', async () => {
		const { styles } = await parts(SAMPLE_DOCUMENT);
		for (const level of [1, 2, 3, 4, 5, 6]) {
			expect(style(styles, `Heading${level}`)).toContain(`<w:outlineLvl w:val="${level - 1}"/>`);
		}
		expect(style(styles, 'Title')).not.toContain('<w:outlineLvl');
	});
});

describe('renderDocx: line spacing', () => {
	it('says how every line spacing is meant, so a two-line title does not overlap', async () => {
		const document: ExportDocument = {
			...SAMPLE_DOCUMENT,
			titlePage: {
				title: 'Digitale Agenda Musterstadt 2026–2030',
				lines: ['Stadt Musterstadt']
			}
		};
		const { styles, body } = await parts(document);
		const spacings = [
			...styles.matchAll(/<w:spacing [^>]*>/g),
			...body.matchAll(/<w:spacing [^>]*>/g)
		]
			.map(([spacing]) => spacing)
			.filter((spacing) => spacing.includes('w:line='));
		expect(spacings.length).toBeGreaterThan(0);
		for (const spacing of spacings) expect(spacing).toMatch(/w:lineRule="(auto|atLeast)"/);
		// The title's lines are spaced for its own size, not for the body's.
		expect(style(styles, 'Title')).toMatch(/<w:spacing [^>]*w:line="\d+" w:lineRule="auto"/);
	});
});

describe('renderDocx: tables across pages', () => {
	it('never splits a row and repeats the header row', async () => {
		const { body } = await parts(documentOf(costTable(40)));
		const [header, ...rows] = tableRows(body);
		expect(header).toContain('<w:tblHeader/>');
		for (const row of [header, ...rows]) expect(row).toContain('<w:cantSplit/>');
		for (const row of rows) expect(row).not.toContain('<w:tblHeader/>');
	});

	it('keeps a short key-value table on one page: every row but the last with the next', async () => {
		const { body } = await parts(
			documentOf({
				type: 'fields',
				rows: ['Gesamtkosten', 'Fördermittel', 'Eigenanteil', 'Mehrbedarf'].map((label) => ({
					label,
					value: [block.value('8.500,00 €')]
				}))
			})
		);
		const rows = tableRows(body);
		expect(rows).toHaveLength(4);
		expect(rows.map(keptWithNext)).toEqual([true, true, true, false]);
		for (const row of rows) expect(row).toContain('<w:cantSplit/>');
	});

	it('keeps a short data table on one page with its caption and header', async () => {
		const { body } = await parts(documentOf(costTable(3)));
		expect(tableRows(body).map(keptWithNext)).toEqual([true, true, true, true, true, false]);
	});

	it('keeps the sums of a long table together with the row before them, and nothing else', async () => {
		const { body } = await parts(documentOf(costTable(40)));
		const [, ...rows] = tableRows(body);
		const kept = rows.map(keptWithNext);
		// 40 rows, then „Eigenanteil“ and „Summe“: the last body row goes with the two sums.
		expect(kept.slice(-3)).toEqual([true, true, false]);
		expect(kept.slice(0, -3).every((keep) => !keep)).toBe(true);
	});

	it('keeps the last rows of a long table without sums together, so none stands alone', async () => {
		const { body } = await parts(documentOf({ ...costTable(40), footer: [] }));
		const [, ...rows] = tableRows(body);
		expect(rows.map(keptWithNext).slice(-4)).toEqual([false, true, true, false]);
	});
});

describe('renderDocx: column widths from the content', () => {
	it('makes year, amount and date columns as wide as their longest entry, text takes the rest', async () => {
		const { body } = await parts(documentOf(costTable(5)));
		const grid = [
			...(body.match(/<w:tblGrid>.*?<\/w:tblGrid>/s)?.[0] ?? '').matchAll(
				/<w:gridCol w:w="(\d+)"\/>/g
			)
		].map(([, width]) => Number(width));
		expect(grid).toHaveLength(4);
		const [year = 0, text = 0, amount = 0, date = 0] = grid;
		expect(year + text + amount + date).toBeLessThanOrEqual(PORTRAIT_TEXT_WIDTH);
		expect(year + text + amount + date).toBeGreaterThan(PORTRAIT_TEXT_WIDTH - 10);
		// 9.5 pt Arial: „1.234.567,00 €“ is about 62 pt, „06.12.2026, 08:02“ about 75 pt wide, plus
		// 8 pt of cell margins; an equal or relative split gives them less (the old 5 : 3 did).
		expect(amount).toBeGreaterThanOrEqual(70 * 20);
		expect(date).toBeGreaterThanOrEqual(83 * 20);
		// Neither gets much more than it needs: the text column takes the rest.
		expect(amount).toBeLessThan(110 * 20);
		expect(date).toBeLessThan(120 * 20);
		// The year column holds „Eigenanteil“ of the sums, in bold: about 55 pt.
		expect(year).toBeLessThan(70 * 20);
		expect(text).toBeGreaterThan(PORTRAIT_TEXT_WIDTH * 0.45);
		// Each cell says the width of its grid column.
		const [firstRow] = tableRows(body);
		const cells = [...(firstRow ?? '').matchAll(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/g)].map(
			([, width]) => Number(width)
		);
		expect(cells).toEqual(grid);
	});

	it('never makes a text column narrower than its longest word', async () => {
		const table = costTable(2);
		const { body } = await parts(
			// Relative widths alone would leave the text column a sixtieth of the page.
			documentOf({
				...table,
				columns: table.columns.map((column, index) => ({ ...column, width: index === 1 ? 1 : 20 }))
			})
		);
		const grid = [...body.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map(([, width]) => Number(width));
		// „Unterstützungen“ in 9.5 pt Arial is about 72 pt.
		expect(grid[1]).toBeGreaterThanOrEqual(72 * 20);
	});
});
