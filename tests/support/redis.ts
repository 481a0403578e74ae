/**
 * A throwaway redis-server for the real-server tests and the benchmarks: a free TCP port on
 * 127.0.0.1 and a unix socket in a temp dir, no persistence (neither RDB snapshots nor an
 * append-only file: it carries only fleeting messages). `stop()` ends it and removes the dir.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

export interface RedisServer {
	port: number;
	socketPath: string;
	/** redis://127.0.0.1:port */
	url: string;
	stop(): Promise<void>;
}

export function redisInstalled(): boolean {
	return spawnSync('redis-server', ['--version']).status === 0;
}

/**
 * Starts redis-server and resolves once it accepts connections (it says so on stdout). With
 * `port`, on that port: a restart of a stopped server, which clients reconnect to.
 */
export async function startRedis(options: { port?: number } = {}): Promise<RedisServer> {
	const dir = mkdtempSync(join(tmpdir(), 'agendawerk-redis-'));
	const port = options.port ?? (await freePort());
	const socketPath = join(dir, 'redis.sock');
	const child = spawn(
		'redis-server',
		[
			...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
			...['--unixsocket', socketPath, '--unixsocketperm', '700'],
			...['--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'notice']
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] }
	);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			await exited;
		}
		rmSync(dir, { recursive: true, force: true });
	};
	try {
		await new Promise<void>((resolve, reject) => {
			let output = '';
			const timer = setTimeout(
				() => reject(new Error(`redis-server startet nicht: ${output}`)),
				10_000
			);
			child.stdout.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes('Ready to accept connections')) {
					clearTimeout(timer);
					resolve();
				}
			});
			child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
			child.once('error', (error) => {
				clearTimeout(timer);
				reject(error);
			});
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`redis-server endete mit ${code}: ${output}`));
			});
		});
	} catch (error) {
		await stop();
		throw error;
	}
	child.stdout.resume();
	return { port, socketPath, url: `redis://127.0.0.1:${port}`, stop };
}
