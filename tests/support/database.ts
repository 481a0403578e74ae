import { eq } from 'drizzle-orm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, type Db } from '../../src/lib/server/db/connection';
import { databaseDialect, type Dialect } from '../../src/lib/server/db/dialect';
import { migrateSqlite } from '../../src/lib/server/db/migrate';
import { registerUser } from '../../src/lib/server/accounts/users';
import { agendas, mails, users, type User } from '../../src/lib/server/db/schema';
import { seedDemoIfEmpty } from '../../src/lib/server/db/seed';
import { DEMO_AGENDA } from '../../src/lib/server/demo/accounts';

export interface TestDatabase {
	db: Db;
	path: string;
	/** Closes the connection and deletes the temporary directory (or database). */
	dispose(): Promise<void>;
}

/**
 * The dialect the tests of this run speak: the `pg` projects of vite.config.ts set
 * `DATABASE_URL`, and the schema is then PostgreSQL's. For the few tests of one engine's
 * behaviour (SQLite's write-ahead log, its file on disk): `describe.runIf(testDialect() === 'sqlite')`.
 */
export function testDialect(): Dialect {
	return databaseDialect();
}

/** A real, migrated SQLite file in a fresh temporary directory: what tests use instead of mocks. */
export function createTestDatabase(): TestDatabase {
	const dir = mkdtempSync(join(tmpdir(), 'agendawerk-test-'));
	const path = join(dir, 'agendawerk.db');
	const db = openDatabase(path);
	migrateSqlite(db, resolve('drizzle'));
	return {
		db,
		path,
		async dispose() {
			db.$client.close();
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/**
 * A test database seeded as `npm start` seeds an empty one, with the Musterstadt demo agenda's
 * id: where most tests of participation, notifications and monitoring start.
 */
export type DemoDatabase = TestDatabase & { agendaId: string };

export async function createDemoDatabase(): Promise<DemoDatabase> {
	const database = createTestDatabase();
	await seedDemoIfEmpty(database.db, 'demo-passwort-test');
	const agenda = database.db
		.select({ id: agendas.id })
		.from(agendas)
		.where(eq(agendas.slug, DEMO_AGENDA.slug))
		.get();
	if (!agenda) throw new Error('Demo-Agenda fehlt');
	return { ...database, agendaId: agenda.id };
}

/**
 * Runs `run` on a second connection to a server's SQLite file (WAL lets both write). An
 * asynchronous `run` keeps the connection until its promise settles.
 */
export function withDatabase<T>(databasePath: string, run: (db: Db) => T): T {
	const db = openDatabase(databasePath);
	let result: T;
	try {
		result = run(db);
	} catch (error) {
		db.$client.close();
		throw error;
	}
	// An asynchronous `run` (database calls are) keeps the connection until it settles.
	if (result instanceof Promise) return result.finally(() => db.$client.close()) as T;
	db.$client.close();
	return result;
}

/**
 * An account with a confirmed address, registered as a person would be, whose confirmation mail
 * is already gone from the queue: for tests that count other mails (notifications).
 */
export async function confirmedAccount(
	db: Db,
	input: { email: string; displayName: string; password?: string }
): Promise<User> {
	const result = await registerUser(
		db,
		{ password: 'korrekt-pferd-batterie', ...input },
		'https://agenda.example'
	);
	if (!result.ok) throw new Error(result.reason);
	confirmAddress(db, result.user.id);
	db.delete(mails).where(eq(mails.to, result.user.email)).run();
	return { ...result.user, emailConfirmedAt: new Date() };
}

/**
 * Marks an account's address as confirmed, as following the confirmation link would: for tests
 * whose subject is something else (commenting, notifications), not the confirmation itself.
 */
export function confirmAddress(db: Db, userId: string, at = new Date()): void {
	db.update(users).set({ emailConfirmedAt: at }).where(eq(users.id, userId)).run();
}
