import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import { openDatabase, preparedFor, writeTransaction, type Db } from './connection';
import { settings } from './schema';

/**
 * Two connections to one file, as when the admin CLI or a maintenance script writes while the
 * server runs. The other connection does not wait (busy_timeout 0), so a held lock shows at once.
 */
describe('writeTransaction', () => {
	let t: TestDatabase;
	let other: Db;

	beforeEach(() => {
		t = createTestDatabase();
		other = openDatabase(t.path);
		other.$client.pragma('busy_timeout = 0');
	});

	afterEach(() => {
		other.$client.close();
		t.dispose();
	});

	const writeFromOther = (key: string) =>
		other.insert(settings).values({ key, value: 'von außen' }).run();

	it('holds the write lock from its start, so its read stays true until its write', () => {
		const written = writeTransaction(t.db, (tx) => {
			const before = tx.select().from(settings).all().length;
			expect(() => writeFromOther('dazwischen')).toThrow(/locked|busy/i);
			tx.insert(settings)
				.values({ key: 'zaehler', value: String(before + 1) })
				.run();
			return before + 1;
		});
		expect(written).toBe(1);
		expect(
			t.db
				.select()
				.from(settings)
				.all()
				.map((row) => row.key)
		).toEqual(['zaehler']);
		// Once it committed, the other connection writes again.
		writeFromOther('danach');
	});

	it('is needed: a deferred transaction that read first cannot write after another commit', () => {
		expect(() =>
			t.db.transaction((tx) => {
				tx.select().from(settings).all();
				writeFromOther('dazwischen');
				tx.insert(settings).values({ key: 'zaehler', value: '1' }).run();
			})
		).toThrow(/locked|busy/i);
	});
});

describe('preparedFor', () => {
	it('prepares once per connection, and runs with new parameters each time', () => {
		const t = createTestDatabase();
		const other = openDatabase(t.path);
		try {
			let prepared = 0;
			const settingByKey = preparedFor((db) => {
				prepared++;
				return db
					.select()
					.from(settings)
					.where(eq(settings.key, sql.placeholder('key')))
					.prepare();
			});
			t.db
				.insert(settings)
				.values([
					{ key: 'a', value: 'eins' },
					{ key: 'b', value: 'zwei' }
				])
				.run();
			expect(settingByKey(t.db).get({ key: 'a' })?.value).toBe('eins');
			expect(settingByKey(t.db).get({ key: 'b' })?.value).toBe('zwei');
			expect(prepared).toBe(1);
			expect(settingByKey(other).get({ key: 'a' })?.value).toBe('eins');
			expect(prepared).toBe(2);
		} finally {
			other.$client.close();
			t.dispose();
		}
	});
});
