/**
 * Light editors: most of the simulated people. Each one is a bare TCP socket that did the
 * websocket handshake itself and then writes pre-built frames (real Yjs updates and presence of
 * its own Y.Doc, encoded before the run) at its pace. What the server sends back is only counted,
 * never decoded: with 200 editors the server fans out ~240 000 frames a second, and a `ws` client
 * per editor (or a Y.Doc per editor) would make the generator, not the server, the bottleneck.
 */
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import * as Y from 'yjs';
import {
	encodeAuthMessage,
	encodeAwarenessEntry,
	encodeAwarenessMessage,
	encodeUpdateMessage,
	maskedBinaryFrame,
	PONG_FRAME,
	type Dialect
} from './wire';

export interface Endpoint {
	host: string;
	port: number;
	path: string;
	headers: Record<string, string>;
	dialect: Dialect;
}

/** The frames one editor will send, in order: its updates build on each other. */
export interface Script {
	hello: Buffer[];
	edits: Buffer[];
	presence: Buffer[];
}

/**
 * Pre-encodes `edits` one-character inserts into the editor's own text (a root type, so that
 * the updates apply the same way on a fresh reference server as on the seeded demo agenda) and
 * `presences` presence updates with rising clocks (an unchanged clock would be ignored).
 */
export function writeScript(
	dialect: Dialect,
	clientId: number,
	edits: number,
	presences: number
): Script {
	const doc = new Y.Doc();
	doc.clientID = clientId;
	const text = doc.getText(`bench-${clientId}`);
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	const typed = 'Digitale Agenda gemeinsam schreiben. ';
	for (let i = 0; i < edits; i++) text.insert(text.length, typed[i % typed.length] ?? ' ');
	doc.destroy();
	const presence: Buffer[] = [];
	for (let clock = 1; clock <= presences; clock++) {
		const state = {
			user: { name: `Last ${clientId}`, color: '#1f77b4' },
			cursor: { anchor: clock, head: clock }
		};
		const update = encodeAwarenessEntry(clientId, clock, state);
		presence.push(maskedBinaryFrame(encodeAwarenessMessage(dialect, update)));
	}
	const auth = encodeAuthMessage(dialect, 'bench');
	return {
		hello: auth ? [maskedBinaryFrame(auth)] : [],
		edits: updates.map((update) => maskedBinaryFrame(encodeUpdateMessage(dialect, update))),
		presence
	};
}

export class LightEditor {
	/** Data frames received from the server (not decoded). */
	framesIn = 0;
	bytesIn = 0;
	editsSent = 0;
	presenceSent = 0;
	closed = false;
	private partial: Buffer | null = null;
	private skip = 0;
	private timers: NodeJS.Timeout[] = [];

	private constructor(
		private readonly socket: Socket,
		private readonly script: Script
	) {}

	/** Opens the socket and completes the websocket handshake. */
	static async open(endpoint: Endpoint, script: Script): Promise<LightEditor> {
		const socket = connect({ host: endpoint.host, port: endpoint.port });
		socket.setNoDelay(true);
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('error', reject);
		});
		const headers = {
			Host: `${endpoint.host}:${endpoint.port}`,
			Upgrade: 'websocket',
			Connection: 'Upgrade',
			'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
			'Sec-WebSocket-Version': '13',
			...endpoint.headers
		};
		const request =
			`GET ${endpoint.path} HTTP/1.1\r\n` +
			Object.entries(headers)
				.map(([name, value]) => `${name}: ${value}\r\n`)
				.join('') +
			'\r\n';
		socket.write(request);
		const rest = await readHandshake(socket);
		const editor = new LightEditor(socket, script);
		socket.on('data', (chunk: Buffer) => editor.count(chunk));
		socket.on('error', () => (editor.closed = true));
		socket.on('close', () => (editor.closed = true));
		if (rest.length > 0) editor.count(rest);
		socket.resume();
		for (const frame of script.hello) socket.write(frame);
		return editor;
	}

	/**
	 * Sends the edits at `editsPerSecond` with ±50 % jitter (so that editors do not tick in step)
	 * and a presence update every second, until `stop()`.
	 */
	start(editsPerSecond: number): void {
		const interval = 1000 / editsPerSecond;
		const edit = () => {
			const frame = this.script.edits[this.editsSent];
			if (!frame || this.closed) return;
			this.socket.write(frame);
			this.editsSent++;
			this.timers[0] = setTimeout(edit, interval * (0.5 + Math.random()));
		};
		const presence = () => {
			const frame = this.script.presence[this.presenceSent];
			if (!frame || this.closed) return;
			this.socket.write(frame);
			this.presenceSent++;
			this.timers[1] = setTimeout(presence, 1000 * (0.9 + Math.random() * 0.2));
		};
		this.timers[0] = setTimeout(edit, interval * Math.random());
		this.timers[1] = setTimeout(presence, 1000 * Math.random());
	}

	stop(): void {
		for (const timer of this.timers) clearTimeout(timer);
	}

	close(): void {
		this.stop();
		this.socket.destroy();
	}

	/**
	 * Walks the frame headers of what the server sent, skipping payloads: enough to count
	 * messages and to answer pings, at a cost that does not depend on the message contents.
	 */
	private count(chunk: Buffer) {
		this.bytesIn += chunk.length;
		const data = this.partial ? Buffer.concat([this.partial, chunk]) : chunk;
		this.partial = null;
		let offset = 0;
		while (offset < data.length) {
			if (this.skip > 0) {
				const skipped = Math.min(this.skip, data.length - offset);
				this.skip -= skipped;
				offset += skipped;
				continue;
			}
			const header = readFrameHeader(data, offset);
			if (!header) {
				this.partial = data.subarray(offset);
				return;
			}
			offset += header.headerLength;
			this.skip = header.payloadLength;
			if (header.opcode === 0x9) this.socket.write(PONG_FRAME);
			else if (header.opcode === 0x1 || header.opcode === 0x2) this.framesIn++;
		}
	}
}

/** Server frames are not masked; returns null while the header is incomplete. */
function readFrameHeader(data: Buffer, offset: number) {
	if (data.length - offset < 2) return null;
	const opcode = (data[offset] ?? 0) & 0x0f;
	const length7 = (data[offset + 1] ?? 0) & 0x7f;
	if (length7 < 126) return { opcode, headerLength: 2, payloadLength: length7 };
	if (length7 === 126) {
		if (data.length - offset < 4) return null;
		return { opcode, headerLength: 4, payloadLength: data.readUInt16BE(offset + 2) };
	}
	if (data.length - offset < 10) return null;
	return { opcode, headerLength: 10, payloadLength: Number(data.readBigUInt64BE(offset + 2)) };
}

/** Reads the HTTP response to the upgrade; resolves with the bytes after it (first frames). */
function readHandshake(socket: Socket): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		let received = Buffer.alloc(0);
		const onData = (chunk: Buffer) => {
			received = Buffer.concat([received, chunk]);
			const end = received.indexOf('\r\n\r\n');
			if (end < 0) return;
			socket.off('data', onData);
			socket.off('error', reject);
			// Held until the editor listens, so that no frame after the handshake is lost.
			socket.pause();
			const head = received.subarray(0, end).toString('latin1');
			if (!head.startsWith('HTTP/1.1 101')) {
				socket.destroy();
				reject(new Error(`Websocket abgelehnt: ${head.split('\r\n')[0] ?? ''}`));
				return;
			}
			resolve(received.subarray(end + 4));
		};
		socket.on('data', onData);
		socket.once('error', reject);
	});
}
