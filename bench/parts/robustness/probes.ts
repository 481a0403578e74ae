/**
 * What people outside the collab notice while it is attacked: a load balancer's /healthz and a
 * citizen reading the participation page, each asked one request after the other and timed.
 * The hostile part runs them in every phase, the quiet one too: on two cores their own
 * requests (30 a second through SvelteKit) cost the honest editors a little, and a phase with
 * probes compared with one without measured the probes as well as the attack.
 */
import { get, queryDatabase } from '../../../tests/support/http';
import type { TestServer } from '../../../tests/support/server';
import { summarize } from '../../lib/stats';
import { sleep } from './raw-peer';

export interface ProbeResult {
	health: ReturnType<typeof summarize>;
	citizenPage: ReturnType<typeof summarize>;
}

/** The participation page of the agenda, as a citizen opens it. */
export async function citizenPathOf(server: TestServer, agendaId: string): Promise<string> {
	const [agenda] = await queryDatabase<{ slug: string }>(
		server.databasePath,
		'SELECT slug FROM agendas WHERE id = ?',
		agendaId
	);
	return `/beteiligung/${agenda?.slug ?? ''}`;
}

/**
 * Requests what the probes will, a few times, before anything is measured. A fresh process
 * loads a route's modules and compiles its code at the first requests: 0.3 s of its event loop
 * for the citizen page, which fell into whichever phase probed first.
 */
export async function warmProbedPages(server: TestServer, citizenPath: string): Promise<void> {
	for (let round = 0; round < WARM_UP_ROUNDS; round++) {
		await get(server.url, '/healthz');
		await get(server.url, citizenPath);
	}
}

const WARM_UP_ROUNDS = 5;
/** Between two requests of one probe. */
const PAUSE_MS = 50;

/** Starts both probes; `stop` ends them and returns their latencies. */
export function probeLatency(server: TestServer, citizenPath: string) {
	const samples = { health: [] as number[], citizenPage: [] as number[] };
	let running = true;
	const loop = async (path: string, into: number[]) => {
		while (running) {
			const started = performance.now();
			await get(server.url, path);
			into.push(performance.now() - started);
			await sleep(PAUSE_MS);
		}
	};
	const loops = [loop('/healthz', samples.health), loop(citizenPath, samples.citizenPage)];
	return {
		async stop(): Promise<ProbeResult> {
			running = false;
			await Promise.all(loops);
			return { health: summarize(samples.health), citizenPage: summarize(samples.citizenPage) };
		}
	};
}
