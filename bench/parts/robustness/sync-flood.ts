/**
 * The sync-request flood of the audit: member sockets that never read send the 4-byte "send me
 * everything" (sync step 1) over and over. Each answer would be the whole document, queued for
 * a socket that never takes it. Measured: the server's memory while it runs and how the sockets
 * end (the hostile part probes /healthz and a citizen page around it, see probes.ts).
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { TestServer } from '../../../tests/support/server';
import { sampleProcess } from '../../lib/process-stats';
import { runInWorker } from '../../lib/in-worker';
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
	seconds: number;
}

const EMPTY_STATE_VECTOR = Y.encodeStateVector(new Y.Doc());
/** messageSync, syncStep1, then the state vector with its length. */
const SYNC_STEP_1 = Uint8Array.from([0, 0, EMPTY_STATE_VECTOR.length, ...EMPTY_STATE_VECTOR]);

export async function syncFlood(options: SyncFloodOptions): Promise<SyncFloodResult> {
	const { server, agendaId, cookie } = options;
	const rssBefore = sampleProcess(server.pid).rssBytes;
	let rssPeak = rssBefore;
	const rssTimer = setInterval(() => {
		rssPeak = Math.max(rssPeak, sampleProcess(server.pid).rssBytes);
	}, 20);
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
	clearInterval(rssTimer);
	await sleep(500);
	return {
		...flood,
		rssBeforeMiB: rssBefore / 2 ** 20,
		rssPeakMiB: rssPeak / 2 ** 20,
		rssAfterMiB: sampleProcess(server.pid).rssBytes / 2 ** 20,
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
