import { describe, expect, it } from 'vitest';
import type { YearComparison } from './progress';
import { sollIstByYear, sumSollIst } from './soll-ist';

const year = (
	value: number,
	planned: number,
	actual: number | null,
	funding: [number, number | null] = [0, null]
): YearComparison => ({
	year: value,
	plannedCostCents: planned,
	plannedFundingCents: funding[0],
	actualCostCents: actual,
	fundingReceivedCents: funding[1],
	costDeviationCents: actual === null ? null : actual - planned
});

describe('sumSollIst', () => {
	it('sums Soll over every year, Ist and deviation over the reported years only', () => {
		expect(
			sumSollIst([
				year(2027, 100_00, 120_00, [50_00, 40_00]),
				year(2028, 200_00, null, [60_00, null])
			])
		).toEqual({
			plannedCostCents: 300_00,
			plannedFundingCents: 110_00,
			actualCostCents: 120_00,
			fundingReceivedCents: 40_00,
			costDeviationCents: 20_00,
			reportedYears: 1,
			years: 2
		});
	});

	it('has no Ist while no year is reported', () => {
		expect(sumSollIst([year(2027, 100, null)])).toMatchObject({
			actualCostCents: null,
			fundingReceivedCents: null,
			costDeviationCents: null,
			reportedYears: 0
		});
		expect(sumSollIst([])).toMatchObject({ plannedCostCents: 0, years: 0, actualCostCents: null });
	});
});

describe('sollIstByYear', () => {
	it('sums all measures per year, oldest first', () => {
		const rows = sollIstByYear([
			{ years: [year(2028, 10, 12), year(2027, 5, null)] },
			{ years: [year(2027, 7, 6)] }
		]);
		expect(
			rows.map((row) => [
				row.year,
				row.plannedCostCents,
				row.actualCostCents,
				row.costDeviationCents
			])
		).toEqual([
			[2027, 12, 6, -1],
			[2028, 10, 12, 2]
		]);
	});
});
