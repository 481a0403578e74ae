import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './connection';

/** Applies the committed drizzle-kit migrations; already applied ones are skipped. */
export function migrateDatabase(db: Db, migrationsFolder: string): void {
	migrate(db, { migrationsFolder });
}
