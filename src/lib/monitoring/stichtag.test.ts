import { describe, expect, it } from 'vitest';
import { parseStichtag } from './stichtag';

const TODAY = '2026-12-06';

describe('parseStichtag', () => {
	it('takes today without a day, or with an empty one (a date form sent empty)', () => {
		expect(parseStichtag(null, TODAY)).toEqual({ ok: true, stichtag: TODAY });
		expect(parseStichtag('', TODAY)).toEqual({ ok: true, stichtag: TODAY });
	});

	it.each(['2027-03-31', '2024-02-29', '1900-01-01', '9999-12-31'])('accepts %j', (value) => {
		expect(parseStichtag(value, TODAY)).toEqual({ ok: true, stichtag: value });
	});

	it.each([
		'2027-02-30',
		'2023-02-29',
		'2027-13-01',
		'2027-00-10',
		'2027-3-1',
		'27-03-31',
		'1899-12-31',
		'2027-03-31T00:00',
		' 2027-03-31',
		'31.03.2027',
		'heute',
		'2026-06-30x'
	])('refuses %j', (value) => {
		expect(parseStichtag(value, TODAY)).toEqual({ ok: false });
	});
});
