import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { getTableConfig as getPgTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { getTableConfig as getSqliteTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { resolve } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresCluster } from '../../../../tests/support/postgres';
import { createTestDatabase } from '../../../../tests/support/database';
import { postgresKinds, sqliteKinds } from './column-kinds';
import type { Db } from './connection';
import * as sqliteSchema from './schema';
import * as postgresSchema from './schema-postgres';
import { defineTables } from './tables';

const tableNames = Object.keys(defineTables(sqliteKinds)).sort();

function exportedTables(module: Record<string, unknown>): string[] {
	return tableNames.filter((name) => name in module);
}

/** What a column means to the app, the same in both dialects. */
function describeColumns(table: Table) {
	return Object.entries(getTableColumns(table)).map(([key, column]) => ({
		key,
		name: column.name,
		notNull: column.notNull,
		primary: column.primary,
		hasDefault: column.hasDefault,
		unique: column.isUnique,
		enumValues: column.enumValues ?? null
	}));
}

describe('one schema for SQLite and PostgreSQL', () => {
	it('exports every table from both dialect modules', () => {
		expect(tableNames.length).toBeGreaterThan(20);
		expect(exportedTables(sqliteSchema)).toEqual(tableNames);
		expect(exportedTables(postgresSchema)).toEqual(tableNames);
	});

	it.each(tableNames)('%s has the same columns, keys, indexes and checks in both', (name) => {
		const sqliteTable = (sqliteSchema as unknown as Record<string, SQLiteTable>)[name]!;
		const pgTable = (postgresSchema as unknown as Record<string, PgTable>)[name]!;
		expect(getTableName(pgTable)).toBe(getTableName(sqliteTable));
		expect(describeColumns(pgTable)).toEqual(describeColumns(sqliteTable));

		const lite = getSqliteTableConfig(sqliteTable);
		const pg = getPgTableConfig(pgTable);
		const keys = (config: { primaryKeys: { columns: { name: string }[] }[] }) =>
			config.primaryKeys.map((key) => key.columns.map((column) => column.name));
		expect(keys(pg)).toEqual(keys(lite));
		const references = (config: {
			foreignKeys: {
				reference(): { columns: { name: string }[]; foreignTable: Table };
				onDelete?: string;
			}[];
		}) =>
			config.foreignKeys.map((key) => {
				const reference = key.reference();
				return {
					columns: reference.columns.map((column) => column.name),
					table: getTableName(reference.foreignTable),
					onDelete: key.onDelete
				};
			});
		expect(references(pg)).toEqual(references(lite));
		expect(
			pg.indexes.map((index) => ({
				name: index.config.name,
				unique: index.config.unique,
				columns: index.config.columns.map((column) => ('name' in column ? column.name : '?'))
			}))
		).toEqual(
			lite.indexes.map((index) => ({
				name: index.config.name,
				unique: index.config.unique,
				columns: index.config.columns.map((column) => ('name' in column ? column.name : '?'))
			}))
		);
		expect(pg.checks.map((check) => check.name)).toEqual(lite.checks.map((check) => check.name));
	});

	it('keeps PostgreSQL’s kinds apart from SQLite’s at run time', () => {
		expect(postgresKinds).not.toBe(sqliteKinds);
		expect(postgresSchema.users).not.toBe(sqliteSchema.users);
	});
});

/**
 * The committed PostgreSQL migrations on a real server: they create what `schema-postgres.ts`
 * describes, and every column kind comes back as the same JavaScript value as from SQLite.
 */
describe('PostgreSQL migrations', () => {
	let cluster: PostgresCluster;
	let client: postgres.Sql;

	beforeAll(async () => {
		cluster = await startPostgres();
		client = postgres(cluster.tcpUrl, { onnotice: () => {} });
		await migrate(drizzle(client), { migrationsFolder: resolve('drizzle-postgres') });
	}, 60_000);

	afterAll(async () => {
		await client?.end();
		cluster?.stop();
	});

	it('creates every table with the columns of the schema', async () => {
		const rows = await client<{ table: string; column: string; nullable: string }[]>`
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
		// As the app will use it: PostgreSQL's tables are typed as SQLite's, so is the connection.
		const pg = drizzle(client) as unknown as Db;
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
				.values({ agendaId: 'a1', update })
				.returning({ seq: p.docUpdates.seq });
			await pg.insert(p.auditLog).values({ action: 'test', agendaId: 'a1', details });
			await lite.db.insert(s.users).values(user);
			await lite.db.insert(s.agendas).values(agenda);
			const [liteLog] = await lite.db
				.insert(s.docUpdates)
				.values({ agendaId: 'a1', update })
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
			lite.dispose();
		}
	});
});
