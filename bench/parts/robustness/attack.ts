/**
 * The attackers of the hostile-input benchmark. They run in a worker thread of their own (see
 * attack-worker.ts), so that producing garbage does not delay the honest editors' event loop in
 * the main thread: their latency should show what the server does under attack.
 */
import WebSocket from 'ws';
import {
	EDITOR_KINDS,
	VIEWER_KINDS,
	generateFrame,
	sampleMessages,
	type FrameKind
} from './hostile-frames';
import { seededRandom } from './prng';
import { collabSocket, sleep } from './raw-peer';

/** How long an attacker waits for the server's reaction to one frame before sending the next. */
const FRAME_WAIT_MS = 30;

/** Plain data only: it crosses into a worker thread. */
export interface AttackOptions {
	url: string;
	agendaId: string;
	frameCount: number;
	attackerCount: number;
	cookies: { viewer: string; editor: string; citizen: string };
	seed: number;
	maxMessageBytes: number;
}

export interface AttackResult {
	framesSent: number;
	byKind: Partial<Record<FrameKind, number>>;
	/** Close codes the server sent to attackers, e.g. 1008: 4000. */
	closes: Record<string, number>;
	refusedUpgrades: Record<string, number>;
	connections: number;
	seconds: number;
}

/** Attacker loops: connect with some role, send frames until closed, reconnect, until done. */
export async function runAttack(options: AttackOptions): Promise<AttackResult> {
	const { url, agendaId, frameCount, attackerCount, cookies, maxMessageBytes } = options;
	const random = seededRandom(options.seed);
	const samples = sampleMessages();
	const result: AttackResult = {
		framesSent: 0,
		byKind: {},
		closes: {},
		refusedUpgrades: {},
		connections: 0,
		seconds: 0
	};
	const started = performance.now();
	const path = `/collab/${agendaId}`;

	const attacker = async () => {
		while (result.framesSent < frameCount) {
			const roll = random.next();
			if (roll < 0.05) {
				// Upgrades the server must refuse: no session, a forged one, a citizen.
				const cookie = random.pick([null, 'agendawerk_session=gefaelscht', cookies.citizen]);
				const status = await refusedStatus(collabSocket(url, path, cookie));
				result.refusedUpgrades[status] = (result.refusedUpgrades[status] ?? 0) + 1;
				continue;
			}
			const asViewer = roll < 0.55;
			const socket = collabSocket(url, path, asViewer ? cookies.viewer : cookies.editor);
			socket.on('error', () => undefined);
			const opened = await new Promise<boolean>((resolve) => {
				socket.once('open', () => resolve(true));
				socket.once('close', () => resolve(false));
			});
			if (!opened) continue;
			result.connections++;
			let closeCode: number | null = null;
			const closed = new Promise<void>((resolve) =>
				socket.once('close', (code) => {
					closeCode = code;
					resolve();
				})
			);
			const kinds = asViewer ? VIEWER_KINDS : EDITOR_KINDS;
			while (closeCode === null && result.framesSent < frameCount) {
				if (socket.readyState !== WebSocket.OPEN) break;
				const frame = generateFrame(random, kinds, samples, maxMessageBytes);
				socket.send(frame.data);
				result.framesSent++;
				result.byKind[frame.kind] = (result.byKind[frame.kind] ?? 0) + 1;
				await Promise.race([closed, sleep(FRAME_WAIT_MS)]);
			}
			if (closeCode === null) {
				socket.close();
				await Promise.race([closed, sleep(1000)]);
				socket.terminate();
			}
			// 1005 (no code) is the close this attacker started itself, once it was done.
			const code = String(closeCode ?? 'offen');
			result.closes[code] = (result.closes[code] ?? 0) + 1;
		}
	};
	await Promise.all(Array.from({ length: attackerCount }, attacker));
	result.seconds = (performance.now() - started) / 1000;
	return result;
}

function refusedStatus(socket: WebSocket): Promise<string> {
	return new Promise((resolve) => {
		socket.on('error', () => undefined);
		socket.once('unexpected-response', (_request, response) => {
			response.resume();
			socket.terminate();
			resolve(String(response.statusCode ?? 0));
		});
		socket.once('open', () => {
			socket.terminate();
			resolve('geöffnet');
		});
		socket.once('close', () => resolve('geschlossen'));
	});
}
