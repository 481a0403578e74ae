import { and, asc, count, eq, gt, inArray, lte, max, sql } from 'drizzle-orm';
import * as Y from 'yjs';
import { inTransaction, preparedFor, type Db, type Executor, returnedRow } from '../db/connection';
import { docUpdates } from '../db/schema';

/**
 * The persisted update log of agenda documents (table `doc_updates`). The collab server is the
 * only writer while a document is loaded; the app writes only the first state of a new agenda.
 */

/**
 * The next number of a document's log, taken in the statement that appends: the highest number
 * committed so far plus one. Two processes appending to the same document at the same moment take
 * the same number; the key (agenda_id, seq) makes the second wait for the first's commit and then
 * fail with a unique violation, and it tries again with the next number. So a number is committed
 * only once every smaller one is, in the order of the commits, with no gaps: what the processes'
 * catch-up relies on (docs/architecture.md §3.1). On SQLite one writer at a time never collides.
 */
const nextSeq = (agendaId: unknown) =>
	sql<number>`(select coalesce(max(${docUpdates.seq}), 0) + 1 from ${docUpdates} where ${docUpdates.agendaId} = ${agendaId})`;

/** PostgreSQL's unique_violation: another process took the number first. */
const UNIQUE_VIOLATION = '23505';

/**
 * How long an append keeps trying: a time, not a number of attempts. An attempt fails only when
 * another append has committed the number it aimed at; the next attempt's statement sees that row
 * and aims higher. So an append retries only while others make progress, as often as they do,
 * whatever the number of processes; the deadline ends it if they never let up. (A count of 20
 * failed when 40 appends ran at once: one lost 20 times in a row.)
 */
const APPEND_DEADLINE_MS = 10_000;

async function takingTheNextNumber(append: () => Promise<number>): Promise<number> {
	const deadline = Date.now() + APPEND_DEADLINE_MS;
	for (;;) {
		try {
			return await append();
		} catch (error) {
			// drizzle wraps the driver's error (DrizzleQueryError): the code is on its cause.
			const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
			if ((code ?? cause?.code) !== UNIQUE_VIOLATION || Date.now() > deadline) throw error;
		}
	}
}

/** Appends one update; returns its sequence number. Durable once this returns (committed). */
export async function appendUpdate(
	db: Executor,
	agendaId: string,
	update: Uint8Array
): Promise<number> {
	// No second attempt here: inside a transaction a failed statement ends it on PostgreSQL. The
	// callers append the first state of a new agenda, which no other process writes to yet.
	const rows = await db
		.insert(docUpdates)
		.values({ agendaId, seq: nextSeq(agendaId), update: asBuffer(update) })
		.returning({ seq: docUpdates.seq });
	return returnedRow(rows).seq;
}

const insertUpdate = preparedFor((db) =>
	db
		.insert(docUpdates)
		.values({
			agendaId: sql.placeholder('agendaId'),
			seq: nextSeq(sql.placeholder('agendaId')),
			update: sql.placeholder('update')
		})
		.returning({ seq: docUpdates.seq })
		.prepare()
);

/**
 * `appendUpdate` for the collab server, which appends all the time: with its statement prepared
 * once per connection, not built and prepared anew for each update (~4× the cost). Each append
 * is its own commit; another process's append to the same document may take a number first.
 */
export async function appendUpdatePrepared(
	db: Db,
	agendaId: string,
	update: Uint8Array
): Promise<number> {
	const bytes = asBuffer(update);
	// `execute()` reads all rows (drizzle's `.all()`), not `.get()`: it runs the statement to its
	// end, so the autocommit ends there and SQLite can checkpoint its write-ahead log; `.get()` left
	// it to the next reset, and the -wal file grew with every update (see update-log.test.ts).
	return takingTheNextNumber(
		async () => returnedRow(await insertUpdate(db).execute({ agendaId, update: bytes })).seq
	);
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
 * document), as row `upToSeq`. One transaction: a crash leaves either the old rows or the
 * compacted state. Rows after `upToSeq` stay, even when `state` holds them too (another process
 * may have appended them; stored twice, read once). A process catching up from a number below
 * `upToSeq` reads the state row: more than it lacked, which Yjs takes without harm.
 */
export function compactLog(
	db: Db,
	agendaId: string,
	state: Uint8Array,
	upToSeq: number
): Promise<void> {
	return inTransaction(db, async (tx) => {
		await tx
			.delete(docUpdates)
			.where(and(eq(docUpdates.agendaId, agendaId), lte(docUpdates.seq, upToSeq)));
		await tx.insert(docUpdates).values({ agendaId, seq: upToSeq, update: asBuffer(state) });
	});
}

/** The rows after `afterSeq`, in order: what a process that has applied up to there lacks. */
export async function readSince(
	db: Executor,
	agendaId: string,
	afterSeq: number
): Promise<{ seq: number; update: Uint8Array }[]> {
	const rows = await db
		.select({ seq: docUpdates.seq, update: docUpdates.update })
		.from(docUpdates)
		.where(and(eq(docUpdates.agendaId, agendaId), gt(docUpdates.seq, afterSeq)))
		.orderBy(asc(docUpdates.seq));
	return rows.map((row) => ({ seq: row.seq, update: new Uint8Array(row.update) }));
}

/** The highest committed number of each of these documents' logs (absent: empty log). */
export async function logHeads(db: Executor, agendaIds: string[]): Promise<Map<string, number>> {
	if (agendaIds.length === 0) return new Map();
	const rows = await db
		.select({ agendaId: docUpdates.agendaId, seq: max(docUpdates.seq) })
		.from(docUpdates)
		.where(inArray(docUpdates.agendaId, agendaIds))
		.groupBy(docUpdates.agendaId);
	return new Map(rows.flatMap((row) => (row.seq === null ? [] : [[row.agendaId, row.seq]])));
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
