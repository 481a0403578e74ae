import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { valuePair } from './format';

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

	it('leaves other text as it is', () => {
		overwriteGetLocale(() => 'en');
		expect(valuePair({ field: 'unit', type: 'value', before: 'hoch', after: 'Stück' })).toEqual([
			'hoch',
			'Stück'
		]);
	});
});
