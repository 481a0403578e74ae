import { describe, expect, it } from 'vitest';
import { parseStichtag } from './stichtag';

describe('parseStichtag', () => {
	it('takes a real calendar day, and today without one', () => {
		expect(parseStichtag('2024-02-29', '2026-12-06')).toEqual({ ok: true, stichtag: '2024-02-29' });
		expect(parseStichtag(null, '2026-12-06')).toEqual({ ok: true, stichtag: '2026-12-06' });
		expect(parseStichtag('', '2026-12-06')).toEqual({ ok: true, stichtag: '2026-12-06' });
	});

	it('refuses anything else', () => {
		for (const value of [
			'2023-02-29',
			'2026-13-01',
			'2026-6-30',
			'30.06.2026',
			'heute',
			'2026-06-30x'
		]) {
			expect(parseStichtag(value, '2026-12-06'), value).toEqual({ ok: false });
		}
	});
});
