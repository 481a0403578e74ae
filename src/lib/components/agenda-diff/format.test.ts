import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { MEASURE_COLLECTIONS, RICH_SECTIONS, TOP_COLLECTIONS } from '$lib/agenda/model/entities';
import { PART_ORDER, SECTION_ORDER, partLabel, sectionLabel, valuePair } from './format';

const visitorsLocale = getLocale;

afterEach(() => overwriteGetLocale(visitorsLocale));

describe('valuePair', () => {
	it('names the choices of a change in the visitor’s language', () => {
		const status = { field: 'status', type: 'value', before: 'geplant', after: 'fehlt' } as const;
		const budget = { field: 'budget', type: 'value', before: 'ergebnis', after: 'finanz' } as const;
		expect(valuePair(status)).toEqual(['geplant', 'fehlt']);
		overwriteGetLocale(() => 'en');
		expect(valuePair(status)).toEqual(['planned', 'missing']);
		expect(
			valuePair({ field: 'priority', type: 'value', before: 'hoch', after: 'niedrig' })
		).toEqual(['high', 'low']);
		expect(valuePair({ field: 'category', type: 'value', before: 'sach', after: null })).toEqual([
			'Goods and services',
			'not set'
		]);
		expect(valuePair(budget)).toEqual([
			'Ergebnishaushalt (operating budget)',
			'Finanzhaushalt (capital budget)'
		]);
	});

	it('writes an indicator’s numbers and direction as the visitor reads them', () => {
		expect(valuePair({ field: 'baseline', type: 'value', before: 1234.5, after: null })).toEqual([
			'1.234,5',
			'nicht angegeben'
		]);
		expect(
			valuePair({ field: 'direction', type: 'value', before: null, after: 'fallend' })
		).toEqual(['nicht angegeben', 'fallend (weniger ist besser)']);
		expect(valuePair({ field: 'targetYear', type: 'value', before: 2027, after: 2028 })).toEqual([
			'2027',
			'2028'
		]);
	});

	it('leaves other text as it is', () => {
		overwriteGetLocale(() => 'en');
		expect(valuePair({ field: 'unit', type: 'value', before: 'hoch', after: 'Stück' })).toEqual([
			'hoch',
			'Stück'
		]);
	});
});

describe('sections of a diff', () => {
	it('shows every long text and every collection of the agenda once, in reading order', () => {
		expect([...SECTION_ORDER].sort()).toEqual([...RICH_SECTIONS, ...TOP_COLLECTIONS].sort());
		expect(SECTION_ORDER).toEqual([
			'ausgangslage',
			'inventory',
			'leitbild',
			'principles',
			'goals',
			'fields',
			'measures',
			'fundingSources',
			'people'
		]);
	});

	it('shows a measure’s parts in the layout’s order', () => {
		expect(PART_ORDER).toEqual(MEASURE_COLLECTIONS);
	});

	it('names sections and parts in the visitor’s language', () => {
		expect(sectionLabel('ausgangslage')).toBe('Ausgangslage');
		expect(sectionLabel('fundingSources')).toBe('Fördermittelquellen');
		expect(partLabel('costLines')).toBe('Kostenpositionen');
		overwriteGetLocale(() => 'en');
		expect(sectionLabel('leitbild')).toBe('Vision');
		expect(sectionLabel('measures')).toBe('Measures');
	});
});
