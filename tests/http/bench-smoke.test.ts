import { describe, expect, it } from 'vitest';
import { PARTS } from '../../bench/parts';

/**
 * Every benchmark part in its smallest run, so that `npm run bench` cannot rot unnoticed. Only
 * the shape of the results is checked: a timing is never asserted here.
 */
describe('benchmark parts (smoke runs)', () => {
	for (const part of PARTS) {
		// A cluster part starts PostgreSQL, Redis and several app processes and restarts one per
		// run; on a loaded machine that alone takes a minute or more.
		it(`${part.name} runs through and reports numbers`, { timeout: 240_000 }, async () => {
			const result = await part.run({ smoke: true, log: () => {} });
			expect(result.rows.length).toBeGreaterThan(0);
			expect(result.columns.length).toBeGreaterThan(0);
			// Rows of different kinds fill different columns (the table shows a dash for the rest),
			// but every column is filled somewhere and every row fills some.
			for (const column of result.columns) {
				expect(
					result.rows.some((row) => row[column] !== undefined),
					column
				).toBe(true);
			}
			for (const row of result.rows) {
				expect(result.columns.some((column) => row[column] !== undefined)).toBe(true);
				for (const value of Object.values(row)) {
					if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
				}
			}
		});
	}
});
