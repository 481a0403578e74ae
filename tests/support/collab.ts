/**
 * Real collab clients for tests: a Y.Doc synced through the standard y-websocket provider, with
 * the session cookie a browser would send, and raw sockets for feeding the server garbage.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { IncomingMessage } from 'node:http';

export function collabUrl(base: string): string {
	return base.replace(/^http/, 'ws') + '/collab';
}

/** A WebSocket class that sends the cookie and origin with its handshake, as browsers do. */
function socketClass(cookie: string, origin: string) {
	return class extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers: { cookie, origin } });
		}
	};
}

export interface CollabClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Close events of the socket, newest last. */
	closes: { code: number; reason: string }[];
	destroy(): void;
}

/** `origin`: the page the editor runs on, ORIGIN when the server has one. */
export async function connectClient(
	base: string,
	agendaId: string,
	cookie: string,
	origin = base
): Promise<CollabClient> {
	const doc = new Y.Doc();
	const closes: { code: number; reason: string }[] = [];
	const provider = new WebsocketProvider(collabUrl(base), agendaId, doc, {
		WebSocketPolyfill: socketClass(cookie, origin) as unknown as typeof globalThis.WebSocket,
		disableBc: true,
		maxBackoffTime: 500
	});
	provider.on('connection-close', (event) => {
		if (event) closes.push({ code: event.code, reason: event.reason });
	});
	await waitFor(() => provider.synced, 10_000, 'Sync');
	return {
		doc,
		provider,
		closes,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Polls `condition` every 20 ms until it holds; throws with `what` after `timeoutMs`. */
export async function waitFor(
	condition: () => boolean | Promise<boolean>,
	timeoutMs = 5_000,
	what = 'Bedingung'
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`${what}: Zeit abgelaufen`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

export type UpgradeOutcome = { opened: WebSocket } | { status: number };

/** Opens a raw socket; resolves with the open socket or the HTTP status of a refused upgrade. */
export function openRaw(
	base: string,
	path: string,
	headers: Record<string, string> = {}
): Promise<UpgradeOutcome> {
	return new Promise((resolve, reject) => {
		const socket = new WebSocket(base.replace(/^http/, 'ws') + path, {
			headers: { origin: base, ...headers }
		});
		socket.once('open', () => resolve({ opened: socket }));
		socket.once('unexpected-response', (_request, response: IncomingMessage) => {
			resolve({ status: response.statusCode ?? 0 });
			response.resume();
			socket.terminate();
		});
		socket.once('error', reject);
	});
}

/** Resolves with the close code the server sends to `socket`. */
export function closeCode(socket: WebSocket, timeoutMs = 5_000): Promise<number> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('Socket wurde nicht geschlossen')), timeoutMs);
		socket.once('close', (code) => {
			clearTimeout(timer);
			resolve(code);
		});
	});
}
