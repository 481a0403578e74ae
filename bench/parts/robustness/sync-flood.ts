/**
 * The sync-request flood of the audit: member sockets that never read send the 4-byte "send me
 * everything" (sync step 1) over and over. Each answer would be the whole document, queued for
 * a socket that never takes it. Measured: the server's memory, /healthz and a citizen page while
 * it runs, and how the sockets end.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { get, queryDatabase } from '../../../tests/support/http';
import type { TestServer } from '../../../tests/support/server';
import { sampleProcess } from '../../lib/process-stats';
import { summarize } from '../../lib/stats';
import { runInWorker } from './in-worker';
import { collabSocket, sleep } from './raw-peer';

export interface SyncFloodOptions {
	server: TestServer;
	agendaId: string;
	cookie: string;
	sockets: number;
	requestsPerSocket: number;
}

export interface SyncFloodResult {
	opened: number;
	refusedUpgrades: number;
	requestsSent: number;
	closes: Record<string, number>;
	rssBeforeMiB: number;
	rssPeakMiB: number;
	rssAfterMiB: number;
	health: ReturnType<typeof summarize>;
	citizenPage: ReturnType<typeof summarize>;
	seconds: number;
}

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());
/** messageSync, syncStep1, then the state vector with its length. */
const SYNC_STEP_1 = Uint8Array.from([0, 0, EMPTY_STATE_VECTOR.length, ...EMPTY_STATE_VECTOR]);

export async function syncFlood(options: SyncFloodOptions): Promise<SyncFloodResult> {
	const { server, agendaId, cookie } = options;
	const citizenPath = await citizenPathOf(server, agendaId);
	const rssBefore = sampleProcess(server.pid).rssBytes;
	let rssPeak = rssBefore;
	const rssTimer = setInterval(() => {
		rssPeak = Math.max(rssPeak, sampleProcess(server.pid).rssBytes);
	}, 20);
	const probes = probeLatency(server, citizenPath);
	const started = performance.now();
	// In a thread of its own: sending 30,000 frames held this thread (the honest editors' and the
	// probes') for 0.2 s, which the measurements then blamed on the server.
	const flood = await runInWorker<FloodSocketsResult>(
		new URL('./flood-worker.ts', import.meta.url),
		{
			url: server.url,
			agendaId,
			cookie,
			sockets: options.sockets,
			requestsPerSocket: options.requestsPerSocket
		} satisfies FloodSocketsOptions,
		'Sync-Flut'
	);
	const seconds = (performance.now() - started) / 1000;
	const latency = await probes.stop();
	clearInterval(rssTimer);
	await sleep(500);
	return {
		...flood,
		rssBeforeMiB: rssBefore / 2 ** 20,
		rssPeakMiB: rssPeak / 2 ** 20,
		rssAfterMiB: sampleProcess(server.pid).rssBytes / 2 ** 20,
		health: summarize(latency.health),
		citizenPage: summarize(latency.citizenPage),
		seconds
	};
}

/** Plain data only: it crosses into the flood's worker thread. */
export interface FloodSocketsOptions {
	url: string;
	agendaId: string;
	cookie: string;
	sockets: number;
	requestsPerSocket: number;
}

export type FloodSocketsResult = Pick<
	SyncFloodResult,
	'opened' | 'refusedUpgrades' | 'requestsSent' | 'closes'
>;

/**
 * The flooding sockets (run in flood-worker.ts): each sends its requests at once and never reads;
 * then waits until the server closed them all (or 5 s), a second more, and ends them.
 */
export async function floodSockets(options: FloodSocketsOptions): Promise<FloodSocketsResult> {
	const { url, agendaId, cookie } = options;
	const closes: Record<string, number> = {};
	let refusedUpgrades = 0;
	const sockets = await Promise.all(
		Array.from({ length: options.sockets }, () => openSilent(url, agendaId, cookie))
	);
	let requestsSent = 0;
	const ended: Promise<void>[] = [];
	for (const socket of sockets) {
		if (!socket) {
			refusedUpgrades++;
			continue;
		}
		ended.push(
			new Promise((resolve) =>
				socket.once('close', (code) => {
					closes[code] = (closes[code] ?? 0) + 1;
					resolve();
				})
			)
		);
		for (let index = 0; index < options.requestsPerSocket; index++) {
			if (socket.readyState !== WebSocket.OPEN) break;
			socket.send(SYNC_STEP_1);
			requestsSent++;
		}
	}
	// Until every socket was closed by the server, or a few seconds for those it keeps.
	await Promise.race([Promise.all(ended), sleep(5_000)]);
	await sleep(1_000);
	for (const socket of sockets) socket?.terminate();
	return { opened: sockets.filter(Boolean).length, refusedUpgrades, requestsSent, closes };
}

/** A member socket that never reads: the kernel's buffers fill, then the server's queue. */
function openSilent(base: string, agendaId: string, cookie: string): Promise<WebSocket | null> {
	const socket = collabSocket(base, `/collab/${agendaId}`, cookie);
	return new Promise((resolve) => {
		socket.once('open', () => {
			socket.pause();
			resolve(socket);
		});
		socket.once('unexpected-response', (_request, response) => {
			response.resume();
			socket.terminate();
			resolve(null);
		});
		socket.once('error', () => resolve(null));
	});
}

async function citizenPathOf(server: TestServer, agendaId: string): Promise<string> {
	const [agenda] = await queryDatabase<{ slug: string }>(
		server.databasePath,
		'SELECT slug FROM agendas WHERE id = ?',
		agendaId
	);
	return `/beteiligung/${agenda?.slug ?? ''}`;
}

/**
 * Requests what the flood's probes will, a few times, before anything is measured. A fresh
 * process loads a route's modules and compiles its code at the first requests: 0.3 s of its
 * event loop for the citizen page, which fell into the flood and was counted against it.
 */
export async function warmProbedPages(server: TestServer, agendaId: string): Promise<void> {
	const citizenPath = await citizenPathOf(server, agendaId);
	for (let round = 0; round < WARM_UP_ROUNDS; round++) {
		await get(server.url, '/healthz');
		await get(server.url, citizenPath);
	}
}

const WARM_UP_ROUNDS = 5;

/** /healthz and a citizen page, one request after the other, each timed. */
function probeLatency(server: TestServer, citizenPath: string) {
	const samples = { health: [] as number[], citizenPage: [] as number[] };
	let running = true;
	const loop = async (path: string, into: number[]) => {
		while (running) {
			const started = performance.now();
			await get(server.url, path);
			into.push(performance.now() - started);
			await sleep(50);
		}
	};
	const loops = [loop('/healthz', samples.health), loop(citizenPath, samples.citizenPage)];
	return {
		async stop() {
			running = false;
			await Promise.all(loops);
			return samples;
		}
	};
}
