import { describe, expect, it } from 'vitest';
import { createUploadStore } from './upload-store';

const alice = { userId: 'alice', agendaId: 'a1' };
const bytes = (size: number) => new Uint8Array(size);

describe('the store of uploads between dry run and import', () => {
	it('gives an upload back to whoever checked it, for that agenda only', () => {
		const store = createUploadStore({ maxBytes: 100, ttlMs: 1_000 });
		const token = store.put(alice, bytes(10));
		expect(store.get(token, alice)?.length).toBe(10);
		expect(store.get(token, { ...alice, userId: 'mallory' })).toBeNull();
		expect(store.get(token, { ...alice, agendaId: 'a2' })).toBeNull();
		expect(store.get('erfunden', alice)).toBeNull();
	});

	it('forgets an upload once it expired', () => {
		let clock = 0;
		const store = createUploadStore({ maxBytes: 100, ttlMs: 1_000, now: () => clock });
		const token = store.put(alice, bytes(10));
		clock = 999;
		expect(store.get(token, alice)).not.toBeNull();
		clock = 1_000;
		expect(store.get(token, alice)).toBeNull();
	});

	it('keeps within its bytes, letting the oldest uploads go first', () => {
		const store = createUploadStore({ maxBytes: 100, ttlMs: 1_000 });
		const first = store.put(alice, bytes(40));
		const second = store.put(alice, bytes(40));
		const third = store.put(alice, bytes(40));
		expect(store.get(first, alice)).toBeNull();
		expect(store.get(second, alice)).not.toBeNull();
		expect(store.get(third, alice)).not.toBeNull();
	});
});
