/**
 * The servers the same workload runs against, each in its own process(es): Agendawerk's
 * production entry over `build/`, the y-websocket reference server (`y-websocket@1.5.4`,
 * `bin/server.js`) and Hocuspocus 4 (alone, or several processes with its Redis extension).
 * Each says how to reach a document for a given editor.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DEMO, login } from '../../../tests/support/http';
import { DEMO_SLUG } from '../../../tests/support/participation';
import { copyAgendaIn } from '../../lib/copy-agenda';
import { startTestServer, type TestServer } from '../../../tests/support/server';
import type { Endpoint } from './light-editor';
import { MANY_PEOPLE_FEW_ACCOUNTS } from '../../lib/server-env';

export interface BenchServer {
	/** As the table names the row, e.g. „Agendawerk“ or „Hocuspocus 4 + Redis, 2 Prozesse“. */
	name: string;
	/** The processes that serve the editors; a round samples the CPU and memory of each. */
	pids: number[];
	/** Gives round `round` a document of its own, before anyone connects (if the server needs that). */
	prepareRound?(round: string): Promise<void>;
	/** How editor number `editor` reaches the document of round `round`. */
	endpoint(round: string, editor: number): Endpoint;
	stop(): Promise<void>;
}

const HOST = '127.0.0.1';

/**
 * Agendawerk with the demo seeded. Each round types into a copy of the demo agenda of its own,
 * made with its members before the round (the reference servers, too, start each round on a new
 * document): a Yjs transaction costs time with every client id the document has seen, and one
 * agenda for all rounds had made the 200 editors pay for the 160 of the rounds before. The
 * editors share the sessions of the demo accounts that may edit the demo agenda (one cookie
 * serves many sockets, as with many tabs); the copies are persisted and compacted as in
 * production. `env` is for experiments (e.g. `NODE_OPTIONS: '--cpu-prof'`, another
 * `COLLAB_COMPACT_AFTER`).
 */
export async function startAgendawerk(env: Record<string, string> = {}): Promise<BenchServer> {
	const server = await startTestServer({ ...MANY_PEOPLE_FEW_ACCOUNTS, ...env });
	try {
		return await agendawerkOn('Agendawerk', [server], () => server.stop());
	} catch (error) {
		await server.stop();
		throw error;
	}
}

/**
 * Running Agendawerk processes (one, or several on one database) as one bench server: editor i
 * talks to process i mod n. Sessions live in the database, so the cookies of a login at the
 * first process are valid at every process. `stop` ends whatever the caller started.
 */
export async function agendawerkOn(
	name: string,
	processes: readonly TestServer[],
	stop: () => Promise<void>
): Promise<BenchServer> {
	const first = processes[0];
	if (!first) throw new Error('Kein Agendawerk-Prozess');
	const accounts = [DEMO.admin, DEMO.editor, DEMO.editor2];
	const cookies = await Promise.all(accounts.map((email) => login(first.url, email)));
	const agendaOf = new Map<string, string>();
	return {
		name,
		pids: processes.map((app) => app.pid),
		async prepareRound(round) {
			agendaOf.set(round, await copyAgendaIn(first.database, DEMO_SLUG, `bench-${round}`));
		},
		endpoint: (round, editor) => {
			const agendaId = agendaOf.get(round);
			if (!agendaId) throw new Error(`Runde ${round} ohne Agenda (prepareRound fehlt)`);
			const app = processes[editor % processes.length] ?? first;
			const url = new URL(app.url);
			return {
				host: url.hostname,
				port: Number(url.port),
				path: `/collab/${agendaId}`,
				headers: { Cookie: cookies[editor % cookies.length] ?? '', Origin: app.url },
				dialect: { documentPrefix: null }
			};
		},
		stop
	};
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
		pids: [child.pid ?? 0],
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

/** Hocuspocus 4 in one process, without extensions. */
export function startHocuspocus(): Promise<BenchServer> {
	return startHocuspocusProcesses('Hocuspocus 4', 1, {});
}

/**
 * `processes` Hocuspocus 4 processes sharing one redis-server through `@hocuspocus/extension-redis`
 * (its way to run several): editor i talks to process i mod n.
 */
export function startHocuspocusWithRedis(
	name: string,
	processes: number,
	redis: { host: string; port: number }
): Promise<BenchServer> {
	return startHocuspocusProcesses(name, processes, {
		REDIS_HOST: redis.host,
		REDIS_PORT: String(redis.port)
	});
}

async function startHocuspocusProcesses(
	name: string,
	count: number,
	env: Record<string, string>
): Promise<BenchServer> {
	// Side by side: each process starts on its own (the Redis extension finds the others later).
	const outcomes = await Promise.allSettled(
		Array.from({ length: count }, async () => {
			const child = spawn(
				process.execPath,
				['--import', 'tsx', 'bench/parts/collab/hocuspocus-server.ts'],
				{ env: { ...process.env, ...env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] }
			);
			const match = await waitForOutput(child, /listening (\d+)/);
			return { child, port: Number(match[1]) };
		})
	);
	const started = outcomes.flatMap((outcome) =>
		outcome.status === 'fulfilled' ? [outcome.value] : []
	);
	const stop = async () => {
		await Promise.all(started.map(({ child }) => stopChild(child)));
	};
	const failed = outcomes.find((outcome) => outcome.status === 'rejected');
	if (failed) {
		await stop();
		throw failed.reason;
	}
	return {
		name,
		pids: started.map(({ child }) => child.pid ?? 0),
		// The provider connects to the server root and names the document in every frame.
		endpoint: (round, editor) => ({
			host: HOST,
			port: started[editor % started.length]?.port ?? 0,
			path: '/',
			headers: {},
			dialect: { documentPrefix: `bench-${round}` }
		}),
		stop
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
