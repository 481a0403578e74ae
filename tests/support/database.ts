import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import { migrateDatabase } from '../../src/lib/server/db/migrate';

export interface TestDatabase {
	db: Db;
	path: string;
	/** Closes the connection and deletes the temporary directory. */
	dispose(): void;
}

/** A real, migrated SQLite file in a fresh temporary directory: what tests use instead of mocks. */
export function createTestDatabase(): TestDatabase {
	const dir = mkdtempSync(join(tmpdir(), 'agendawerk-test-'));
	const path = join(dir, 'agendawerk.db');
	const db = openDatabase(path);
	migrateDatabase(db, resolve('drizzle'));
	return {
		db,
		path,
		dispose() {
			db.$client.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Runs `run` on a second connection to a server's SQLite file (WAL lets both write). */
export function withDatabase<T>(databasePath: string, run: (db: Db) => T): T {
	const db = openDatabase(databasePath);
	try {
		return run(db);
	} finally {
		db.$client.close();
	}
}
