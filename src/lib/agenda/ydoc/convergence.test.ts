import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it, vi } from 'vitest';
import { entityText } from './layout';
import { type CollectionRef } from '../model/entities';
import {
	LOCAL_EDIT,
	addEntity,
	initialiseAgenda,
	moveEntity,
	removeEntity,
	setMembers,
	setMeta,
	setValue,
	toggleMember
} from './mutations';
import type { Agenda } from '../model/schema';
import { readAgenda } from './read';
import { applyTextChange } from './apply-text-change';
import { MEASURE_STATUSES, PRIORITIES } from '../model/vocabulary';

// Predictable ids, so that a failing case found by fast-check replays the same way.
const ids = vi.hoisted(() => ({ next: 0 }));
vi.mock('../../id-format', async (importOriginal) => ({
	...(await importOriginal<typeof import('../../id-format')>()),
	generateId: () => `id${String(ids.next++).padStart(14, '0')}`
}));

const LISTS = ['goals', 'people', 'fields', 'fundingSources', 'measures'] as const;
type List = (typeof LISTS)[number];
const NESTED = ['costLines', 'milestones'] as const;
type Nested = (typeof NESTED)[number];

/** One user action, with targets picked by position among what that replica currently sees. */
type Op =
	| { kind: 'add'; list: List; index: number; text: string }
	| { kind: 'addNested'; nested: Nested; pick: number; index: number; n: number }
	| { kind: 'move'; list: List; pick: number; index: number }
	| { kind: 'moveNested'; nested: Nested; pick: number; pick2: number; index: number }
	| { kind: 'remove'; list: List; pick: number }
	| { kind: 'removeNested'; nested: Nested; pick: number; pick2: number }
	| {
			kind: 'value';
			pick: number;
			field: 'priority' | 'status' | 'startYear' | 'fieldId';
			n: number;
	  }
	| {
			kind: 'lineValue';
			pick: number;
			pick2: number;
			field: 'amountCents' | 'fundingSourceId';
			n: number;
	  }
	| {
			kind: 'text';
			list: 'goals' | 'measures';
			pick: number;
			at: number;
			cut: number;
			text: string;
	  }
	| { kind: 'toggle'; pick: number; field: 'goalIds' | 'patronIds'; member: number; on: boolean }
	| { kind: 'members'; pick: number; members: number[] }
	| { kind: 'meta'; text: string; periodEnd: number };

const textArb = fc.string({ unit: fc.constantFrom('a', 'b', 'ß', ' ', '😀', 'é'), maxLength: 4 });
const pick = fc.nat({ max: 20 });
const index = fc.integer({ min: 0, max: 8 });

const opArb: fc.Arbitrary<Op> = fc.oneof(
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('add' as const),
			list: fc.constantFrom(...LISTS),
			index,
			text: textArb
		})
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('addNested' as const),
			nested: fc.constantFrom(...NESTED),
			pick,
			index,
			n: fc.nat({ max: 100_000 })
		})
	},
	fc.record({ kind: fc.constant('move' as const), list: fc.constantFrom(...LISTS), pick, index }),
	fc.record({
		kind: fc.constant('moveNested' as const),
		nested: fc.constantFrom(...NESTED),
		pick,
		pick2: pick,
		index
	}),
	fc.record({ kind: fc.constant('remove' as const), list: fc.constantFrom(...LISTS), pick }),
	fc.record({
		kind: fc.constant('removeNested' as const),
		nested: fc.constantFrom(...NESTED),
		pick,
		pick2: pick
	}),
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('value' as const),
			pick,
			field: fc.constantFrom(
				'priority' as const,
				'status' as const,
				'startYear' as const,
				'fieldId' as const
			),
			n: fc.nat({ max: 20 })
		})
	},
	fc.record({
		kind: fc.constant('lineValue' as const),
		pick,
		pick2: pick,
		field: fc.constantFrom('amountCents' as const, 'fundingSourceId' as const),
		n: fc.nat({ max: 100_000 })
	}),
	{
		weight: 3,
		arbitrary: fc.record({
			kind: fc.constant('text' as const),
			list: fc.constantFrom('goals' as const, 'measures' as const),
			pick,
			at: fc.nat({ max: 10 }),
			cut: fc.nat({ max: 3 }),
			text: textArb
		})
	},
	{
		weight: 2,
		arbitrary: fc.record({
			kind: fc.constant('toggle' as const),
			pick,
			field: fc.constantFrom('goalIds' as const, 'patronIds' as const),
			member: pick,
			on: fc.boolean()
		})
	},
	fc.record({
		kind: fc.constant('members' as const),
		pick,
		members: fc.array(pick, { maxLength: 3 })
	}),
	fc.record({
		kind: fc.constant('meta' as const),
		text: textArb,
		periodEnd: fc.integer({ min: 2026, max: 2035 })
	})
);

function at<T extends readonly unknown[]>(items: T, n: number): T[number] | undefined {
	return items.length > 0 ? items[n % items.length] : undefined;
}

/** Edits a text the way the input binding does: the new value goes through applyTextChange. */
function editText(
	doc: Y.Doc,
	ref: CollectionRef,
	id: string,
	field: string,
	op: Op & { kind: 'text' }
) {
	const text = entityText(doc, ref, id, field);
	if (!text) return;
	const chars = Array.from(text.toString());
	const start = op.at % (chars.length + 1);
	const next = [...chars.slice(0, start), op.text, ...chars.slice(start + op.cut)].join('');
	doc.transact(() => applyTextChange(text, next), LOCAL_EDIT);
}

function apply(doc: Y.Doc, op: Op): void {
	const agenda: Agenda = readAgenda(doc).agenda;
	const measure = at(agenda.measures, 'pick' in op ? op.pick : 0);
	switch (op.kind) {
		case 'add': {
			const values =
				op.list === 'people' || op.list === 'fundingSources'
					? { name: op.text }
					: { title: op.text };
			addEntity(doc, { collection: op.list }, values, op.index);
			return;
		}
		case 'addNested': {
			if (!measure) return;
			const ref = { collection: op.nested, measureId: measure.id };
			if (op.nested === 'costLines') {
				const source = at(agenda.fundingSources, op.n);
				addEntity(
					doc,
					{ collection: 'costLines', measureId: measure.id },
					{
						year: 2026 + (op.n % 5),
						amountCents: op.n,
						fundingSourceId: op.n % 2 === 0 ? (source?.id ?? null) : null
					},
					op.index
				);
			} else {
				addEntity(doc, ref, { title: `M${op.n}`, dueYear: 2027, done: op.n % 2 === 0 }, op.index);
			}
			return;
		}
		case 'move': {
			const target = at(agenda[op.list], op.pick);
			if (target) moveEntity(doc, { collection: op.list }, target.id, op.index);
			return;
		}
		case 'moveNested': {
			const target = measure && at(measure[op.nested], op.pick2);
			if (measure && target) {
				moveEntity(doc, { collection: op.nested, measureId: measure.id }, target.id, op.index);
			}
			return;
		}
		case 'remove': {
			const target = at(agenda[op.list], op.pick);
			if (target) removeEntity(doc, { collection: op.list }, target.id);
			return;
		}
		case 'removeNested': {
			const target = measure && at(measure[op.nested], op.pick2);
			if (measure && target) {
				removeEntity(doc, { collection: op.nested, measureId: measure.id }, target.id);
			}
			return;
		}
		case 'value': {
			if (!measure) return;
			const ref = { collection: 'measures' } as const;
			const value = {
				priority: at(PRIORITIES, op.n),
				status: at(MEASURE_STATUSES, op.n),
				startYear: op.n % 4 === 0 ? null : 2025 + op.n,
				fieldId: at(agenda.fields, op.n)?.id ?? null
			}[op.field];
			expect(setValue(doc, ref, measure.id, op.field, value)).toBe(true);
			return;
		}
		case 'lineValue': {
			const line = measure && at(measure.costLines, op.pick2);
			if (!measure || !line) return;
			const ref = { collection: 'costLines', measureId: measure.id } as const;
			const value =
				op.field === 'amountCents' ? op.n : (at(agenda.fundingSources, op.n)?.id ?? null);
			expect(setValue(doc, ref, line.id, op.field, value)).toBe(true);
			return;
		}
		case 'text': {
			const target = at(agenda[op.list], op.pick);
			if (target) editText(doc, { collection: op.list }, target.id, 'title', op);
			return;
		}
		case 'toggle': {
			const members = op.field === 'goalIds' ? agenda.goals : agenda.people;
			const member = at(members, op.member);
			if (measure && member) {
				toggleMember(doc, { collection: 'measures' }, measure.id, op.field, member.id, op.on);
			}
			return;
		}
		case 'members': {
			if (!measure) return;
			const goals = op.members.flatMap((n) => at(agenda.goals, n)?.id ?? []);
			setMembers(doc, { collection: 'measures' }, measure.id, 'goalIds', goals);
			return;
		}
		case 'meta': {
			const title = agenda.meta.title;
			expect(setMeta(doc, { title: title.slice(0, 3) + op.text, periodEnd: op.periodEnd })).toBe(
				true
			);
			return;
		}
	}
}

/** Deterministic shuffling from a generated seed (mulberry32). */
function random(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function shuffled<T>(items: readonly T[], next: () => number): T[] {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(next() * (i + 1));
		[copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
	}
	return copy;
}

const REMOTE = 'remote';

/** A shared starting point: an agenda with some of everything, as a server would hand it out. */
function baseState(): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = 1;
	initialiseAgenda(doc, {
		title: 'Agenda',
		municipality: 'Musterstadt',
		periodStart: 2026,
		periodEnd: 2030
	});
	const goals = ['Ziel A', 'Ziel B'].map((title) =>
		addEntity(doc, { collection: 'goals' }, { title })
	);
	addEntity(doc, { collection: 'people' }, { name: 'Erika' });
	addEntity(doc, { collection: 'fields' }, { title: 'Bildung' });
	const source = addEntity(doc, { collection: 'fundingSources' }, { name: 'Bund', rateBp: 9000 });
	for (const title of ['WLAN', 'Portal']) {
		const measureId = addEntity(doc, { collection: 'measures' }, { title, goalIds: goals });
		addEntity(
			doc,
			{ collection: 'costLines', measureId },
			{ year: 2026, amountCents: 10_000, fundingSourceId: source }
		);
		addEntity(doc, { collection: 'milestones', measureId }, { title: 'Start' });
	}
	return Y.encodeStateAsUpdate(doc);
}

interface Replica {
	doc: Y.Doc;
	/** Every update this replica made itself, in the order it made them. */
	sent: Uint8Array[];
}

function replicas(count: number, base: Uint8Array): Replica[] {
	return Array.from({ length: count }, (_, n) => {
		const doc = new Y.Doc();
		doc.clientID = 100 + n;
		Y.applyUpdate(doc, base, REMOTE);
		const replica: Replica = { doc, sent: [] };
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== REMOTE) replica.sent.push(update);
		});
		return replica;
	});
}

/** Delivers `updates` to a replica in random order, some of them twice. */
function deliver(to: Replica, updates: readonly Uint8Array[], next: () => number) {
	const withDuplicates = [...updates, ...updates.filter(() => next() < 0.3)];
	for (const update of shuffled(withDuplicates, next)) Y.applyUpdate(to.doc, update, REMOTE);
}

function expectConverged(all: readonly Replica[]) {
	const reads = all.map(({ doc }) => readAgenda(doc));
	for (const read of reads) expect(read.problems).toEqual([]);
	const [first, ...rest] = reads.map((read) => JSON.stringify(read.agenda));
	for (const other of rest) expect(other).toBe(first);
	const [vector, ...vectors] = all.map(({ doc }) => Y.encodeStateVector(doc));
	for (const other of vectors) expect(other).toEqual(vector);
	return reads[0]?.agenda;
}

const scenarioArb = fc.record({
	replicas: fc.integer({ min: 2, max: 3 }),
	// Per round, per replica: the ops it makes before (some) updates travel.
	rounds: fc.array(fc.array(fc.array(opArb, { maxLength: 8 }), { minLength: 3, maxLength: 3 }), {
		minLength: 1,
		maxLength: 3
	}),
	seed: fc.integer(),
	finalSync: fc.constantFrom('updates' as const, 'states' as const)
});

describe('convergence of concurrent edits', () => {
	const base = baseState();

	it('ends with identical agendas and no problems, whatever the delivery order', () => {
		fc.assert(
			fc.property(scenarioArb, (scenario) => {
				ids.next = 1000;
				const next = random(scenario.seed);
				const all = replicas(scenario.replicas, base);
				for (const round of scenario.rounds) {
					all.forEach((replica, n) => {
						for (const op of round[n] ?? []) {
							apply(replica.doc, op);
						}
					});
					// Part of the traffic arrives mid-way: each replica hears from a random few others.
					for (const to of all) {
						const heard = all.filter((from) => from !== to && next() < 0.5);
						deliver(
							to,
							heard.flatMap((from) => from.sent),
							next
						);
					}
				}
				if (scenario.finalSync === 'updates') {
					for (const to of all) {
						deliver(
							to,
							all.filter((from) => from !== to).flatMap((from) => from.sent),
							next
						);
					}
				} else {
					const states = all.map(({ doc }) => Y.encodeStateAsUpdate(doc));
					for (const to of all) {
						deliver(
							to,
							states.filter((_, n) => all[n] !== to),
							next
						);
					}
				}
				const agenda = expectConverged(all);
				// Same result as one document that received everything merged at once.
				const merged = new Y.Doc();
				Y.applyUpdate(merged, Y.mergeUpdates([base, ...all.flatMap((replica) => replica.sent)]));
				expect(JSON.stringify(readAgenda(merged).agenda)).toBe(JSON.stringify(agenda));
			}),
			{ numRuns: 100 }
		);
		// About 1.5 s on an idle machine; the limit is for CI machines busy with other jobs.
	}, 30_000);

	it('keeps both a move and a concurrent edit of the same entity', () => {
		const [left, right] = replicas(2, base) as [Replica, Replica];
		const agenda = readAgenda(left.doc).agenda;
		const [wlan, portal] = agenda.measures;
		if (!wlan || !portal) throw new Error('base agenda has two measures');
		moveEntity(left.doc, { collection: 'measures' }, wlan.id, 1);
		setValue(right.doc, { collection: 'measures' }, wlan.id, 'priority', 'hoch');
		editText(right.doc, { collection: 'measures' }, wlan.id, 'title', {
			kind: 'text',
			list: 'measures',
			pick: 0,
			at: 4,
			cut: 0,
			text: ' für alle'
		});
		deliver(left, right.sent, random(1));
		deliver(right, left.sent, random(2));
		const merged = expectConverged([left, right]);
		expect(merged?.measures.map((m) => [m.title, m.priority])).toEqual([
			['Portal', 'mittel'],
			['WLAN für alle', 'hoch']
		]);
	});

	it('keeps concurrent adds and removes of different members of a set', () => {
		const [left, right] = replicas(2, base) as [Replica, Replica];
		const { goals, measures } = readAgenda(left.doc).agenda;
		const [goalA, goalB] = goals;
		const measure = measures[0];
		if (!goalA || !goalB || !measure) throw new Error('base agenda has goals and a measure');
		const goalC = addEntity(left.doc, { collection: 'goals' }, { title: 'Ziel C' });
		toggleMember(left.doc, { collection: 'measures' }, measure.id, 'goalIds', goalC, true);
		toggleMember(right.doc, { collection: 'measures' }, measure.id, 'goalIds', goalA.id, false);
		deliver(left, right.sent, random(3));
		deliver(right, left.sent, random(4));
		const merged = expectConverged([left, right]);
		expect(merged?.measures[0]?.goalIds).toEqual([goalB.id, goalC].sort());
	});
});
