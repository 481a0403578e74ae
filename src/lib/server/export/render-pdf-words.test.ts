import { describe, expect, it } from 'vitest';
import type { ExportDocument, TableBlock } from '../../export/document';
import { renderPdf } from './render-pdf';
import { pdfText } from './testing/pdf-text';

/**
 * Words in narrow table columns of the PDF: columns sized for what they hold, dates and amounts
 * never broken, and a word that must break is hyphenated at a syllable („Personal-|kosten“),
 * never cut anywhere („Personalkost|en“).
 */

const WORDS = ['Personalkosten', 'Unterstützungen', 'übernommen', 'Digitalisierungsstrategie'];
const DATE = '06.12.2026, 08:02';
const AMOUNT = '1.234.567,00 €';

function table(columns: number): TableBlock {
	// The text columns first, with the builder's widths that squeezed dates and amounts.
	const labels = ['Kostenart', 'Art', 'Stand', 'Betrag', ...Array<string>(columns).fill('Jahr')];
	return {
		type: 'table',
		caption: 'Kosten',
		columns: labels.map((label, index) => ({
			label,
			width: index < 2 ? 3 : 1,
			align: index >= 3 ? 'right' : 'left'
		})),
		rows: [
			[
				{ text: `${WORDS[0]} und ${WORDS[1]}` },
				{ text: `${WORDS[2]} ${WORDS[3]}` },
				{ text: DATE },
				{ text: AMOUNT },
				...Array.from({ length: columns }, () => ({ text: '2026' }))
			]
		]
	};
}

function document(block: TableBlock): ExportDocument {
	return { title: 'Test', subject: 'Test', header: 'Kopf', footer: 'Fuß', blocks: [block] };
}

async function lines(block: TableBlock): Promise<string[]> {
	const { text } = await pdfText(await renderPdf(document(block)));
	return text.split(/[\n\f]/).map((line) => line.trim());
}

/** Each word whole on a line, or broken only with a hyphen at the end of a line. */
function expectWordsWholeOrHyphenated(all: string[]) {
	const text = all.join('\n');
	expect(text).not.toContain('\u00ad');
	const hyphenationUndone = text.replace(/(\p{L})-\n(\p{L})/gu, '$1$2');
	for (const word of WORDS) {
		expect(hyphenationUndone, `${word} neither whole nor hyphenated in:\n${text}`).toContain(word);
	}
}

describe('words in narrow table columns of the PDF', () => {
	it('keeps dates and amounts on one line and words whole where the columns fit them', async () => {
		const all = await lines(table(3));
		expect(all.some((line) => line.includes(DATE))).toBe(true);
		expect(all.some((line) => line.includes(AMOUNT))).toBe(true);
		expectWordsWholeOrHyphenated(all);
		for (const word of WORDS) expect(all.join('\n')).toContain(word);
	}, 30_000);

	it('hyphenates German words at syllables where even the longest word does not fit', async () => {
		const all = await lines(table(8));
		expectWordsWholeOrHyphenated(all);
		// Some word was broken, and only with a hyphen: else this test proves nothing.
		expect(all.join('\n')).toMatch(/\p{L}-\n\p{L}/u);
		expect(all.some((line) => line.includes(DATE))).toBe(true);
		expect(all.some((line) => line.includes(AMOUNT))).toBe(true);
	}, 30_000);

	it('leaves the text columns room when long headers fill the page (the rounds overview)', async () => {
		// Ten columns on a portrait page, as the Beteiligungsbericht's overview of its rounds:
		// numbers under long German headers once took all but a few points of the width, and
		// the Fassung and the period were set a letter a line over their neighbours.
		const numbers = ['Teilnehmende', 'Kommentare', 'Antworten', 'Unterstützungen', 'beantwortet'];
		const overview: TableBlock = {
			type: 'table',
			caption: 'Beteiligungsrunden',
			columns: [
				{ label: 'Runde', width: 1 },
				{ label: 'Fassung', width: 2.6 },
				{ label: 'Zeitraum', width: 2.2 },
				{ label: 'Stand', width: 1.6 },
				...[...numbers, 'offen'].map((label) => ({ label, width: 1.2, align: 'right' as const }))
			],
			rows: [
				[
					{ text: '1' },
					{ text: '1: „Entwurf zur Bürgerbeteiligung“' },
					{ text: '01.09.2026 – 27.10.2026' },
					{ text: 'abgeschlossen' },
					...['37', '38', '14', '118', '28', '0'].map((text) => ({ text }))
				]
			],
			footer: [[{ text: 'Alle Runden' }, { text: '' }, { text: '' }, { text: '' }]]
		};
		const all = await lines(overview);
		const text = all.join('\n').replace(/(\p{L})-\n(\p{L})/gu, '$1$2');
		for (const word of ['Entwurf', 'Bürgerbeteiligung', 'abgeschlossen', ...numbers]) {
			expect(text, `${word} neither whole nor hyphenated in:\n${all.join('\n')}`).toContain(word);
		}
		// Each date of the period whole on a line (the dates of a row's cells may share one).
		for (const date of ['01.09.2026', '27.10.2026']) {
			expect(
				all.some((line) => line.includes(date)),
				all.join('\n')
			).toBe(true);
		}
	}, 30_000);
});
