import { eq } from 'drizzle-orm';
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
	closeDatabase,
	openDatabase,
	openPostgres,
	type Db
} from '../../src/lib/server/db/connection';
import { databaseDialect, type Dialect } from '../../src/lib/server/db/dialect';
import { migrateSqlite } from '../../src/lib/server/db/migrate';
import { registerUser } from '../../src/lib/server/accounts/users';
import { agendas, mails, users, type User } from '../../src/lib/server/db/schema';
import { seedDemoIfEmpty } from '../../src/lib/server/db/seed';
import { DEMO_AGENDA } from '../../src/lib/server/demo/accounts';
import { postgresBinDir } from './postgres';

const execFileAsync = promisify(execFile);

export interface TestDatabase {
	db: Db;
	/** Where the database is: the SQLite file, or on PostgreSQL its URL (for `withDatabase`). */
	locator: string;
	/** The SQLite file (on PostgreSQL the URL, as `locator`): for tests of the file itself. */
	path: string;
	/** Closes the connection and deletes the temporary directory (or drops the database). */
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

/**
 * The control character a row written before the app cleaned its input may hold, for tests that
 * the app never shows it: NUL on SQLite; PostgreSQL's `text` refuses NUL, so there it is SOH.
 */
export function legacyControlCharacter(): string {
	return testDialect() === 'postgres' ? '\u0001' : '\u0000';
}

/** The template the global setup migrated once (tests/support/postgres-global-setup.ts). */
const TEMPLATE_DATABASE = 'agendawerk_template';

let psqlPath: string | null = null;
function psql(): string {
	if (!psqlPath) {
		const bin = process.env.AGENDAWERK_POSTGRES_BIN || postgresBinDir();
		if (!bin) throw new Error('PostgreSQL ist nicht installiert (psql fehlt)');
		psqlPath = join(bin, 'psql');
	}
	return psqlPath;
}

/** The URL of the cluster's `postgres` database, where test databases are created and dropped. */
function adminUrl(): string {
	const url = process.env.DATABASE_URL;
	if (!url) throw new Error('DATABASE_URL fehlt: kein PostgreSQL für die Tests');
	return url;
}

function databaseUrl(name: string): string {
	const url = new URL(adminUrl());
	url.pathname = `/${name}`;
	return url.toString();
}

/** Runs one statement as the cluster's superuser, synchronously (a test database is made in one step). */
function adminStatementSync(statement: string): void {
	execFileSync(psql(), [adminUrl(), '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', statement], {
		stdio: ['ignore', 'ignore', 'pipe']
	});
}

async function adminStatement(statement: string): Promise<void> {
	await execFileAsync(psql(), [adminUrl(), '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', statement]);
}

/**
 * An empty PostgreSQL database of its own, named `t_<random>`: a copy of the migrated template,
 * or (`from: 'template0'`) one without tables, which a server migrates and seeds itself. Dropped
 * by `dropPostgresDatabase`, so that thousands of tests do not fill the disk.
 */
export function createPostgresDatabase(from: 'migrated' | 'template0' = 'migrated'): string {
	const name = `t_${randomBytes(8).toString('hex')}`;
	const template = from === 'migrated' ? TEMPLATE_DATABASE : 'template0';
	adminStatementSync(`CREATE DATABASE ${name} TEMPLATE ${template}`);
	return databaseUrl(name);
}

/** Drops a database of `createPostgresDatabase`, even with connections still open to it. */
export async function dropPostgresDatabase(url: string): Promise<void> {
	const name = new URL(url).pathname.slice(1);
	if (!/^t_[0-9a-f]+$/.test(name)) throw new Error(`Keine Testdatenbank: ${name}`);
	await adminStatement(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export function isPostgresLocator(locator: string): boolean {
	return /^postgres(ql)?:\/\//.test(locator);
}

/**
 * A real, migrated database: a SQLite file in a fresh temporary directory, or on PostgreSQL a
 * database of its own copied from the migrated template. What tests use instead of mocks.
 */
export function createTestDatabase(): TestDatabase {
	if (testDialect() === 'postgres') {
		const url = createPostgresDatabase();
		const db = openPostgres(url, { max: 4 });
		return {
			db,
			locator: url,
			path: url,
			async dispose() {
				await closeDatabase(db);
				await dropPostgresDatabase(url);
			}
		};
	}
	const dir = mkdtempSync(join(tmpdir(), 'agendawerk-test-'));
	const path = join(dir, 'agendawerk.db');
	const db = openDatabase(path);
	migrateSqlite(db, resolve('drizzle'));
	return {
		db,
		locator: path,
		path,
		async dispose() {
			await closeDatabase(db);
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
	const [agenda] = await database.db
		.select({ id: agendas.id })
		.from(agendas)
		.where(eq(agendas.slug, DEMO_AGENDA.slug));
	if (!agenda) throw new Error('Demo-Agenda fehlt');
	return { ...database, agendaId: agenda.id };
}

/**
 * A second connection to a server's database (its SQLite file, where WAL lets both write, or its
 * PostgreSQL URL), for fixtures that keep one open across tests. Close it with `closeDatabase`.
 */
export function openDatabaseAt(locator: string): Db {
	return isPostgresLocator(locator) ? openPostgres(locator, { max: 2 }) : openDatabase(locator);
}

/** Runs `run` on a second connection to a server's database and closes it when `run` settles. */
export async function withDatabase<T>(
	locator: string,
	run: (db: Db) => T | Promise<T>
): Promise<T> {
	const db = openDatabaseAt(locator);
	try {
		return await run(db);
	} finally {
		await closeDatabase(db);
	}
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
	await confirmAddress(db, result.user.id);
	await db.delete(mails).where(eq(mails.to, result.user.email));
	return { ...result.user, emailConfirmedAt: new Date() };
}

/**
 * Marks an account's address as confirmed, as following the confirmation link would: for tests
 * whose subject is something else (commenting, notifications), not the confirmation itself.
 */
export async function confirmAddress(db: Db, userId: string, at = new Date()): Promise<void> {
	await db.update(users).set({ emailConfirmedAt: at }).where(eq(users.id, userId));
}
