import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestServer {
	/** e.g. `http://localhost:43817`, without a trailing slash */
	url: string;
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
	/** Reuse this database file (a restart); it is then not deleted on `stop()`. */
	databasePath?: string;
}

/**
 * Starts the production entry (`server/index.ts` over `build/`) on a free port with its own
 * SQLite file in a temp dir, and resolves once it prints its URL. Run `npm run build` first.
 */
export async function startTestServer(
	env: Record<string, string> = {},
	options: Omit<TestServerOptions, 'env'> = {}
): Promise<TestServer> {
	const dir = options.databasePath ? null : mkdtempSync(join(tmpdir(), 'agendawerk-server-'));
	const databasePath = options.databasePath ?? join(dir ?? '', 'agendawerk.db');
	const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: '0',
			HOST: '127.0.0.1',
			DATABASE_PATH: databasePath,
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
		databasePath,
		pid: child.pid ?? 0,
		output: () => output,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise((done) => child.once('exit', done));
				child.kill('SIGTERM');
				await exited;
			}
			if (dir) rmSync(dir, { recursive: true, force: true });
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
