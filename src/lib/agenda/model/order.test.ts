import fc from 'fast-check';
import { generateNKeysBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { addEntity, moveEntity } from '../ydoc/mutations';
import { compareByOrder, orderKeyAt, sortByOrder } from './order';
import { readAgenda } from '../ydoc/read';

interface Item {
	id: string;
	order: string;
}

/** An edit in terms of the list the user sees: insert at an index, or move the nth item. */
type Step = { kind: 'insert'; index: number } | { kind: 'move'; pick: number; index: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
	fc.record({ kind: fc.constant('insert' as const), index: fc.integer({ min: -2, max: 30 }) }),
	fc.record({
		kind: fc.constant('move' as const),
		pick: fc.nat(),
		index: fc.integer({ min: -2, max: 30 })
	})
);

function clamp(index: number, length: number) {
	return Math.max(0, Math.min(index, length));
}

describe('orderKeyAt', () => {
	it('always yields the intended order for random inserts and moves', () => {
		fc.assert(
			fc.property(fc.array(stepArb, { maxLength: 60 }), (steps) => {
				let items: Item[] = [];
				const expected: string[] = [];
				steps.forEach((step, n) => {
					if (step.kind === 'insert') {
						const id = `id${String(n).padStart(3, '0')}`;
						items.push({ id, order: orderKeyAt(sortByOrder(items), step.index) });
						expected.splice(clamp(step.index, expected.length), 0, id);
						return;
					}
					if (expected.length === 0) return;
					const id = expected[step.pick % expected.length] as string;
					const siblings = sortByOrder(items.filter((item) => item.id !== id));
					const order = orderKeyAt(siblings, step.index);
					items = [...siblings, { id, order }];
					expected.splice(expected.indexOf(id), 1);
					expected.splice(clamp(step.index, expected.length), 0, id);
				});
				const sorted = sortByOrder(items);
				expect(sorted.map((item) => item.id)).toEqual(expected);
				// Keys are distinct: the order never depends on the id tie-break here.
				expect(new Set(items.map((item) => item.order)).size).toBe(items.length);
			}),
			{ numRuns: 300 }
		);
	});

	it('gives the same result through the document mutations', () => {
		fc.assert(
			fc.property(fc.array(stepArb, { maxLength: 25 }), (steps) => {
				const doc = new Y.Doc();
				const ref = { collection: 'goals' } as const;
				const expected: string[] = [];
				for (const step of steps) {
					if (step.kind === 'insert') {
						const id = addEntity(doc, ref, {}, step.index);
						expected.splice(clamp(step.index, expected.length), 0, id);
					} else if (expected.length > 0) {
						const id = expected[step.pick % expected.length] as string;
						expect(moveEntity(doc, ref, id, step.index)).toBe(true);
						expected.splice(expected.indexOf(id), 1);
						expected.splice(clamp(step.index, expected.length), 0, id);
					}
				}
				const { agenda, problems } = readAgenda(doc);
				expect(problems).toEqual([]);
				expect(agenda.goals.map((goal) => goal.id)).toEqual(expected);
			}),
			{ numRuns: 100 }
		);
	});

	it('makes the first keys of a collection predictable', () => {
		expect(orderKeyAt([], 0)).toBe('a0');
		expect(orderKeyAt([{ order: 'a0' }], 1)).toBe('a1');
		expect(orderKeyAt([{ order: 'a0' }], 0)).toBe('Zz');
		expect(orderKeyAt([{ order: 'a0' }, { order: 'a1' }], 1)).toBe('a0V');
	});

	it('places a key past a run of equal keys, never inside it', () => {
		const siblings = [
			{ id: 'a', order: 'a0' },
			{ id: 'b', order: 'a1' },
			{ id: 'c', order: 'a1' },
			{ id: 'd', order: 'a1' },
			{ id: 'e', order: 'a2' }
		];
		for (const index of [2, 3, 4]) {
			const key = orderKeyAt(siblings, index);
			expect(key > 'a1' && key < 'a2').toBe(true);
			const placed = sortByOrder([...siblings, { id: 'new', order: key }]);
			expect(placed.map((item) => item.id)).toEqual(['a', 'b', 'c', 'd', 'new', 'e']);
		}
		// Before the run and at the very start it still lands where asked.
		expect(sortByOrder([...siblings, { id: 'new', order: orderKeyAt(siblings, 1) }])[1]?.id).toBe(
			'new'
		);
		expect(sortByOrder([...siblings, { id: 'new', order: orderKeyAt(siblings, 0) }])[0]?.id).toBe(
			'new'
		);
	});

	it('lands within one run of equal keys of the intended place, with any equal keys', () => {
		const keys = generateNKeysBetween(null, null, 4);
		const siblingsArb = fc
			.array(fc.constantFrom(...keys), { minLength: 1, maxLength: 12 })
			.map((orders) =>
				sortByOrder(orders.map((order, n) => ({ id: `s${String(n).padStart(2, '0')}`, order })))
			);
		fc.assert(
			fc.property(siblingsArb, fc.integer({ min: 0, max: 12 }), (siblings, index) => {
				const at = clamp(index, siblings.length);
				const key = orderKeyAt(siblings, at);
				expect(siblings.some((sibling) => sibling.order === key)).toBe(false);
				const position = sortByOrder([...siblings, { id: 'zzz', order: key }]).findIndex(
					(item) => item.id === 'zzz'
				);
				// Where it was asked, unless that is inside a run: then right after the run.
				const before = siblings[at - 1]?.order;
				let expected = at;
				while (before !== undefined && siblings[expected]?.order === before) expected++;
				expect(position).toBe(expected);
			}),
			{ numRuns: 300 }
		);
	});

	it('still appends when the neighbouring keys are malformed', () => {
		const siblings = [{ order: 'a0' }, { order: 'kaputt' }, { order: '' }];
		const key = orderKeyAt(siblings, 1);
		expect(key > 'a0').toBe(true);
		expect(orderKeyAt([{ order: '' }], 0)).toBe('a0');
	});
});

describe('sortByOrder', () => {
	it('breaks ties by id, whatever the order it is given the items in', () => {
		const itemsArb = fc.uniqueArray(
			fc.record({
				id: fc.string({ minLength: 1, maxLength: 4 }),
				order: fc.constantFrom('Zz', 'a0', 'a0V', 'a1')
			}),
			{ selector: (item) => item.id, maxLength: 15 }
		);
		fc.assert(
			fc.property(
				itemsArb.chain((items) =>
					fc.tuple(fc.constant(items), fc.shuffledSubarray(items, { minLength: items.length }))
				),
				([items, shuffled]) => {
					const sorted = sortByOrder(items);
					expect(sortByOrder(shuffled)).toEqual(sorted);
					for (let n = 1; n < sorted.length; n++) {
						const [a, b] = [sorted[n - 1] as Item, sorted[n] as Item];
						expect(a.order < b.order || (a.order === b.order && a.id < b.id)).toBe(true);
						expect(compareByOrder(a, b)).toBe(-1);
						expect(compareByOrder(b, a)).toBe(1);
					}
				}
			),
			{ numRuns: 200 }
		);
	});

	it('does not change the array it is given', () => {
		const items = [
			{ id: 'b', order: 'a1' },
			{ id: 'a', order: 'a1' }
		];
		expect(sortByOrder(items).map((item) => item.id)).toEqual(['a', 'b']);
		expect(items.map((item) => item.id)).toEqual(['b', 'a']);
	});
});

describe('concurrent inserts at the same place', () => {
	it('pick equal keys, which every replica sorts the same way by id', () => {
		const [left, right] = [new Y.Doc(), new Y.Doc()];
		const ref = { collection: 'goals' } as const;
		const anchor = addEntity(left, ref, { title: 'Anker' });
		Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
		// Both insert at the top without having seen each other's insert.
		const fromLeft = addEntity(left, ref, { title: 'links' }, 0);
		const fromRight = addEntity(right, ref, { title: 'rechts' }, 0);
		Y.applyUpdate(left, Y.encodeStateAsUpdate(right));
		Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
		const [readLeft, readRight] = [readAgenda(left).agenda, readAgenda(right).agenda];
		expect(readLeft).toEqual(readRight);
		const [first, second, third] = readLeft.goals;
		expect(first?.order).toBe(second?.order);
		expect([first?.id, second?.id]).toEqual([fromLeft, fromRight].sort());
		expect(third?.id).toBe(anchor);
		// A later insert between the two tied goals lands after both, identically everywhere.
		const later = addEntity(left, ref, { title: 'später' }, 1);
		Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
		expect(readAgenda(right).agenda.goals.map((goal) => goal.id)).toEqual([
			first?.id,
			second?.id,
			later,
			anchor
		]);
		// Moving one of the tied goals to the top separates them again.
		expect(moveEntity(right, ref, must(second?.id), 0)).toBe(true);
		expect(readAgenda(right).agenda.goals.map((goal) => goal.id)).toEqual([
			second?.id,
			first?.id,
			later,
			anchor
		]);
	});
});

function must<T>(value: T | null | undefined): T {
	if (value === null || value === undefined) throw new Error('expected a value');
	return value;
}
