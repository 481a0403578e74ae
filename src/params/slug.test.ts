import { describe, expect, it } from 'vitest';
import { match } from './slug';

describe('slug matcher', () => {
	it.each(['musterstadt', 'andere-agenda', 'abc', 'a1-b2-c3', 'x'.repeat(60)])(
		'accepts %j',
		(param) => {
			expect(match(param)).toBe(true);
		}
	);

	it.each([
		'',
		'ab',
		'x'.repeat(61),
		'Musterstadt',
		'-musterstadt',
		'muster--stadt',
		'muster_stadt',
		'straße',
		'a b'
	])('refuses %j', (param) => {
		expect(match(param)).toBe(false);
	});
});
