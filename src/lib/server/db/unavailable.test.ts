import Database from 'better-sqlite3';
import { sql, type SQL } from 'drizzle-orm';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../../tests/support/free-port';
import { startPostgres, type PostgresCluster } from '../../../../tests/support/postgres';
import { durabilityWarning, SYNCHRONOUS_COMMIT_OFF } from '../startup';
import { closeDatabase, openPostgres, pingDatabase, type Db } from './connection';
import {
	DATABASE_BACK_LOG,
	DATABASE_UNREACHABLE_LOG,
	DatabaseOutage,
	isDatabaseUnreachable
} from './unavailable';

/** The error a promise rejects with (the test fails if it resolves). */
async function failure(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('Die Anfrage hätte scheitern sollen.');
}

/** A statement through drizzle, as the app's code runs them: drizzle wraps the driver's errors. */
function execute(db: Db, query: SQL): Promise<unknown> {
	return (db as unknown as PostgresJsDatabase).execute(query);
}

describe('isDatabaseUnreachable, on the errors of a real PostgreSQL', () => {
	let cluster: PostgresCluster;
	let db: Db;

	beforeAll(async () => {
		cluster = await startPostgres();
		db = openPostgres(cluster.tcpUrl, { max: 2 });
	}, 60_000);

	afterAll(async () => {
		await closeDatabase(db);
		cluster?.stop();
	});

	it('recognises a refused connection, through drizzle', async () => {
		const nobody = openPostgres(`postgres://postgres@127.0.0.1:${await freePort()}/postgres`);
		try {
			const error = await failure(execute(nobody, sql`select 1`));
			expect(isDatabaseUnreachable(error)).toBe(true);
		} finally {
			await closeDatabase(nobody);
		}
	});

	it('does not take a wrong statement or a broken rule for an outage', async () => {
		expect(isDatabaseUnreachable(await failure(execute(db, sql`selec 1`)))).toBe(false);
		expect(isDatabaseUnreachable(await failure(execute(db, sql`select 1 / 0`)))).toBe(false);
		const sqlite = new Database(':memory:');
		try {
			expect(isDatabaseUnreachable(await failure((async () => sqlite.exec('nonsense'))()))).toBe(
				false
			);
		} finally {
			sqlite.close();
		}
		expect(isDatabaseUnreachable(new Error('ECONNREFUSED'))).toBe(false);
		expect(isDatabaseUnreachable(null)).toBe(false);
	});

	it('recognises the server going away under a pool, and the pool works again after', async () => {
		await pingDatabase(db);
		cluster.stopServer();
		try {
			const error = await failure(execute(db, sql`select 1`));
			expect(isDatabaseUnreachable(error)).toBe(true);
			expect(isDatabaseUnreachable(await failure(pingDatabase(db)))).toBe(true);
		} finally {
			cluster.startServer();
		}
		await pingDatabase(db);
	}, 30_000);

	it('warns at start when synchronous_commit is off, and only then', async () => {
		expect(await durabilityWarning(db)).toBeNull();
		await execute(db, sql`alter database postgres set synchronous_commit = off`);
		const fresh = openPostgres(cluster.tcpUrl, { max: 1 });
		try {
			expect(await durabilityWarning(fresh)).toBe(SYNCHRONOUS_COMMIT_OFF);
		} finally {
			await closeDatabase(fresh);
			await execute(db, sql`alter database postgres reset synchronous_commit`);
		}
	});
});

describe('isDatabaseUnreachable, on the shapes of the errors', () => {
	it.each([
		['CONNECTION_ENDED'],
		['CONNECTION_CLOSED'],
		['CONNECTION_DESTROYED'],
		['CONNECT_TIMEOUT'],
		['ECONNRESET'],
		['57P01'],
		['57P03'],
		['08006']
	])('%s', (code) => {
		expect(isDatabaseUnreachable(Object.assign(new Error(code), { code }))).toBe(true);
		// As drizzle wraps it, and as Node's connect to several addresses does.
		const inner = Object.assign(new Error(code), { code });
		expect(isDatabaseUnreachable(new Error('Failed query', { cause: inner }))).toBe(true);
		expect(isDatabaseUnreachable(new AggregateError([inner]))).toBe(true);
	});

	it.each([['57014'], ['23505'], ['40001'], ['SQLITE_BUSY']])('not %s', (code) => {
		expect(isDatabaseUnreachable(Object.assign(new Error(code), { code }))).toBe(false);
	});
});

describe('DatabaseOutage', () => {
	it('logs the outage once and its end once, then a new outage again', async () => {
		const lines: string[] = [];
		const outage = new DatabaseOutage({ log: (line) => lines.push(line), probeMs: 10 });
		let back = false;
		const probe = () => (back ? Promise.resolve() : Promise.reject(new Error('noch weg')));
		const refused = Object.assign(new Error('connect'), { code: 'ECONNREFUSED' });
		try {
			outage.report(refused, probe);
			outage.report(refused, probe);
			await new Promise((resolve) => setTimeout(resolve, 50));
			outage.report(refused, probe);
			expect(lines).toEqual([`${DATABASE_UNREACHABLE_LOG} (ECONNREFUSED).`]);
			expect(outage.active).toBe(true);
			back = true;
			await new Promise((resolve) => setTimeout(resolve, 50));
			expect(lines).toEqual([`${DATABASE_UNREACHABLE_LOG} (ECONNREFUSED).`, DATABASE_BACK_LOG]);
			expect(outage.active).toBe(false);
			back = false;
			outage.report(refused, probe);
			expect(lines).toHaveLength(3);
		} finally {
			outage.stop();
		}
	});
});
