import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffAgendas, diffText, type CollectionDiff, type Segment } from './diff';
import { agendaFinance, measureFinance } from './finance';
import { emptyResolution, type Agenda, type CostLine } from './schema';
import { testIndicator, testMeasure } from './testing/measure';
import { deepDemoAgenda } from '../../export/testing/demo-agenda';
import { RICH_TEXT_MAX_DEPTH } from './limits';
import { paragraphs } from './rich-text';
import { DEEP_TEXT, nestedRichText } from '../ydoc/testing/deep-rich-text';

function costLine(id: string, amountCents: number, values: Partial<CostLine> = {}): CostLine {
	return {
		id,
		order: `a${id}`,
		label: `Posten ${id}`,
		year: 2026,
		category: 'sach',
		budget: 'ergebnis',
		amountCents,
		fundingSourceId: null,
		fundingCents: null,
		...values
	};
}

function agenda(): Agenda {
	return {
		meta: {
			title: 'Digitale Agenda Musterstadt',
			municipality: 'Musterstadt',
			periodStart: 2025,
			periodEnd: 2030
		},
		ausgangslage: paragraphs('Die Verwaltung arbeitet noch mit Papierakten.', 'Das OZG gilt.'),
		leitbild: paragraphs('Musterstadt wird digital, offen und nah.'),
		inventory: [{ id: 'inv1', order: 'a0', title: 'eAkte', status: 'in-planung', note: '' }],
		principles: [{ id: 'pr1', order: 'a0', title: 'Offenheit', description: '' }],
		goals: [
			{ id: 'g1', order: 'a0', title: 'Bürgernahe Verwaltung', description: '' },
			{ id: 'g2', order: 'a1', title: 'Starker Standort', description: '' }
		],
		fields: [
			{ id: 'f1', order: 'a0', title: 'Verwaltung', description: '' },
			{ id: 'f2', order: 'a1', title: 'Bildung', description: '' }
		],
		people: [{ id: 'p1', order: 'a0', name: 'Erika Muster', organisation: 'Stadt', userId: null }],
		fundingSources: [
			{ id: 's1', order: 'a0', name: 'Modellprojekte Smart Cities', rateBp: 9000, notes: '' }
		],
		measures: [
			testMeasure('1', {
				fieldId: 'f1',
				goalIds: ['g1'],
				costLines: [
					costLine('c1', 12_000_000, { fundingSourceId: 's1' }),
					costLine('c2', 3_000_000)
				]
			}),
			testMeasure('2', { fieldId: 'f2' })
		],
		resolution: emptyResolution()
	};
}

function emptyCollection(): CollectionDiff {
	return { added: [], removed: [], changed: [], reordered: false };
}

const join = (segments: Segment[], kinds: Segment['kind'][]) =>
	segments
		.filter((segment) => kinds.includes(segment.kind))
		.map((segment) => segment.text)
		.join('');

describe('diffAgendas', () => {
	it('finds nothing between identical agendas', () => {
		const diff = diffAgendas(agenda(), agenda());
		expect(diff.changed).toBe(false);
		expect(diff.meta).toEqual([]);
		expect(diff.ausgangslage).toBeNull();
		expect(diff.leitbild).toBeNull();
		for (const collection of Object.values(diff.collections)) {
			expect(collection).toEqual(emptyCollection());
		}
		expect(diff.money.changed).toBe(false);
		expect(diff.money.delta).toEqual({
			costCents: 0,
			fundingCents: 0,
			ownShareCents: 0,
			followUpCents: 0
		});
	});

	it('finds added, removed and changed items by id', () => {
		const before = agenda();
		const after = agenda();
		after.goals.push({ id: 'g3', order: 'a2', title: 'Klimaschutz', description: '' });
		after.fields = after.fields.filter((field) => field.id !== 'f2');
		after.measures[1] = testMeasure('2', {
			fieldId: null,
			title: 'WLAN in Schulen',
			priority: 'hoch'
		});
		const diff = diffAgendas(before, after);
		expect(diff.changed).toBe(true);
		expect(diff.collections.goals.added).toEqual([{ id: 'g3', label: 'Klimaschutz' }]);
		expect(diff.collections.fields.removed).toEqual([{ id: 'f2', label: 'Bildung' }]);
		const changed = diff.collections.measures.changed;
		expect(changed.map((item) => item.id)).toEqual(['2']);
		expect(changed[0]?.label).toBe('WLAN in Schulen');
		const fields = changed[0]?.fields ?? [];
		expect(fields.map((field) => field.field)).toEqual(['title', 'field', 'priority']);
		expect(fields[1]).toEqual({
			field: 'field',
			type: 'refs',
			before: [{ id: 'f2', label: 'Bildung' }],
			after: []
		});
		expect(fields[2]).toEqual({
			field: 'priority',
			type: 'value',
			before: 'mittel',
			after: 'hoch'
		});
		// A measure whose money did not change carries no money.
		expect(changed[0]?.money).toBeUndefined();
		expect(diff.collections.principles).toEqual(emptyCollection());
	});

	it('reports meta, Ausgangslage and Leitbild changes', () => {
		const before = agenda();
		const after = agenda();
		after.meta.periodEnd = 2032;
		after.meta.title = 'Smart-City-Strategie Musterstadt';
		after.ausgangslage = paragraphs('Die Verwaltung arbeitet mit der eAkte.', 'Das OZG gilt.');
		const diff = diffAgendas(before, after);
		expect(diff.meta.map((change) => change.field)).toEqual(['title', 'period']);
		expect(diff.meta[1]).toMatchObject({
			type: 'range',
			before: { start: 2025, end: 2030 },
			after: { start: 2025, end: 2032 }
		});
		expect(diff.leitbild).toBeNull();
		expect(diff.ausgangslage?.segments).toEqual([
			{ kind: 'same', text: 'Die Verwaltung arbeitet ' },
			{ kind: 'removed', text: 'noch ' },
			{ kind: 'same', text: 'mit ' },
			{ kind: 'removed', text: 'Papierakten' },
			{ kind: 'added', text: 'der eAkte' },
			{ kind: 'same', text: '.\n\nDas OZG gilt.' }
		]);
	});

	it('reports changes inside a measure and its money', () => {
		const before = agenda();
		const after = agenda();
		const first = after.measures[0];
		if (!first) throw new Error('fixture');
		first.costLines[0] = costLine('c1', 13_500_000, { fundingSourceId: 's1' });
		first.milestones.push({
			id: 'm1',
			order: 'a0',
			title: 'Ausschreibung',
			dueYear: 2026,
			dueQuarter: 2,
			done: false
		});
		const diff = diffAgendas(before, after);
		const change = diff.collections.measures.changed[0];
		expect(change?.id).toBe('1');
		expect(change?.fields).toEqual([]);
		expect(change?.parts?.milestones.added).toEqual([{ id: 'm1', label: 'Ausschreibung' }]);
		expect(change?.parts?.costLines.changed[0]?.fields).toEqual([
			{ field: 'amountCents', type: 'money', before: 12_000_000, after: 13_500_000 }
		]);
		expect(change?.money?.before.costCents).toBe(15_000_000);
		expect(change?.money?.after.costCents).toBe(16_500_000);
		expect(change?.money?.delta).toEqual({
			costCents: 1_500_000,
			fundingCents: 1_350_000,
			ownShareCents: 150_000,
			followUpCents: 0
		});
		expect(diff.money.delta.costCents).toBe(1_500_000);
	});

	it('reports an indicator’s baseline, target numbers, years and direction', () => {
		const before = agenda();
		const after = agenda();
		const indicator = testIndicator('i1', { name: 'Anträge online', target: '80 % bis 2028' });
		before.measures[0]?.indicators.push(indicator);
		after.measures[0]?.indicators.push({
			...indicator,
			baseline: 12.5,
			baselineYear: 2025,
			targetValue: 80,
			targetYear: 2028,
			direction: 'steigend'
		});
		const change = diffAgendas(before, after).collections.measures.changed[0];
		expect(change?.parts?.indicators.changed[0]?.fields).toEqual([
			{ field: 'baseline', type: 'value', before: null, after: 12.5 },
			{ field: 'baselineYear', type: 'value', before: null, after: 2025 },
			{ field: 'targetValue', type: 'value', before: null, after: 80 },
			{ field: 'targetYear', type: 'value', before: null, after: 2028 },
			{ field: 'direction', type: 'value', before: null, after: 'steigend' }
		]);
	});

	it('shows a measure whose grant changed through its funding source', () => {
		const before = agenda();
		const after = agenda();
		const source = after.fundingSources[0];
		if (!source) throw new Error('fixture');
		source.rateBp = 8000;
		const diff = diffAgendas(before, after);
		expect(diff.collections.fundingSources.changed[0]?.fields).toEqual([
			{ field: 'rateBp', type: 'value', before: 9000, after: 8000 }
		]);
		const change = diff.collections.measures.changed[0];
		expect(change?.fields).toEqual([]);
		expect(change?.parts).toBeUndefined();
		expect(change?.money?.delta.fundingCents).toBe(-1_200_000);
		expect(change?.money?.delta.ownShareCents).toBe(1_200_000);
	});

	it('gives added and removed measures their money from or to zero', () => {
		const before = agenda();
		const after = agenda();
		after.measures = after.measures.filter((item) => item.id !== '1');
		after.measures.push(testMeasure('3', { costLines: [costLine('c9', 50_000)] }));
		const diff = diffAgendas(before, after);
		expect(diff.collections.measures.removed[0]?.money?.delta.costCents).toBe(-15_000_000);
		expect(diff.collections.measures.added[0]?.money?.after.costCents).toBe(50_000);
		expect(diff.money.delta.costCents).toBe(50_000 - 15_000_000);
	});

	it('notices a new order of the same items, not an insertion before them', () => {
		const before = agenda();
		const inserted = agenda();
		inserted.goals.unshift({ id: 'g0', order: 'Zz', title: 'Neu', description: '' });
		expect(diffAgendas(before, inserted).collections.goals.reordered).toBe(false);
		const swapped = agenda();
		const [one, two] = swapped.goals;
		if (!one || !two) throw new Error('fixture');
		[one.order, two.order] = [two.order, one.order];
		const diff = diffAgendas(before, swapped);
		expect(diff.collections.goals.reordered).toBe(true);
		expect(diff.collections.goals.changed).toEqual([]);
		expect(diff.changed).toBe(true);
	});

	it('reports money deltas equal to the differences of finance.ts', () => {
		const amount = fc.integer({ min: 0, max: 100_000_000 });
		const lines = fc.array(
			fc.record({
				amount,
				funded: fc.boolean(),
				fixed: fc.option(amount, { nil: null })
			}),
			{ maxLength: 4 }
		);
		const measures = fc.array(lines, { minLength: 0, maxLength: 4 });
		const build = (
			rateBp: number,
			shapes: { amount: number; funded: boolean; fixed: number | null }[][]
		) => {
			const result = agenda();
			result.fundingSources = [{ id: 's1', order: 'a0', name: 'Programm', rateBp, notes: '' }];
			result.measures = shapes.map((shape, m) =>
				testMeasure(String(m), {
					costLines: shape.map((line, l) =>
						costLine(`${m}-${l}`, line.amount, {
							fundingSourceId: line.funded ? 's1' : null,
							fundingCents: line.fixed
						})
					),
					followUpCosts:
						shape.length > 0
							? [
									{
										id: `fu${m}`,
										order: 'a0',
										label: '',
										annualCents: shape.length * 1000,
										fromYear: 2030,
										years: m + 1,
										budget: 'ergebnis'
									}
								]
							: []
				})
			);
			return result;
		};
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 10_000 }),
				measures,
				fc.integer({ min: 0, max: 10_000 }),
				measures,
				(rateBefore, shapesBefore, rateAfter, shapesAfter) => {
					const before = build(rateBefore, shapesBefore);
					const after = build(rateAfter, shapesAfter);
					const diff = diffAgendas(before, after);
					const a = agendaFinance(before);
					const b = agendaFinance(after);
					expect(diff.money.delta).toEqual({
						costCents: b.costCents - a.costCents,
						fundingCents: b.fundingCents - a.fundingCents,
						ownShareCents: b.ownShareCents - a.ownShareCents,
						followUpCents: b.followUp.totalCents - a.followUp.totalCents
					});
					const m = diff.collections.measures;
					const perMeasure = [...m.added, ...m.removed, ...m.changed].flatMap((item) =>
						item.money ? [item.money.delta.costCents] : []
					);
					expect(perMeasure.reduce((sum, cents) => sum + cents, 0)).toBe(
						diff.money.delta.costCents
					);
					for (const change of m.changed) {
						const old = before.measures.find((item) => item.id === change.id);
						const now = after.measures.find((item) => item.id === change.id);
						if (!old || !now || !change.money) continue;
						const was = measureFinance(old, before.fundingSources);
						const is = measureFinance(now, after.fundingSources);
						expect(change.money.delta.fundingCents).toBe(is.fundingCents - was.fundingCents);
						expect(change.money.delta.ownShareCents).toBe(is.ownShareCents - was.ownShareCents);
					}
				}
			),
			{ numRuns: 200 }
		);
	});
});

describe('diffText', () => {
	const words = fc.constantFrom(
		'die',
		'Stadt',
		'Gemeinde',
		'führt',
		'eAkte',
		'ein',
		'2027',
		'Straße',
		'😀',
		',',
		'.',
		' ',
		'  ',
		'\n',
		'\n\n',
		'\t'
	);
	const text = fc.oneof(
		fc.array(words, { maxLength: 30 }).map((parts) => parts.join('')),
		fc.string({ unit: 'grapheme', maxLength: 40 }),
		fc.string({ unit: 'binary', maxLength: 20 })
	);

	it('reconstructs both texts from its segments', () => {
		fc.assert(
			fc.property(text, text, (before, after) => {
				const segments = diffText(before, after);
				expect(join(segments, ['same', 'removed'])).toBe(before);
				expect(join(segments, ['same', 'added'])).toBe(after);
				expect(segments.every((segment) => segment.text !== '')).toBe(true);
			}),
			{ numRuns: 1000 }
		);
	});

	it('marks only the changed words', () => {
		expect(
			diffText('Die Stadt führt die eAkte ein.', 'Die Stadt führt bis 2027 die eAkte ein.')
		).toEqual([
			{ kind: 'same', text: 'Die Stadt führt ' },
			{ kind: 'added', text: 'bis 2027 ' },
			{ kind: 'same', text: 'die eAkte ein.' }
		]);
		expect(diffText('', 'neu')).toEqual([{ kind: 'added', text: 'neu' }]);
		expect(diffText('alt', '')).toEqual([{ kind: 'removed', text: 'alt' }]);
		expect(diffText('gleich', 'gleich')).toEqual([{ kind: 'same', text: 'gleich' }]);
	});

	it('shows a rewritten phrase as one removal and one insertion', () => {
		expect(diffText('wir planen ein offenes WLAN', 'wir bauen freie Hotspots')).toEqual([
			{ kind: 'same', text: 'wir ' },
			{ kind: 'removed', text: 'planen ein offenes WLAN' },
			{ kind: 'added', text: 'bauen freie Hotspots' }
		]);
	});
});

describe('diffAgendas of long texts nested deep', () => {
	it('compares texts nested exactly to the limit', () => {
		const before = { ...agenda(), leitbild: nestedRichText(RICH_TEXT_MAX_DEPTH) };
		const after = { ...agenda(), leitbild: nestedRichText(RICH_TEXT_MAX_DEPTH, 'bulletList') };
		const deeper = JSON.parse(JSON.stringify(after.leitbild).replace(DEEP_TEXT, 'noch tiefer'));
		expect(diffAgendas(before, after).leitbild).toBeNull();
		expect(diffAgendas(before, { ...after, leitbild: deeper }).leitbild?.after).toBe('noch tiefer');
	});

	it('compares a document whose texts were nested 100,000 deep (clamped when read)', () => {
		const deep = deepDemoAgenda(100_000);
		const flat = deepDemoAgenda(3);
		expect(diffAgendas(flat, deep).ausgangslage).toBeNull();
		expect(diffAgendas(deep, deep).changed).toBe(false);
	});
});
