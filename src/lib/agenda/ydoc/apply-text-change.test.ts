import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { applyTextChange } from './apply-text-change';

function ytext(initial: string) {
	const doc = new Y.Doc();
	const text = doc.getText('t');
	text.insert(0, initial);
	return { doc, text };
}

/** The deltas of `run`, in one transaction as `setText` and the input binding make it. */
function deltas(text: Y.Text, run: () => void) {
	const seen: { insert?: unknown; delete?: number; retain?: number }[][] = [];
	const observer = (event: Y.YTextEvent) => seen.push(event.delta);
	text.observe(observer);
	text.doc?.transact(run);
	text.unobserve(observer);
	return seen;
}

/** ASCII, umlauts, and characters outside the BMP (emoji: surrogate pairs in UTF-16). */
const units = ['grapheme-ascii', 'grapheme', 'binary'] as const;
const stringArb = fc.oneof(
	...units.map((unit) => fc.string({ unit, maxLength: 12 })),
	fc.string({ unit: fc.constantFrom('a', 'b', 'ä', '😀', '😁', '\u{1F600}'), maxLength: 12 })
);

describe('applyTextChange', () => {
	it('turns any text into any other text', () => {
		fc.assert(
			fc.property(stringArb, stringArb, (a, b) => {
				const { doc, text } = ytext(a);
				applyTextChange(text, b);
				expect(text.toString()).toBe(b);
				// And that is what other replicas receive (no halves of surrogate pairs on the wire).
				const copy = new Y.Doc();
				Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
				expect(copy.getText('t').toString()).toBe(b);
			}),
			{ numRuns: 500 }
		);
	});

	it('inserts only the inserted part', () => {
		fc.assert(
			fc.property(stringArb, stringArb, stringArb, (before, typed, after) => {
				fc.pre(typed.length > 0);
				const { text } = ytext(before + after);
				const changes = deltas(text, () => applyTextChange(text, before + typed + after));
				expect(text.toString()).toBe(before + typed + after);
				expect(changes).toHaveLength(1);
				const ops = changes[0] ?? [];
				const inserts = ops.filter((op) => op.insert !== undefined);
				expect(inserts).toHaveLength(1);
				expect(String(inserts[0]?.insert)).toHaveLength(typed.length);
				expect(ops.some((op) => op.delete !== undefined)).toBe(false);
			}),
			{ numRuns: 300 }
		);
	});

	it('deletes only the deleted part', () => {
		fc.assert(
			fc.property(stringArb, stringArb, stringArb, (before, removed, after) => {
				fc.pre(removed.length > 0);
				const { text } = ytext(before + removed + after);
				const changes = deltas(text, () => applyTextChange(text, before + after));
				expect(text.toString()).toBe(before + after);
				const ops = changes[0] ?? [];
				expect(ops.filter((op) => op.delete !== undefined)).toEqual([{ delete: removed.length }]);
				expect(ops.some((op) => op.insert !== undefined)).toBe(false);
			}),
			{ numRuns: 300 }
		);
	});

	it('makes the expected small edits', () => {
		const cases: [string, string, object[]][] = [
			['Hallo Welt', 'Hallo schöne Welt', [{ retain: 6 }, { insert: 'schöne ' }]],
			['Hallo Welt', 'Hallo Welt!', [{ retain: 10 }, { insert: '!' }]],
			['Hallo Welt', 'Hallo Wald', [{ retain: 7 }, { delete: 3 }, { insert: 'ald' }]],
			['Hallo Welt', 'Hallo Wel', [{ retain: 9 }, { delete: 1 }]],
			['abc', '', [{ delete: 3 }]],
			['', 'abc', [{ insert: 'abc' }]],
			// An emoji changed to another: the whole pair is replaced, not half of it.
			['Start 😀!', 'Start 😁!', [{ retain: 6 }, { delete: 2 }, { insert: '😁' }]]
		];
		for (const [from, to, delta] of cases) {
			const { text } = ytext(from);
			expect(deltas(text, () => applyTextChange(text, to))).toEqual([delta]);
			expect(text.toString()).toBe(to);
		}
	});

	it('does not touch an unchanged text', () => {
		const { doc, text } = ytext('gleich');
		let updates = 0;
		doc.on('update', () => updates++);
		applyTextChange(text, 'gleich');
		expect(updates).toBe(0);
	});

	it('merges with concurrent typing elsewhere in the same text', () => {
		const left = ytext('Hallo Welt');
		const right = new Y.Doc();
		Y.applyUpdate(right, Y.encodeStateAsUpdate(left.doc));
		applyTextChange(left.text, 'Hallo schöne Welt');
		applyTextChange(right.getText('t'), 'Hallo Welt!');
		Y.applyUpdate(right, Y.encodeStateAsUpdate(left.doc));
		Y.applyUpdate(left.doc, Y.encodeStateAsUpdate(right));
		expect(left.text.toString()).toBe('Hallo schöne Welt!');
		expect(right.getText('t').toString()).toBe('Hallo schöne Welt!');
	});
});
