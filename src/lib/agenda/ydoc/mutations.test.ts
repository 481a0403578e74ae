import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { TOP_COLLECTIONS, type CollectionRef, type TopCollection } from '../model/entities';
import {
	entityMap,
	metaMap,
	resolutionFacts,
	resolutionMap,
	resolutionText,
	topCollection
} from './layout';
import {
	LOCAL_EDIT,
	addEntity,
	ensureLayout,
	initialiseAgenda,
	moveEntity,
	removeEntity,
	setMembers,
	setMeta,
	setResolutionText,
	setResolutionValue,
	setText,
	setValue,
	toggleMember
} from './mutations';
import { readAgenda } from './read';
import { MAX_AMOUNT_CENTS } from '../model/vocabulary';

function must<T>(value: T | null | undefined): T {
	if (value === null || value === undefined) throw new Error('expected a value');
	return value;
}

/** Counts what happens on the document while `run` runs. */
function record<T>(doc: Y.Doc, run: () => T) {
	const origins: unknown[] = [];
	let updates = 0;
	const onTransaction = (transaction: Y.Transaction) => origins.push(transaction.origin);
	const onUpdate = () => updates++;
	doc.on('afterTransaction', onTransaction);
	doc.on('update', onUpdate);
	try {
		const result = run();
		return { result, origins, updates };
	} finally {
		doc.off('afterTransaction', onTransaction);
		doc.off('update', onUpdate);
	}
}

/** Runs a mutation and checks that it was exactly one transaction, tagged LOCAL_EDIT, with a change. */
function once<T>(doc: Y.Doc, run: () => T): T {
	const { result, origins, updates } = record(doc, run);
	expect(origins).toEqual([LOCAL_EDIT]);
	expect(updates).toBe(1);
	return result;
}

/** Runs a call and checks that the document was not touched at all. */
function untouched<T>(doc: Y.Doc, run: () => T): T {
	const before = Y.encodeStateVector(doc);
	const { result, origins, updates } = record(doc, run);
	expect(origins).toEqual([]);
	expect(updates).toBe(0);
	expect(Y.encodeStateVector(doc)).toEqual(before);
	return result;
}

function titles(doc: Y.Doc, collection: TopCollection): string[] {
	const entities: { id: string; title?: string; name?: string }[] =
		readAgenda(doc).agenda[collection];
	return entities.map((entity) => entity.title ?? entity.name ?? entity.id);
}

function goalsDoc(...names: string[]) {
	const doc = new Y.Doc();
	const ids = names.map((title) => addEntity(doc, { collection: 'goals' }, { title }));
	return { doc, ids };
}

describe('addEntity', () => {
	it('is one transaction with the origin LOCAL_EDIT', () => {
		const doc = new Y.Doc();
		const id = once(doc, () =>
			addEntity(
				doc,
				{ collection: 'measures' },
				{
					title: 'WLAN',
					description: [{ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }],
					goalIds: ['g1', 'g2']
				}
			)
		);
		expect(id).toMatch(/^[a-z2-7]{16}$/);
		const measureRef = { collection: 'costLines', measureId: id } as const;
		once(doc, () => addEntity(doc, measureRef, { year: 2026, amountCents: 1 }));
		expect(readAgenda(doc).problems).toEqual([]);
	});

	it('places the entity at the given index, at the end without one, clamped outside', () => {
		const { doc } = goalsDoc('B', 'D');
		addEntity(doc, { collection: 'goals' }, { title: 'C' }, 1);
		addEntity(doc, { collection: 'goals' }, { title: 'A' }, 0);
		addEntity(doc, { collection: 'goals' }, { title: 'E' });
		expect(titles(doc, 'goals')).toEqual(['A', 'B', 'C', 'D', 'E']);
		addEntity(doc, { collection: 'goals' }, { title: 'Z' }, 99);
		addEntity(doc, { collection: 'goals' }, { title: '0' }, -3);
		addEntity(doc, { collection: 'goals' }, { title: 'D½' }, 5);
		expect(titles(doc, 'goals')).toEqual(['0', 'A', 'B', 'C', 'D', 'D½', 'E', 'Z']);
	});

	it('stores the model default for omitted values, so a new entity reads without problems', () => {
		const doc = new Y.Doc();
		const measure = addEntity(doc, { collection: 'measures' }, { title: 'neu' });
		const entity = must(entityMap(doc, { collection: 'measures' }, measure));
		expect(entity.get('priority')).toBe('mittel');
		expect(entity.get('status')).toBe('geplant');
		expect(entity.get('startYear')).toBeNull();
		addEntity(doc, { collection: 'inventory' }, { title: 'x' });
		addEntity(doc, { collection: 'fundingSources' }, { name: 'x' });
		addEntity(doc, { collection: 'people' }, { name: 'x' });
		addEntity(doc, { collection: 'milestones', measureId: measure }, { title: 'x' });
		addEntity(
			doc,
			{ collection: 'followUpCosts', measureId: measure },
			{
				annualCents: 100,
				fromYear: 2027
			}
		);
		const { agenda, problems } = readAgenda(doc);
		expect(problems).toEqual([]);
		expect(agenda.inventory[0]?.status).toBe('in-planung');
		expect(agenda.fundingSources[0]?.rateBp).toBe(0);
		expect(agenda.measures[0]?.milestones[0]?.done).toBe(false);
		expect(agenda.measures[0]?.followUpCosts[0]).toMatchObject({ years: 1, budget: 'ergebnis' });
	});

	it('throws on invalid or missing required values without touching the document', () => {
		const doc = new Y.Doc();
		const measure = addEntity(doc, { collection: 'measures' }, {});
		const lines = { collection: 'costLines', measureId: measure } as const;
		untouched(doc, () => {
			expect(() => addEntity(doc, { collection: 'measures' }, { priority: 'dringend' })).toThrow(
				TypeError
			);
			expect(() => addEntity(doc, lines, { year: 1800, amountCents: 1 })).toThrow(TypeError);
			expect(() => addEntity(doc, lines, { year: 2026, amountCents: -1 })).toThrow(TypeError);
			expect(() => addEntity(doc, lines, { amountCents: 1 })).toThrow(TypeError);
			expect(() =>
				addEntity(doc, { collection: 'costLines', measureId: 'fehlt' }, { year: 2026 })
			).toThrow(/nicht gefunden/);
		});
		expect(readAgenda(doc).agenda.measures).toHaveLength(1);
	});
});

describe('moveEntity', () => {
	const ref = { collection: 'goals' } as const;

	it('moves the first to the last place', () => {
		const { doc, ids } = goalsDoc('A', 'B', 'C', 'D');
		expect(once(doc, () => moveEntity(doc, ref, must(ids[0]), 3))).toBe(true);
		expect(titles(doc, 'goals')).toEqual(['B', 'C', 'D', 'A']);
	});

	it('moves the last to the first place', () => {
		const { doc, ids } = goalsDoc('A', 'B', 'C', 'D');
		once(doc, () => moveEntity(doc, ref, must(ids[3]), 0));
		expect(titles(doc, 'goals')).toEqual(['D', 'A', 'B', 'C']);
	});

	it('moves within the middle, in both directions', () => {
		const { doc, ids } = goalsDoc('A', 'B', 'C', 'D', 'E');
		moveEntity(doc, ref, must(ids[1]), 2);
		expect(titles(doc, 'goals')).toEqual(['A', 'C', 'B', 'D', 'E']);
		moveEntity(doc, ref, must(ids[3]), 1);
		expect(titles(doc, 'goals')).toEqual(['A', 'D', 'C', 'B', 'E']);
	});

	it('changes only the order of the moved entity', () => {
		const { doc, ids } = goalsDoc('A', 'B', 'C');
		const changed: string[] = [];
		topCollection(doc, 'goals').observeDeep((events) => {
			for (const event of events) {
				for (const key of event.changes.keys.keys()) changed.push(`${event.path.join('.')}:${key}`);
			}
		});
		once(doc, () => moveEntity(doc, ref, must(ids[2]), 0));
		expect(changed).toEqual([`${ids[2]}:order`]);
	});

	it('moves nested entities and refuses unknown ones', () => {
		const doc = new Y.Doc();
		const measure = addEntity(doc, { collection: 'measures' }, {});
		const lines = { collection: 'indicators', measureId: measure } as const;
		const first = addEntity(doc, lines, { name: 'eins' });
		addEntity(doc, lines, { name: 'zwei' });
		moveEntity(doc, lines, first, 1);
		expect(readAgenda(doc).agenda.measures[0]?.indicators.map((i) => i.name)).toEqual([
			'zwei',
			'eins'
		]);
		untouched(doc, () => {
			expect(moveEntity(doc, lines, 'fehlt', 0)).toBe(false);
			expect(moveEntity(doc, { collection: 'indicators', measureId: 'fehlt' }, first, 0)).toBe(
				false
			);
		});
	});
});

describe('removeEntity', () => {
	/** Two measures that reference a goal, a field, a person and a funding source each. */
	function referencedDoc() {
		const doc = new Y.Doc();
		const goal = addEntity(doc, { collection: 'goals' }, { title: 'Ziel' });
		const keptGoal = addEntity(doc, { collection: 'goals' }, { title: 'Ziel 2' });
		const field = addEntity(doc, { collection: 'fields' }, { title: 'Feld' });
		const keptField = addEntity(doc, { collection: 'fields' }, { title: 'Feld 2' });
		const person = addEntity(doc, { collection: 'people' }, { name: 'Pat' });
		const keptPerson = addEntity(doc, { collection: 'people' }, { name: 'Pat 2' });
		const source = addEntity(doc, { collection: 'fundingSources' }, { rateBp: 9000 });
		const keptSource = addEntity(doc, { collection: 'fundingSources' }, { rateBp: 5000 });
		const measures = [field, keptField].map((fieldId) =>
			addEntity(
				doc,
				{ collection: 'measures' },
				{ fieldId, goalIds: [goal, keptGoal], patronIds: [person, keptPerson] }
			)
		);
		for (const measureId of measures) {
			const lines = { collection: 'costLines', measureId } as const;
			addEntity(doc, lines, { year: 2026, amountCents: 100, fundingSourceId: source });
			addEntity(doc, lines, {
				year: 2027,
				amountCents: 100,
				fundingSourceId: source,
				fundingCents: 40
			});
			addEntity(doc, lines, {
				year: 2028,
				amountCents: 100,
				fundingSourceId: keptSource,
				fundingCents: 30
			});
		}
		const ids = { goal, keptGoal, field, keptField, person, keptPerson, source, keptSource };
		return { doc, ids };
	}

	it('removes a goal from the goals of every measure', () => {
		const { doc, ids } = referencedDoc();
		expect(once(doc, () => removeEntity(doc, { collection: 'goals' }, ids.goal))).toBe(true);
		const { agenda, problems } = readAgenda(doc);
		expect(problems).toEqual([]);
		expect(agenda.goals.map((goal) => goal.id)).toEqual([ids.keptGoal]);
		expect(agenda.measures.map((measure) => measure.goalIds)).toEqual([
			[ids.keptGoal],
			[ids.keptGoal]
		]);
		expect(agenda.measures[0]?.patronIds).toHaveLength(2);
	});

	it('clears the field of the measures in it, and only of those', () => {
		const { doc, ids } = referencedDoc();
		once(doc, () => removeEntity(doc, { collection: 'fields' }, ids.field));
		const { agenda } = readAgenda(doc);
		expect(agenda.fields.map((field) => field.id)).toEqual([ids.keptField]);
		expect(agenda.measures.map((measure) => measure.fieldId)).toEqual([null, ids.keptField]);
	});

	it('removes a person from the patrons of every measure', () => {
		const { doc, ids } = referencedDoc();
		once(doc, () => removeEntity(doc, { collection: 'people' }, ids.person));
		const { agenda } = readAgenda(doc);
		expect(agenda.people.map((person) => person.id)).toEqual([ids.keptPerson]);
		expect(agenda.measures.map((measure) => measure.patronIds)).toEqual([
			[ids.keptPerson],
			[ids.keptPerson]
		]);
	});

	it('clears source and fixed grant of the cost lines a removed funding source funded', () => {
		const { doc, ids } = referencedDoc();
		once(doc, () => removeEntity(doc, { collection: 'fundingSources' }, ids.source));
		const { agenda, problems } = readAgenda(doc);
		expect(problems).toEqual([]);
		expect(agenda.fundingSources.map((source) => source.id)).toEqual([ids.keptSource]);
		for (const measure of agenda.measures) {
			expect(
				measure.costLines.map((line) => [line.year, line.fundingSourceId, line.fundingCents])
			).toEqual([
				[2026, null, null],
				[2027, null, null],
				[2028, ids.keptSource, 30]
			]);
		}
	});

	it('removes a measure with its nested collections, and a nested entity alone', () => {
		const { doc } = referencedDoc();
		const [first, second] = readAgenda(doc).agenda.measures;
		const line = must(first?.costLines[1]);
		once(doc, () =>
			removeEntity(doc, { collection: 'costLines', measureId: must(first).id }, line.id)
		);
		expect(readAgenda(doc).agenda.measures[0]?.costLines.map((l) => l.year)).toEqual([2026, 2028]);
		once(doc, () => removeEntity(doc, { collection: 'measures' }, must(second).id));
		expect(readAgenda(doc).agenda.measures.map((measure) => measure.id)).toEqual([first?.id]);
	});

	it('returns false for an unknown entity and changes nothing', () => {
		const { doc, ids } = referencedDoc();
		untouched(doc, () => {
			expect(removeEntity(doc, { collection: 'goals' }, 'fehlt')).toBe(false);
			expect(removeEntity(doc, { collection: 'goals' }, ids.field)).toBe(false);
			expect(removeEntity(doc, { collection: 'costLines', measureId: 'fehlt' }, 'x')).toBe(false);
		});
	});
});

describe('setValue', () => {
	function measureDoc() {
		const doc = new Y.Doc();
		const measure = addEntity(doc, { collection: 'measures' }, { startYear: 2026 });
		const line = addEntity(
			doc,
			{ collection: 'costLines', measureId: measure },
			{ year: 2026, amountCents: 500 }
		);
		return { doc, measure, line, lines: { collection: 'costLines', measureId: measure } as const };
	}
	const measures = { collection: 'measures' } as const;

	it('sets a valid value in one transaction', () => {
		const { doc, measure, line, lines } = measureDoc();
		expect(once(doc, () => setValue(doc, measures, measure, 'status', 'in-umsetzung'))).toBe(true);
		expect(once(doc, () => setValue(doc, measures, measure, 'endQuarter', 4))).toBe(true);
		expect(once(doc, () => setValue(doc, lines, line, 'amountCents', 0))).toBe(true);
		expect(once(doc, () => setValue(doc, measures, measure, 'startYear', null))).toBe(true);
		const read = readAgenda(doc).agenda.measures[0];
		expect(read).toMatchObject({ status: 'in-umsetzung', endQuarter: 4, startYear: null });
		expect(read?.costLines[0]?.amountCents).toBe(0);
	});

	it.each([
		['startYear', 1800],
		['startYear', 2026.5],
		['startYear', '2026'],
		['endQuarter', 5],
		['endQuarter', 0],
		['status', 'erledigt'],
		['priority', 42],
		['fieldId', '']
	] as const)('rejects %s = %j without changing the document', (field, value) => {
		const { doc, measure } = measureDoc();
		const before = JSON.stringify(readAgenda(doc));
		untouched(doc, () => expect(setValue(doc, measures, measure, field, value)).toBe(false));
		expect(JSON.stringify(readAgenda(doc))).toBe(before);
	});

	it.each([
		['amountCents', -1],
		['amountCents', 1.5],
		['amountCents', 10_000_000_001],
		['year', null],
		['fundingCents', -5]
	] as const)('rejects a cost line %s = %j', (field, value) => {
		const { doc, line, lines } = measureDoc();
		untouched(doc, () => expect(setValue(doc, lines, line, field, value)).toBe(false));
		expect(readAgenda(doc).agenda.measures[0]?.costLines[0]).toMatchObject({
			year: 2026,
			amountCents: 500,
			fundingCents: null
		});
	});

	it('does nothing for an unchanged value or an unknown entity', () => {
		const { doc, measure } = measureDoc();
		untouched(doc, () => {
			expect(setValue(doc, measures, measure, 'startYear', 2026)).toBe(true);
			expect(setValue(doc, measures, 'fehlt', 'startYear', 2027)).toBe(false);
		});
	});
});

describe('setValue on an indicator’s numbers', () => {
	function indicatorDoc() {
		const doc = new Y.Doc();
		const measure = addEntity(doc, { collection: 'measures' }, { title: 'Portal' });
		const ref = { collection: 'indicators', measureId: measure } as const;
		const id = addEntity(doc, ref, { name: 'Anträge online', unit: '%' });
		return { doc, ref, id };
	}

	it('stores baseline, years, target and direction, and clears them again', () => {
		const { doc, ref, id } = indicatorDoc();
		expect(setValue(doc, ref, id, 'baseline', -12.5)).toBe(true);
		expect(setValue(doc, ref, id, 'baselineYear', 2020)).toBe(true);
		expect(setValue(doc, ref, id, 'targetValue', 1e12)).toBe(true);
		expect(setValue(doc, ref, id, 'targetYear', 2030)).toBe(true);
		expect(setValue(doc, ref, id, 'direction', 'fallend')).toBe(true);
		expect(readAgenda(doc).agenda.measures[0]?.indicators[0]).toMatchObject({
			baseline: -12.5,
			baselineYear: 2020,
			targetValue: 1e12,
			targetYear: 2030,
			direction: 'fallend'
		});
		expect(setValue(doc, ref, id, 'direction', null)).toBe(true);
		expect(setValue(doc, ref, id, 'baseline', null)).toBe(true);
		expect(readAgenda(doc).agenda.measures[0]?.indicators[0]).toMatchObject({
			baseline: null,
			direction: null
		});
	});

	it.each([
		['baseline', Number.NaN],
		['baseline', Number.POSITIVE_INFINITY],
		['baseline', '12'],
		['targetValue', 1e12 + 1],
		['targetValue', -2e12],
		['baselineYear', 1999],
		['targetYear', 2028.5],
		['targetYear', '2028'],
		['direction', 'seitwärts']
	] as const)('rejects %s = %j without changing the document', (field, value) => {
		const { doc, ref, id } = indicatorDoc();
		untouched(doc, () => expect(setValue(doc, ref, id, field, value)).toBe(false));
	});
});

describe('setText', () => {
	it('replaces a short text in one transaction and keeps the same Y.Text', () => {
		const doc = new Y.Doc();
		const goal = addEntity(doc, { collection: 'goals' }, { title: 'Digitale Schule' });
		const entity = must(entityMap(doc, { collection: 'goals' }, goal));
		const text = entity.get('title');
		expect(
			once(doc, () => setText(doc, { collection: 'goals' }, goal, 'title', 'Digitale Schulen'))
		).toBe(true);
		expect(entity.get('title')).toBe(text);
		expect(readAgenda(doc).agenda.goals[0]?.title).toBe('Digitale Schulen');
	});

	it('returns false when the field holds no Y.Text', () => {
		const doc = new Y.Doc();
		const goal = addEntity(doc, { collection: 'goals' }, {});
		must(entityMap(doc, { collection: 'goals' }, goal)).set('title', 3);
		untouched(doc, () => {
			expect(setText(doc, { collection: 'goals' }, goal, 'title', 'x')).toBe(false);
			expect(setText(doc, { collection: 'goals' }, 'fehlt', 'title', 'x')).toBe(false);
		});
	});
});

describe('toggleMember and setMembers', () => {
	const measures = { collection: 'measures' } as const;

	function setDoc(goalIds: string[]) {
		const doc = new Y.Doc();
		const measure = addEntity(doc, measures, { goalIds });
		const set = must(entityMap(doc, measures, measure)).get('goalIds') as Y.Map<true>;
		return { doc, measure, set };
	}

	/** The stored members (the read layer would also drop ids that name no existing entity). */
	function stored(doc: Y.Doc, measure: string, field = 'goalIds') {
		const set = must(entityMap(doc, measures, measure)).get(field) as Y.Map<true>;
		return [...set.keys()].sort();
	}

	it('adds and removes one member in one transaction each', () => {
		const { doc, measure } = setDoc(['b']);
		expect(once(doc, () => toggleMember(doc, measures, measure, 'goalIds', 'a', true))).toBe(true);
		expect(stored(doc, measure)).toEqual(['a', 'b']);
		once(doc, () => toggleMember(doc, measures, measure, 'goalIds', 'b', false));
		expect(stored(doc, measure)).toEqual(['a']);
		untouched(doc, () =>
			expect(toggleMember(doc, measures, 'fehlt', 'goalIds', 'a', true)).toBe(false)
		);
	});

	it('touches only the members that differ', () => {
		const { doc, measure, set } = setDoc(['a', 'b', 'c']);
		const changes: Record<string, string>[] = [];
		set.observe((event) => {
			changes.push(
				Object.fromEntries([...event.changes.keys].map(([key, change]) => [key, change.action]))
			);
		});
		once(doc, () => setMembers(doc, measures, measure, 'goalIds', ['b', 'c', 'd']));
		expect(changes).toEqual([{ a: 'delete', d: 'add' }]);
		expect(stored(doc, measure)).toEqual(['b', 'c', 'd']);
	});

	it('makes no update when the set already holds exactly the members', () => {
		const { doc, measure } = setDoc(['a', 'b']);
		const { result, updates } = record(doc, () =>
			setMembers(doc, measures, measure, 'goalIds', ['b', 'a', 'b'])
		);
		expect(result).toBe(true);
		expect(updates).toBe(0);
	});

	it('creates the set when the measure has none', () => {
		const { doc, measure } = setDoc([]);
		must(entityMap(doc, measures, measure)).delete('patronIds');
		once(doc, () => setMembers(doc, measures, measure, 'patronIds', ['p']));
		expect(stored(doc, measure, 'patronIds')).toEqual(['p']);
		expect(readAgenda(doc).problems).toEqual([]);
	});
});

describe('setMeta and initialiseAgenda', () => {
	const META = {
		title: 'Digitale Agenda',
		municipality: 'Musterstadt',
		periodStart: 2026,
		periodEnd: 2030
	};

	it('initialiseAgenda lays out the meta texts and values in one transaction', () => {
		const doc = new Y.Doc();
		once(doc, () => initialiseAgenda(doc, META));
		expect(metaMap(doc).get('title')).toBeInstanceOf(Y.Text);
		expect(metaMap(doc).get('municipality')).toBeInstanceOf(Y.Text);
		expect(readAgenda(doc)).toMatchObject({ agenda: { meta: META }, problems: [] });
	});

	it('changes only the fields given', () => {
		const doc = new Y.Doc();
		initialiseAgenda(doc, META);
		const title = metaMap(doc).get('title');
		expect(once(doc, () => setMeta(doc, { periodEnd: 2032 }))).toBe(true);
		expect(readAgenda(doc).agenda.meta).toEqual({ ...META, periodEnd: 2032 });
		expect(once(doc, () => setMeta(doc, { title: 'Digitale Agenda 2030' }))).toBe(true);
		expect(readAgenda(doc).agenda.meta).toEqual({
			...META,
			title: 'Digitale Agenda 2030',
			periodEnd: 2032
		});
		// The title is edited in place, not replaced: concurrent typing in it survives.
		expect(metaMap(doc).get('title')).toBe(title);
		once(doc, () => setMeta(doc, { periodStart: null, municipality: 'Neustadt' }));
		expect(readAgenda(doc).agenda.meta).toEqual({
			title: 'Digitale Agenda 2030',
			municipality: 'Neustadt',
			periodStart: null,
			periodEnd: 2032
		});
	});

	it('creates the meta texts in a document that has none', () => {
		const doc = new Y.Doc();
		once(doc, () => setMeta(doc, { title: 'Neu' }));
		expect(metaMap(doc).get('title')).toBeInstanceOf(Y.Text);
		expect(readAgenda(doc).agenda.meta).toEqual({
			title: 'Neu',
			municipality: '',
			periodStart: null,
			periodEnd: null
		});
	});

	it('rejects invalid values without changing anything', () => {
		const doc = new Y.Doc();
		initialiseAgenda(doc, META);
		untouched(doc, () => {
			expect(setMeta(doc, { periodStart: 1800 })).toBe(false);
			expect(setMeta(doc, { title: 'gültig', periodEnd: 2030.5 })).toBe(false);
			expect(setMeta(doc, { title: 7 as unknown as string })).toBe(false);
		});
		expect(readAgenda(doc).agenda.meta).toEqual(META);
	});
});

describe('undo', () => {
	function undoable(doc: Y.Doc) {
		const types = [...TOP_COLLECTIONS.map((name) => topCollection(doc, name)), metaMap(doc)];
		return new Y.UndoManager(types, { trackedOrigins: new Set([LOCAL_EDIT]), captureTimeout: 0 });
	}
	const measures = { collection: 'measures' } as const;

	it('undoes and redoes one mutation at a time', () => {
		const doc = new Y.Doc();
		const measure = addEntity(doc, measures, { title: 'WLAN' });
		const undo = undoable(doc);
		setValue(doc, measures, measure, 'priority', 'hoch');
		setText(doc, measures, measure, 'title', 'WLAN für alle');
		expect(readAgenda(doc).agenda.measures[0]).toMatchObject({
			title: 'WLAN für alle',
			priority: 'hoch'
		});
		undo.undo();
		expect(readAgenda(doc).agenda.measures[0]).toMatchObject({ title: 'WLAN', priority: 'hoch' });
		undo.undo();
		expect(readAgenda(doc).agenda.measures[0]).toMatchObject({ title: 'WLAN', priority: 'mittel' });
		undo.redo();
		expect(readAgenda(doc).agenda.measures[0]?.priority).toBe('hoch');
	});

	it('undoes an add, and a remove together with its reference clean-up', () => {
		const doc = new Y.Doc();
		const goal = addEntity(doc, { collection: 'goals' }, { title: 'Ziel' });
		const measure = addEntity(doc, measures, { goalIds: [goal] });
		const undo = undoable(doc);
		addEntity(doc, { collection: 'goals' }, { title: 'neu' });
		expect(readAgenda(doc).agenda.goals).toHaveLength(2);
		undo.undo();
		expect(readAgenda(doc).agenda.goals.map((g) => g.title)).toEqual(['Ziel']);
		removeEntity(doc, { collection: 'goals' }, goal);
		expect(readAgenda(doc).agenda.measures[0]?.goalIds).toEqual([]);
		undo.undo();
		const { agenda, problems } = readAgenda(doc);
		expect(problems).toEqual([]);
		expect(agenda.goals.map((g) => [g.id, g.title])).toEqual([[goal, 'Ziel']]);
		expect(agenda.measures.map((m) => [m.id, m.goalIds])).toEqual([[measure, [goal]]]);
	});

	it('does not undo changes with another origin', () => {
		const doc = new Y.Doc();
		const measure = addEntity(doc, measures, {});
		const undo = undoable(doc);
		doc.transact(() => {
			must(entityMap(doc, measures, measure)).set('status', 'abgeschlossen');
		}, 'remote');
		expect(undo.canUndo()).toBe(false);
		setMeta(doc, { title: 'Agenda' });
		undo.undo();
		expect(readAgenda(doc).agenda.measures[0]?.status).toBe('abgeschlossen');
		expect(readAgenda(doc).agenda.meta.title).toBe('');
	});
});

describe('references by collection', () => {
	it.each(TOP_COLLECTIONS)('removes a %s entity from its collection', (collection) => {
		const doc = new Y.Doc();
		const ref: CollectionRef = { collection };
		const id = addEntity(doc, { collection }, {});
		expect(readAgenda(doc).agenda[collection]).toHaveLength(1);
		once(doc, () => removeEntity(doc, ref, id));
		expect(readAgenda(doc).agenda[collection]).toEqual([]);
	});
});

describe('resolution data', () => {
	function upgradedDoc() {
		const doc = new Y.Doc();
		ensureLayout(doc);
		return doc;
	}

	it('ensureLayout creates the missing shared types once, and then changes nothing', () => {
		const doc = new Y.Doc();
		const first = record(doc, () => ensureLayout(doc));
		expect(first.result).toBe(true);
		expect(first.updates).toBe(1);
		expect(resolutionText(doc, 'reference')).toBeInstanceOf(Y.Text);
		expect(resolutionFacts(doc)).toBeInstanceOf(Y.XmlFragment);
		expect(resolutionMap(doc).get('consultations')).toBeInstanceOf(Y.Map);
		expect(metaMap(doc).get('title')).toBeInstanceOf(Y.Text);
		const again = record(doc, () => ensureLayout(doc));
		expect(again).toMatchObject({ result: false, updates: 0 });
	});

	it('ensureLayout moves the single Deckungsvorschlag line of an older document into the lines', () => {
		const doc = upgradedDoc();
		const resolution = resolutionMap(doc);
		doc.transact(() => {
			resolution.set('coverageCents', 1_250_000);
			resolution.set('costUnit', new Y.Text('11.1.01 Digitalisierung'));
			resolution.set('account', new Y.Text('5431000'));
		});
		expect(ensureLayout(doc)).toBe(true);
		expect(readAgenda(doc).agenda.resolution.coverageLines).toMatchObject([
			{ amountCents: 1_250_000, costUnit: '11.1.01 Digitalisierung', account: '5431000', label: '' }
		]);
		for (const field of ['coverageCents', 'costUnit', 'account']) {
			expect(resolution.has(field)).toBe(false);
		}
		// Loaded again: nothing left to move, no second line.
		expect(record(doc, () => ensureLayout(doc))).toMatchObject({ result: false, updates: 0 });
		expect(readAgenda(doc).agenda.resolution.coverageLines).toHaveLength(1);
	});

	it('ensureLayout drops empty old Deckungsvorschlag fields without making a line', () => {
		const doc = upgradedDoc();
		doc.transact(() => {
			resolutionMap(doc).set('coverageCents', null);
			resolutionMap(doc).set('costUnit', new Y.Text(''));
		});
		expect(ensureLayout(doc)).toBe(true);
		expect(readAgenda(doc).agenda.resolution.coverageLines).toEqual([]);
		expect(resolutionMap(doc).has('costUnit')).toBe(false);
	});

	it('ensureLayout keeps what an older document already holds', () => {
		const doc = new Y.Doc();
		initialiseAgenda(doc, { title: 'T', municipality: 'M', periodStart: 2026, periodEnd: 2030 });
		resolutionMap(doc).delete('reference');
		const facts = resolutionFacts(doc);
		expect(ensureLayout(doc)).toBe(true);
		expect(resolutionFacts(doc)).toBe(facts);
		expect(readAgenda(doc).agenda.meta.title).toBe('T');
	});

	it('setResolutionValue checks values against the model', () => {
		const doc = upgradedDoc();
		expect(setResolutionValue(doc, 'date', '2026-12-01')).toBe(true);
		expect(setResolutionValue(doc, 'meansPlanned', true)).toBe(true);
		expect(setResolutionValue(doc, 'plannedMeansCents', 12_345)).toBe(true);
		expect(setResolutionValue(doc, 'public', false)).toBe(true);
		for (const [field, value] of [
			['date', '2026-13-01'],
			['date', '1.12.2026'],
			['plannedMeansCents', -1],
			['plannedMeansCents', 1.5],
			['plannedMeansCents', MAX_AMOUNT_CENTS + 1],
			['meansPlanned', 'ja'],
			['public', 'ja']
		] as const) {
			const { result, updates } = record(doc, () => setResolutionValue(doc, field, value));
			expect({ field, value, result, updates }).toEqual({
				field,
				value,
				result: false,
				updates: 0
			});
		}
		expect(readAgenda(doc).agenda.resolution).toMatchObject({
			date: '2026-12-01',
			meansPlanned: true,
			plannedMeansCents: 12_345,
			public: false
		});
	});

	it('setResolutionText edits the shared text in place, as a local edit', () => {
		const doc = upgradedDoc();
		const text = resolutionText(doc, 'proposal');
		const { result, origins } = record(doc, () =>
			setResolutionText(doc, 'proposal', 'Die Stadtvertretung beschließt … <&> "🚀"')
		);
		expect(result).toBe(true);
		expect(origins).toEqual([LOCAL_EDIT]);
		expect(resolutionText(doc, 'proposal')).toBe(text);
		expect(readAgenda(doc).agenda.resolution.proposal).toBe(
			'Die Stadtvertretung beschließt … <&> "🚀"'
		);
		expect(setResolutionText(new Y.Doc(), 'proposal', 'x')).toBe(false);
	});

	it('consultations are a collection like any other', () => {
		const doc = upgradedDoc();
		const ref = { collection: 'consultations' } as const;
		const lead = addEntity(doc, ref, { body: 'Stadtvertretung', role: 'entscheidung' });
		const first = addEntity(doc, ref, { body: 'Hauptausschuss' }, 0);
		expect(setValue(doc, ref, first, 'result', 'empfohlen')).toBe(true);
		expect(setValue(doc, ref, first, 'result', 'vielleicht')).toBe(false);
		expect(setText(doc, ref, first, 'votum', 'einstimmig empfohlen')).toBe(true);
		const { consultations } = readAgenda(doc).agenda.resolution;
		expect(consultations.map((entry) => [entry.id, entry.body, entry.role, entry.result])).toEqual([
			[first, 'Hauptausschuss', 'vorberatung', 'empfohlen'],
			[lead, 'Stadtvertretung', 'entscheidung', 'offen']
		]);
		expect(removeEntity(doc, ref, first)).toBe(true);
		expect(readAgenda(doc).agenda.resolution.consultations).toHaveLength(1);
	});
});
