import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { getTableConfig as getPgTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as getSqliteTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { postgresKinds, sqliteKinds } from './column-kinds';
import * as sqliteSchema from './schema';
import * as postgresSchema from './schema-postgres';
import { defineTables } from './tables';

/**
 * SQLite's tables made here, not taken from `./schema`: that module has the tables of the
 * process's dialect, PostgreSQL's in the `-pg` projects, and the comparison needs SQLite's.
 */
const sqliteTables = defineTables(sqliteKinds);
const tableNames = Object.keys(sqliteTables).sort();

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
		const sqliteTable = (sqliteTables as unknown as Record<string, SQLiteTable>)[name]!;
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
