import { and, asc, count, eq, lte, max, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { inTransaction, preparedFor, type Db, type Executor, returnedRow } from '../db/connection';
import { docUpdates } from '../db/schema';

/**
 * The persisted update log of agenda documents (table `doc_updates`). The collab server is the
 * only writer while a document is loaded; the app writes only the first state of a new agenda.
 */

/** Appends one update; returns its sequence number. Durable once this returns (WAL commit). */
export async function appendUpdate(
	db: Executor,
	agendaId: string,
	update: Uint8Array
): Promise<number> {
	const row = returnedRow(
		await db
			.insert(docUpdates)
			.values({ agendaId, update: asBuffer(update) })
			.returning({ seq: docUpdates.seq })
	);
	return row.seq;
}

const insertUpdate = preparedFor((db) =>
	db
		.insert(docUpdates)
		.values({ agendaId: sql.placeholder('agendaId'), update: sql.placeholder('update') })
		.returning({ seq: docUpdates.seq })
		.prepare()
);

/**
 * `appendUpdate` for the collab server, which appends all the time: with its statement prepared
 * once per connection, not built and prepared anew for each update (~4× the cost).
 */
export async function appendUpdatePrepared(
	db: Db,
	agendaId: string,
	update: Uint8Array
): Promise<number> {
	// `execute()` reads all rows (drizzle's `.all()`), not `.get()`: it runs the statement to its
	// end, so the autocommit ends there and SQLite can checkpoint its write-ahead log; `.get()` left
	// it to the next reset, and the -wal file grew with every update (see update-log.test.ts).
	return returnedRow(await insertUpdate(db).execute({ agendaId, update: asBuffer(update) })).seq;
}

/** The bytes as a Buffer without copying them (better-sqlite3 binds Buffers as blobs). */
function asBuffer(update: Uint8Array): Buffer {
	return Buffer.from(update.buffer, update.byteOffset, update.byteLength);
}

export interface StoredLog {
	updates: Uint8Array[];
	/** Sequence number of the last row, 0 for an empty log. */
	lastSeq: number;
}

export async function readLog(db: Executor, agendaId: string): Promise<StoredLog> {
	const rows = await db
		.select({ seq: docUpdates.seq, update: docUpdates.update })
		.from(docUpdates)
		.where(eq(docUpdates.agendaId, agendaId))
		.orderBy(asc(docUpdates.seq));
	return {
		updates: rows.map((row) => new Uint8Array(row.update)),
		lastSeq: rows.at(-1)?.seq ?? 0
	};
}

/**
 * When the document last changed: the newest entry of its log (a compaction writes the merged
 * state with its own time, which only happens after changes). null for an empty log.
 */
export async function lastChangeAt(db: Executor, agendaId: string): Promise<Date | null> {
	const [row] = await db
		.select({ at: max(docUpdates.at) })
		.from(docUpdates)
		.where(eq(docUpdates.agendaId, agendaId));
	return row?.at ?? null;
}

export async function countLog(db: Executor, agendaId: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(docUpdates)
		.where(eq(docUpdates.agendaId, agendaId));
	return row?.n ?? 0;
}

/**
 * Replaces the rows up to `upToSeq` by `state`, which must contain all of them (the merged
 * document). One transaction: a crash leaves either the old rows or the compacted state.
 */
export function compactLog(
	db: Db,
	agendaId: string,
	state: Uint8Array,
	upToSeq: number
): Promise<number> {
	return inTransaction(db, async (tx) => {
		const seq = await appendUpdate(tx, agendaId, state);
		await tx
			.delete(docUpdates)
			.where(and(eq(docUpdates.agendaId, agendaId), lte(docUpdates.seq, upToSeq)));
		return seq;
	});
}

/** The document as persisted: every row applied in order. */
export async function loadDocument(
	db: Executor,
	agendaId: string
): Promise<{ doc: Y.Doc; lastSeq: number }> {
	const log = await readLog(db, agendaId);
	const doc = new Y.Doc({ gc: true });
	doc.transact(() => {
		for (const update of log.updates) Y.applyUpdate(doc, update);
	});
	return { doc, lastSeq: log.lastSeq };
}
