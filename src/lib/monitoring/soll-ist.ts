import type { YearComparison } from './progress';

/**
 * Soll/Ist summed: over the years of one measure, or over all measures per year. Soll counts
 * every year of the plan; Ist only the years with an approved statement, and the deviation only
 * those years (a year nobody reported on yet is not a saving). `reportedYears` says how many
 * years the Ist covers, so a page can say „Ist für 2 von 4 Jahren“.
 */
export interface SollIst {
	plannedCostCents: number;
	plannedFundingCents: number;
	/** null: no year reported. */
	actualCostCents: number | null;
	fundingReceivedCents: number | null;
	costDeviationCents: number | null;
	reportedYears: number;
	years: number;
}

export function sumSollIst(years: readonly YearComparison[]): SollIst {
	const reported = years.filter((year) => year.actualCostCents !== null);
	const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
	return {
		plannedCostCents: sum(years.map((year) => year.plannedCostCents)),
		plannedFundingCents: sum(years.map((year) => year.plannedFundingCents)),
		actualCostCents: reported.length
			? sum(reported.map((year) => year.actualCostCents ?? 0))
			: null,
		fundingReceivedCents: reported.length
			? sum(reported.map((year) => year.fundingReceivedCents ?? 0))
			: null,
		costDeviationCents: reported.length
			? sum(reported.map((year) => year.costDeviationCents ?? 0))
			: null,
		reportedYears: reported.length,
		years: years.length
	};
}

/** Per budget year, over all measures: one comparison per year, oldest first. */
export function sollIstByYear(
	measures: readonly { years: readonly YearComparison[] }[]
): (SollIst & { year: number })[] {
	const byYear = new Map<number, YearComparison[]>();
	for (const measure of measures) {
		for (const year of measure.years)
			byYear.set(year.year, [...(byYear.get(year.year) ?? []), year]);
	}
	return [...byYear.entries()]
		.sort(([a], [b]) => a - b)
		.map(([year, entries]) => ({ year, ...sumSollIst(entries) }));
}
