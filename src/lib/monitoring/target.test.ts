import { describe, expect, it } from 'vitest';
import { targetNumber } from './target';

describe('targetNumber', () => {
	it.each([
		['80', 80],
		['80 % bis 2028', 80],
		['  1.200 Anträge', 1200],
		['1.200.000 €', 1_200_000],
		['1.234,5 t', 1234.5],
		['0,5 t je Kopf', 0.5],
		['2.5 Stellen', 2.5],
		['≥ 95 %', 95],
		['<= 10', 10],
		['ca. 40 Schulen', 40],
		['-20 % CO₂', -20],
		['−3', -3],
		['100%', 100]
	])('reads %j as %d', (text, expected) => {
		expect(targetNumber(text)).toBe(expected);
	});

	it.each(['', 'deutlich mehr', 'alle Schulen', 'bis 2028: 80 %', '%', 'x80'])(
		'gives no line for %j',
		(text) => {
			expect(targetNumber(text)).toBeNull();
		}
	);
});
