/**
 * The server's SQLite file, read and written from the benchmark process. WAL lets this second
 * connection work while the server runs; the server re-reads rows it does not have loaded.
 */
import Database from 'better-sqlite3';
import type postgres from 'postgres';
import * as Y from 'yjs';
import { generateId } from '../../../src/lib/id-format';

/** The rows of a document's log, oldest first: what a restart (or a new process) loads. */
const LOG_QUERY = 'SELECT "update" FROM doc_updates WHERE agenda_id = $1 ORDER BY seq';

/** The document as persisted: every row of its log applied in order (as a restart loads it). */
export function persistedDoc(databasePath: string, agendaId: string): Y.Doc {
	const db = new Database(databasePath, { readonly: true, fileMustExist: true });
	try {
		const rows = db.prepare(LOG_QUERY.replace('$1', '?')).all(agendaId) as { update: Buffer }[];
		return docFromLog(rows);
	} finally {
		db.close();
	}
}

/** The same for the PostgreSQL database of several app processes (`startAppCluster`). */
export async function persistedDocIn(sql: postgres.Sql, agendaId: string): Promise<Y.Doc> {
	return docFromLog(await sql.unsafe<{ update: Buffer }[]>(LOG_QUERY, [agendaId]));
}

function docFromLog(rows: readonly { update: Buffer }[]): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.update));
	});
	return doc;
}

export function countLogRows(databasePath: string, agendaId: string): number {
	const db = new Database(databasePath, { readonly: true, fileMustExist: true });
	try {
		const row = db
			.prepare('SELECT count(*) AS n FROM doc_updates WHERE agenda_id = ?')
			.get(agendaId) as { n: number };
		return row.n;
	} finally {
		db.close();
	}
}

/** Opens a writable connection with the server's settings (WAL, wait instead of failing). */
export function withWritableDb<T>(databasePath: string, run: (db: Database.Database) => T): T {
	const db = new Database(databasePath, { fileMustExist: true });
	db.pragma('journal_mode = WAL');
	db.pragma('busy_timeout = 10000');
	try {
		return run(db);
	} finally {
		db.close();
	}
}

/**
 * Copies the agenda `fromSlug` `count` times in one transaction: its row, its whole update log
 * and its memberships, so that the demo accounts may open every copy. Returns the new ids.
 */
export function copyAgendas(databasePath: string, fromSlug: string, count: number): string[] {
	return withWritableDb(databasePath, (db) => {
		const source = db.prepare('SELECT id FROM agendas WHERE slug = ?').get(fromSlug) as
			{ id: string } | undefined;
		if (!source) throw new Error(`Keine Agenda „${fromSlug}“`);
		const copyRow = db.prepare(
			`INSERT INTO agendas (id, slug, title, municipality, period_start, period_end, visibility, status, created_at)
			 SELECT ?, ?, title, municipality, period_start, period_end, 'internal', status, created_at
			 FROM agendas WHERE id = ?`
		);
		const copyLog = db.prepare(
			`INSERT INTO doc_updates (agenda_id, seq, "update", created_at)
			 SELECT ?, seq, "update", created_at FROM doc_updates WHERE agenda_id = ? ORDER BY seq`
		);
		const copyMembers = db.prepare(
			`INSERT INTO memberships (agenda_id, user_id, role, created_at)
			 SELECT ?, user_id, role, created_at FROM memberships WHERE agenda_id = ?`
		);
		const stamp = Date.now().toString(36);
		return db.transaction(() =>
			Array.from({ length: count }, (_, index) => {
				const id = generateId();
				copyRow.run(id, `bench-${stamp}-${index}`, source.id);
				copyLog.run(id, source.id);
				copyMembers.run(id, source.id);
				return id;
			})
		)();
	});
}

/** Appends updates to an agenda's log in one transaction, as if the server had accepted them. */
export function appendRaw(databasePath: string, agendaId: string, updates: Uint8Array[]): void {
	withWritableDb(databasePath, (db) => {
		// The next number of the agenda's log, as the app's append takes it (update-log.ts).
		const insert = db.prepare(
			`INSERT INTO doc_updates (agenda_id, seq, "update") VALUES (@agendaId,
			 (SELECT coalesce(max(seq), 0) + 1 FROM doc_updates WHERE agenda_id = @agendaId), @update)`
		);
		db.transaction(() => {
			for (const update of updates) insert.run({ agendaId, update: Buffer.from(update) });
		})();
	});
}
