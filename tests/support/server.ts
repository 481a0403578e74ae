import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	createPostgresDatabase,
	dropPostgresDatabase,
	isPostgresLocator,
	testDialect
} from './database';

export interface TestServer {
	/** e.g. `http://localhost:43817`, without a trailing slash */
	url: string;
	/** Its database: the SQLite file, or on PostgreSQL its URL (for `withDatabase`). */
	database: string;
	/** The same as `database` (kept for the SQLite-bound tests that read the file itself). */
	databasePath: string;
	/** The server process, e.g. to sample its CPU and memory. */
	pid: number;
	/** Everything the server printed so far. */
	output(): string;
	/** SIGTERM, wait for the exit, delete the temporary directory. */
	stop(): Promise<void>;
	/** Kills the process with `signal` (e.g. SIGKILL) and keeps the database for a restart. */
	kill(signal: NodeJS.Signals): Promise<void>;
}

export interface TestServerOptions {
	env?: Record<string, string>;
	/** Reuse this database (a restart): its file or URL; it is then not deleted on `stop()`. */
	database?: string;
}

/**
 * Starts the production entry (`build/agendawerk.js`, the bundled `server/index.ts`) on a free
 * port with its own database, and resolves once it prints its URL. Run `npm run build` first
 * (a change in `server/` or `src/lib` counts only then). The database is a SQLite file in a
 * temp dir, or on PostgreSQL (the `-pg` projects) an empty database of its own that the server
 * migrates and seeds itself, as in production.
 */
export async function startTestServer(
	env: Record<string, string> = {},
	options: Omit<TestServerOptions, 'env'> = {}
): Promise<TestServer> {
	const onPostgres = testDialect() === 'postgres';
	// A database given in `env` (several processes on one cluster) is the caller's, as is one
	// given in `options`: `database` then names it, whatever this process's own dialect.
	const given = options.database ?? env.DATABASE_URL;
	const owned = !given;
	const dir = owned && !onPostgres ? mkdtempSync(join(tmpdir(), 'agendawerk-server-')) : null;
	const database =
		given ?? (onPostgres ? createPostgresDatabase('template0') : join(dir ?? '', 'agendawerk.db'));
	const databaseEnv: Record<string, string> = isPostgresLocator(database)
		? { DATABASE_URL: database }
		: { DATABASE_PATH: database };
	const child: ChildProcess = spawn(process.execPath, ['build/agendawerk.js'], {
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: '0',
			HOST: '127.0.0.1',
			...databaseEnv,
			// Tests change the database behind the server's back and read the pages right after;
			// the public page cache is switched on where it is tested (public-cache.test.ts).
			PUBLIC_PAGE_CACHE_MS: '0',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const url = await new Promise<string>((resolveUrl, reject) => {
		const timer = setTimeout(() => reject(new Error(`Server startete nicht:\n${output}`)), 45_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const match = /läuft auf (http:\/\/\S+)/.exec(output);
			if (match?.[1]) {
				clearTimeout(timer);
				resolveUrl(match[1].replace('localhost', '127.0.0.1'));
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`Server beendet mit ${code}:\n${output}`));
		});
	});
	return {
		url,
		database,
		databasePath: database,
		pid: child.pid ?? 0,
		output: () => output,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise((done) => child.once('exit', done));
				child.kill('SIGTERM');
				await exited;
			}
			if (dir) rmSync(dir, { recursive: true, force: true });
			if (owned && onPostgres) await dropPostgresDatabase(database);
		},
		async kill(signal) {
			if (child.exitCode !== null || child.signalCode !== null) return;
			const exited = new Promise((done) => child.once('exit', done));
			child.kill(signal);
			await exited;
		}
	};
}

/** A port free right now, for a server whose ORIGIN must be known before it starts. */
export function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}
