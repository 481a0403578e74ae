import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	formatCents,
	formatEuro,
	formatEuroRounded,
	formatRate,
	parseEuro,
	parseRate
} from './money';

const NBSP = '\u00a0';

describe('formatEuro', () => {
	it.each([
		[123456, `1.234,56${NBSP}€`],
		[0, `0,00${NBSP}€`],
		[5, `0,05${NBSP}€`],
		[50, `0,50${NBSP}€`],
		[100, `1,00${NBSP}€`],
		[99_999, `999,99${NBSP}€`],
		[100_000, `1.000,00${NBSP}€`],
		[123_456_789, `1.234.567,89${NBSP}€`],
		[10_000_000_000, `100.000.000,00${NBSP}€`],
		[-123456, `−1.234,56${NBSP}€`],
		[-5, `−0,05${NBSP}€`]
	])('formats %d cents as %j', (cents, expected) => {
		expect(formatEuro(cents)).toBe(expected);
	});

	it('uses the minus sign U+2212 and a no-break space, never a plain space or hyphen', () => {
		const text = formatEuro(-100);
		expect(text.codePointAt(0)).toBe(0x2212);
		expect(text).not.toMatch(/[ -]/);
		expect(text.at(-2)).toBe(NBSP);
	});

	it('does not print a minus for zero or negative zero', () => {
		expect(formatEuro(-0)).toBe(`0,00${NBSP}€`);
	});
});

describe('formatEuroRounded', () => {
	it.each([
		[123_456, `1.235${NBSP}€`],
		[123_449, `1.234${NBSP}€`],
		[123_450, `1.235${NBSP}€`],
		[0, `0${NBSP}€`],
		[49, `0${NBSP}€`],
		[-123_456, `−1.235${NBSP}€`],
		[100_000_000_000, `1.000.000.000${NBSP}€`]
	])('formats %d cents as %j', (cents, expected) => {
		expect(formatEuroRounded(cents)).toBe(expected);
	});
});

describe('parseEuro', () => {
	it.each([
		['1.234,56', 123456],
		['1234,56', 123456],
		['1234,5', 123450],
		['1234', 123400],
		['1.234 €', 123400],
		[`1.234,56${NBSP}€`, 123456],
		['  12,30 € ', 1230],
		['0,05', 5],
		['0', 0],
		['1.000.000', 100_000_000]
	])('reads %j as %d cents', (input, cents) => {
		expect(parseEuro(input)).toBe(cents);
	});

	it.each([
		'12,345',
		'-5',
		'−5',
		'abc',
		'1.23',
		'1.2345',
		'12.34,5',
		'',
		' ',
		'€',
		',50',
		'1,',
		'1e3',
		'1.234.56',
		'99999999999999999'
	])('rejects %j', (input) => {
		expect(parseEuro(input)).toBeNull();
	});

	it('reads back whatever formatCents and formatEuro print', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 1e12 }), (cents) => {
				expect(parseEuro(formatCents(cents))).toBe(cents);
				expect(parseEuro(formatEuro(cents))).toBe(cents);
			}),
			{ numRuns: 1000 }
		);
	});

	it('reads amounts typed without grouping or with one decimal', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 1e9 }),
				fc.integer({ min: 0, max: 9 }),
				(euros, tenth) => {
					expect(parseEuro(`${euros},${tenth}`)).toBe(euros * 100 + tenth * 10);
					expect(parseEuro(String(euros))).toBe(euros * 100);
				}
			)
		);
	});
});

describe('formatRate and parseRate', () => {
	it.each([
		[9000, `90${NBSP}%`],
		[8550, `85,5${NBSP}%`],
		[8555, `85,55${NBSP}%`],
		[10_000, `100${NBSP}%`],
		[1000, `10${NBSP}%`],
		[0, `0${NBSP}%`],
		[5, `0,05${NBSP}%`],
		[50, `0,5${NBSP}%`]
	])('formats %d basis points as %j', (basisPoints, expected) => {
		expect(formatRate(basisPoints)).toBe(expected);
	});

	it.each([
		['90', 9000],
		['85,5', 8550],
		['85,55', 8555],
		['90 %', 9000],
		[`90${NBSP}%`, 9000],
		['100', 10_000],
		['0', 0],
		['0,05', 5]
	])('reads %j as %d basis points', (input, basisPoints) => {
		expect(parseRate(input)).toBe(basisPoints);
	});

	it.each(['100,01', '101', '-5', '85.5', '85,555', 'neunzig', '', '%', '1000'])(
		'rejects %j',
		(input) => {
			expect(parseRate(input)).toBeNull();
		}
	);

	it('reads back every rate it prints', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10_000 }), (basisPoints) => {
				expect(parseRate(formatRate(basisPoints))).toBe(basisPoints);
			}),
			{ numRuns: 1000 }
		);
	});
});
