import { describe, expect, it } from 'vitest';
import { COMMENTABLE_SECTIONS } from '$lib/participation/vocabulary';
import { match } from './section';

describe('section matcher', () => {
	it.each(COMMENTABLE_SECTIONS)('accepts the commentable section %j', (param) => {
		expect(match(param)).toBe(true);
	});

	it.each(['', 'bestandsaufnahme', 'resolution', 'Leitbild', 'leitbild/', 'toString', '__proto__'])(
		'refuses %j',
		(param) => {
			expect(match(param)).toBe(false);
		}
	);
});
