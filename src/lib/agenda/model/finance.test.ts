import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	additionalNeedCents,
	coverageTotals,
	agendaFinance,
	lineFunding,
	measureFinance,
	type Totals
} from './finance';
import type { CostLine, FollowUpCost, FundingSource, Measure } from './schema';
import { formatEuro } from './money';
import { testMeasure } from './testing/measure';
import { BUDGETS, COST_CATEGORIES, MAX_AMOUNT_CENTS, MAX_RATE_BP } from './vocabulary';

let serial = 0;

function source(id: string, rateBp: number): FundingSource {
	return { id, order: 'a0', name: `Programm ${id}`, rateBp, notes: '' };
}

function line(values: Partial<CostLine> & Pick<CostLine, 'amountCents'>): CostLine {
	return {
		id: `line${serial++}`,
		order: 'a0',
		label: '',
		year: 2026,
		category: 'sach',
		budget: 'ergebnis',
		fundingSourceId: null,
		fundingCents: null,
		...values
	};
}

function followUp(annualCents: number, fromYear: number, years: number): FollowUpCost {
	return {
		id: `follow${serial++}`,
		order: 'a0',
		label: '',
		annualCents,
		fromYear,
		years,
		budget: 'ergebnis'
	};
}

function measure(id: string, costLines: CostLine[], followUpCosts: FollowUpCost[] = []): Measure {
	return testMeasure(id, { costLines, followUpCosts });
}

/** The documented rule, computed independently: exact integer arithmetic with BigInt. */
function expectedFunding(entry: CostLine, sources: readonly FundingSource[]): number {
	const found = sources.find((candidate) => candidate.id === entry.fundingSourceId);
	if (!found) return 0;
	if (entry.fundingCents !== null) return Math.min(entry.fundingCents, entry.amountCents);
	return Number((BigInt(entry.amountCents) * BigInt(found.rateBp)) / 10_000n);
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
	return items.reduce((total, item) => total + value(item), 0);
}

function sumTotals(items: readonly Totals[]): Totals {
	return {
		costCents: sum(items, (item) => item.costCents),
		fundingCents: sum(items, (item) => item.fundingCents),
		ownShareCents: sum(items, (item) => item.ownShareCents)
	};
}

function only(totals: Totals): Totals {
	return {
		costCents: totals.costCents,
		fundingCents: totals.fundingCents,
		ownShareCents: totals.ownShareCents
	};
}

const SOURCE_IDS = ['s0', 's1', 's2', 's3'] as const;

const sourcesArb = fc
	.tuple(
		fc.subarray([...SOURCE_IDS]),
		fc.array(fc.integer({ min: 0, max: MAX_RATE_BP }), { minLength: 4, maxLength: 4 })
	)
	.map(([ids, rates]) => ids.map((id, n) => source(id, rates[n] ?? 0)));

const lineArb = fc
	.record({
		amountCents: fc.oneof(
			fc.integer({ min: 0, max: MAX_AMOUNT_CENTS }),
			fc.integer({ min: 0, max: 1_000 })
		),
		year: fc.integer({ min: 2026, max: 2030 }),
		budget: fc.constantFrom(...BUDGETS),
		category: fc.constantFrom(...COST_CATEGORIES),
		// Sources not in the agenda ('s3' when not generated, 'weg') must get no funding.
		fundingSourceId: fc.option(fc.constantFrom(...SOURCE_IDS, 'weg'), { freq: 4 }),
		fundingCents: fc.option(fc.integer({ min: 0, max: MAX_AMOUNT_CENTS }), { freq: 2 })
	})
	.map((values) => line(values));

const followUpArb = fc
	.tuple(
		fc.integer({ min: 0, max: MAX_AMOUNT_CENTS }),
		fc.integer({ min: 2026, max: 2030 }),
		fc.integer({ min: 1, max: 50 })
	)
	.map(([annual, from, years]) => followUp(annual, from, years));

const agendaArb = fc.record({
	fundingSources: sourcesArb,
	measures: fc
		.array(
			fc.record({
				costLines: fc.array(lineArb, { maxLength: 8 }),
				followUpCosts: fc.array(followUpArb, { maxLength: 3 })
			}),
			{ maxLength: 5 }
		)
		.map((measures) => measures.map((m, n) => measure(`m${n}`, m.costLines, m.followUpCosts)))
});

describe('agendaFinance properties', () => {
	it('adds up: agenda = Σ measures = Σ years = Σ budgets, own share = cost − funding', () => {
		fc.assert(
			fc.property(agendaArb, (agenda) => {
				const finance = agendaFinance(agenda);
				const lines = agenda.measures.flatMap((m) => m.costLines);
				const top = only(finance);
				expect(top.costCents).toBe(sum(lines, (l) => l.amountCents));
				expect(top.fundingCents).toBe(sum(lines, (l) => expectedFunding(l, agenda.fundingSources)));
				expect(sumTotals(finance.measures)).toEqual(top);
				expect(sumTotals(finance.byYear)).toEqual(top);
				expect(sumTotals(BUDGETS.map((b) => finance.byBudget[b]))).toEqual(top);
				const everyTotals: Totals[] = [
					finance,
					...finance.byYear,
					...BUDGETS.map((b) => finance.byBudget[b]),
					...finance.measures.flatMap((m) => [m, ...m.byYear, ...BUDGETS.map((b) => m.byBudget[b])])
				];
				for (const totals of everyTotals) {
					expect(totals.ownShareCents).toBe(totals.costCents - totals.fundingCents);
					expect(totals.fundingCents).toBeGreaterThanOrEqual(0);
					expect(totals.fundingCents).toBeLessThanOrEqual(totals.costCents);
					expect(Number.isSafeInteger(totals.costCents)).toBe(true);
				}
				for (const [n, m] of finance.measures.entries()) {
					const own = agenda.measures[n] as Measure;
					expect(m.measureId).toBe(own.id);
					expect(only(m)).toEqual(only(measureFinance(own, agenda.fundingSources)));
					expect(sumTotals(m.byYear)).toEqual(only(m));
					expect(sum(m.bySource, (s) => s.fundingCents)).toBe(m.fundingCents);
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('funds each line by the rule: fixed grant capped, else the rate rounded down', () => {
		fc.assert(
			fc.property(agendaArb, (agenda) => {
				const sources = new Map(agenda.fundingSources.map((s) => [s.id, s]));
				for (const entry of agenda.measures.flatMap((m) => m.costLines)) {
					const funding = lineFunding(entry, sources);
					expect(funding).toBe(expectedFunding(entry, agenda.fundingSources));
					expect(Number.isInteger(funding)).toBe(true);
					expect(funding).toBeGreaterThanOrEqual(0);
					expect(funding).toBeLessThanOrEqual(entry.amountCents);
					if (!entry.fundingSourceId || !sources.has(entry.fundingSourceId)) {
						expect(funding).toBe(0);
					}
				}
			}),
			{ numRuns: 300 }
		);
	});

	it('splits funding by source: per-source sums make up the total', () => {
		fc.assert(
			fc.property(agendaArb, (agenda) => {
				const finance = agendaFinance(agenda);
				expect(sum(finance.bySource, (s) => s.fundingCents)).toBe(finance.fundingCents);
				const lines = agenda.measures.flatMap((m) => m.costLines);
				// In the agenda's order of sources, only those that fund some line.
				const used = agenda.fundingSources.filter((s) =>
					lines.some((l) => l.fundingSourceId === s.id)
				);
				expect(finance.bySource.map((s) => s.sourceId)).toEqual(used.map((s) => s.id));
				for (const entry of finance.bySource) {
					const funded = lines.filter((l) => l.fundingSourceId === entry.sourceId);
					expect(entry.fundedCostCents).toBe(sum(funded, (l) => l.amountCents));
					expect(entry.fundingCents).toBe(
						sum(funded, (l) => expectedFunding(l, agenda.fundingSources))
					);
				}
			}),
			{ numRuns: 200 }
		);
	});

	it('groups by year in ascending order and by budget', () => {
		fc.assert(
			fc.property(agendaArb, (agenda) => {
				const finance = agendaFinance(agenda);
				const lines = agenda.measures.flatMap((m) => m.costLines);
				const years = [...new Set(lines.map((l) => l.year))].sort((a, b) => a - b);
				expect(finance.byYear.map((y) => y.year)).toEqual(years);
				for (const year of finance.byYear) {
					expect(year.costCents).toBe(
						sum(
							lines.filter((l) => l.year === year.year),
							(l) => l.amountCents
						)
					);
				}
				for (const budget of BUDGETS) {
					expect(finance.byBudget[budget].costCents).toBe(
						sum(
							lines.filter((l) => l.budget === budget),
							(l) => l.amountCents
						)
					);
				}
			}),
			{ numRuns: 200 }
		);
	});

	it('totals follow-up costs as annual × years and spreads them over the years', () => {
		fc.assert(
			fc.property(agendaArb, (agenda) => {
				const finance = agendaFinance(agenda);
				const entries = agenda.measures.flatMap((m) => m.followUpCosts);
				expect(finance.followUp.totalCents).toBe(sum(entries, (f) => f.annualCents * f.years));
				expect(sum(finance.followUp.byYear, (y) => y.cents)).toBe(finance.followUp.totalCents);
				const years = finance.followUp.byYear.map((y) => y.year);
				expect(years).toEqual([...years].sort((a, b) => a - b));
				for (const { year, cents } of finance.followUp.byYear) {
					const running = entries.filter((f) => f.fromYear <= year && year < f.fromYear + f.years);
					expect(running.length).toBeGreaterThan(0);
					expect(cents).toBe(sum(running, (f) => f.annualCents));
				}
				expect(sum(finance.measures, (m) => m.followUp.totalCents)).toBe(
					finance.followUp.totalCents
				);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('lineFunding examples', () => {
	const sources = new Map(
		[source('bund', 9000), source('land', 5000), source('voll', 10_000), source('null', 0)].map(
			(s) => [s.id, s]
		)
	);
	it.each([
		['33.333,33 € at 90 %', 3_333_333, 'bund', null, '29.999,99\u00a0€'],
		['0,01 € at 50 %', 1, 'land', null, '0,00\u00a0€'],
		['0,03 € at 50 %', 3, 'land', null, '0,01\u00a0€'],
		['0,19 € at 90 %', 19, 'bund', null, '0,17\u00a0€'],
		['100,00 € at 100 %', 10_000, 'voll', null, '100,00\u00a0€'],
		['100,00 € at 0 %', 10_000, 'null', null, '0,00\u00a0€'],
		['100 Mio. € at 90 %', MAX_AMOUNT_CENTS, 'bund', null, '90.000.000,00\u00a0€'],
		['fixed 20,00 € on 50,00 € (rate 90 %)', 5_000, 'bund', 2_000, '20,00\u00a0€'],
		['fixed 80,00 € capped at 50,00 €', 5_000, 'land', 8_000, '50,00\u00a0€'],
		['fixed 0,00 € on 50,00 €', 5_000, 'bund', 0, '0,00\u00a0€'],
		['fixed grant without a source', 5_000, null, 2_000, '0,00\u00a0€'],
		['unknown source', 5_000, 'geloescht', null, '0,00\u00a0€'],
		['unknown source with a fixed grant', 5_000, 'geloescht', 2_000, '0,00\u00a0€']
	] as const)('%s → %s', (_name, amountCents, fundingSourceId, fundingCents, expected) => {
		const entry = line({ amountCents, fundingSourceId, fundingCents });
		expect(formatEuro(lineFunding(entry, sources))).toBe(expected);
	});

	it('rounds each line down on its own: three lines of 0,01 € at 50 % get nothing', () => {
		const lines = [1, 1, 1].map((amountCents) => line({ amountCents, fundingSourceId: 'land' }));
		const finance = measureFinance(measure('m', lines), [source('land', 5000)]);
		expect(lines.map((l) => lineFunding(l, sources))).toEqual([0, 0, 0]);
		expect(only(finance)).toEqual({ costCents: 3, fundingCents: 0, ownShareCents: 3 });
		expect(finance.bySource).toEqual([
			{ sourceId: 'land', name: 'Programm land', rateBp: 5000, fundedCostCents: 3, fundingCents: 0 }
		]);
	});
});

describe('agendaFinance example', () => {
	it('computes every figure of a small agenda', () => {
		const sources = [source('bund', 9000), source('land', 5000), source('leer', 7000)];
		const wlan = measure(
			'wlan',
			[
				line({ amountCents: 3_333_333, year: 2027, fundingSourceId: 'bund' }),
				line({ amountCents: 1_000_000, year: 2026, category: 'personal' }),
				line({ amountCents: 5_000_000, year: 2027, budget: 'finanz', fundingSourceId: 'land' })
			],
			[followUp(200_000, 2028, 3)]
		);
		const portal = measure(
			'portal',
			[
				line({
					amountCents: 2_000_000,
					year: 2026,
					fundingSourceId: 'bund',
					fundingCents: 500_000
				}),
				line({ amountCents: 999, year: 2030, fundingSourceId: 'entfernt' })
			],
			[followUp(50_000, 2029, 2)]
		);
		const finance = agendaFinance({ measures: [wlan, portal], fundingSources: sources });
		expect(only(finance)).toEqual({
			costCents: 11_334_332,
			fundingCents: 2_999_999 + 2_500_000 + 500_000,
			ownShareCents: 11_334_332 - 5_999_999
		});
		expect(formatEuro(finance.fundingCents)).toBe('59.999,99\u00a0€');
		expect(finance.byYear).toEqual([
			{ year: 2026, costCents: 3_000_000, fundingCents: 500_000, ownShareCents: 2_500_000 },
			{ year: 2027, costCents: 8_333_333, fundingCents: 5_499_999, ownShareCents: 2_833_334 },
			{ year: 2030, costCents: 999, fundingCents: 0, ownShareCents: 999 }
		]);
		expect(finance.byBudget).toEqual({
			ergebnis: { costCents: 6_334_332, fundingCents: 3_499_999, ownShareCents: 2_834_333 },
			finanz: { costCents: 5_000_000, fundingCents: 2_500_000, ownShareCents: 2_500_000 }
		});
		expect(finance.bySource).toEqual([
			{
				sourceId: 'bund',
				name: 'Programm bund',
				rateBp: 9000,
				fundedCostCents: 5_333_333,
				fundingCents: 3_499_999
			},
			{
				sourceId: 'land',
				name: 'Programm land',
				rateBp: 5000,
				fundedCostCents: 5_000_000,
				fundingCents: 2_500_000
			}
		]);
		expect(finance.followUp).toEqual({
			totalCents: 600_000 + 100_000,
			byYear: [
				{ year: 2028, cents: 200_000 },
				{ year: 2029, cents: 250_000 },
				{ year: 2030, cents: 250_000 }
			]
		});
		expect(finance.measures.map((m) => [m.measureId, m.costCents, m.fundingCents])).toEqual([
			['wlan', 9_333_333, 5_499_999],
			['portal', 2_000_999, 500_000]
		]);
		expect(finance.measures[1]?.followUp).toEqual({
			totalCents: 100_000,
			byYear: [
				{ year: 2029, cents: 50_000 },
				{ year: 2030, cents: 50_000 }
			]
		});
	});

	it('is all zero for a measure without cost lines', () => {
		const finance = measureFinance(measure('leer', []), [source('bund', 9000)]);
		expect(finance).toEqual({
			measureId: 'leer',
			costCents: 0,
			fundingCents: 0,
			ownShareCents: 0,
			byYear: [],
			byBudget: {
				ergebnis: { costCents: 0, fundingCents: 0, ownShareCents: 0 },
				finanz: { costCents: 0, fundingCents: 0, ownShareCents: 0 }
			},
			bySource: [],
			followUp: { totalCents: 0, byYear: [] }
		});
	});
});

const needCents = fc.integer({ min: 0, max: 10_000_000_000 });

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
			fc.property(needCents, needCents, (own, planned) => {
				const need = additionalNeedCents(own, true, planned);
				expect(need).toBe(Math.max(0, own - planned));
				expect(need).toBeGreaterThanOrEqual(0);
				expect(need).toBeLessThanOrEqual(own);
			})
		);
	});

	it('counts planned means as zero when none are planned, and is unknown while that is open', () => {
		fc.assert(
			fc.property(needCents, fc.option(needCents), (own, planned) => {
				expect(additionalNeedCents(own, false, planned)).toBe(own);
				expect(additionalNeedCents(own, null, planned)).toBeNull();
			})
		);
	});
});

describe('coverageTotals', () => {
	it.each([
		// line amounts, Mehrbedarf, covered, uncovered
		[[], 100_000, 0, 100_000],
		[[60_000, 40_000], 100_000, 100_000, 0],
		[[60_000, null], 100_000, 60_000, 40_000],
		[[150_000], 100_000, 150_000, 0],
		[[50_000], null, 50_000, null]
	] as const)('lines %j, Mehrbedarf %s → %d covered, %s open', (amounts, need, covered, open) => {
		const lines = amounts.map((amountCents) => ({ amountCents }));
		expect(coverageTotals(lines, need)).toEqual({ coveredCents: covered, uncoveredCents: open });
	});

	it('never leaves more open than the Mehrbedarf, nor less than nothing', () => {
		fc.assert(
			fc.property(fc.array(fc.option(needCents)), needCents, (amounts, need) => {
				const lines = amounts.map((amountCents) => ({ amountCents }));
				const { coveredCents, uncoveredCents } = coverageTotals(lines, need);
				expect(uncoveredCents).toBe(Math.max(0, need - coveredCents));
				expect(uncoveredCents).toBeLessThanOrEqual(need);
				expect(uncoveredCents).toBeGreaterThanOrEqual(0);
			})
		);
	});
});
