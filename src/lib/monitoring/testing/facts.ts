import fc from 'fast-check';
import type { Agenda } from '../../agenda/model/schema';
import { testIndicator, testMeasure } from '../../agenda/model/testing/measure';
import { MAX_AMOUNT_CENTS } from '../../agenda/model/vocabulary';
import { cleanMultilineText, cleanSingleLineText } from '../../text/clean';
import type { MonitoringFact } from '../facts';
import { FACT_STATES, IMPLEMENTATION_STATUSES } from '../vocabulary';

/** A small resolved plan and arbitrary facts on it, for property tests of both file formats. */
export const plan: Pick<Agenda, 'measures' | 'inventory'> = {
	measures: [
		testMeasure('m1', {
			milestones: [
				{
					id: 'ms1',
					order: 'a0',
					title: 'Ausschreibung',
					dueYear: 2026,
					dueQuarter: 2,
					done: false
				}
			],
			indicators: [
				testIndicator('i1', { order: 'a0', name: 'Online-Anträge', target: '80 %', unit: '%' })
			]
		}),
		testMeasure('m2')
	],
	inventory: [{ id: 'b1', order: 'a0', title: 'eAkte', status: 'in-planung', note: '' }]
};

export const day = fc
	.date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
	.map((date) => date.toISOString().slice(0, 10));
export const text = fc
	.string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
	.map((value) => cleanMultilineText(value).trim())
	.filter((value) => value !== '' && !value.startsWith("'"));
const base = {
	id: fc.uuid(),
	state: fc.constantFrom(...FACT_STATES),
	decidedAt: fc.constant(null)
};

/** Facts as the plan allows them, with texts as the checks leave them. */
export const fact: fc.Arbitrary<MonitoringFact> = fc.oneof(
	fc.record({
		...base,
		kind: fc.constant('report' as const),
		itemKind: fc.constant('measure' as const),
		itemId: fc.constantFrom('m1', 'm2'),
		asOf: day,
		status: fc.constantFrom(...IMPLEMENTATION_STATUSES),
		statusReason: text.map(cleanSingleLineText).filter((value) => value !== ''),
		progress: fc.option(fc.integer({ min: 0, max: 100 })),
		text
	}),
	fc.record({
		...base,
		kind: fc.constant('milestone' as const),
		itemKind: fc.constant('measure' as const),
		itemId: fc.constant('m1'),
		asOf: day,
		milestoneId: fc.constant('ms1')
	}),
	fc.record({
		...base,
		kind: fc.constant('indicator' as const),
		itemKind: fc.constant('measure' as const),
		itemId: fc.constant('m1'),
		asOf: day,
		indicatorId: fc.constant('i1'),
		value: fc
			.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true })
			.map((value) => (Object.is(value, -0) ? 0 : value))
	}),
	fc.record({
		...base,
		kind: fc.constant('finance' as const),
		itemKind: fc.constant('measure' as const),
		itemId: fc.constantFrom('m1', 'm2'),
		asOf: day,
		year: fc.integer({ min: 2000, max: 2100 }),
		actualCostCents: fc.integer({ min: 0, max: MAX_AMOUNT_CENTS }),
		fundingReceivedCents: fc.integer({ min: 0, max: MAX_AMOUNT_CENTS })
	})
);
