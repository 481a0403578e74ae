import { sql } from 'drizzle-orm';
import * as pg from 'drizzle-orm/pg-core';
import * as sqlite from 'drizzle-orm/sqlite-core';

/**
 * The column kinds `defineTables` describes the schema with, once per dialect. Each kind gives
 * the same JavaScript value on both (a `Date`, a boolean, a parsed JSON value, a `Buffer`), so
 * the app's code cannot tell the dialects apart.
 */
export const sqliteKinds = {
	table: sqlite.sqliteTable,
	text: sqlite.text,
	/** SQLite's integers have 64 bits; PostgreSQL's `bigint` keeps that range. */
	integer: <N extends string>(name: N) => sqlite.integer(name),
	real: <N extends string>(name: N) => sqlite.real(name),
	/** A primary key numbered by the database, in insertion order. */
	serial: <N extends string>(name: N) => sqlite.integer(name).primaryKey({ autoIncrement: true }),
	boolean: <N extends string>(name: N) => sqlite.integer(name, { mode: 'boolean' }),
	/** A point in time with milliseconds. */
	timestamp: <N extends string>(name: N) => sqlite.integer(name, { mode: 'timestamp_ms' }),
	/** The database's clock as a default of a `timestamp`. */
	now: () => sql`(unixepoch('subsec') * 1000)`,
	json: <N extends string>(name: N) => sqlite.text(name, { mode: 'json' }),
	bytes: <N extends string>(name: N) => sqlite.blob(name, { mode: 'buffer' }),
	index: sqlite.index,
	uniqueIndex: sqlite.uniqueIndex,
	primaryKey: sqlite.primaryKey,
	check: sqlite.check
};

export type ColumnKinds = typeof sqliteKinds;

/** `bytea` as a Buffer, as better-sqlite3 gives blobs (drizzle has no built-in `bytea`). */
const bytea = pg.customType<{ data: Buffer; driverData: Buffer }>({
	dataType: () => 'bytea'
});

const postgresKindsAsWritten = {
	table: pg.pgTable,
	text: pg.text,
	integer: (name: string) => pg.bigint(name, { mode: 'number' }),
	real: (name: string) => pg.doublePrecision(name),
	serial: (name: string) =>
		pg.bigint(name, { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
	boolean: (name: string) => pg.boolean(name),
	timestamp: (name: string) =>
		pg.timestamp(name, { withTimezone: true, precision: 3, mode: 'date' }),
	now: () => sql`now()`,
	json: (name: string) => pg.jsonb(name),
	bytes: (name: string) => bytea(name),
	index: pg.index,
	uniqueIndex: pg.uniqueIndex,
	primaryKey: pg.primaryKey,
	check: pg.check
};

/**
 * PostgreSQL's kinds under SQLite's types: drizzle types each dialect's builders apart, but the
 * builders offer the same methods (`notNull`, `default`, `references`, `$type`, `on` …) and the
 * query builders accept either dialect's tables at run time. `schema.test.ts` checks that both
 * dialects describe the same tables and columns.
 */
export const postgresKinds = postgresKindsAsWritten as unknown as ColumnKinds;
