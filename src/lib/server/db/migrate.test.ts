import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDialect } from '../../../../tests/support/database';
import { openDatabase, type Db } from './connection';
import { migrateSqlite } from './migrate';

const DAY = 24 * 60 * 60 * 1000;

/**
 * Migrations run on databases that were written before them. Each test brings a database to the
 * state before one migration, writes rows as the app did then, and applies the rest.
 */
// SQLite's migration history (`drizzle/`), on a file written as the app did before a migration,
// in that day's schema (hence raw SQL); PostgreSQL's history starts after these migrations.
describe.runIf(testDialect() === 'sqlite')('migrations of existing data', () => {
	let dir: string;
	let db: Db;

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'agendawerk-migrate-'));
		db = openDatabase(join(dir, 'agendawerk.db'));
	});

	afterEach(() => {
		db.$client.close();
		rmSync(dir, { recursive: true, force: true });
	});

	/** Applies the committed migrations before the one tagged `tag`. */
	function migrateUntil(tag: string): void {
		const folder = join(dir, 'drizzle');
		cpSync(resolve('drizzle'), folder, { recursive: true });
		const journalPath = join(folder, 'meta', '_journal.json');
		const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
			entries: { tag: string }[];
		};
		const index = journal.entries.findIndex((entry) => entry.tag === tag);
		if (index < 0) throw new Error(`no migration ${tag}`);
		journal.entries = journal.entries.slice(0, index);
		writeFileSync(journalPath, JSON.stringify(journal));
		migrateSqlite(db, folder);
	}

	it('0003 ends a round where the next one began, as citizens saw it', () => {
		migrateUntil('0003_rounds');
		const run = (statement: string, ...params: unknown[]) =>
			db.$client.prepare(statement).run(...params);
		const now = Date.UTC(2026, 5, 1);
		run(
			`INSERT INTO users (id, email, display_name, password_hash) VALUES ('u', 'u@example.org', 'U', 'x')`
		);
		run(
			`INSERT INTO agendas (id, slug, title, municipality, period_start, period_end, status, visibility)
			 VALUES ('a', 'a', 'A', 'M', 2026, 2030, 'draft', 'public')`
		);
		for (const [number, startsAt, endsAt] of [
			[1, now - 30 * DAY, now + 30 * DAY],
			[2, now - 10 * DAY, now + 50 * DAY],
			[3, now + 60 * DAY, now + 90 * DAY]
		]) {
			run(
				`INSERT INTO versions (id, agenda_id, number, name, content, state) VALUES (?, 'a', ?, 'F', '{}', x'00')`,
				`v${number}`,
				number
			);
			run(
				`INSERT INTO participation_phases (id, agenda_id, version_id, starts_at, ends_at, moderation)
				 VALUES (?, 'a', ?, ?, ?, 'post')`,
				`p${number}`,
				`v${number}`,
				startsAt,
				endsAt
			);
		}

		migrateSqlite(db, resolve('drizzle'));

		const ends = db.$client
			.prepare('SELECT id, ends_at AS endsAt FROM participation_phases ORDER BY starts_at')
			.all();
		expect(ends).toEqual([
			{ id: 'p1', endsAt: now - 10 * DAY },
			{ id: 'p2', endsAt: now + 50 * DAY },
			{ id: 'p3', endsAt: now + 90 * DAY }
		]);
	});
});
