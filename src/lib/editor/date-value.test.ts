import { describe, expect, it } from 'vitest';
import { DATE_MAX, DATE_MIN, dateFromInput, timeFromInput } from './date-value';

describe('dateFromInput', () => {
	it.each(['2026-03-31', '2028-02-29', '2000-01-01', '2100-12-31', ' 2026-01-05 '])(
		'accepts %j',
		(value) => expect(dateFromInput(value)).toBe(value.trim())
	);

	it.each([
		'',
		'2026-02-29',
		'2100-02-29',
		'2026-04-31',
		'2026-13-01',
		'2026-00-10',
		'2026-01-00',
		'0202-12-31',
		'1999-12-31',
		'2101-01-01',
		'275760-09-13',
		'31.03.2026',
		'2026-3-31',
		'2026-03-31T00:00'
	])('refuses %j', (value) => expect(dateFromInput(value)).toBeNull());

	it('accepts its own bounds', () => {
		expect(dateFromInput(DATE_MIN)).toBe(DATE_MIN);
		expect(dateFromInput(DATE_MAX)).toBe(DATE_MAX);
	});
});

describe('timeFromInput', () => {
	it.each([
		['18:00', '18:00'],
		['00:00', '00:00'],
		['23:59', '23:59'],
		['09:30:00', '09:30'],
		['09:30:15.5', '09:30'],
		[' 17:45 ', '17:45']
	])('reads %j as %j', (value, expected) => expect(timeFromInput(value)).toBe(expected));

	it.each(['', '24:00', '9:30', '18:60', '18.00', '18:00 Uhr', '18'])('refuses %j', (value) =>
		expect(timeFromInput(value)).toBeNull()
	);
});
