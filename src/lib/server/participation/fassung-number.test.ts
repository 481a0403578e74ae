import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { fassungNumber } from './fassung-number';

describe('fassungNumber', () => {
	it.each([
		['1', 1],
		['12', 12],
		['999999999', 999_999_999]
	])('reads %j as %d', (value, number) => {
		expect(fassungNumber(value, 'kaputt')).toBe(number);
	});

	it.each([null, ''])('gives null for %j (no Fassung asked for)', (value) => {
		expect(fassungNumber(value, 'kaputt')).toBeNull();
	});

	it.each(['0', '01', '-1', '1.5', '1e3', ' 1', 'eins', '1000000000', '١'])(
		'refuses %j with a 400 and the given message',
		(value) => {
			try {
				fassungNumber(value, 'Die Fassung ist ungültig.');
				expect.unreachable();
			} catch (thrown) {
				expect(isHttpError(thrown, 400)).toBe(true);
				expect((thrown as { body: { message: string } }).body.message).toBe(
					'Die Fassung ist ungültig.'
				);
			}
		}
	);
});
