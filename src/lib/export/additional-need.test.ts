import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { additionalNeedCents } from './additional-need';

const cents = fc.integer({ min: 0, max: 10_000_000_000 });

describe('additionalNeedCents', () => {
	it.each([
		// own share, means planned, planned means, Mehrbedarf
		[1_000_000, true, 250_000, 750_000],
		[1_000_000, true, 1_000_000, 0],
		[1_000_000, true, 1_500_000, 0],
		[1_000_000, true, 0, 1_000_000],
		[0, true, 250_000, 0],
		[1_000_000, false, 250_000, 1_000_000],
		[1_000_000, false, null, 1_000_000],
		[0, false, null, 0],
		[1_000_000, true, null, null],
		[1_000_000, null, 250_000, null],
		[1_000_000, null, null, null]
	] as const)('own share %d, planned %s, %s cents → %s', (own, planned, amount, expected) => {
		expect(additionalNeedCents(own, planned, amount)).toBe(expected);
	});

	it('is the own share minus the planned means, never negative, when means are planned', () => {
		fc.assert(
			fc.property(cents, cents, (own, planned) => {
				const need = additionalNeedCents(own, true, planned);
				expect(need).toBe(Math.max(0, own - planned));
				expect(need).toBeGreaterThanOrEqual(0);
				expect(need).toBeLessThanOrEqual(own);
			})
		);
	});

	it('counts planned means as zero when none are planned, and is unknown while that is open', () => {
		fc.assert(
			fc.property(cents, fc.option(cents), (own, planned) => {
				expect(additionalNeedCents(own, false, planned)).toBe(own);
				expect(additionalNeedCents(own, null, planned)).toBeNull();
			})
		);
	});
});
