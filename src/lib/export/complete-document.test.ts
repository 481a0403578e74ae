import { describe, expect, it } from 'vitest';
import { completeDocument } from './complete-document';
import { block, type ExportDocument } from './document';
import { SAMPLE_DOCUMENT } from './testing/sample-document';

const annex: ExportDocument = {
	title: 'Finanzplan',
	subject: 'Finanzplan',
	header: 'Anlage 2',
	footer: 'Stadt Musterstadt',
	blocks: [
		block.pageBreak('landscape'),
		block.heading(1, 'Kosten'),
		block.heading(3, 'Detail'),
		{ type: 'rich', content: [], baseLevel: 2 }
	]
};

describe('completeDocument', () => {
	const complete = completeDocument([
		{ heading: 'Beschlussvorlage 2026/0123', document: SAMPLE_DOCUMENT },
		{ heading: 'Anlage 2: Finanzplan', document: annex }
	]);
	const headings = complete.blocks.flatMap((part) =>
		part.type === 'heading' ? [[part.level, part.text]] : []
	);

	it('starts each part on a new portrait page under a level-1 heading naming it', () => {
		expect(headings.filter(([level]) => level === 1)).toEqual([
			[1, 'Beschlussvorlage 2026/0123'],
			[1, 'Anlage 2: Finanzplan']
		]);
		const annexStart = complete.blocks.findIndex(
			(part) => part.type === 'heading' && part.text === 'Anlage 2: Finanzplan'
		);
		expect(complete.blocks[annexStart - 1]).toMatchObject(block.pageBreak('portrait'));
		expect(complete.blocks[0]).toMatchObject(block.pageBreak('portrait'));
	});

	it('gives each part the running header and footer of its own document', () => {
		const breaks = complete.blocks.filter((part) => part.type === 'pageBreak');
		expect(breaks[0]).toEqual(
			block.pageBreak('portrait', {
				header: SAMPLE_DOCUMENT.header,
				footer: SAMPLE_DOCUMENT.footer
			})
		);
		expect(breaks).toContainEqual(
			block.pageBreak('portrait', { header: 'Anlage 2', footer: 'Stadt Musterstadt' })
		);
	});

	it('nests every part’s own headings one level below its bookmark', () => {
		expect(headings).toContainEqual([3, 'Beschlussvorschlag']);
		expect(headings).toContainEqual([2, 'Kosten']);
		expect(headings).toContainEqual([3, 'Detail']);
		expect(complete.blocks.find((part) => part.type === 'rich')).toMatchObject({ baseLevel: 3 });
	});

	it('says a part’s name once: its first heading or title the part’s heading repeats is left out', () => {
		// „Beschlussvorlage 2026/0123“ then „Beschlussvorlage“; „Anlage 1: Strategie 2030“ then
		// the title page's „Strategie 2030“.
		const strategy: ExportDocument = {
			title: 'Strategie 2030',
			subject: 'Anlage 1',
			header: 'Anlage 1',
			footer: 'Musterstadt',
			titlePage: { kicker: 'Anlage 1 zur Vorlage', title: 'Strategie 2030', lines: [] },
			blocks: [block.heading(1, 'Ausgangslage')]
		};
		const both = completeDocument([
			{ heading: 'Beschlussvorlage 2026/0123', document: SAMPLE_DOCUMENT },
			{ heading: 'Anlage 1: Strategie 2030', document: strategy }
		]);
		const texts = both.blocks.flatMap((part) =>
			part.type === 'heading'
				? [part.text]
				: part.type === 'paragraph'
					? [part.runs.map((run) => run.text).join('')]
					: []
		);
		expect(texts).not.toContain('Beschlussvorlage');
		expect(texts).not.toContain('Strategie 2030');
		expect(texts).toContain('Anlage 1 zur Vorlage');
		expect(texts).toContain('Ausgangslage');
		// Only the first heading: a later one of the same words stays.
		expect(texts).toContain('Beschlussvorschlag');
	});

	it('keeps a title page’s lines as text and takes title and header from the Vorlage', () => {
		expect(complete.titlePage).toBeUndefined();
		expect(complete.title).toBe('Gesamtdokument: Beschlussvorlage 2026/0123');
		expect(complete.header).toBe(SAMPLE_DOCUMENT.header);
		const texts = complete.blocks.flatMap((part) =>
			part.type === 'paragraph' ? part.runs.map((run) => run.text) : []
		);
		expect(texts).toContain('Anlage 1 zur Vorlage 2026/0123');
		expect(texts).toContain('Fassung 2 vom 23.11.2026');
	});
});
