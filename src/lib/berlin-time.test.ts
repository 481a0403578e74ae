import { describe, expect, it } from 'vitest';
import {
	berlinDateTime,
	lastBerlinHour,
	parseBerlinLocal,
	toBerlinLocalInput
} from './berlin-time';

describe('Berlin wall-clock times', () => {
	it('reads winter and summer times with their offsets', () => {
		expect(parseBerlinLocal('2027-01-15T18:00')?.toISOString()).toBe('2027-01-15T17:00:00.000Z');
		expect(parseBerlinLocal('2027-07-01T09:30')?.toISOString()).toBe('2027-07-01T07:30:00.000Z');
	});

	it('round-trips through the input format', () => {
		for (const iso of [
			'2026-03-29T00:59:00.000Z',
			'2026-10-25T01:30:00.000Z',
			'2026-12-31T23:00:00.000Z'
		]) {
			const input = toBerlinLocalInput(new Date(iso));
			expect(parseBerlinLocal(input)?.toISOString()).toBe(iso);
		}
	});

	it('refuses malformed values and the hour skipped in spring', () => {
		for (const value of [
			'',
			'2026-13-01T10:00',
			'15.01.2027 18:00',
			'2027-01-15',
			'2026-03-29T02:30'
		]) {
			expect(parseBerlinLocal(value), value).toBeNull();
		}
	});
});

describe('lastBerlinHour', () => {
	const at = (iso: string) => new Date(iso).getTime();
	it('is today’s hour once it passed, yesterday’s before, in winter and summer', () => {
		expect(lastBerlinHour(at('2027-01-15T06:00:00Z'), 7).toISOString()).toBe(
			'2027-01-15T06:00:00.000Z'
		);
		expect(lastBerlinHour(at('2027-01-15T05:59:00Z'), 7).toISOString()).toBe(
			'2027-01-14T06:00:00.000Z'
		);
		expect(lastBerlinHour(at('2027-07-01T05:30:00Z'), 7).toISOString()).toBe(
			'2027-07-01T05:00:00.000Z'
		);
		expect(lastBerlinHour(at('2027-01-01T03:00:00Z'), 7).toISOString()).toBe(
			'2026-12-31T06:00:00.000Z'
		);
	});

	it('finds yesterday across the short spring day, and an hour that never was as the next', () => {
		// 30 March 2026, 00:30 in Berlin: the day before had 23 hours.
		expect(lastBerlinHour(at('2026-03-29T22:30:00Z'), 23).toISOString()).toBe(
			'2026-03-29T21:00:00.000Z'
		);
		expect(lastBerlinHour(at('2026-03-29T12:00:00Z'), 2).toISOString()).toBe(
			'2026-03-29T01:00:00.000Z'
		);
	});
});

describe('berlinDateTime', () => {
	it('writes Berlin wall-clock time with its offset, to the second', () => {
		expect(berlinDateTime(new Date('2026-12-01T09:30:15.786Z'))).toBe('2026-12-01T10:30:15+01:00');
		expect(berlinDateTime(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02T00:00:00+02:00');
		// The night clocks go back: the same wall-clock time twice, told apart by the offset.
		expect(berlinDateTime(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25T02:30:00+02:00');
		expect(berlinDateTime(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25T02:30:00+01:00');
	});
});
