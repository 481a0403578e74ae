import { eq, getTableColumns, getTableName } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { resolve } from 'node:path';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/database';
import { startPostgres, type PostgresCluster } from '../../../../tests/support/postgres';
import {
	closeDatabase,
	inTransaction,
	NESTED_TRANSACTION,
	openPostgres,
	type Db
} from './connection';
import { migrateDatabase } from './migrate';
import { sqliteKinds } from './column-kinds';
import * as sqliteSchema from './schema';
import * as postgresSchema from './schema-postgres';
import { defineTables } from './tables';
import { appendUpdatePrepared } from '../documents/update-log';

const tableNames = Object.keys(defineTables(sqliteKinds)).sort();

/**
 * The PostgreSQL dialect on a real server (a throwaway cluster): the committed migrations create
 * what `schema-postgres.ts` describes, every column kind comes back as the same JavaScript value
 * as from SQLite, and write transactions keep SQLite's order across processes.
 */
describe('PostgreSQL', () => {
	let cluster: PostgresCluster;
	/** Two pools, as two app processes have. */
	let first: Db;
	let second: Db;
	const client = () => first.$client as unknown as postgres.Sql;

	beforeAll(async () => {
		cluster = await startPostgres();
		first = openPostgres(cluster.tcpUrl);
		second = openPostgres(cluster.tcpUrl);
		// Both processes start at once: they take turns, and the second finds nothing to do.
		await Promise.all([
			migrateDatabase(first, resolve('drizzle-postgres')),
			migrateDatabase(second, resolve('drizzle-postgres'))
		]);
	}, 60_000);

	afterAll(async () => {
		if (first) await closeDatabase(first);
		if (second) await closeDatabase(second);
		cluster?.stop();
	});
	it('creates every table with the columns of the schema', async () => {
		const rows = await client()<{ table: string; column: string; nullable: string }[]>`
			select table_name as table, column_name as column, is_nullable as nullable
			from information_schema.columns where table_schema = 'public'`;
		for (const name of tableNames) {
			const table = (postgresSchema as unknown as Record<string, PgTable>)[name]!;
			const inDatabase = rows
				.filter((row) => row.table === getTableName(table))
				.map((row) => ({ name: row.column, notNull: row.nullable === 'NO' }))
				.sort((a, b) => a.name.localeCompare(b.name));
			const described = Object.values(getTableColumns(table))
				.map((column) => ({ name: column.name, notNull: column.notNull || column.primary }))
				.sort((a, b) => a.name.localeCompare(b.name));
			expect(inDatabase, name).toEqual(described);
		}
	});

	it('gives every column kind back as SQLite gives it', async () => {
		const pg = first;
		const lite = createTestDatabase();
		try {
			const p = postgresSchema;
			const s = sqliteSchema;
			const user = {
				id: 'u1',
				email: 'paula@example.org',
				displayName: 'Paula',
				passwordHash: 'x',
				isAdmin: true,
				emailConfirmedAt: new Date(Date.UTC(2026, 11, 7, 9, 30, 15, 123))
			};
			const agenda = {
				id: 'a1',
				slug: 'beispiel',
				title: 'Digitale Agenda',
				municipality: 'Beispielstadt',
				periodStart: 2026,
				periodEnd: 2030
			};
			const update = Buffer.from([0, 1, 2, 255]);
			const details = { geändert: ['titel'], anzahl: 3, leer: null };

			await pg.insert(p.users).values(user);
			await pg.insert(p.agendas).values(agenda);
			const [pgLog] = await pg
				.insert(p.docUpdates)
				.values({ agendaId: 'a1', seq: 1, update })
				.returning({ seq: p.docUpdates.seq });
			await pg.insert(p.auditLog).values({ action: 'test', agendaId: 'a1', details });
			await lite.db.insert(s.users).values(user);
			await lite.db.insert(s.agendas).values(agenda);
			const [liteLog] = await lite.db
				.insert(s.docUpdates)
				.values({ agendaId: 'a1', seq: 1, update })
				.returning({ seq: s.docUpdates.seq });
			await lite.db.insert(s.auditLog).values({ action: 'test', agendaId: 'a1', details });

			expect(pgLog).toEqual(liteLog);
			const withoutCreation = <T extends { createdAt?: Date; at?: Date }>(rows: T[]) =>
				rows.map((row) => {
					const copy: Partial<T> = { ...row };
					expect(row.createdAt ?? row.at).toBeInstanceOf(Date);
					delete copy.createdAt;
					delete copy.at;
					return copy;
				});
			expect(withoutCreation(await pg.select().from(p.users))).toEqual(
				withoutCreation(await lite.db.select().from(s.users))
			);
			expect(withoutCreation(await pg.select().from(p.agendas))).toEqual(
				withoutCreation(await lite.db.select().from(s.agendas))
			);
			expect(withoutCreation(await pg.select().from(p.docUpdates))).toEqual(
				withoutCreation(await lite.db.select().from(s.docUpdates))
			);
			expect(withoutCreation(await pg.select().from(p.auditLog))).toEqual(
				withoutCreation(await lite.db.select().from(s.auditLog))
			);
		} finally {
			await lite.dispose();
		}
	});

	describe('inTransaction', () => {
		const p = postgresSchema;
		const counter = async (db: Db) => {
			const [row] = await db.select().from(p.settings).where(eq(p.settings.key, 'zaehler'));
			return Number(row?.value ?? 0);
		};
		const increment = (db: Db) =>
			inTransaction(db, async (tx) => {
				const [row] = await tx.select().from(p.settings).where(eq(p.settings.key, 'zaehler'));
				const next = Number(row?.value ?? 0) + 1;
				await tx
					.insert(p.settings)
					.values({ key: 'zaehler', value: String(next) })
					.onConflictDoUpdate({ target: p.settings.key, set: { value: String(next) } });
				return next;
			});

		it('runs read-then-write transactions of two processes one after the other', async () => {
			await first.delete(p.settings);
			const results = await Promise.all(
				Array.from({ length: 30 }, (_, index) => increment(index % 2 ? first : second))
			);
			// Without the write lock, two would read the same value and one increment would be lost.
			expect([...results].sort((a, b) => a - b)).toEqual(
				Array.from({ length: 30 }, (_, index) => index + 1)
			);
			expect(await counter(second)).toBe(30);
		});

		it('rolls back everything when its work throws', async () => {
			await first.delete(p.settings);
			await expect(
				inTransaction(first, async (tx) => {
					await tx.insert(p.settings).values({ key: 'zaehler', value: '7' });
					throw new Error('abgebrochen');
				})
			).rejects.toThrow('abgebrochen');
			expect(await counter(second)).toBe(0);
		});

		it('refuses a transaction inside a transaction', async () => {
			await first.delete(p.settings);
			await expect(
				inTransaction(first, async (tx) => {
					await tx.insert(p.settings).values({ key: 'zaehler', value: '1' });
					await inTransaction(first, async (inner) => inner.select().from(p.settings));
				})
			).rejects.toThrow(NESTED_TRANSACTION);
			expect(await counter(first)).toBe(0);
		});

		it('keeps no advisory lock after commit or rollback', async () => {
			const [row] = await client()<{ held: number }[]>`
				select count(*)::int as held from pg_locks where locktype = 'advisory'`;
			expect(row?.held).toBe(0);
			// A plain statement outside a transaction still works on both pools.
			expect(await counter(second)).toBe(0);
		});
	});

	it('gives two processes appending to one document at once every number once', async () => {
		// Both take the same next number again and again: the second waits for the first's commit
		// and must try the next number, not fail (docs/architecture.md §3.1).
		const agendaId = 'zwei-schreiber';
		await first.insert(postgresSchema.agendas).values({
			id: agendaId,
			slug: agendaId,
			title: 'Digitale Agenda',
			municipality: 'Beispielstadt',
			periodStart: 2026,
			periodEnd: 2030
		});
		const numbers = await Promise.all(
			Array.from({ length: 40 }, (_, index) =>
				appendUpdatePrepared(index % 2 ? first : second, agendaId, new Uint8Array([index]))
			)
		);
		// This test process's tables are SQLite's (no DATABASE_URL): the bigint comes back as text.
		expect(numbers.map(Number).toSorted((x, y) => x - y)).toEqual(
			Array.from({ length: 40 }, (_, index) => index + 1)
		);
	});
});
