import { describe, expect, it } from 'vitest';
import { readAgenda } from '$lib/agenda/ydoc/read';
import { addEntity, moveEntity } from '$lib/agenda/ydoc/mutations';
import type { Measure } from '$lib/agenda/model/schema';
import { newAgendaDoc } from '$lib/collab/testing/agenda-doc';
import { neighbour, placeOf } from './reorder';

const ref = { collection: 'measures' } as const;

/** A document with measures A … E in this order; C and E are done, the others planned. */
function measures() {
	const doc = newAgendaDoc();
	for (const title of ['A', 'B', 'C', 'D', 'E']) {
		const status = title === 'C' || title === 'E' ? 'abgeschlossen' : 'geplant';
		addEntity(doc, ref, { title, status });
	}
	const all = () => readAgenda(doc).agenda.measures;
	const byTitle = (title: string) => all().find((measure) => measure.title === title) as Measure;
	const titles = () => all().map((measure) => measure.title);
	return { doc, all, byTitle, titles };
}

describe('reordering the measure list', () => {
	/** What the list does on Alt+Arrow or ↑/↓: step past the visible neighbour, if there is one. */
	function step(
		{ doc, all }: ReturnType<typeof measures>,
		visible: readonly Measure[],
		measure: Measure,
		direction: -1 | 1
	) {
		const target = neighbour(visible, measure.id, direction);
		if (target) moveEntity(doc, ref, measure.id, placeOf(all(), target.id));
		return target;
	}

	it('moves an item one place down and up past its neighbour', () => {
		const list = measures();
		step(list, list.all(), list.byTitle('B'), 1);
		expect(list.titles()).toEqual(['A', 'C', 'B', 'D', 'E']);
		step(list, list.all(), list.byTitle('D'), -1);
		expect(list.titles()).toEqual(['A', 'C', 'D', 'B', 'E']);
	});

	it('leaves the first item in place going up and the last going down', () => {
		const list = measures();
		expect(step(list, list.all(), list.byTitle('A'), -1)).toBeNull();
		expect(step(list, list.all(), list.byTitle('E'), 1)).toBeNull();
		expect(list.titles()).toEqual(['A', 'B', 'C', 'D', 'E']);
		step(list, list.all(), list.byTitle('D'), 1);
		expect(list.titles()).toEqual(['A', 'B', 'C', 'E', 'D']);
		step(list, list.all(), list.byTitle('B'), -1);
		expect(list.titles()).toEqual(['B', 'A', 'C', 'E', 'D']);
	});

	it('steps past the visible neighbour when filters hide the items between', () => {
		const list = measures();
		const planned = () => list.all().filter((measure) => measure.status === 'geplant');
		// Shown: A, B, D. B steps down past D; C (hidden) stays where it is.
		step(list, planned(), list.byTitle('B'), 1);
		expect(list.titles()).toEqual(['A', 'C', 'D', 'B', 'E']);
		// D steps up past A, to the very top.
		step(list, planned(), list.byTitle('D'), -1);
		expect(list.titles()).toEqual(['D', 'A', 'C', 'B', 'E']);
		// The last one shown cannot go further down, though E (hidden) comes after it.
		expect(step(list, planned(), list.byTitle('B'), 1)).toBeNull();
		expect(list.titles()).toEqual(['D', 'A', 'C', 'B', 'E']);
		const done = () => list.all().filter((measure) => measure.status === 'abgeschlossen');
		// Shown: C, E. E steps up past C, over B (hidden).
		step(list, done(), list.byTitle('E'), -1);
		expect(list.titles()).toEqual(['D', 'A', 'E', 'C', 'B']);
	});

	it('puts a dragged item where the item it is dropped on is: after it going down, before it going up', () => {
		const list = measures();
		const drop = (dragged: string, target: string) =>
			moveEntity(
				list.doc,
				ref,
				list.byTitle(dragged).id,
				placeOf(list.all(), list.byTitle(target).id)
			);
		drop('A', 'D');
		expect(list.titles()).toEqual(['B', 'C', 'D', 'A', 'E']);
		drop('E', 'C');
		expect(list.titles()).toEqual(['B', 'E', 'C', 'D', 'A']);
		drop('B', 'A');
		expect(list.titles()).toEqual(['E', 'C', 'D', 'A', 'B']);
		drop('B', 'E');
		expect(list.titles()).toEqual(['B', 'E', 'C', 'D', 'A']);
	});

	it('finds no neighbour for an item not shown', () => {
		const list = measures();
		const shown = list.all().slice(0, 2);
		expect(neighbour(shown, list.byTitle('D').id, 1)).toBeNull();
	});
});
