import { describe, expect, it } from 'vitest';
import { generateToken } from '$lib/id-format';
import { match } from './token';

describe('token matcher', () => {
	it('accepts the tokens the app makes', () => {
		for (let n = 0; n < 20; n++) expect(match(generateToken())).toBe(true);
	});

	it.each(['', 'zu-kurz', 'A'.repeat(32), 'a'.repeat(31), 'a'.repeat(33), `${'a'.repeat(31)}1`])(
		'refuses %j',
		(param) => {
			expect(match(param)).toBe(false);
		}
	);
});
