import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { entityMap, metaMap, resolutionMap, richSection, topCollection } from './layout';
import { emptyResolution, type Agenda } from '../model/schema';
import { testMeasure } from '../model/testing/measure';
import {
	addEntity,
	ensureLayout,
	initialiseAgenda,
	setResolutionText,
	setResolutionValue
} from './mutations';
import { RICH_TEXT_MAX_DEPTH, textFieldMax } from '../model/limits';
import { agendaFromSnapshot, readAgenda, resolutionFromSnapshot } from './read';
import { paragraphs, richTextToPlain, type RichText } from '../model/rich-text';
import { richTextToXml } from './rich-text-xml';
import {
	DEEP_TEXT,
	nestInFragment,
	nestedRichText,
	nestedRichTextJson,
	richTextDepth
} from './testing/deep-rich-text';

function must<T>(value: T | null | undefined): T {
	if (value === null || value === undefined) throw new Error('expected a value');
	return value;
}

const DESCRIPTION: RichText = [
	{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ziel' }] },
	{
		type: 'paragraph',
		content: [
			{ type: 'text', text: 'WLAN in ' },
			{ type: 'text', text: 'allen', marks: [{ type: 'bold' }] },
			{ type: 'text', text: ' Schulen' }
		]
	}
];

/** A small but complete agenda, built only with the mutations (plus the TipTap sections). */
function buildAgenda() {
	const doc = new Y.Doc();
	initialiseAgenda(doc, {
		title: 'Digitale Agenda Musterstadt',
		municipality: 'Musterstadt',
		periodStart: 2026,
		periodEnd: 2030
	});
	richSection(doc, 'ausgangslage').insert(0, richTextToXml(paragraphs('Erstens.', 'Zweitens.')));
	richSection(doc, 'leitbild').insert(0, richTextToXml(paragraphs('Digital für alle.')));
	const inventory = addEntity(
		doc,
		{ collection: 'inventory' },
		{ title: 'Glasfaser', status: 'teilweise', note: 'Ortsteile fehlen' }
	);
	const principle = addEntity(doc, { collection: 'principles' }, { title: 'Offenheit' });
	const goalB = addEntity(doc, { collection: 'goals' }, { title: 'Ziel B' });
	// Inserted before goal B: read back first although it was added second.
	const goalA = addEntity(doc, { collection: 'goals' }, { title: 'Ziel A' }, 0);
	const field = addEntity(
		doc,
		{ collection: 'fields' },
		{ title: 'Bildung', description: 'Schulen' }
	);
	const person = addEntity(
		doc,
		{ collection: 'people' },
		{ name: 'Erika Muster', organisation: 'IT-Amt' }
	);
	const source = addEntity(
		doc,
		{ collection: 'fundingSources' },
		{ name: 'DigitalPakt', rateBp: 9000 }
	);
	const measure = addEntity(
		doc,
		{ collection: 'measures' },
		{
			title: 'WLAN an Schulen',
			summary: 'Alle Schulen bekommen WLAN.',
			description: DESCRIPTION,
			fieldId: field,
			goalIds: [goalB, goalA],
			patronIds: [person],
			priority: 'hoch',
			startYear: 2026,
			startQuarter: 2
		}
	);
	const other = addEntity(doc, { collection: 'measures' }, { title: 'Bürgerportal' });
	const inMeasure = { measureId: measure } as const;
	const line2027 = addEntity(
		doc,
		{ collection: 'costLines', ...inMeasure },
		{ label: 'Ausbau', year: 2027, amountCents: 5_000_000, fundingSourceId: source }
	);
	const line2026 = addEntity(
		doc,
		{ collection: 'costLines', ...inMeasure },
		{ label: 'Planung', year: 2026, amountCents: 1_000_000, category: 'personal' },
		0
	);
	const milestone = addEntity(
		doc,
		{ collection: 'milestones', ...inMeasure },
		{ title: 'Ausschreibung', dueYear: 2026, dueQuarter: 3 }
	);
	const indicator = addEntity(
		doc,
		{ collection: 'indicators', ...inMeasure },
		{
			name: 'Versorgte Schulen',
			target: '12',
			unit: 'Schulen',
			baseline: 2.5,
			baselineYear: 2025,
			targetValue: 12,
			targetYear: 2029,
			direction: 'steigend'
		}
	);
	const followUp = addEntity(
		doc,
		{ collection: 'followUpCosts', ...inMeasure },
		{ label: 'Wartung', annualCents: 200_000, fromYear: 2028, years: 3 }
	);
	setResolutionValue(doc, 'date', '2026-03-01');
	setResolutionText(doc, 'reference', '2026/0123 <&> "Entwurf" 🚀');
	const consultation = addEntity(
		doc,
		{ collection: 'consultations' },
		{
			body: 'Hauptausschuss',
			date: '2026-03-10',
			time: '17:30',
			agendaItem: 'Ö 7.2',
			role: 'vorberatung',
			votum: 'einstimmig'
		}
	);
	const ids = {
		...{ inventory, principle, goalA, goalB, field, person, source, measure, other },
		...{ line2026, line2027, milestone, indicator, followUp, consultation }
	};
	return { doc, ids };
}

describe('readAgenda', () => {
	it('reads a document built with the mutations as the plain agenda', () => {
		const { doc, ids } = buildAgenda();
		const { agenda, problems } = readAgenda(doc);
		expect(problems).toEqual([]);
		const expected: Agenda = {
			meta: {
				title: 'Digitale Agenda Musterstadt',
				municipality: 'Musterstadt',
				periodStart: 2026,
				periodEnd: 2030
			},
			ausgangslage: paragraphs('Erstens.', 'Zweitens.'),
			leitbild: paragraphs('Digital für alle.'),
			inventory: [
				{
					id: ids.inventory,
					order: 'a0',
					title: 'Glasfaser',
					status: 'teilweise',
					note: 'Ortsteile fehlen'
				}
			],
			principles: [{ id: ids.principle, order: 'a0', title: 'Offenheit', description: '' }],
			goals: [
				{ id: ids.goalA, order: 'Zz', title: 'Ziel A', description: '' },
				{ id: ids.goalB, order: 'a0', title: 'Ziel B', description: '' }
			],
			fields: [{ id: ids.field, order: 'a0', title: 'Bildung', description: 'Schulen' }],
			people: [
				{
					id: ids.person,
					order: 'a0',
					name: 'Erika Muster',
					organisation: 'IT-Amt',
					userId: null
				}
			],
			fundingSources: [
				{ id: ids.source, order: 'a0', name: 'DigitalPakt', rateBp: 9000, notes: '' }
			],
			measures: [
				{
					id: ids.measure,
					order: 'a0',
					title: 'WLAN an Schulen',
					summary: 'Alle Schulen bekommen WLAN.',
					description: DESCRIPTION,
					fieldId: ids.field,
					goalIds: [ids.goalA, ids.goalB].sort(),
					patronIds: [ids.person],
					implementationGroup: '',
					priority: 'hoch',
					status: 'geplant',
					startYear: 2026,
					startQuarter: 2,
					endYear: null,
					endQuarter: null,
					milestones: [
						{
							id: ids.milestone,
							order: 'a0',
							title: 'Ausschreibung',
							dueYear: 2026,
							dueQuarter: 3,
							done: false
						}
					],
					indicators: [
						{
							id: ids.indicator,
							order: 'a0',
							name: 'Versorgte Schulen',
							target: '12',
							unit: 'Schulen',
							baseline: 2.5,
							baselineYear: 2025,
							targetValue: 12,
							targetYear: 2029,
							direction: 'steigend'
						}
					],
					costLines: [
						{
							id: ids.line2026,
							order: 'Zz',
							label: 'Planung',
							year: 2026,
							category: 'personal',
							budget: 'ergebnis',
							amountCents: 1_000_000,
							fundingSourceId: null,
							fundingCents: null
						},
						{
							id: ids.line2027,
							order: 'a0',
							label: 'Ausbau',
							year: 2027,
							category: 'sach',
							budget: 'ergebnis',
							amountCents: 5_000_000,
							fundingSourceId: ids.source,
							fundingCents: null
						}
					],
					followUpCosts: [
						{
							id: ids.followUp,
							order: 'a0',
							label: 'Wartung',
							annualCents: 200_000,
							fromYear: 2028,
							years: 3,
							budget: 'ergebnis'
						}
					]
				},
				testMeasure(ids.other, { order: 'a1', title: 'Bürgerportal' })
			],
			resolution: {
				...emptyResolution(),
				date: '2026-03-01',
				reference: '2026/0123 <&> "Entwurf" 🚀',
				consultations: [
					{
						id: ids.consultation,
						order: expect.any(String),
						body: 'Hauptausschuss',
						date: '2026-03-10',
						time: '17:30',
						agendaItem: 'Ö 7.2',
						role: 'vorberatung',
						result: 'offen',
						votum: 'einstimmig'
					}
				]
			}
		};
		expect(agenda).toEqual(expected);
		// Plain data: survives JSON unchanged (no Y types, no undefined, no symbols).
		expect(JSON.parse(JSON.stringify(agenda))).toEqual(expected);
	});

	it('reads an agenda received as an update the same as the original', () => {
		const { doc } = buildAgenda();
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		expect(readAgenda(copy)).toEqual(readAgenda(doc));
	});

	it('reads an empty document as an empty agenda without problems', () => {
		expect(readAgenda(new Y.Doc())).toEqual({
			agenda: {
				meta: { title: '', municipality: '', periodStart: null, periodEnd: null },
				ausgangslage: [],
				leitbild: [],
				inventory: [],
				principles: [],
				goals: [],
				fields: [],
				people: [],
				fundingSources: [],
				measures: [],
				resolution: emptyResolution()
			},
			problems: []
		});
	});

	it('reports invalid resolution data and falls back to the defaults', () => {
		const doc = new Y.Doc();
		ensureLayout(doc);
		resolutionMap(doc).set('date', '2026-02-31');
		resolutionMap(doc).set('plannedMeansCents', -5);
		resolutionMap(doc).set('reference', 'not a Y.Text');
		const { agenda, problems } = readAgenda(doc);
		expect(agenda.resolution).toEqual(emptyResolution());
		expect(problems.map((problem) => problem.path).sort()).toEqual([
			'resolution.date',
			'resolution.plannedMeansCents',
			'resolution.reference'
		]);
	});
});

describe('resolutionFromSnapshot', () => {
	it('reads Fassungen frozen before resolution data existed as empty data', () => {
		expect(resolutionFromSnapshot({})).toEqual(emptyResolution());
		expect(resolutionFromSnapshot(undefined)).toEqual(emptyResolution());
	});

	it('keeps valid data and drops what does not fit', () => {
		const resolution = resolutionFromSnapshot({
			reference: '2026/0001',
			meansPlanned: 'ja',
			consultations: [
				{ id: 'c1', order: 'a0', body: 'Rat', role: 'entscheidung' },
				{ id: '', body: 'ohne id' }
			]
		});
		expect(resolution.reference).toBe('2026/0001');
		expect(resolution.meansPlanned).toBeNull();
		expect(resolution.consultations).toEqual([
			{
				id: 'c1',
				order: 'a0',
				body: 'Rat',
				date: null,
				time: null,
				agendaItem: '',
				role: 'entscheidung',
				result: 'offen',
				votum: ''
			}
		]);
	});

	it('reads the single Deckungsvorschlag line of a Fassung frozen before lines existed', () => {
		const old = { coverageCents: 1_250_000, costUnit: '11.1.01', account: '', public: true };
		expect(resolutionFromSnapshot(old).coverageLines).toEqual([
			{
				id: 'deckung',
				order: 'a0',
				amountCents: 1_250_000,
				costUnit: '11.1.01',
				account: '',
				label: ''
			}
		]);
		expect(resolutionFromSnapshot({ costUnit: '  ', account: '' }).coverageLines).toEqual([]);
		// Once lines exist, the old fields are not read a second time.
		const lines = [
			{ id: 'l1', order: 'a0', amountCents: 5, costUnit: 'K', account: 'A', label: 'B' }
		];
		expect(resolutionFromSnapshot({ ...old, coverageLines: lines }).coverageLines).toEqual(lines);
		expect(resolutionFromSnapshot(old).public).toBe(true);
		expect(resolutionFromSnapshot({}).public).toBeNull();
	});

	it('sorts by order and then by id when two entities share an order key', () => {
		const doc = new Y.Doc();
		const goals = topCollection(doc, 'goals');
		doc.transact(() => {
			for (const [id, order] of [
				['zzzz', 'a0'],
				['bbbb', 'a1'],
				['aaaa', 'a0'],
				['cccc', 'Zz']
			] as const) {
				const goal = new Y.Map<unknown>();
				goal.set('order', order);
				goal.set('title', new Y.Text(id));
				goals.set(id, goal);
			}
		});
		expect(readAgenda(doc).agenda.goals.map((goal) => goal.id)).toEqual([
			'cccc',
			'aaaa',
			'zzzz',
			'bbbb'
		]);
	});
});

describe('indicators written before baseline and target numbers existed', () => {
	const NEW_FIELDS = ['baseline', 'baselineYear', 'targetValue', 'targetYear', 'direction'];

	it('read from a document without the fields as null, with no problem reported', () => {
		const doc = new Y.Doc();
		const measure = addEntity(doc, { collection: 'measures' }, { title: 'Maßnahme' });
		const ref = { collection: 'indicators', measureId: measure } as const;
		const id = addEntity(doc, ref, { name: 'Anträge online', target: '80 % bis 2028' });
		const entity = must(entityMap(doc, ref, id));
		for (const field of NEW_FIELDS) entity.delete(field);
		const { agenda, problems } = readAgenda(doc);
		expect(agenda.measures[0]?.indicators[0]).toMatchObject({
			target: '80 % bis 2028',
			baseline: null,
			baselineYear: null,
			targetValue: null,
			targetYear: null,
			direction: null
		});
		expect(problems).toEqual([]);
	});

	it('read from a frozen Fassung without the fields as null', () => {
		const { agenda, problems } = agendaFromSnapshot({
			measures: [
				{
					id: 'm1',
					order: 'a0',
					title: 'Maßnahme',
					indicators: [{ id: 'i1', order: 'a0', name: 'Anträge', target: '80', unit: '%' }]
				}
			]
		});
		expect(agenda.measures[0]?.indicators[0]).toMatchObject({ baseline: null, direction: null });
		expect(problems).toEqual([]);
	});
});

describe('readAgenda with invalid content', () => {
	function measureDoc() {
		const doc = new Y.Doc();
		const measure = addEntity(doc, { collection: 'measures' }, { title: 'Maßnahme' });
		const entity = must(entityMap(doc, { collection: 'measures' }, measure));
		return { doc, measure, entity };
	}

	it('falls back to the default of a value field holding a wrong type', () => {
		const { doc, measure, entity } = measureDoc();
		entity.set('priority', 42);
		const { agenda, problems } = readAgenda(doc);
		expect(agenda.measures).toHaveLength(1);
		expect(agenda.measures[0]?.priority).toBe('mittel');
		expect(agenda.measures[0]?.title).toBe('Maßnahme');
		expect(problems).toEqual([
			{ path: `measures.${measure}.priority`, message: expect.any(String) }
		]);
	});

	it('falls back for values out of range: a year before 2000, quarter 5, a rate above 100 %', () => {
		const doc = new Y.Doc();
		const measure = addEntity(doc, { collection: 'measures' }, { startYear: 2027 });
		const source = addEntity(doc, { collection: 'fundingSources' }, { rateBp: 5000 });
		const entity = must(entityMap(doc, { collection: 'measures' }, measure));
		entity.set('startYear', 1800);
		entity.set('endQuarter', 5);
		must(entityMap(doc, { collection: 'fundingSources' }, source)).set('rateBp', 10_001);
		const { agenda, problems } = readAgenda(doc);
		expect(agenda.measures[0]).toMatchObject({ startYear: null, endQuarter: null });
		expect(agenda.fundingSources[0]?.rateBp).toBe(0);
		expect(problems.map((problem) => problem.path).sort()).toEqual(
			[
				`measures.${measure}.startYear`,
				`measures.${measure}.endQuarter`,
				`fundingSources.${source}.rateBp`
			].sort()
		);
	});

	it('leaves out a cost line with a negative amount and reports it', () => {
		const { doc, measure } = measureDoc();
		const ref = { collection: 'costLines', measureId: measure } as const;
		const good = addEntity(doc, ref, { label: 'gut', year: 2026, amountCents: 100 });
		const bad = addEntity(doc, ref, { label: 'schlecht', year: 2026, amountCents: 100 });
		must(entityMap(doc, ref, bad)).set('amountCents', -100);
		const { agenda, problems } = readAgenda(doc);
		expect(agenda.measures[0]?.costLines.map((line) => line.id)).toEqual([good]);
		const path = `measures.${measure}.costLines.${bad}`;
		expect(problems.map((problem) => problem.path)).toEqual([`${path}.amountCents`, path]);
	});

	it('leaves out a cost line without a year and reports it', () => {
		const { doc, measure } = measureDoc();
		const ref = { collection: 'costLines', measureId: measure } as const;
		const line = addEntity(doc, ref, { label: 'ohne Jahr', year: 2026, amountCents: 100 });
		must(entityMap(doc, ref, line)).delete('year');
		const { agenda, problems } = readAgenda(doc);
		expect(agenda.measures[0]?.costLines).toEqual([]);
		const path = `measures.${measure}.costLines.${line}`;
		expect(problems.map((problem) => problem.path)).toEqual([`${path}.year`, path]);
	});

	it('reports a top-level entry that is not a Y.Map and keeps the others', () => {
		const doc = new Y.Doc();
		const goal = addEntity(doc, { collection: 'goals' }, { title: 'Ziel' });
		(topCollection(doc, 'goals') as Y.Map<unknown>).set('kaputt', 'kein Eintrag');
		const { agenda, problems } = readAgenda(doc);
		expect(agenda.goals.map((entry) => entry.id)).toEqual([goal]);
		expect(problems).toEqual([{ path: 'goals.kaputt', message: expect.any(String) }]);
	});

	it('reports a nested entry that is not a Y.Map', () => {
		const { doc, measure, entity } = measureDoc();
		(entity.get('milestones') as Y.Map<unknown>).set('kaputt', 17);
		const { agenda, problems } = readAgenda(doc);
		expect(agenda.measures[0]?.milestones).toEqual([]);
		expect(problems.map((problem) => problem.path)).toEqual([
			`measures.${measure}.milestones.kaputt`
		]);
	});

	it('reports a text field holding a number instead of a Y.Text', () => {
		const { doc, measure, entity } = measureDoc();
		entity.set('title', 7);
		const { agenda, problems } = readAgenda(doc);
		expect(agenda.measures[0]?.title).toBe('');
		expect(problems).toEqual([{ path: `measures.${measure}.title`, message: expect.any(String) }]);
	});

	it('reports sets, rich texts and collections of the wrong shared type', () => {
		const { doc, measure, entity } = measureDoc();
		entity.set('goalIds', ['a', 'b']);
		entity.set('patronIds', new Y.Text('x'));
		entity.set('description', 'nur Text');
		entity.set('costLines', 'keine Sammlung');
		const { agenda, problems } = readAgenda(doc);
		expect(agenda.measures[0]).toMatchObject({
			goalIds: [],
			patronIds: [],
			description: [],
			costLines: []
		});
		expect(problems.map((problem) => problem.path).sort()).toEqual(
			[
				`measures.${measure}.goalIds`,
				`measures.${measure}.patronIds`,
				`measures.${measure}.description`
			].sort()
		);
	});

	it('falls back to a default order key when the order is not a string', () => {
		const doc = new Y.Doc();
		const first = addEntity(doc, { collection: 'goals' }, { title: 'erstes' }, 0);
		const second = addEntity(doc, { collection: 'goals' }, { title: 'zweites' });
		must(entityMap(doc, { collection: 'goals' }, second)).set('order', 5);
		const { agenda, problems } = readAgenda(doc);
		// Both read as 'a0' now, so the id decides.
		expect(agenda.goals.map((goal) => [goal.id, goal.order])).toEqual(
			[first, second].sort().map((id) => [id, 'a0'])
		);
		expect(problems.map((problem) => problem.path)).toEqual([`goals.${second}.order`]);
	});

	it('reports invalid meta values and falls back to their defaults', () => {
		const doc = new Y.Doc();
		initialiseAgenda(doc, { title: 'T', municipality: 'M', periodStart: 2026, periodEnd: 2030 });
		metaMap(doc).set('periodStart', 1800);
		metaMap(doc).set('municipality', 12);
		const { agenda, problems } = readAgenda(doc);
		expect(agenda.meta).toEqual({
			title: 'T',
			municipality: '',
			periodStart: null,
			periodEnd: 2030
		});
		expect(problems.map((problem) => problem.path).sort()).toEqual([
			'meta.municipality',
			'meta.periodStart'
		]);
	});

	it('does not crash on a document whose collections were written as other shared types', () => {
		const hostile = new Y.Doc();
		hostile.getArray('measures').push(['kein', 'Map']);
		hostile.getText('goals').insert(0, 'Text statt Map');
		hostile.getMap('people').set('p', new Y.Array());
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(hostile));
		const { agenda, problems } = readAgenda(doc);
		expect(agenda.measures).toEqual([]);
		expect(agenda.goals).toEqual([]);
		expect(agenda.people).toEqual([]);
		expect(problems).toEqual([{ path: 'people.p', message: expect.any(String) }]);
	});
});

describe('references to deleted entities', () => {
	it('are dropped when a goal was deleted while another editor assigned it', async () => {
		const { addEntity, removeEntity, toggleMember } = await import('./mutations');
		const a = new Y.Doc();
		const goal = addEntity(a, { collection: 'goals' }, { title: 'Ziel' });
		const measure = addEntity(a, { collection: 'measures' }, { title: 'M' });
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		removeEntity(a, { collection: 'goals' }, goal);
		toggleMember(b, { collection: 'measures' }, measure, 'goalIds', goal, true);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		expect(readAgenda(a).agenda.measures[0]?.goalIds).toEqual([]);
		expect(readAgenda(a).agenda.goals).toEqual([]);
	});
});

describe('readAgenda within the limits', () => {
	it('reads long texts nested exactly as deep as allowed without a problem', () => {
		const { doc, ids } = buildAgenda();
		nestInFragment(richSection(doc, 'leitbild'), RICH_TEXT_MAX_DEPTH);
		const { agenda, problems } = readAgenda(doc);
		expect(problems).toEqual([]);
		expect(agenda.leitbild.at(-1)).toEqual(nestedRichText(RICH_TEXT_MAX_DEPTH)[0]);
		expect(agenda.measures.find((m) => m.id === ids.measure)?.description).toEqual(DESCRIPTION);
	});

	it('never throws on long texts nested 100,000 deep: they stop at the limit, reported', () => {
		const { doc, ids } = buildAgenda();
		const measure = must(entityMap(doc, { collection: 'measures' }, ids.measure));
		const description = must(measure.get('description')) as Y.XmlFragment;
		doc.transact(() => description.delete(0, description.length));
		nestInFragment(description, 100_000, 'bulletList');
		nestInFragment(richSection(doc, 'ausgangslage'), 100_000);
		nestInFragment(resolutionMap(doc).get('facts') as Y.XmlFragment, 100_000);
		const { agenda, problems } = readAgenda(doc);
		const deep = [
			agenda.ausgangslage,
			must(agenda.measures.find((m) => m.id === ids.measure)).description,
			agenda.resolution.facts
		];
		for (const text of deep) {
			expect(richTextDepth(text)).toBe(RICH_TEXT_MAX_DEPTH);
			expect(richTextToPlain(text)).toContain(DEEP_TEXT);
		}
		expect(problems).toEqual([
			{ path: 'ausgangslage', message: 'Zu tief verschachtelt; gekürzt.' },
			{ path: `measures.${ids.measure}.description`, message: 'Zu tief verschachtelt; gekürzt.' },
			{ path: 'resolution.facts', message: 'Zu tief verschachtelt; gekürzt.' }
		]);
		// What the read layer returns can be frozen: JSON.stringify recurses.
		expect(() => JSON.stringify(agenda)).not.toThrow();
	});

	it('cuts short texts beyond their limit, each reported', () => {
		const { doc, ids } = buildAgenda();
		const summaryMax = textFieldMax('measures', 'summary');
		const titleMax = textFieldMax('meta', 'title');
		const votumMax = textFieldMax('consultations', 'votum');
		const measure = must(entityMap(doc, { collection: 'measures' }, ids.measure));
		(measure.get('summary') as Y.Text).insert(0, 'x'.repeat(summaryMax));
		(metaMap(doc).get('title') as Y.Text).insert(0, 't'.repeat(titleMax));
		const consultation = must(entityMap(doc, { collection: 'consultations' }, ids.consultation));
		(consultation.get('votum') as Y.Text).insert(0, 'v'.repeat(votumMax + 1));
		const { agenda, problems } = readAgenda(doc);
		const read = must(agenda.measures.find((m) => m.id === ids.measure));
		expect(read.summary).toBe('x'.repeat(summaryMax));
		expect(agenda.meta.title).toBe('t'.repeat(titleMax));
		expect(agenda.resolution.consultations[0]?.votum).toBe('v'.repeat(votumMax));
		expect(problems).toEqual([
			{ path: 'meta.title', message: `Länger als ${titleMax} Zeichen; gekürzt.` },
			{
				path: `measures.${ids.measure}.summary`,
				message: `Länger als ${summaryMax} Zeichen; gekürzt.`
			},
			{
				path: `resolution.consultations.${ids.consultation}.votum`,
				message: `Länger als ${votumMax} Zeichen; gekürzt.`
			}
		]);
	});
});

describe('agendaFromSnapshot', () => {
	it('reads a Fassung frozen from a valid document as it was frozen', () => {
		const { agenda } = readAgenda(buildAgenda().doc);
		const stored = JSON.parse(JSON.stringify(agenda));
		expect(agendaFromSnapshot(stored)).toEqual({ agenda, problems: [] });
	});

	it('clamps a snapshot holding texts 100,000 deep and too long, without recursing', () => {
		const { doc, ids } = buildAgenda();
		const { agenda } = readAgenda(doc);
		const summaryMax = textFieldMax('measures', 'summary');
		const measure = must(agenda.measures.find((m) => m.id === ids.measure));
		measure.summary = 's'.repeat(summaryMax + 5);
		// JSON.stringify cannot write such a snapshot; a database row can hold it all the same.
		const json = JSON.stringify({
			...agenda,
			ausgangslage: 'DEEP',
			measures: agenda.measures.map((m) =>
				m.id === ids.measure ? { ...m, description: 'DEEP' } : m
			),
			resolution: { ...agenda.resolution, facts: 'DEEP' }
		}).replaceAll('"DEEP"', nestedRichTextJson(100_000));
		const { agenda: read, problems } = agendaFromSnapshot(JSON.parse(json));
		const readMeasure = must(read.measures.find((m) => m.id === ids.measure));
		for (const text of [read.ausgangslage, readMeasure.description, read.resolution.facts]) {
			expect(richTextDepth(text)).toBe(RICH_TEXT_MAX_DEPTH);
			expect(richTextToPlain(text)).toContain(DEEP_TEXT);
		}
		expect(readMeasure.summary).toBe('s'.repeat(summaryMax));
		expect(problems.map((problem) => problem.path)).toEqual([
			'ausgangslage',
			`measures.${ids.measure}.summary`,
			`measures.${ids.measure}.description`,
			'resolution.facts'
		]);
		expect(read.leitbild).toEqual(agenda.leitbild);
		expect(() => JSON.stringify(read)).not.toThrow();
	});
});
