import { isPostgresLocator } from '../../tests/support/database';
import { runInWorker } from './in-worker';

/**
 * Copies the agenda `fromSlug` with its members to a new agenda `toSlug` in the database at
 * `locator` (a SQLite file or a PostgreSQL URL), with the app's own functions. In a thread of its
 * own whose environment names that database: the app's schema takes its dialect from
 * `DATABASE_URL` when it is loaded, and the bench's process has SQLite's while its servers may
 * run on PostgreSQL.
 */
export function copyAgendaIn(locator: string, fromSlug: string, toSlug: string): Promise<string> {
	const env = { ...process.env };
	if (isPostgresLocator(locator)) env.DATABASE_URL = locator;
	else delete env.DATABASE_URL;
	return runInWorker<string>(
		new URL('./copy-agenda-worker.ts', import.meta.url),
		{ locator, fromSlug, toSlug },
		'Agenda kopieren',
		env
	);
}
