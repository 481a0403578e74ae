import { describe, expect, it } from 'vitest';
import { parseStichtag } from './stichtag';

describe('parseStichtag', () => {
	it.each(['2027-03-31', '2028-02-29', '1900-01-01', '9999-12-31'])('accepts %j', (value) => {
		expect(parseStichtag(value)).toBe(value);
	});

	it.each([
		'',
		'2027-02-30',
		'2027-13-01',
		'2027-00-10',
		'2027-3-1',
		'27-03-31',
		'1899-12-31',
		'2027-03-31T00:00',
		' 2027-03-31',
		'31.03.2027'
	])('refuses %j', (value) => {
		expect(parseStichtag(value)).toBeNull();
	});
});
