/**
 * Full clients: a few editors that do what a browser does – a real Y.Doc and Awareness kept in
 * sync over a `ws` socket with the y-protocols sync and awareness messages (the same code path as
 * the y-websocket provider, written out here so that the same client speaks the Hocuspocus
 * framing too). They stamp each edit with `performance.now()` and measure when the edits of the
 * other full clients arrive; all full clients live in this process, so the clocks agree.
 */
import { performance } from 'node:perf_hooks';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Endpoint } from './light-editor';
import {
	encodeAuthMessage,
	encodeAwarenessMessage,
	encodeUpdateMessage,
	frameEncoder,
	frameDecoder,
	MESSAGE_AWARENESS,
	MESSAGE_SYNC
} from './wire';

/** Where edits are stamped when sent and matched when they arrive. */
export class EditLedger {
	/** `${writer}:${seq}` → send time, for edits made inside the measured window only. */
	readonly sentAt = new Map<string, number>();
	readonly latencies: number[] = [];
	/** Arrivals of measured edits at each other full client (at most once each). */
	delivered = 0;
	measuring = false;
	/** Arrivals still count until this time (end of the window plus grace). */
	deadline = Infinity;

	stamp(key: string): void {
		if (this.measuring) this.sentAt.set(key, performance.now());
	}

	arrived(key: string): void {
		const sent = this.sentAt.get(key);
		const now = performance.now();
		if (sent === undefined || now > this.deadline) return;
		this.latencies.push(now - sent);
		this.delivered++;
	}
}

/** Origin of updates that came from the server, so they are not sent back. */
const REMOTE = Symbol('remote');

export class FullClient {
	readonly doc = new Y.Doc();
	readonly awareness: awarenessProtocol.Awareness;
	synced = false;
	closed = false;
	framesIn = 0;
	editsSent = 0;
	presenceSent = 0;
	private seq = 0;
	private timers: NodeJS.Timeout[] = [];
	private readonly marks: Y.Map<number>;

	private constructor(
		private readonly socket: WebSocket,
		private readonly endpoint: Endpoint,
		private readonly ledger: EditLedger,
		round: string
	) {
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		// One map per round, keyed `${writer}:${seq}`: every edit adds a key, so each arrival is
		// seen as its own change even if the server merged or batched updates.
		this.marks = this.doc.getMap<number>(`bench-latency-${round}`);
		this.marks.observe((event) => {
			if (event.transaction.origin !== REMOTE) return;
			for (const key of event.keysChanged) this.ledger.arrived(key);
		});
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== REMOTE) this.send(encodeUpdateMessage(this.endpoint.dialect, update));
		});
		this.awareness.on(
			'update',
			(
				{ added, updated, removed }: Record<'added' | 'updated' | 'removed', number[]>,
				origin: unknown
			) => {
				if (origin === REMOTE) return;
				const changed = [...added, ...updated, ...removed];
				const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
				this.send(encodeAwarenessMessage(this.endpoint.dialect, update));
			}
		);
		socket.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
		socket.on('close', () => (this.closed = true));
	}

	/** Connects, sends auth (Hocuspocus), sync step 1 and presence, and waits for the sync. */
	static async open(
		endpoint: Endpoint,
		ledger: EditLedger,
		round: string,
		name: string
	): Promise<FullClient> {
		const url = `ws://${endpoint.host}:${endpoint.port}${endpoint.path}`;
		const socket = new WebSocket(url, { headers: endpoint.headers, perMessageDeflate: false });
		socket.binaryType = 'nodebuffer';
		await new Promise<void>((resolve, reject) => {
			socket.once('open', resolve);
			socket.once('error', reject);
			socket.once('unexpected-response', (_request, response) =>
				reject(new Error(`Websocket abgelehnt: ${response.statusCode}`))
			);
		});
		const client = new FullClient(socket, endpoint, ledger, round);
		const auth = encodeAuthMessage(endpoint.dialect, 'bench');
		if (auth) client.send(auth);
		const encoder = frameEncoder(endpoint.dialect);
		encoding.writeVarUint(encoder, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(encoder, client.doc);
		client.send(encoding.toUint8Array(encoder));
		client.awareness.setLocalState({ user: { name, color: '#d62728' }, cursor: null });
		const deadline = Date.now() + 10_000;
		while (!client.synced) {
			if (Date.now() > deadline || client.closed) {
				client.close();
				throw new Error(`${name}: kein Sync`);
			}
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		return client;
	}

	/** Edits at `editsPerSecond` (±50 % jitter) and moves its cursor every second. */
	start(editsPerSecond: number): void {
		const interval = 1000 / editsPerSecond;
		const edit = () => {
			if (this.closed) return;
			const key = `${this.doc.clientID}:${++this.seq}`;
			this.ledger.stamp(key);
			this.marks.set(key, 0);
			this.editsSent++;
			this.timers[0] = setTimeout(edit, interval * (0.5 + Math.random()));
		};
		const move = () => {
			if (this.closed) return;
			this.awareness.setLocalStateField('cursor', { anchor: this.seq, head: this.seq });
			this.presenceSent++;
			this.timers[1] = setTimeout(move, 1000 * (0.9 + Math.random() * 0.2));
		};
		this.timers[0] = setTimeout(edit, interval * Math.random());
		this.timers[1] = setTimeout(move, 1000 * Math.random());
	}

	stop(): void {
		for (const timer of this.timers) clearTimeout(timer);
	}

	close(): void {
		this.stop();
		this.socket.terminate();
		this.awareness.destroy();
		this.doc.destroy();
	}

	private send(message: Uint8Array) {
		if (this.socket.readyState === WebSocket.OPEN) this.socket.send(message);
	}

	private receive(data: Uint8Array) {
		this.framesIn++;
		const decoder = frameDecoder(this.endpoint.dialect, data);
		const type = decoding.readVarUint(decoder);
		if (type === MESSAGE_SYNC) {
			const encoder = frameEncoder(this.endpoint.dialect);
			const prefixLength = encoding.length(encoder);
			encoding.writeVarUint(encoder, MESSAGE_SYNC);
			const kind = syncProtocol.readSyncMessage(decoder, encoder, this.doc, REMOTE);
			// A sync step 1 from the server is answered with step 2 (written into the encoder).
			if (encoding.length(encoder) > prefixLength + 1) this.send(encoding.toUint8Array(encoder));
			if (kind === syncProtocol.messageYjsSyncStep2) this.synced = true;
		} else if (type === MESSAGE_AWARENESS) {
			const update = decoding.readVarUint8Array(decoder);
			awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
		}
		// Everything else (Hocuspocus' auth answer and sync status) needs no answer.
	}
}
