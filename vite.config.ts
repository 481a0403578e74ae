import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './paraglide.config.ts';
import { agendawerkDevServer } from './server/dev-plugin.ts';

/**
 * A test on PostgreSQL copies the migrated template (0.1–0.3 s) and talks to the database over a
 * socket: the demo seed (`createDemoDatabase`) is about 1000 round trips and 164 commits, which
 * took 3.5–8.5 s on a loaded two-core machine where SQLite's in-process calls took 1.5–2.7 s.
 * Vitest's 5 s and 10 s defaults then failed tests whose only fault was the busy machine.
 */
const POSTGRES_FIXTURE_TIMEOUTS = { testTimeout: 30_000, hookTimeout: 30_000 };

/**
 * The unit-pg files that reach what differs between the dialects: the connection, transactions
 * and migrations (db/**), leases, the numbered document log and its unique-violation retry, the
 * mail queue's claim, the collab server's persistence, the one raw `sql` with a bound time
 * (password reset) and the one with a raw count (moderation queue). `npm test` runs these on
 * PostgreSQL: on a loaded two-core machine all 76 files took 17 min 46 s, these 2 min 50 s (both
 * with the cluster's start). The rest runs the same drizzle builders on either database.
 */
export const DIALECT_SPECIFIC_UNIT_TESTS = [
	'src/lib/server/db/**/*.test.ts',
	'src/lib/server/leases.test.ts',
	'src/lib/server/documents/update-log.test.ts',
	'src/lib/server/mail/worker.test.ts',
	'server/collab/**/*.test.ts',
	'src/lib/server/accounts/password-reset.test.ts',
	'src/lib/server/participation/moderation.test.ts'
];

/**
 * The same for tests/http: the pages and APIs whose queries differ between the dialects (supports,
 * notifications and settings with `onConflict`, the mail queue, moderation and monitoring with
 * `sql` fragments, the document log through the collab server, the password reset's bound time).
 * 9 files, 92 tests: 97 s on a quiet two-core machine.
 */
export const DIALECT_SPECIFIC_HTTP_TESTS = [
	'tests/http/participation.test.ts',
	'tests/http/report.test.ts',
	'tests/http/notifications.test.ts',
	'tests/http/comment-notifications.test.ts',
	'tests/http/password-reset.test.ts',
	'tests/http/monitoring-team.test.ts',
	'tests/http/settings.test.ts',
	'tests/http/team-participation.test.ts',
	'tests/http/collab.test.ts'
];

/**
 * Never in the `-pg` projects: tests that start a PostgreSQL of their own (they run in `unit` and
 * `http` already), and the bench parts, which choose their databases themselves.
 */
const OWN_DATABASE_UNIT_TESTS = [
	'src/lib/server/db/postgres.test.ts',
	'src/lib/server/db/unavailable.test.ts',
	'src/lib/server/*.postgres.test.ts'
];
const OWN_DATABASE_HTTP_TESTS = [
	'tests/http/cluster-*.test.ts',
	'tests/http/postgres*.test.ts',
	'tests/http/bench-smoke.test.ts'
];

/**
 * `npm test` runs the dialect-specific files on PostgreSQL too; `AGENDAWERK_TEST_POSTGRES=all`
 * (`npm run test:pg`) runs every database-touching test there.
 */
const ALL_ON_POSTGRES = process.env.AGENDAWERK_TEST_POSTGRES === 'all';

export default defineConfig({
	plugins: [
		// Not under Vitest: its file watching kept every test run open ten seconds after the end
		// ("close timed out"); `npm run test:unit` compiles the messages first instead. Nor in the
		// test's `vite dev` (AGENDAWERK_MESSAGES_COMPILED): it would rewrite src/lib/paraglide
		// while the other tests' servers import from it.
		!process.env.VITEST &&
			!process.env.AGENDAWERK_MESSAGES_COMPILED &&
			paraglideVitePlugin(paraglideOptions),
		sveltekit(),
		agendawerkDevServer()
	],
	test: {
		// Only under Vitest: `vite build` and `vite dev` need no test sequencer.
		sequence: process.env.VITEST
			? { sequencer: (await import('./tests/support/long-files-first.ts')).LongFilesFirst }
			: {},
		projects: [
			unitProject('unit'),
			unitProject('unit-pg'),
			httpProject('http', 1),
			httpProject('http-pg', 2)
		]
	}
});

/**
 * The database-touching tests run twice: on SQLite as `npm start` runs, and on a throwaway
 * PostgreSQL (the `-pg` projects), so that one set of domain code and tests serves both. The
 * global setup starts one cluster for the run; the setup file points each worker at it before
 * the schema loads.
 */
function onPostgres(name: string) {
	return name.endsWith('-pg')
		? {
				globalSetup: ['tests/support/postgres-global-setup.ts'],
				setupFiles: ['tests/support/postgres-worker-setup.ts']
			}
		: {};
}

function unitProject(name: 'unit' | 'unit-pg') {
	return {
		extends: './vite.config.ts',
		test: {
			name,
			environment: 'node' as const,
			// Vitest's default on two cores is one worker: most of a file's time is importing its
			// modules, not running it, and two at a time took the unit group from 398 s to 272 s
			// (160 files). Each file keeps its own modules (the schema is chosen per dialect).
			maxWorkers: 2,
			// On PostgreSQL only what reaches the database: the rest does not change with it.
			include:
				name === 'unit'
					? ['src/**/*.test.ts', 'server/**/*.test.ts']
					: ALL_ON_POSTGRES
						? ['src/lib/server/**/*.test.ts', 'server/**/*.test.ts']
						: DIALECT_SPECIFIC_UNIT_TESTS,
			...(name === 'unit-pg'
				? { ...POSTGRES_FIXTURE_TIMEOUTS, exclude: OWN_DATABASE_UNIT_TESTS }
				: {}),
			...onPostgres(name)
		}
	};
}

function httpProject(name: 'http' | 'http-pg', groupOrder: number) {
	return {
		extends: './vite.config.ts',
		test: {
			name,
			environment: 'node' as const,
			include:
				name === 'http' || ALL_ON_POSTGRES
					? ['tests/http/**/*.test.ts']
					: DIALECT_SPECIFIC_HTTP_TESTS,
			...(name === 'http-pg' ? { exclude: OWN_DATABASE_HTTP_TESTS } : {}),
			// Each file starts its own production server; two at a time suit two cores.
			maxWorkers: 2,
			// Vitest 4 runs projects with different maxWorkers only in separate groups: the
			// unit tests (group 0) first, then these, so that `vitest run` runs all. Each HTTP
			// project has a group of its own, so that never more than two servers run at once.
			sequence: { groupOrder },
			testTimeout: 30_000,
			hookTimeout: 60_000,
			...onPostgres(name)
		}
	};
}
