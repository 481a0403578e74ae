import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Opens (and creates) the SQLite file with the settings every connection needs. */
export function openDatabase(path: string): Db {
	mkdirSync(dirname(path), { recursive: true });
	const sqlite = new Database(path);
	// WAL lets readers (pages, exports) run while the collab server writes.
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma('foreign_keys = ON');
	// NORMAL is durable in WAL mode across process crashes; only an OS crash may lose the last commits.
	sqlite.pragma('synchronous = NORMAL');
	// Several connections share the file (app, collab server, admin CLI): wait instead of failing.
	sqlite.pragma('busy_timeout = 5000');
	return drizzle(sqlite, { schema });
}

/** What both a connection and a transaction offer: functions that may run inside either take this. */
export type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * A transaction that writes: it takes the write lock when it begins (BEGIN IMMEDIATE). A deferred
 * transaction that reads first and writes later cannot wait for another connection's commit in
 * between; its snapshot is stale, so SQLite refuses the write at once ("database is locked")
 * instead of waiting out `busy_timeout`. Taking the lock first makes it wait, then succeed.
 */
export function writeTransaction<T>(db: Db, run: (tx: Transaction) => T): T {
	return db.transaction(run, { behavior: 'immediate' });
}

/**
 * A statement prepared once per connection and reused. drizzle builds the SQL of a one-off query
 * and SQLite prepares it anew on every call, several times the cost of running it; for the
 * queries behind every request and websocket upgrade (session, agenda, role) that was most of
 * the work. Use `sql.placeholder(…)` for the parameters.
 */
export function preparedFor<T>(prepare: (db: Db) => T): (db: Db) => T {
	const statements = new WeakMap<Db, T>();
	return (db) => {
		let statement = statements.get(db);
		if (statement === undefined) {
			statement = prepare(db);
			statements.set(db, statement);
		}
		return statement;
	};
}
