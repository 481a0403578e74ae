import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import {
	formatNumber,
	fassungMessageParams,
	formatDate,
	formatDateTime,
	formatDay,
	formatLongDate,
	formatMoment,
	formatPeriod,
	formatTime
} from './format';

const visitorsLocale = getLocale;

afterEach(() => overwriteGetLocale(visitorsLocale));

// 23:30 UTC is already the next day in Berlin (winter time, UTC+1).
const LATE = new Date('2026-11-23T23:30:00Z');

describe('date formats', () => {
	it('are German and in Berlin time by default', () => {
		expect(formatDate(LATE)).toBe('24.11.2026');
		expect(formatDateTime(LATE)).toBe('24.11.2026, 00:30');
		expect(formatLongDate(LATE)).toBe('24. November 2026');
		expect(formatTime(LATE)).toBe('00:30');
		expect(formatDay('2026-03-10')).toBe('10.03.2026');
		expect(formatPeriod(2026, 2030)).toBe('2026–2030');
	});

	it('follow an English visitor', () => {
		overwriteGetLocale(() => 'en');
		expect(formatDate(LATE)).toBe('24 Nov 2026');
		expect(formatDateTime(LATE)).toBe('24 Nov 2026, 00:30');
		expect(formatLongDate(LATE)).toBe('24 November 2026');
		expect(formatTime(LATE)).toBe('00:30');
		expect(formatDay('2026-03-10')).toBe('10 Mar 2026');
	});

	it('are German for documents whatever the visitor reads', () => {
		overwriteGetLocale(() => 'en');
		expect(formatDate(LATE, 'de')).toBe('24.11.2026');
		expect(formatDateTime(LATE, 'de')).toBe('24.11.2026, 00:30');
		expect(formatDay('2026-03-10', 'de')).toBe('10.03.2026');
	});

	it('keep a day that is not an ISO date as it is', () => {
		expect(formatDay('demnächst')).toBe('demnächst');
		expect(formatDay('2026-02-31')).toBe('2026-02-31');
	});
});

describe('fassungMessageParams', () => {
	it('names a Fassung by number, name and the Berlin day it was frozen, in the asked language', () => {
		const version = { number: 2, name: 'Entwurf nach Beteiligung', createdAt: LATE };
		expect(fassungMessageParams(version)).toEqual({
			number: 2,
			name: 'Entwurf nach Beteiligung',
			date: '24.11.2026'
		});
		overwriteGetLocale(() => 'en');
		expect(fassungMessageParams(version).date).toBe('24 Nov 2026');
		expect(fassungMessageParams(version, 'de').date).toBe('24.11.2026');
	});
});

describe('formatMoment', () => {
	it('gives the long Berlin date and the time, in the asked language', () => {
		expect(formatMoment(LATE)).toEqual({ date: '24. November 2026', time: '00:30' });
		overwriteGetLocale(() => 'en');
		expect(formatMoment(LATE)).toEqual({ date: '24 November 2026', time: '00:30' });
	});
});

describe('formatNumber', () => {
	it('writes numbers as each language does, at most two decimals', () => {
		expect(formatNumber(1234.5, 'de')).toBe('1.234,5');
		expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
		expect(formatNumber(2 / 3, 'de')).toBe('0,67');
		expect(formatNumber(-20, 'de')).toBe('-20');
	});
});
