import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testMeasure } from '../agenda/model/testing/measure';
import type { FundingSource, Measure } from '../agenda/model/schema';
import type { MonitoringFact, ReportFact } from './facts';
import { measureProgress, periodEnd } from './progress';
import { rollUp, rollUpBy } from './rollup';
import { IMPLEMENTATION_STATUSES } from './vocabulary';

const SOURCES: FundingSource[] = [
	{ id: 'smart', order: 'a0', name: 'Smart Cities', rateBp: 9000, notes: '' }
];

let serial = 0;
const approved = { state: 'approved' as const, decidedAt: new Date('2027-01-01T10:00:00Z') };

function report(asOf: string, values: Partial<ReportFact> = {}): ReportFact {
	return {
		id: `r${++serial}`,
		kind: 'report',
		itemKind: 'measure',
		itemId: 'm1',
		asOf,
		status: 'in-arbeit',
		statusReason: null,
		progress: null,
		text: 'Sachstand',
		...approved,
		...values
	};
}

function portal(values: Partial<Measure> = {}): Measure {
	return testMeasure('m1', {
		startYear: 2026,
		startQuarter: 1,
		endYear: 2027,
		endQuarter: 4,
		milestones: [
			{ id: 'ms1', order: 'a0', title: 'Ausschreibung', dueYear: 2026, dueQuarter: 2, done: false },
			{ id: 'ms2', order: 'a1', title: 'Start', dueYear: 2027, dueQuarter: 1, done: false }
		],
		indicators: [
			{
				id: 'i1',
				order: 'a0',
				name: 'Online-Anträge',
				target: '80 %',
				unit: '%',
				baseline: 20,
				baselineYear: 2025,
				// A plan without the number: the target text's 80 counts.
				targetValue: null,
				targetYear: 2028,
				direction: null
			}
		],
		costLines: [
			{
				id: 'c1',
				order: 'a0',
				label: 'Software',
				year: 2026,
				category: 'sach',
				budget: 'ergebnis',
				amountCents: 1_000_000,
				fundingSourceId: 'smart',
				fundingCents: null
			},
			{
				id: 'c2',
				order: 'a1',
				label: 'Betrieb',
				year: 2027,
				category: 'sach',
				budget: 'ergebnis',
				amountCents: 500_000,
				fundingSourceId: null,
				fundingCents: null
			}
		],
		...values
	});
}

describe('periodEnd', () => {
	it.each([
		[2026, 1, '2026-03-31'],
		[2026, 2, '2026-06-30'],
		[2028, 1, '2028-03-31'],
		[2026, 4, '2026-12-31'],
		[2026, null, '2026-12-31']
	] as const)('%d Q%s ends on %s', (year, quarter, end) => {
		expect(periodEnd(year, quarter)).toBe(end);
	});
});

describe('measureProgress', () => {
	it('knows nothing before the first approved fact, and flags a start that did not come', () => {
		const before = measureProgress(portal(), SOURCES, [], '2026-03-31');
		expect(before).toMatchObject({
			status: 'unbekannt',
			progress: { percent: 0, source: 'milestones' },
			lateStart: false,
			lateFinish: false
		});
		const after = measureProgress(portal(), SOURCES, [], '2026-04-01');
		expect(after.lateStart).toBe(true);
		expect(after.lateFinish).toBe(false);
	});

	it('counts approved facts only, up to the Stichtag', () => {
		const facts: MonitoringFact[] = [
			report('2026-02-10', { progress: 10 }),
			report('2026-05-10', { progress: 40, state: 'submitted', decidedAt: null }),
			report('2026-06-10', { progress: 30, state: 'returned', decidedAt: null }),
			report('2026-09-10', { progress: 60 })
		];
		expect(measureProgress(portal(), SOURCES, facts, '2026-08-31').progress).toEqual({
			percent: 10,
			source: 'entered'
		});
		expect(measureProgress(portal(), SOURCES, facts, '2026-09-10').progress.percent).toBe(60);
	});

	it('derives progress from milestones reached, and dates late milestones', () => {
		const facts: MonitoringFact[] = [
			report('2026-02-01'),
			{
				id: 'x',
				kind: 'milestone',
				itemKind: 'measure',
				itemId: 'm1',
				asOf: '2026-07-15',
				milestoneId: 'ms1',
				...approved
			}
		];
		const progress = measureProgress(portal(), SOURCES, facts, '2027-04-02');
		expect(progress.progress).toEqual({ percent: 50, source: 'milestones' });
		expect(progress.milestones).toEqual([
			{
				milestoneId: 'ms1',
				title: 'Ausschreibung',
				due: '2026-06-30',
				reachedOn: '2026-07-15',
				late: true
			},
			{ milestoneId: 'ms2', title: 'Start', due: '2027-03-31', reachedOn: null, late: true }
		]);
		expect(progress.actualStart).toBe('2026-02-01');
		expect(progress.lateStart).toBe(false);
	});

	it('dates the actual start and finish by the first reports that say so', () => {
		const facts = [
			report('2026-05-02', { status: 'nicht-begonnen' }),
			report('2026-06-01', { status: 'verzoegert', statusReason: 'Vergabe verzögert' }),
			report('2028-01-20', { status: 'abgeschlossen' })
		];
		const progress = measureProgress(portal(), SOURCES, facts, '2028-02-01');
		expect(progress).toMatchObject({
			status: 'abgeschlossen',
			statusReason: null,
			actualStart: '2026-06-01',
			actualFinish: '2028-01-20',
			lateStart: true,
			lateFinish: true,
			progress: { percent: 100, source: 'status' }
		});
	});

	it('does not call a stopped measure late', () => {
		const facts = [
			report('2026-02-01', { status: 'gestoppt', statusReason: 'Förderung entfallen' })
		];
		const progress = measureProgress(portal(), SOURCES, facts, '2029-01-01');
		expect(progress).toMatchObject({ status: 'gestoppt', lateStart: false, lateFinish: false });
	});

	it('sets the approved Ist beside the planned Soll per year, the latest statement of a year winning', () => {
		const finance = (id: string, asOf: string, year: number, cost: number, funding: number) =>
			({
				id,
				kind: 'finance',
				itemKind: 'measure',
				itemId: 'm1',
				asOf,
				year,
				actualCostCents: cost,
				fundingReceivedCents: funding,
				...approved
			}) as const;
		const facts = [
			finance('f1', '2026-12-31', 2026, 900_000, 500_000),
			finance('f2', '2027-03-01', 2026, 1_100_000, 900_000),
			finance('f3', '2027-03-02', 2028, 50_000, 0)
		];
		expect(measureProgress(portal(), SOURCES, facts, '2027-12-31').years).toEqual([
			{
				year: 2026,
				plannedCostCents: 1_000_000,
				plannedFundingCents: 900_000,
				actualCostCents: 1_100_000,
				fundingReceivedCents: 900_000,
				costDeviationCents: 100_000
			},
			{
				year: 2027,
				plannedCostCents: 500_000,
				plannedFundingCents: 0,
				actualCostCents: null,
				fundingReceivedCents: null,
				costDeviationCents: null
			},
			{
				year: 2028,
				plannedCostCents: 0,
				plannedFundingCents: 0,
				actualCostCents: 50_000,
				fundingReceivedCents: 0,
				costDeviationCents: 50_000
			}
		]);
	});

	it('lists each indicator with its approved values, oldest first', () => {
		const value = (id: string, asOf: string, v: number) =>
			({
				id,
				kind: 'indicator',
				itemKind: 'measure',
				itemId: 'm1',
				asOf,
				indicatorId: 'i1',
				value: v,
				...approved
			}) as const;
		const progress = measureProgress(
			portal(),
			SOURCES,
			[value('v2', '2027-06-30', 55), value('v1', '2026-12-31', 30)],
			'2027-12-31'
		);
		expect(progress.indicators).toEqual([
			{
				indicatorId: 'i1',
				name: 'Online-Anträge',
				unit: '%',
				plannedTarget: '80 %',
				values: [
					{ asOf: '2026-12-31', value: 30 },
					{ asOf: '2027-06-30', value: 55 }
				],
				baseline: 20,
				baselineYear: 2025,
				target: 80,
				targetYear: 2028,
				direction: 'steigend',
				latest: { asOf: '2027-06-30', value: 55 },
				attainment: ((55 - 20) * 100) / 60,
				// Half-way through 2026–2028 on the path, 58 % of the way in fact.
				verdict: 'auf-kurs'
			}
		]);
	});

	it('ignores facts about other items', () => {
		const other = report('2026-02-01', { itemId: 'm2', progress: 90 });
		expect(measureProgress(portal(), SOURCES, [other], '2026-03-01').status).toBe('unbekannt');
	});
});

describe('rollUp', () => {
	const progressOf = (id: string, percent: number, status = 'in-arbeit' as const) => ({
		...measureProgress(testMeasure(id), [], [], '2026-01-01'),
		status,
		progress: { percent, source: 'entered' as const }
	});

	it('is the weighted mean, with the weights it used, and counts statuses', () => {
		const result = rollUp(
			[progressOf('a', 100), progressOf('b', 0), progressOf('c', 50)],
			new Map([['a', 3]])
		);
		expect(result.percent).toBe(70);
		expect(result.weights).toEqual([
			{ measureId: 'a', weight: 3 },
			{ measureId: 'b', weight: 1 },
			{ measureId: 'c', weight: 1 }
		]);
		expect(result.statusCounts['in-arbeit']).toBe(3);
		expect(rollUp([]).percent).toBeNull();
		expect(rollUp([progressOf('a', 40)], new Map([['a', 0]])).percent).toBeNull();
	});

	it('lies between the least and the most advanced measure, whatever the weights', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 1000 })), {
					minLength: 1,
					maxLength: 30
				}),
				(entries) => {
					const progress = entries.map(([percent], index) => progressOf(`m${index}`, percent));
					const weights = new Map(entries.map(([, weight], index) => [`m${index}`, weight]));
					const { percent, statusCounts } = rollUp(progress, weights);
					const values = entries.map(([value]) => value);
					expect(percent).toBeGreaterThanOrEqual(Math.min(...values) - 0.05);
					expect(percent).toBeLessThanOrEqual(Math.max(...values) + 0.05);
					const counted = IMPLEMENTATION_STATUSES.reduce((sum, s) => sum + statusCounts[s], 0);
					expect(counted).toBe(entries.length);
				}
			)
		);
	});

	it('groups by field and by goal, a measure of two goals counting in both', () => {
		const measures = [
			testMeasure('a', { fieldId: 'f1', goalIds: ['g1', 'g2'] }),
			testMeasure('b', { fieldId: 'f1', goalIds: ['g2'] }),
			testMeasure('c', { fieldId: 'f2', goalIds: [] })
		];
		const progress = [progressOf('a', 100), progressOf('b', 0), progressOf('c', 50)];
		const byField = rollUpBy(measures, progress, (m) => (m.fieldId ? [m.fieldId] : []), [
			'f1',
			'f2'
		]);
		expect([...byField].map(([key, value]) => [key, value.percent])).toEqual([
			['f1', 50],
			['f2', 50]
		]);
		const byGoal = rollUpBy(measures, progress, (m) => m.goalIds, ['g1', 'g2']);
		expect(byGoal.get('g1')?.percent).toBe(100);
		expect(byGoal.get('g2')?.percent).toBe(50);
	});
});
