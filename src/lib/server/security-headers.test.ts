import { describe, expect, it } from 'vitest';
import { privateCacheControl } from './security-headers';

describe('privateCacheControl', () => {
	it('makes anything that may be stored private, no-store', () => {
		expect(privateCacheControl(null)).toBe('private, no-store');
		expect(privateCacheControl('public, max-age=60')).toBe('private, no-store');
		expect(privateCacheControl('private, max-age=60')).toBe('private, no-store');
		expect(privateCacheControl('no-store-ish')).toBe('private, no-store');
	});

	it('keeps a value that already forbids storing', () => {
		expect(privateCacheControl('no-store')).toBe('no-store');
		expect(privateCacheControl('private, no-store')).toBe('private, no-store');
		expect(privateCacheControl('no-cache, No-Store, must-revalidate')).toBe(
			'no-cache, No-Store, must-revalidate'
		);
	});
});
