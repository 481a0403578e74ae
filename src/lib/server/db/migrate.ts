import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type postgres from 'postgres';
import { isPostgres, type Db } from './connection';

/** Held while one process migrates PostgreSQL, so that processes starting together take turns. */
const MIGRATION_LOCK_KEY = 0x41_47_44_4d; // "AGDM"

/**
 * Applies the committed drizzle-kit migrations of the connection's dialect (`drizzle/` for
 * SQLite, `drizzle-postgres/` for PostgreSQL); already applied ones are skipped.
 */
export async function migrateDatabase(db: Db, migrationsFolder: string): Promise<void> {
	if (!isPostgres(db)) {
		migrateSqlite(db, migrationsFolder);
		return;
	}
	const client = db.$client as unknown as postgres.Sql;
	// The lock lives on one reserved connection; the migrations run on others of the pool.
	const lockHolder = await client.reserve();
	try {
		await lockHolder`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
		await migratePostgres(drizzle(client), { migrationsFolder });
	} finally {
		await lockHolder`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => undefined);
		lockHolder.release();
	}
}

/** SQLite's migrations, synchronously (a test database is made in one step). */
export function migrateSqlite(db: Db, migrationsFolder: string): void {
	migrate(db, { migrationsFolder });
}
