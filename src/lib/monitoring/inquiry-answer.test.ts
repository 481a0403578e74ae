import { describe, expect, it } from 'vitest';
import { testIndicator, testMeasure } from '../agenda/model/testing/measure';
import type { InventoryItem, Measure } from '../agenda/model/schema';
import type { MonitoringFact } from './facts';
import { ANSWER_PLACEHOLDER, draftAnswer } from './inquiry-answer';
import { inventoryProgress, measureProgress } from './progress';

const decidedAt = new Date('2027-01-01T10:00:00Z');
const base = { itemKind: 'measure' as const, itemId: 'm1', state: 'approved' as const, decidedAt };

const MEASURE: Measure = testMeasure('m1', {
	title: 'eAkte in allen Ämtern',
	startYear: 2024,
	startQuarter: 1,
	endYear: 2025,
	endQuarter: 4,
	milestones: [
		{ id: 'ms1', order: 'a0', title: 'Ausschreibung', dueYear: 2024, dueQuarter: 2, done: false }
	],
	indicators: [
		testIndicator('i1', {
			name: 'Ämter mit eAkte',
			target: 'alle zwölf Ämter',
			unit: 'Ämter',
			baseline: 0,
			baselineYear: 2022,
			targetValue: 12,
			targetYear: 2025
		})
	],
	costLines: [
		{
			id: 'c1',
			order: 'a0',
			label: 'Software',
			year: 2024,
			category: 'sach',
			budget: 'ergebnis',
			amountCents: 10_000_000,
			fundingSourceId: null,
			fundingCents: null
		}
	]
});

const INVENTORY: InventoryItem = {
	id: 'inv1',
	order: 'a0',
	title: 'E-Payment',
	status: 'in-planung',
	note: ''
};

const FACTS: MonitoringFact[] = [
	{
		...base,
		id: 'f1',
		kind: 'report',
		asOf: '2024-09-30',
		status: 'verzoegert',
		statusReason: 'Vergabe angefochten',
		progress: 30,
		text: 'Die Vergabe verzögert sich.'
	},
	{ ...base, id: 'f2', kind: 'milestone', asOf: '2024-08-15', milestoneId: 'ms1' },
	{ ...base, id: 'f3', kind: 'indicator', asOf: '2024-09-01', indicatorId: 'i1', value: 4 },
	{
		...base,
		id: 'f4',
		kind: 'finance',
		asOf: '2024-12-31',
		year: 2024,
		actualCostCents: 12_000_000,
		fundingReceivedCents: 0
	},
	{
		...base,
		id: 'f5',
		kind: 'report',
		asOf: '2025-06-30',
		status: 'in-arbeit',
		statusReason: null,
		progress: 60,
		text: 'Acht Ämter arbeiten mit der eAkte.'
	},
	{
		...base,
		id: 'f6',
		kind: 'report',
		asOf: '2025-07-01',
		state: 'submitted',
		status: 'abgeschlossen',
		statusReason: null,
		progress: 100,
		text: 'Noch nicht freigegeben.'
	},
	{
		...base,
		id: 'f7',
		itemKind: 'inventory',
		itemId: 'inv1',
		kind: 'report',
		asOf: '2025-03-01',
		status: 'nicht-begonnen',
		statusReason: null,
		progress: null,
		text: 'Ausschreibung in Vorbereitung.'
	}
];

function source(stichtag: string) {
	return {
		plan: { measures: [MEASURE], inventory: [INVENTORY] },
		measures: [measureProgress(MEASURE, [], FACTS, stichtag)],
		inventory: [inventoryProgress('inv1', FACTS, stichtag)]
	};
}

describe('draftAnswer', () => {
	it('says status with reason, late flags, milestones, indicator against target and Soll/Ist', () => {
		const answer = draftAnswer(['m1'], source('2025-01-31'));
		expect(answer).toContain('Maßnahme „eAkte in allen Ämtern“');
		expect(answer).toContain('Status: verzögert (Vergabe angefochten)');
		expect(answer).toContain('Fortschritt: 30 % (gemeldet)');
		expect(answer).toContain('Geplant: Q1/2024 – Q4/2025');
		expect(answer).toContain('begonnen am 30.09.2024, verspätet');
		expect(answer).toContain(
			'Meilensteine: 1 von 1 erreicht („Ausschreibung“ erreicht, verspätet)'
		);
		expect(answer).toContain(
			'Indikator „Ämter mit eAkte“: 4\u00a0Ämter am 01.09.2024 (Ausgangswert 0\u00a0Ämter 2022, Zielwert 12\u00a0Ämter bis 2025; hinter Plan, 33\u00a0% des Wegs).'
		);
		expect(answer).toMatch(
			/2024: Soll 100\.000,00\s€, Ist 120\.000,00\s€ \(Abweichung \+20\.000,00\s€\)/u
		);
		expect(answer).toContain('Sachstand vom 30.09.2024: Die Vergabe verzögert sich.');
	});

	it('leaves out what was approved after the Stichtag and what is not approved', () => {
		const earlier = draftAnswer(['m1'], source('2025-01-31'));
		expect(earlier).not.toContain('Acht Ämter');
		const later = draftAnswer(['m1'], source('2026-01-31'));
		expect(later).toContain('Sachstand vom 30.06.2025: Acht Ämter arbeiten mit der eAkte.');
		expect(later).toContain('noch nicht abgeschlossen, Abschluss verspätet');
		expect(later).not.toContain('Noch nicht freigegeben');
	});

	it('answers for a Bestandsaufnahme item, one paragraph per linked item', () => {
		const answer = draftAnswer(['m1', 'inv1'], source('2025-12-31'));
		const paragraphs = answer.split('\n\n');
		expect(paragraphs).toHaveLength(2);
		expect(paragraphs[1]).toBe(
			'Bestandsaufnahme „E-Payment“: Status: nicht begonnen. Fortschritt: 0 % (aus dem Status). Sachstand vom 01.03.2025: Ausschreibung in Vorbereitung.'
		);
	});

	it('says what to fill in when the question is linked to nothing known', () => {
		expect(draftAnswer([], source('2025-12-31'))).toBe(ANSWER_PLACEHOLDER);
		expect(draftAnswer(['unknown'], source('2025-12-31'))).toBe('[Antwort ergänzen]');
	});

	it('says when a measure has no approved Sachstand yet', () => {
		expect(draftAnswer(['m1'], source('2024-01-31'))).toContain(
			'Bis zum Stichtag liegt kein freigegebener Sachstand vor.'
		);
	});

	it('names the target in words when the plan gives no number for it', () => {
		const inWords = testMeasure('m2', {
			title: 'Bürgerbeteiligung digital',
			indicators: [testIndicator('i2', { name: 'Beteiligungen', target: 'deutlich mehr' })]
		});
		const answer = draftAnswer(['m2'], {
			plan: { measures: [inWords], inventory: [] },
			measures: [measureProgress(inWords, [], [], '2025-12-31')],
			inventory: []
		});
		expect(answer).toContain(
			'Indikator „Beteiligungen“: noch kein freigegebener Wert (Ziel: deutlich mehr).'
		);
	});
});
