import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	createTestDatabase,
	testDialect,
	type TestDatabase
} from '../../../../tests/support/database';
import {
	inTransaction,
	NESTED_TRANSACTION,
	openDatabase,
	preparedFor,
	TRANSACTION_LEFT_THE_TURN,
	type Db
} from './connection';
import { settings } from './schema';

/** What SQLite's file, its locks and its synchronous driver do; PostgreSQL has none of them. */
const onSqlite = testDialect() === 'sqlite';

/**
 * Two connections to one file, as when the admin CLI or a maintenance script writes while the
 * server runs. The other connection does not wait (busy_timeout 0), so a held lock shows at once.
 */
describe.runIf(onSqlite)('a write transaction on SQLite', () => {
	let t: TestDatabase;
	let other: Db;

	beforeEach(() => {
		t = createTestDatabase();
		other = openDatabase(t.path);
		other.$client.pragma('busy_timeout = 0');
	});

	afterEach(async () => {
		other.$client.close();
		await t.dispose();
	});

	const writeFromOther = (key: string) =>
		other.insert(settings).values({ key, value: 'von außen' }).run();

	it('must take the lock first: a deferred one that read cannot write after another commit', () => {
		expect(() =>
			t.db.transaction((tx) => {
				tx.select().from(settings).all();
				writeFromOther('dazwischen');
				tx.insert(settings).values({ key: 'zaehler', value: '1' }).run();
			})
		).toThrow(/locked|busy/i);
	});
});

// Prepared statements per connection: the SQLite driver's, on a second connection to the file.
describe.runIf(onSqlite)('preparedFor', () => {
	it('prepares once per connection, and runs with new parameters each time', async () => {
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
			await t.db.insert(settings).values([
				{ key: 'a', value: 'eins' },
				{ key: 'b', value: 'zwei' }
			]);
			expect(settingByKey(t.db).get({ key: 'a' })?.value).toBe('eins');
			expect(settingByKey(t.db).get({ key: 'b' })?.value).toBe('zwei');
			expect(prepared).toBe(1);
			expect(settingByKey(other).get({ key: 'a' })?.value).toBe('eins');
			expect(prepared).toBe(2);
		} finally {
			other.$client.close();
			await t.dispose();
		}
	});
});

describe('inTransaction', () => {
	let t: TestDatabase;

	beforeEach(() => {
		t = createTestDatabase();
	});

	afterEach(async () => {
		await t.dispose();
	});

	const keys = async () => (await t.db.select().from(settings)).map((row) => row.key).sort();

	it('commits what its work wrote and returns its result', async () => {
		const result = await inTransaction(t.db, async (tx) => {
			await tx.insert(settings).values({ key: 'eins', value: '1' });
			const rows = await tx.select().from(settings);
			return rows.length;
		});
		expect(result).toBe(1);
		expect(await keys()).toEqual(['eins']);
	});

	it('rolls back everything when its work throws', async () => {
		await expect(
			inTransaction(t.db, async (tx) => {
				await tx.insert(settings).values({ key: 'eins', value: '1' });
				throw new Error('abgebrochen');
			})
		).rejects.toThrow('abgebrochen');
		expect(await keys()).toEqual([]);
		// The connection is usable afterwards, and so is the queue.
		await inTransaction(t.db, async (tx) =>
			tx.insert(settings).values({ key: 'zwei', value: '2' })
		);
		expect(await keys()).toEqual(['zwei']);
	});

	it('runs transactions started together one after the other, each reading the last commit', async () => {
		const increment = () =>
			inTransaction(t.db, async (tx) => {
				const [row] = await tx.select().from(settings).where(eq(settings.key, 'zaehler'));
				const next = Number(row?.value ?? 0) + 1;
				await tx
					.insert(settings)
					.values({ key: 'zaehler', value: String(next) })
					.onConflictDoUpdate({ target: settings.key, set: { value: String(next) } });
				return next;
			});
		const results = await Promise.all(Array.from({ length: 20 }, increment));
		// Each saw the commit before it: no number twice, none left out. In which order is the
		// database's affair: PostgreSQL grants its lock in the order the pool's connections ask.
		expect(results.toSorted((a, b) => a - b)).toEqual(
			Array.from({ length: 20 }, (_, index) => index + 1)
		);
	});

	// The one connection SQLite shares between requests is what makes waiting on other things unsafe.
	it.runIf(onSqlite)(
		'refuses work that waits for something other than the database, and keeps nothing of it',
		async () => {
			await expect(
				inTransaction(t.db, async (tx) => {
					await tx.insert(settings).values({ key: 'eins', value: '1' });
					await new Promise((resolve) => setTimeout(resolve, 1));
					await tx.insert(settings).values({ key: 'zwei', value: '2' });
				})
			).rejects.toThrow(TRANSACTION_LEFT_THE_TURN);
			expect(await keys()).toEqual([]);
		}
	);

	it('refuses a transaction inside a transaction instead of waiting for itself for ever', async () => {
		await expect(
			inTransaction(t.db, async (tx) => {
				await tx.insert(settings).values({ key: 'eins', value: '1' });
				await inTransaction(t.db, async (inner) => inner.select().from(settings));
			})
		).rejects.toThrow(NESTED_TRANSACTION);
		expect(await keys()).toEqual([]);
	});

	// SQLite's file lock, seen from a second connection to the file.
	it.runIf(onSqlite)('takes the write lock at its start (BEGIN IMMEDIATE)', async () => {
		const other = openDatabase(t.path);
		other.$client.pragma('busy_timeout = 0');
		try {
			await inTransaction(t.db, async (tx) => {
				await tx.select().from(settings);
				await expect(
					other.insert(settings).values({ key: 'dazwischen', value: 'x' })
				).rejects.toThrow(/locked|busy/i);
			});
		} finally {
			other.$client.close();
		}
	});
});

describe('openDatabase', () => {
	it('refuses a PostgreSQL address instead of making a SQLite file in a folder named after it', () => {
		expect(() => openDatabase('postgres://agendawerk@127.0.0.1:5432/agendawerk')).toThrow(
			/openPostgres/
		);
		expect(() => openDatabase('postgresql://localhost/x')).toThrow(/openPostgres/);
	});
});
