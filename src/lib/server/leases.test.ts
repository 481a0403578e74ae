import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database';
import { leases } from './db/schema';
import { acquireLease, PROCESS_HOLDER, releaseLease } from './leases';

const MINUTE = 60_000;
const START = Date.UTC(2026, 11, 7, 9, 0);
const at = (minutes: number) => new Date(START + minutes * MINUTE);

describe('leases', () => {
	let t: TestDatabase;

	beforeEach(() => {
		t = createTestDatabase();
	});

	afterEach(() => t.dispose());

	it('goes to the first asker and stays with it while it renews', async () => {
		expect(await acquireLease(t.db, 'mail', 'a', MINUTE, at(0))).toBe(true);
		expect(await acquireLease(t.db, 'mail', 'b', MINUTE, at(0))).toBe(false);
		expect(await acquireLease(t.db, 'mail', 'a', MINUTE, at(0.5))).toBe(true);
		// Renewed at 0:30, so b still waits at 1:00.
		expect(await acquireLease(t.db, 'mail', 'b', MINUTE, at(1))).toBe(false);
		const [row] = await t.db.select().from(leases).where(eq(leases.name, 'mail'));
		expect(row).toEqual({ name: 'mail', holder: 'a', expiresAt: at(1.5) });
	});

	it('passes to another holder once it ran out', async () => {
		await acquireLease(t.db, 'mail', 'a', MINUTE, at(0));
		expect(await acquireLease(t.db, 'mail', 'b', MINUTE, at(1))).toBe(true);
		// The old holder, back from a pause, does not take it back.
		expect(await acquireLease(t.db, 'mail', 'a', MINUTE, at(1.5))).toBe(false);
	});

	it('keeps leases of different names apart', async () => {
		expect(await acquireLease(t.db, 'mail', 'a', MINUTE, at(0))).toBe(true);
		expect(await acquireLease(t.db, 'digest', 'b', MINUTE, at(0))).toBe(true);
	});

	it('can be given up by its holder only', async () => {
		await acquireLease(t.db, 'mail', 'a', MINUTE, at(0));
		await releaseLease(t.db, 'mail', 'b');
		expect(await acquireLease(t.db, 'mail', 'b', MINUTE, at(0))).toBe(false);
		await releaseLease(t.db, 'mail', 'a');
		expect(await acquireLease(t.db, 'mail', 'b', MINUTE, at(0))).toBe(true);
	});

	it('names this process uniquely', () => {
		expect(PROCESS_HOLDER).toMatch(new RegExp(`:${process.pid}:[0-9a-f]{8}$`));
	});
});
