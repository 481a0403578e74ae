import { describe, expect, it } from 'vitest';
import { generateId } from '$lib/id-format';
import { match } from './id';

describe('id matcher', () => {
	it('accepts the ids the app makes', () => {
		for (let n = 0; n < 20; n++) expect(match(generateId())).toBe(true);
		expect(match('abcdefghijklmnop')).toBe(true);
	});

	it.each(['', 'xyz', 'abcdefghijklmnopq', 'ABCDEFGHIJKLMNOP', 'abcdefghijklmno1', 'gibtesnicht'])(
		'refuses %j',
		(param) => {
			expect(match(param)).toBe(false);
		}
	);
});
