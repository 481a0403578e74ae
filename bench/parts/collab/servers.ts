/**
 * The three servers the same workload runs against, each in its own process: Agendawerk's
 * production entry over `build/`, the y-websocket reference server (`y-websocket@1.5.4`,
 * `bin/server.js`) and Hocuspocus 4. Each says how to reach a document for a given editor.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DEMO, login, myAgendas } from '../../../tests/support/http';
import { startTestServer } from '../../../tests/support/server';
import type { Endpoint } from './light-editor';
import { MANY_PEOPLE_FEW_ACCOUNTS } from '../../lib/server-env';

export type ServerName = 'Agendawerk' | 'y-websocket 1.5.4' | 'Hocuspocus 4';

export interface BenchServer {
	name: ServerName;
	pid: number;
	/** How editor number `editor` reaches the document of round `round`. */
	endpoint(round: string, editor: number): Endpoint;
	stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * Agendawerk with the demo seeded. The editors share the sessions of the demo accounts that may
 * edit the demo agenda (one cookie serves many sockets, as with many tabs); all type into the
 * one demo agenda, which is persisted and compacted as in production. `env` is for experiments
 * (e.g. `NODE_OPTIONS: '--cpu-prof'`, another `COLLAB_COMPACT_AFTER`).
 */
export async function startAgendawerk(env: Record<string, string> = {}): Promise<BenchServer> {
	const server = await startTestServer({ ...MANY_PEOPLE_FEW_ACCOUNTS, ...env });
	try {
		const accounts = [DEMO.admin, DEMO.editor, DEMO.editor2];
		const cookies = await Promise.all(accounts.map((email) => login(server.url, email)));
		const listing = await myAgendas(server.url, cookies[1] ?? '');
		const agenda = listing.find((entry) => entry.role === 'editor' || entry.role === 'owner');
		if (!agenda) throw new Error('Demo-Agenda für ag1@ nicht gefunden');
		const url = new URL(server.url);
		return {
			name: 'Agendawerk',
			pid: server.pid,
			endpoint: (_round, editor) => ({
				host: url.hostname,
				port: Number(url.port),
				path: `/collab/${agenda.id}`,
				headers: { Cookie: cookies[editor % cookies.length] ?? '', Origin: server.url },
				dialect: { documentPrefix: null }
			}),
			stop: () => server.stop()
		};
	} catch (error) {
		await server.stop();
		throw error;
	}
}

/** The protocol's reference server, without persistence (no YPERSISTENCE). */
export async function startYWebsocket(): Promise<BenchServer> {
	const port = await freePort();
	const child = spawn(process.execPath, ['node_modules/y-websocket-v1/bin/server.js'], {
		env: { ...process.env, HOST, PORT: String(port) },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	await waitForOutput(child, /running at/);
	return {
		name: 'y-websocket 1.5.4',
		pid: child.pid ?? 0,
		endpoint: (round) => ({
			host: HOST,
			port,
			path: `/bench-${round}`,
			headers: {},
			dialect: { documentPrefix: null }
		}),
		stop: () => stopChild(child)
	};
}

export async function startHocuspocus(): Promise<BenchServer> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'bench/parts/collab/hocuspocus-server.ts'],
		{ env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] }
	);
	const match = await waitForOutput(child, /listening (\d+)/);
	const port = Number(match[1]);
	return {
		name: 'Hocuspocus 4',
		pid: child.pid ?? 0,
		// The provider connects to the server root and names the document in every frame.
		endpoint: (round) => ({
			host: HOST,
			port,
			path: '/',
			headers: {},
			dialect: { documentPrefix: `bench-${round}` }
		}),
		stop: () => stopChild(child)
	};
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, HOST, () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
	return new Promise((resolve, reject) => {
		let output = '';
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`Server startete nicht:\n${output}`));
		}, 30_000);
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const match = pattern.exec(output);
			if (match) {
				clearTimeout(timer);
				resolve(match);
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`Server beendet mit ${code}:\n${output}`));
		});
	});
}

async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((done) => child.once('exit', done));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
	await exited;
	clearTimeout(timer);
}
