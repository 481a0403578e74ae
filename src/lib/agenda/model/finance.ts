import type { Agenda, CostLine, FundingSource, Measure } from './schema';
import { BUDGETS, type Budget } from './vocabulary';

/**
 * Every money figure of an agenda, computed from an `Agenda` in one place (pages, the editor,
 * exports and the Beschlussvorlage all read these, nothing adds money up on its own).
 *
 * Rounding rule: the only division is a source's rate applied to one cost line, and it rounds
 * **down to whole cents** (a plan never counts on more grant than the rate allows). A fixed grant
 * on a line is capped at the line's amount. Everything else is sums of integer cents, so every
 * total equals the sum of its parts exactly, and own share = cost − funding everywhere.
 */
export interface Totals {
	costCents: number;
	fundingCents: number;
	ownShareCents: number;
}

export interface MeasureFinance extends Totals {
	measureId: string;
	byYear: YearTotals[];
	byBudget: Record<Budget, Totals>;
	/** Funding per source id, sources in the agenda's order; only sources with funding. */
	bySource: SourceTotals[];
	followUp: FollowUpTotals;
}

export interface YearTotals extends Totals {
	year: number;
}

export interface SourceTotals {
	sourceId: string;
	name: string;
	rateBp: number;
	/** Cost of the lines this source co-funds, and the grant on them. */
	fundedCostCents: number;
	fundingCents: number;
}

export interface FollowUpTotals {
	/** Sum over all follow-up lines of annual amount × years. */
	totalCents: number;
	byYear: { year: number; cents: number }[];
}

export interface AgendaFinance extends Totals {
	measures: MeasureFinance[];
	byYear: YearTotals[];
	byBudget: Record<Budget, Totals>;
	bySource: SourceTotals[];
	followUp: FollowUpTotals;
}

export const ZERO: Totals = Object.freeze({ costCents: 0, fundingCents: 0, ownShareCents: 0 });

/** A fixed grant above the line's amount, which counts only up to that amount. */
export function fixedFundingCapped(line: Pick<CostLine, 'fundingCents' | 'amountCents'>): boolean {
	return line.fundingCents !== null && line.fundingCents > line.amountCents;
}

/** The grant on one cost line: fixed amount (capped) or the source's rate, rounded down. */
export function lineFunding(line: CostLine, sources: ReadonlyMap<string, FundingSource>): number {
	if (line.fundingSourceId === null) return 0;
	const source = sources.get(line.fundingSourceId);
	if (!source) return 0;
	if (line.fundingCents !== null)
		return fixedFundingCapped(line) ? line.amountCents : line.fundingCents;
	// amountCents ≤ 1e10 and rateBp ≤ 1e4: the product stays far below 2^53, so this is exact.
	return Math.floor((line.amountCents * source.rateBp) / 10_000);
}

function totals(costCents: number, fundingCents: number): Totals {
	return { costCents, fundingCents, ownShareCents: costCents - fundingCents };
}

function add(a: Totals, b: Totals): Totals {
	return totals(a.costCents + b.costCents, a.fundingCents + b.fundingCents);
}

function sourceIndex(sources: readonly FundingSource[]) {
	return new Map(sources.map((source) => [source.id, source]));
}

export function measureFinance(
	measure: Measure,
	sources: readonly FundingSource[]
): MeasureFinance {
	const byId = sourceIndex(sources);
	const years = new Map<number, Totals>();
	const budgets = Object.fromEntries(BUDGETS.map((budget) => [budget, ZERO])) as Record<
		Budget,
		Totals
	>;
	const funded = new Map<string, { cost: number; funding: number }>();
	let sum = ZERO;
	for (const line of measure.costLines) {
		const lineTotals = totals(line.amountCents, lineFunding(line, byId));
		sum = add(sum, lineTotals);
		years.set(line.year, add(years.get(line.year) ?? ZERO, lineTotals));
		budgets[line.budget] = add(budgets[line.budget], lineTotals);
		if (line.fundingSourceId !== null && byId.has(line.fundingSourceId)) {
			const entry = funded.get(line.fundingSourceId) ?? { cost: 0, funding: 0 };
			entry.cost += line.amountCents;
			entry.funding += lineTotals.fundingCents;
			funded.set(line.fundingSourceId, entry);
		}
	}
	return {
		measureId: measure.id,
		...sum,
		byYear: [...years].sort(([a], [b]) => a - b).map(([year, t]) => ({ year, ...t })),
		byBudget: budgets,
		bySource: sources.flatMap((source) => {
			const entry = funded.get(source.id);
			return entry
				? [
						{
							sourceId: source.id,
							name: source.name,
							rateBp: source.rateBp,
							fundedCostCents: entry.cost,
							fundingCents: entry.funding
						}
					]
				: [];
		}),
		followUp: followUpOf([measure])
	};
}

function followUpOf(measures: readonly Measure[]): FollowUpTotals {
	const years = new Map<number, number>();
	let total = 0;
	for (const measure of measures) {
		for (const line of measure.followUpCosts) {
			total += line.annualCents * line.years;
			for (let offset = 0; offset < line.years; offset++) {
				const year = line.fromYear + offset;
				years.set(year, (years.get(year) ?? 0) + line.annualCents);
			}
		}
	}
	return {
		totalCents: total,
		byYear: [...years].sort(([a], [b]) => a - b).map(([year, cents]) => ({ year, cents }))
	};
}

/** All totals of an agenda: per measure, per year, per budget, per source, and follow-up costs. */
export function agendaFinance(agenda: Pick<Agenda, 'measures' | 'fundingSources'>): AgendaFinance {
	const measures = agenda.measures.map((measure) => measureFinance(measure, agenda.fundingSources));
	const years = new Map<number, Totals>();
	const budgets = Object.fromEntries(BUDGETS.map((budget) => [budget, ZERO])) as Record<
		Budget,
		Totals
	>;
	const sources = new Map<string, SourceTotals>();
	let sum = ZERO;
	for (const finance of measures) {
		sum = add(sum, finance);
		for (const year of finance.byYear)
			years.set(year.year, add(years.get(year.year) ?? ZERO, year));
		for (const budget of BUDGETS) budgets[budget] = add(budgets[budget], finance.byBudget[budget]);
		for (const source of finance.bySource) {
			const entry = sources.get(source.sourceId);
			sources.set(
				source.sourceId,
				entry
					? {
							...entry,
							fundedCostCents: entry.fundedCostCents + source.fundedCostCents,
							fundingCents: entry.fundingCents + source.fundingCents
						}
					: { ...source }
			);
		}
	}
	return {
		...sum,
		measures,
		byYear: [...years].sort(([a], [b]) => a - b).map(([year, t]) => ({ year, ...t })),
		byBudget: budgets,
		bySource: agenda.fundingSources.flatMap((source) => {
			const entry = sources.get(source.id);
			return entry ? [entry] : [];
		}),
		followUp: followUpOf(agenda.measures)
	};
}

/**
 * Mehrbedarf of a Beschlussvorlage: the own share the budget does not cover yet, i.e. own share
 * minus the means already planned, never below zero. Means „not planned“ count as zero; while it
 * is unknown whether any are planned (or how much), the Mehrbedarf is unknown too (null).
 */
export function additionalNeedCents(
	ownShareCents: number,
	meansPlanned: boolean | null,
	plannedMeansCents: number | null
): number | null {
	if (meansPlanned === null) return null;
	if (meansPlanned === false) return Math.max(0, ownShareCents);
	if (plannedMeansCents === null) return null;
	return Math.max(0, ownShareCents - plannedMeansCents);
}

/**
 * What the Deckungsvorschlag covers: the sum of its lines' amounts (lines without an amount add
 * nothing), and how much of the Mehrbedarf is left uncovered, never below zero; null while the
 * Mehrbedarf is unknown.
 */
export function coverageTotals(
	lines: readonly { amountCents: number | null }[],
	additionalNeed: number | null
): { coveredCents: number; uncoveredCents: number | null } {
	const coveredCents = lines.reduce((sum, line) => sum + (line.amountCents ?? 0), 0);
	return {
		coveredCents,
		uncoveredCents: additionalNeed === null ? null : Math.max(0, additionalNeed - coveredCents)
	};
}
