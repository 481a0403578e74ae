/**
 * The engines of the database bench behind one interface: each answers the three hot paths of
 * the app through drizzle (what the app would use) and through its raw driver (to see drizzle's
 * own cost), with the same tables and rows. The drizzle queries are written once per dialect,
 * exactly as two dialects behind one repository layer would have to be.
 */
import Database from 'better-sqlite3';
import { and, count, desc, eq, sql } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../src/lib/server/db/connection';
import { AGENDA_ID, batches, MEASURE_ID, VERSION_ID, type BenchData } from './database-data';
import { LITE_DDL, lite, PG_DDL, pg } from './database-schema';

export interface Engine {
	name: string;
	/** (a) the session with its user, by the token's hash (`validateSessionToken`). */
	lookup: Record<Api, (sessionId: string) => Promise<unknown>>;
	/** (b) one update appended in its own transaction; resolves with its sequence number. */
	append: Record<Api, (update: Buffer) => Promise<unknown>>;
	/** (c) the comments of the measure, newest first, with author, role, answer and supports. */
	commentPage(): Promise<number>;
	/** Bytes the database takes on disk (null: in memory). */
	bytesOnDisk(): number | null;
	close(): Promise<void>;
}

export type Api = 'drizzle' | 'raw';

const RAW_LOOKUP = `SELECT s.id, s.user_id, s.expires_at, u.id AS uid, u.email, u.display_name,
	u.is_admin, u.email_confirmed_at, u.locale
	FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1`;
const RAW_APPEND = `INSERT INTO doc_updates (agenda_id, "update") VALUES ($1, $2) RETURNING seq`;

/** better-sqlite3 with the app's own connection settings (`openDatabase`: WAL, NORMAL, …). */
export function sqliteEngine(dir: string): Engine & {
	seed(data: BenchData): void;
	/** (a) through drizzle's synchronous API, as the app calls it today. */
	lookupSync(sessionId: string): unknown;
	/** Bytes of the write-ahead log alone. */
	walBytes(): number;
} {
	const path = join(dir, 'bench.db');
	const client: Database.Database = openDatabase(path).$client;
	client.exec(LITE_DDL);
	const db = drizzleSqlite(client);
	const t = lite;
	const lookup = db
		.select({
			session: t.sessions,
			user: {
				id: t.users.id,
				email: t.users.email,
				displayName: t.users.displayName,
				isAdmin: t.users.isAdmin,
				emailConfirmedAt: t.users.emailConfirmedAt,
				locale: t.users.locale
			}
		})
		.from(t.sessions)
		.innerJoin(t.users, eq(t.sessions.userId, t.users.id))
		.where(eq(t.sessions.id, sql.placeholder('sessionId')))
		.prepare();
	const append = db
		.insert(t.docUpdates)
		.values({ agendaId: sql.placeholder('agendaId'), update: sql.placeholder('update') })
		.returning({ seq: t.docUpdates.seq })
		.prepare();
	const page = db
		.select({
			comment: t.comments,
			authorName: t.users.displayName,
			authorRole: t.memberships.role,
			fassung: t.versions.number,
			answer: t.commentAnswers
		})
		.from(t.comments)
		.innerJoin(t.versions, eq(t.versions.id, t.comments.versionId))
		.leftJoin(t.users, eq(t.users.id, t.comments.authorId))
		.leftJoin(
			t.memberships,
			and(
				eq(t.memberships.agendaId, t.versions.agendaId),
				eq(t.memberships.userId, t.comments.authorId)
			)
		)
		.leftJoin(t.commentAnswers, eq(t.commentAnswers.commentId, t.comments.id))
		.where(
			and(
				eq(t.comments.versionId, VERSION_ID),
				eq(t.comments.itemKind, 'measure'),
				eq(t.comments.itemId, MEASURE_ID)
			)
		)
		.orderBy(desc(t.comments.createdAt), desc(t.comments.id))
		.prepare();
	const supportCount = db
		.select({ n: count() })
		.from(t.supports)
		.where(and(eq(t.supports.versionId, VERSION_ID), eq(t.supports.measureId, MEASURE_ID)))
		.prepare();
	const rawLookup = client.prepare(RAW_LOOKUP.replace('$1', '?'));
	// Both run their statement to the end (`.all()` as the app's `appendUpdatePrepared` does since
	// 6.12.2026, `run()`): with `.get()` an INSERT … RETURNING committed in its reset, where SQLite
	// skips the automatic checkpoint, and the WAL grew without bound.
	const rawAppend = client.prepare('INSERT INTO doc_updates (agenda_id, "update") VALUES (?, ?)');
	const lookupSync = (sessionId: string) => lookup.get({ sessionId });
	return {
		name: 'SQLite (better-sqlite3, WAL, Datei)',
		lookupSync,
		lookup: {
			drizzle: async (sessionId) => lookupSync(sessionId),
			raw: async (sessionId) => rawLookup.get(sessionId)
		},
		append: {
			drizzle: async (update) => append.all({ agendaId: AGENDA_ID, update })[0]?.seq,
			raw: async (update) => rawAppend.run(AGENDA_ID, update).lastInsertRowid
		},
		async commentPage() {
			const rows = page.all();
			supportCount.get();
			return rows.length;
		},
		seed(data) {
			client.prepare('INSERT INTO agendas (id) VALUES (?)').run(AGENDA_ID);
			client
				.prepare('INSERT INTO versions (id, agenda_id, number) VALUES (?, ?, 1)')
				.run(VERSION_ID, AGENDA_ID);
			db.transaction((tx) => {
				for (const [table, rows] of seedOrder(data, t)) {
					for (const batch of batches(rows)) tx.insert(table).values(batch).run();
				}
			});
		},
		bytesOnDisk: () => bytesIn(dir),
		walBytes: () => bytesIn(`${path}-wal`),
		async close() {
			client.close();
		}
	};
}

/** The tables in foreign-key order with their rows (the same order for both dialects). */
function seedOrder<T extends typeof lite | typeof pg>(data: BenchData, t: T) {
	return [
		[t.users, data.users],
		[t.sessions, data.sessions],
		[t.memberships, data.memberships],
		[t.comments, data.comments],
		[t.commentAnswers, data.commentAnswers],
		[t.supports, data.supports]
	] as unknown as [T[keyof T], Record<string, unknown>[]][];
}

/** The PostgreSQL dialect's drizzle queries, for any driver (PGlite, postgres.js). */
function pgQueries<H extends PgQueryResultHKT>(db: PgDatabase<H>, name: string) {
	const t = pg;
	const lookup = db
		.select({
			session: t.sessions,
			user: {
				id: t.users.id,
				email: t.users.email,
				displayName: t.users.displayName,
				isAdmin: t.users.isAdmin,
				emailConfirmedAt: t.users.emailConfirmedAt,
				locale: t.users.locale
			}
		})
		.from(t.sessions)
		.innerJoin(t.users, eq(t.sessions.userId, t.users.id))
		.where(eq(t.sessions.id, sql.placeholder('sessionId')))
		.prepare(`${name}_lookup`);
	const append = db
		.insert(t.docUpdates)
		.values({ agendaId: sql.placeholder('agendaId'), update: sql.placeholder('update') })
		.returning({ seq: t.docUpdates.seq })
		.prepare(`${name}_append`);
	const page = db
		.select({
			comment: t.comments,
			authorName: t.users.displayName,
			authorRole: t.memberships.role,
			fassung: t.versions.number,
			answer: t.commentAnswers
		})
		.from(t.comments)
		.innerJoin(t.versions, eq(t.versions.id, t.comments.versionId))
		.leftJoin(t.users, eq(t.users.id, t.comments.authorId))
		.leftJoin(
			t.memberships,
			and(
				eq(t.memberships.agendaId, t.versions.agendaId),
				eq(t.memberships.userId, t.comments.authorId)
			)
		)
		.leftJoin(t.commentAnswers, eq(t.commentAnswers.commentId, t.comments.id))
		.where(
			and(
				eq(t.comments.versionId, VERSION_ID),
				eq(t.comments.itemKind, 'measure'),
				eq(t.comments.itemId, MEASURE_ID)
			)
		)
		.orderBy(desc(t.comments.createdAt), desc(t.comments.id))
		.prepare(`${name}_page`);
	const supportCount = db
		.select({ n: count() })
		.from(t.supports)
		.where(and(eq(t.supports.versionId, VERSION_ID), eq(t.supports.measureId, MEASURE_ID)))
		.prepare(`${name}_supports`);
	return {
		lookup: (sessionId: string) => lookup.execute({ sessionId }),
		append: async (update: Buffer) =>
			(await append.execute({ agendaId: AGENDA_ID, update }))[0]?.seq,
		async commentPage() {
			const [rows] = await Promise.all([page.execute(), supportCount.execute()]);
			return rows.length;
		},
		async seed(data: BenchData) {
			await db.execute(sql`INSERT INTO agendas (id) VALUES (${AGENDA_ID})`);
			await db.execute(
				sql`INSERT INTO versions (id, agenda_id, number) VALUES (${VERSION_ID}, ${AGENDA_ID}, 1)`
			);
			await db.transaction(async (tx) => {
				for (const [table, rows] of seedOrder(data, t)) {
					for (const batch of batches(rows)) await tx.insert(table).values(batch);
				}
			});
			await db.execute(sql`ANALYZE`);
		}
	};
}

/** PGlite in this process: in memory (`dir` null) or in a directory. */
export async function pgliteEngine(
	dir: string | null
): Promise<Engine & { seed(data: BenchData): Promise<void> }> {
	const client = dir ? new PGlite(dir) : new PGlite();
	await client.exec(PG_DDL);
	const queries = pgQueries(drizzlePglite({ client }), 'pglite');
	return {
		name: dir ? 'PGlite (im Prozess, Verzeichnis)' : 'PGlite (im Prozess, Speicher)',
		lookup: {
			drizzle: queries.lookup,
			raw: (sessionId) => client.query(RAW_LOOKUP, [sessionId])
		},
		append: {
			drizzle: queries.append,
			raw: (update) => client.query(RAW_APPEND, [AGENDA_ID, update])
		},
		commentPage: queries.commentPage,
		seed: queries.seed,
		bytesOnDisk: () => (dir ? bytesIn(dir) : null),
		close: () => client.close()
	};
}

/** PostgreSQL over postgres.js, a pool of 10 connections (its default). */
export function postgresEngine(
	name: string,
	options: postgres.Options<Record<string, never>>,
	dataDir: string
): Engine & { seed(data: BenchData): Promise<void>; createSchema(): Promise<void> } {
	const client = postgres({ ...options, max: 10, onnotice: () => {} });
	const queries = pgQueries(drizzlePostgres({ client }), 'pg');
	return {
		name,
		lookup: {
			drizzle: queries.lookup,
			raw: (sessionId) => client.unsafe(RAW_LOOKUP, [sessionId], { prepare: true })
		},
		append: {
			drizzle: queries.append,
			raw: (update) => client.unsafe(RAW_APPEND, [AGENDA_ID, update], { prepare: true })
		},
		commentPage: queries.commentPage,
		seed: queries.seed,
		createSchema: async () => {
			await client.unsafe(PG_DDL);
		},
		bytesOnDisk: () => bytesIn(dataDir),
		close: () => client.end()
	};
}

function bytesIn(path: string): number {
	// A running PostgreSQL removes temporary files while we count.
	const stat = statSync(path, { throwIfNoEntry: false });
	if (!stat) return 0;
	if (!stat.isDirectory()) return stat.size;
	return readdirSync(path).reduce((sum, entry) => sum + bytesIn(join(path, entry)), 0);
}
