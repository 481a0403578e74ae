/**
 * A throwaway PostgreSQL cluster for the real-server tests and the benchmarks: `initdb` in a
 * temp dir, a free TCP port on 127.0.0.1 and a unix socket in the same temp dir, trust
 * authentication for the `postgres` role, `synchronous_commit` and `fsync` at their defaults (so
 * a commit costs what it costs in production). `stop()` shuts it down and removes everything.
 *
 * PostgreSQL refuses to run as root: as root, the server binaries run as the `postgres` system
 * user (`runuser`), which owns the temp dir; as anyone else they run as that user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { freePort } from './free-port';

export interface PostgresCluster {
	/** Unix socket directory (what libpq calls `host` for a socket connection). */
	socketDir: string;
	port: number;
	user: string;
	database: string;
	dataDir: string;
	/** postgres://…@127.0.0.1:port/db */
	tcpUrl: string;
	/** Shuts the server down (fast: sessions are ended) and keeps the data: an outage. */
	stopServer(): void;
	/** Starts the same data directory on the same port again. */
	startServer(): void;
	stop(): void;
}

/** Where the server binaries are (`pg_config --bindir`), or null when PostgreSQL is not installed. */
export function postgresBinDir(): string | null {
	const found = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
	const dir = found.status === 0 ? found.stdout.trim() : '';
	return dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')) ? dir : null;
}

/** Starts a fresh cluster; throws with PostgreSQL's own message if that fails. */
export async function startPostgres(): Promise<PostgresCluster> {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL ist nicht installiert (pg_config, initdb, pg_ctl)');
	const asRoot = process.getuid?.() === 0;
	const root = mkdtempSync(join(tmpdir(), 'agendawerk-pg-'));
	if (asRoot) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
		chownSync(root, uid, gid);
	}
	const run = (tool: string, args: string[]) => {
		const [command, fullArgs] = asRoot
			? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
			: [join(bin, tool), args];
		const result = spawnSync(command, fullArgs, { encoding: 'utf8' });
		if (result.status !== 0)
			throw new Error(`${tool} ist gescheitert: ${result.stderr || result.stdout}`);
	};
	const dataDir = join(root, 'data');
	const port = await freePort();
	const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1`;
	const startServer = () =>
		run('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(root, 'server.log'), '-w', 'start']);
	const stopServer = () => run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
	const stop = () => {
		if (existsSync(join(dataDir, 'postmaster.pid'))) {
			try {
				stopServer();
			} catch {
				// Already gone: the directory is removed either way.
			}
		}
		rmSync(root, { recursive: true, force: true });
	};
	try {
		run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
		startServer();
	} catch (error) {
		stop();
		throw error;
	}
	return {
		socketDir: root,
		port,
		user: 'postgres',
		database: 'postgres',
		dataDir,
		tcpUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
		stopServer,
		startServer,
		stop
	};
}

/** Creates an empty database in the cluster (for an app server to migrate) and returns its URL. */
export async function createDatabase(
	cluster: PostgresCluster,
	name = 'agendawerk'
): Promise<string> {
	const admin = postgres(cluster.tcpUrl, { onnotice: () => {}, max: 1 });
	try {
		await admin.unsafe(`create database "${name}"`);
	} finally {
		await admin.end();
	}
	return cluster.tcpUrl.replace(/\/postgres$/, `/${name}`);
}
