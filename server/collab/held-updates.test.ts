import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { HeldUpdates } from './held-updates';

/** Two edits of one client, each its own update, and the client. */
function twoEdits(source = new Y.Doc()): [Uint8Array, Uint8Array] {
	const updates: Uint8Array[] = [];
	source.on('update', (update: Uint8Array) => updates.push(update));
	source.getText('t').insert(0, 'eins');
	source.getText('t').insert(4, ' zwei');
	return updates as [Uint8Array, Uint8Array];
}

/** What an update waits for whose client has nothing yet. */
const nothing = new Map<number, number>();

const textOf = (update: Uint8Array) => {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	return doc.getText('t').toString();
};

const later = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('HeldUpdates', () => {
	it('holds updates as one merged update, within its byte limit', () => {
		const [first, second] = twoEdits();
		const expired: number[] = [];
		const held = new HeldUpdates(
			{ maxBytes: first.byteLength + second.byteLength, deadlineMs: 10_000 },
			() => expired.push(1)
		);
		expect(held.add(second, nothing)).toBe(true);
		expect(held.merged()).toBe(second);
		expect(held.add(first, nothing)).toBe(true);
		expect(textOf(held.merged())).toBe('eins zwei');
		// One byte more is too much: nothing is held any more.
		expect(held.add(new Uint8Array([0]), nothing)).toBe(false);
		expect(textOf(held.merged())).toBe('');
		held.clear();
		expect(expired).toEqual([]);
	});

	it('calls `expired` once when the deadline after the first held update passes', async () => {
		const [first, second] = twoEdits();
		const expiredAfter: number[] = [];
		const start = performance.now();
		const held = new HeldUpdates({ maxBytes: 1024, deadlineMs: 200 }, () =>
			expiredAfter.push(performance.now() - start)
		);
		held.add(second, nothing);
		await later(100);
		// Neither a later update nor a retry's rest starts the deadline again (that would end
		// it at 300 ms).
		held.add(first, nothing);
		held.keep(second, nothing);
		await vi.waitFor(() => expect(expiredAfter).toHaveLength(1), { timeout: 1_000, interval: 5 });
		expect(expiredAfter[0]).toBeGreaterThanOrEqual(199);
		expect(expiredAfter[0]).toBeLessThan(280);
		expect(textOf(held.merged())).toBe('');
		await later(150);
		expect(expiredAfter).toHaveLength(1);
	});

	it('is worth a retry only once the document passes a clock a held update waits for', () => {
		const source = new Y.Doc();
		const [first, second] = twoEdits(source);
		const other = new Y.Doc();
		other.getText('u').insert(0, 'x');
		const doc = new Y.Doc();
		const held = new HeldUpdates({ maxBytes: 1024, deadlineMs: 10_000 }, () => {});
		const mayApply = () => held.mayApplyAfter(doc, [source.clientID, other.clientID]);
		// The second edit waits for the first, which ends at clock 4 of its client.
		held.add(second, new Map([[source.clientID, 3]]));
		expect(mayApply()).toBe(false);
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
		expect(mayApply()).toBe(false);
		Y.applyUpdate(doc, first);
		expect(mayApply()).toBe(true);
		// Only the clients the last update brought are looked at.
		expect(held.mayApplyAfter(doc, [other.clientID])).toBe(false);
		// What a retry left waits for something else.
		held.keep(second, new Map([[other.clientID, 1]]));
		expect(mayApply()).toBe(false);
		held.clear();
	});

	it('stops the deadline when cleared', async () => {
		const expired: number[] = [];
		const held = new HeldUpdates({ maxBytes: 1024, deadlineMs: 20 }, () => expired.push(1));
		held.add(twoEdits()[1], nothing);
		held.clear();
		await later(40);
		expect(expired).toEqual([]);
	});
});
