import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import postgres from 'postgres';
import * as schema from './schema';

/**
 * A connection, typed as SQLite's whichever dialect it speaks (see `column-kinds.ts`): the app's
 * code awaits drizzle's query builders, which both dialects share. Only this module and
 * `migrate.ts` look at `$client`, and only after asking `isPostgres`.
 */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

type PostgresDb = PostgresJsDatabase & { $client: postgres.Sql };

/** Opens (and creates) the SQLite file with the settings every connection needs. */
export function openDatabase(path: string): Db {
	// A PostgreSQL address here would quietly become a folder `postgres:` with a SQLite file in it.
	if (/^postgres(ql)?:/i.test(path)) {
		throw new Error('openDatabase öffnet SQLite-Dateien; für PostgreSQL openPostgres(url)');
	}
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

/**
 * A pool of connections to PostgreSQL (`DATABASE_URL`). The schema of this process must be
 * PostgreSQL's (`schema.ts` reads `DATABASE_URL` too).
 */
export function openPostgres(url: string, options: { max?: number } = {}): Db {
	const client = postgres(url, {
		max: options.max ?? 10,
		// PostgreSQL's notices (e.g. "relation already exists, skipping") are not the app's news.
		onnotice: () => {}
	});
	// No `schema` option: the app uses no relational queries, and this process's `schema` module
	// holds the tables of its own dialect, which the tests' second dialect is not.
	return drizzlePostgres(client) as unknown as Db;
}

/** Opens the database the configuration names: PostgreSQL if `DATABASE_URL` is set, else SQLite. */
export function connect(config: { databaseUrl: string | null; databasePath: string }): Db {
	return config.databaseUrl ? openPostgres(config.databaseUrl) : openDatabase(config.databasePath);
}

export function isPostgres(db: Db): boolean {
	return !(db.$client instanceof Database);
}

function asPostgres(db: Db): PostgresDb {
	return db as unknown as PostgresDb;
}

/** Closes the file, or ends the pool after its running queries. */
export async function closeDatabase(db: Db): Promise<void> {
	if (isPostgres(db)) await asPostgres(db).$client.end({ timeout: 5 });
	else db.$client.close();
}

/** Resolves once the database answers a trivial query (PostgreSQL; a SQLite file always does). */
export async function pingDatabase(db: Db): Promise<void> {
	if (isPostgres(db)) await asPostgres(db).$client`select 1`;
}

/** A setting of the PostgreSQL server (`SHOW name`), or null on SQLite. */
export async function postgresSetting(db: Db, name: string): Promise<string | null> {
	if (!isPostgres(db)) return null;
	// SHOW takes no parameter: the name goes into the statement, so it must be a plain name.
	if (!/^[a-z_]+$/.test(name)) throw new Error(`Kein Name einer Einstellung: ${name}`);
	const rows = await asPostgres(db).$client.unsafe<Record<string, string>[]>(`show ${name}`);
	return rows[0]?.[name] ?? null;
}

/** What both a connection and a transaction offer: functions that may run inside either take this. */
export type Executor = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

/**
 * The one row an insert, or an update of a row read in the same transaction, returns
 * (`.returning()`). It is always there; the type of a destructured array does not know that.
 */
export function returnedRow<T>(rows: T[]): T {
	const [row] = rows;
	if (row === undefined) throw new Error('Die Anweisung hat keine Zeile zurückgegeben.');
	return row;
}

/** Transactions queued per connection: on SQLite, one connection runs one transaction at a time. */
const transactionQueues = new WeakMap<Database.Database, Promise<unknown>>();
/** The connection whose transaction the current async flow is inside, to refuse nesting. */
const openTransaction = new AsyncLocalStorage<object>();

/**
 * The key of PostgreSQL's advisory lock that write transactions take, so that they run one after
 * the other as on SQLite (BEGIN IMMEDIATE), across all processes. The app's read-then-write steps
 * (next Fassung number, one support per person …) rely on that; a single statement outside a
 * transaction (the collab log, a session lookup) does not take it.
 */
const WRITE_LOCK_KEY = 0x41_47_44_57; // "AGDW"

/**
 * The write transaction every module uses. On SQLite it takes the write lock at its start
 * (BEGIN IMMEDIATE): a deferred transaction that reads first and writes later cannot wait for
 * another connection's commit in between (its snapshot is stale), so SQLite would refuse its write
 * at once ("database is locked") instead of waiting out `busy_timeout`. It commits when `work`
 * resolves and rolls back when it throws.
 *
 * On PostgreSQL it runs on a connection of the pool and first takes the advisory write lock
 * (`WRITE_LOCK_KEY`), so that write transactions of all processes run one after the other, as on
 * SQLite. There, too, `work` awaits only the database: the lock is held until COMMIT.
 *
 * On SQLite, `work` shares the one connection with everything else in the process, so two rules
 * keep other requests out of it:
 * - Transactions wait for each other in a queue. One started inside another would wait for ever,
 *   so it is refused: pass the `tx` on instead.
 * - Inside `work` only database calls may be awaited. They resolve in the same turn of the event
 *   loop, so no other request's statement can slip between BEGIN and COMMIT. Awaiting anything
 *   else (a file, a hash, a timer) would let them in; that is a bug, and the transaction reports
 *   it: outside production it throws after rolling back, in production it commits and logs, so
 *   the writes of the requests that slipped in are not undone with it.
 */
export function inTransaction<T>(db: Db, work: (tx: Executor) => Promise<T>): Promise<T> {
	const client = db.$client;
	if (openTransaction.getStore() === client) {
		return Promise.reject(new Error(NESTED_TRANSACTION));
	}
	if (isPostgres(db)) return runPostgresTransaction(db, work);
	const previous = transactionQueues.get(client) ?? Promise.resolve();
	const run = previous.then(
		() => runTransaction(db, work),
		() => runTransaction(db, work)
	);
	// The queue must not hold on to a failure: the next transaction runs either way.
	const settled = run.catch(() => undefined);
	transactionQueues.set(client, settled);
	void settled.then(() => {
		if (transactionQueues.get(client) === settled) transactionQueues.delete(client);
	});
	return run;
}

async function runTransaction<T>(db: Db, work: (tx: Executor) => Promise<T>): Promise<T> {
	const client = db.$client;
	client.prepare('BEGIN IMMEDIATE').run();
	let leftTheTurn = false;
	const turn = setImmediate(() => (leftTheTurn = true));
	let result: T;
	try {
		result = await openTransaction.run(client, () => work(db));
	} catch (error) {
		clearImmediate(turn);
		if (client.inTransaction) client.prepare('ROLLBACK').run();
		throw error;
	}
	clearImmediate(turn);
	if (leftTheTurn && process.env.NODE_ENV !== 'production') {
		client.prepare('ROLLBACK').run();
		throw new Error(TRANSACTION_LEFT_THE_TURN);
	}
	client.prepare('COMMIT').run();
	if (leftTheTurn) console.error(new Error(TRANSACTION_LEFT_THE_TURN));
	return result;
}

function runPostgresTransaction<T>(db: Db, work: (tx: Executor) => Promise<T>): Promise<T> {
	const pg = asPostgres(db);
	return pg.transaction(async (tx) => {
		await tx.execute(sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
		return openTransaction.run(pg.$client, () => work(tx as unknown as Executor));
	});
}

export const NESTED_TRANSACTION =
	'Transaktion in einer Transaktion: die innere Funktion soll das tx der äußeren nutzen.';

export const TRANSACTION_LEFT_THE_TURN =
	'Transaktion hat auf etwas anderes als die Datenbank gewartet; andere Anfragen konnten dazwischen schreiben.';

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
