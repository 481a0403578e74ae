import { describe, expect, it } from 'vitest';
import { anchorFor, locateAnchor, normalizePassageText, type PassageAnchor } from './anchor';

const FASSUNG_1 = [
	'Das Bürgerbüro wird digital.',
	'Anträge können rund um die Uhr gestellt werden.',
	'Die Gebühren bleiben gleich.'
];

const at = (index: number): string => FASSUNG_1[index] ?? '';

const on = (paragraph: number, quote: string | null = null): PassageAnchor => ({
	paragraph,
	text: at(paragraph),
	quote
});

describe('anchorFor', () => {
	it('takes the paragraph text from the Fassung', () => {
		expect(anchorFor(FASSUNG_1, 1, null)).toEqual({ ok: true, anchor: on(1) });
	});

	it('keeps a quote that is part of the paragraph, whitespace collapsed', () => {
		expect(anchorFor(FASSUNG_1, 1, '  rund um\n die   Uhr ')).toEqual({
			ok: true,
			anchor: on(1, 'rund um die Uhr')
		});
	});

	it('reads an empty or blank quote as the whole paragraph', () => {
		expect(anchorFor(FASSUNG_1, 0, '')).toEqual({ ok: true, anchor: on(0) });
		expect(anchorFor(FASSUNG_1, 0, ' \n ')).toEqual({ ok: true, anchor: on(0) });
	});

	it('refuses a quote from another paragraph or made up', () => {
		expect(anchorFor(FASSUNG_1, 0, 'rund um die Uhr')).toEqual({
			ok: false,
			error: 'quote-not-in-paragraph'
		});
		expect(anchorFor(FASSUNG_1, 2, 'Gebühren steigen')).toEqual({
			ok: false,
			error: 'quote-not-in-paragraph'
		});
	});

	it('refuses a paragraph the description does not have', () => {
		for (const paragraph of [-1, 3, 1.5, Number.NaN]) {
			expect(anchorFor(FASSUNG_1, paragraph, null)).toEqual({
				ok: false,
				error: 'unknown-paragraph'
			});
		}
		expect(anchorFor([], 0, null)).toEqual({ ok: false, error: 'unknown-paragraph' });
	});

	it('compares in normal form C', () => {
		const decomposed = 'Bu\u0308rgerbu\u0308ro';
		expect(anchorFor(FASSUNG_1, 0, decomposed)).toEqual({ ok: true, anchor: on(0, 'Bürgerbüro') });
	});
});

describe('locateAnchor', () => {
	it('finds an unchanged paragraph where it was', () => {
		expect(locateAnchor(on(1), FASSUNG_1)).toBe(1);
	});

	it('follows a paragraph that moved', () => {
		const moved = ['Vorweg ein neuer Absatz.', at(2), at(0), at(1)];
		expect(locateAnchor(on(1), moved)).toBe(3);
		expect(locateAnchor(on(0), moved)).toBe(2);
		expect(locateAnchor(on(2), moved)).toBe(1);
	});

	it('ignores changed whitespace and line breaks', () => {
		const reflowed = [at(0), 'Anträge können rund um\ndie  Uhr gestellt werden. ', 'x'];
		expect(locateAnchor(on(1), reflowed)).toBe(1);
	});

	it('reports an edited paragraph without quote as changed', () => {
		const edited = [at(0), 'Anträge können werktags gestellt werden.', at(2)];
		expect(locateAnchor(on(1), edited)).toBeNull();
	});

	it('finds an edited paragraph that still holds the quote', () => {
		const edited = [at(0), 'Anträge können künftig rund um die Uhr online gestellt werden.', at(2)];
		expect(locateAnchor(on(1, 'rund um die Uhr'), edited)).toBe(1);
	});

	it('reports an edited paragraph whose quoted words are gone as changed', () => {
		const edited = [at(0), 'Anträge können werktags gestellt werden.', at(2)];
		expect(locateAnchor(on(1, 'rund um die Uhr'), edited)).toBeNull();
	});

	it('reports a deleted paragraph as changed', () => {
		expect(locateAnchor(on(2), FASSUNG_1.slice(0, 2))).toBeNull();
		expect(locateAnchor(on(0), [])).toBeNull();
	});

	it('prefers the whole paragraph over another that merely holds the quote', () => {
		const paragraphs = ['Die Gebühren bleiben gleich, sagt der Rat.', 'x', at(2)];
		expect(locateAnchor(on(2, 'Gebühren bleiben gleich'), paragraphs)).toBe(2);
	});

	it('picks the duplicate nearest the old position, the earlier one on a tie', () => {
		const dup = at(1);
		expect(locateAnchor(on(1), [dup, 'a', 'b', dup])).toBe(0);
		expect(locateAnchor(on(1), ['a', 'b', dup, dup])).toBe(2);
		expect(locateAnchor({ ...on(1), paragraph: 2 }, [dup, 'a', 'b', dup])).toBe(3);
		expect(locateAnchor(on(1), [dup, 'a', dup])).toBe(0);
	});

	it('locates by quote among several paragraphs nearest the old position', () => {
		const paragraphs = ['rund um die Uhr A', 'x', 'y', 'z', 'rund um die Uhr B'];
		expect(locateAnchor({ ...on(1, 'rund um die Uhr'), paragraph: 3 }, paragraphs)).toBe(4);
	});
});

describe('normalizePassageText', () => {
	it('collapses whitespace and trims', () => {
		expect(normalizePassageText(' a \n\t b  ')).toBe('a b');
	});
});
