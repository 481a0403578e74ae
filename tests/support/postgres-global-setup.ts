/**
 * Global setup of the `unit-pg` and `http-pg` projects (vite.config.ts): ONE throwaway cluster for
 * the whole run, with a template database migrated once (`agendawerk_template`), from which every
 * test database is copied (`createTestDatabase`). Migrating per test would cost more than the test.
 *
 * Both projects name this file; Vitest runs it once per project in the main process, so the
 * cluster lives on `globalThis` and the last teardown stops it.
 */
import { resolve } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { closeDatabase, openPostgres } from '../../src/lib/server/db/connection';
import { migrateDatabase } from '../../src/lib/server/db/migrate';
import { postgresBinDir, startPostgres, type PostgresCluster } from './postgres';

export const TEMPLATE_DATABASE = 'agendawerk_template';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The cluster's `postgres` database: where test databases are created and dropped. */
		postgresAdminUrl: string;
		/** The directory of psql (`pg_config --bindir`). */
		postgresBinDir: string;
	}
}

interface Shared {
	cluster: Promise<PostgresCluster>;
	users: number;
}

const key = Symbol.for('agendawerk.test-postgres');
const store = globalThis as unknown as Record<symbol, Shared | undefined>;

async function startWithTemplate(): Promise<PostgresCluster> {
	const cluster = await startPostgres();
	try {
		const admin = postgres(cluster.tcpUrl, { max: 1, onnotice: () => {} });
		try {
			await admin.unsafe(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
		} finally {
			await admin.end();
		}
		const template = openPostgres(withDatabaseName(cluster.tcpUrl, TEMPLATE_DATABASE), { max: 2 });
		try {
			await migrateDatabase(template, resolve('drizzle-postgres'));
		} finally {
			await closeDatabase(template);
		}
	} catch (error) {
		cluster.stop();
		throw error;
	}
	return cluster;
}

export function withDatabaseName(url: string, name: string): string {
	const parsed = new URL(url);
	parsed.pathname = `/${name}`;
	return parsed.toString();
}

export default async function setup(project: TestProject): Promise<() => void> {
	const bin = postgresBinDir();
	if (!bin) {
		// A silent skip would hide half of the suite: CI installs PostgreSQL, and so should you.
		throw new Error(
			`Projekt „${project.name}“ braucht PostgreSQL, das hier nicht installiert ist (pg_config, initdb, pg_ctl fehlen). ` +
				'Bitte das Paket „postgresql“ installieren (z. B. apt-get install postgresql) oder nur die SQLite-Projekte laufen lassen: vitest run --project unit --project http'
		);
	}
	let shared = store[key];
	if (!shared) {
		shared = { cluster: startWithTemplate(), users: 0 };
		store[key] = shared;
	}
	shared.users += 1;
	const cluster = await shared.cluster;
	project.provide('postgresAdminUrl', cluster.tcpUrl);
	project.provide('postgresBinDir', bin);
	return () => {
		const current = store[key];
		if (!current) return;
		current.users -= 1;
		if (current.users > 0) return;
		store[key] = undefined;
		cluster.stop();
	};
}
