import { describe, expect, it } from 'vitest';
import { formatGermanDecimal, parseGermanDecimal } from './decimal';

describe('German decimals', () => {
	it('reads what people type', () => {
		expect(parseGermanDecimal('12,5')).toBe(12.5);
		expect(parseGermanDecimal(' 1.234,25 ')).toBe(1234.25);
		expect(parseGermanDecimal('1234')).toBe(1234);
		expect(parseGermanDecimal('-3,5')).toBe(-3.5);
		expect(parseGermanDecimal('0')).toBe(0);
	});

	it('refuses what is not a German number', () => {
		for (const input of ['', '12.5', '1,2,3', 'zwölf', '1.23,4', ',5', '12,', 'Infinity']) {
			expect(parseGermanDecimal(input), input).toBeNull();
		}
	});

	it('writes numbers the way they are read back', () => {
		expect(formatGermanDecimal(1234.5)).toBe('1.234,5');
		expect(parseGermanDecimal(formatGermanDecimal(1234.5))).toBe(1234.5);
		expect(formatGermanDecimal(-0.25)).toBe('-0,25');
	});
});
