import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { corked, dropPendingStructs } from './library-internals';

describe('ws: the underlying socket that corked() uses', () => {
	it('is a net.Socket with cork and uncork on a server-side connection', async () => {
		const probe = createServer();
		await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
		const { port } = probe.address() as AddressInfo;
		probe.close();
		const server = new WebSocketServer({ port, host: '127.0.0.1' });
		try {
			const connected = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
			const client = new WebSocket(`ws://127.0.0.1:${port}`);
			const socket = await connected;
			const raw = (socket as unknown as { _socket?: { cork?: unknown; uncork?: unknown } })._socket;
			expect(typeof raw?.cork).toBe('function');
			expect(typeof raw?.uncork).toBe('function');

			const received: string[] = [];
			const all = new Promise<void>((resolve) =>
				client.on('message', (data) => {
					received.push(data.toString());
					if (received.length === 2) resolve();
				})
			);
			corked(socket, () => {
				socket.send('eins');
				socket.send('zwei');
			});
			await all;
			expect(received).toEqual(['eins', 'zwei']);
			client.close();
		} finally {
			server.close();
		}
	});
});

describe('Yjs: the pending structs dropPendingStructs() clears', () => {
	it('finds and drops an update that builds on something the document lacks', () => {
		const source = new Y.Doc();
		source.getText('t').insert(0, 'a');
		const vector = Y.encodeStateVector(source);
		source.getText('t').insert(1, 'b');
		// Only the second edit: it builds on the first, which the target never got.
		const dangling = Y.encodeStateAsUpdate(source, vector);

		const target = new Y.Doc();
		Y.applyUpdate(target, dangling);
		expect(target.getText('t').toString()).toBe('');
		// It waits for the first edit: the state of its client must pass clock 0.
		expect(dropPendingStructs(target)).toEqual(new Map([[source.clientID, 0]]));
		expect(dropPendingStructs(target)).toBeNull();
		// Dropped for good: the missing edit now brings only itself.
		Y.applyUpdate(target, Y.encodeStateAsUpdate(source, Y.encodeStateVector(new Y.Doc())));
		expect(target.getText('t').toString()).toBe('ab');
	});

	it('finds and drops a deletion of something the document lacks, and says where it starts', () => {
		const source = new Y.Doc();
		source.getText('t').insert(0, 'abc');
		const known = Y.encodeStateAsUpdate(source);
		const vector = Y.encodeStateVector(source);
		source.getText('t').insert(3, 'def');
		const later = Y.encodeStateVector(source);
		source.getText('t').delete(2, 3);
		// Only the deletion, of 'c' (known) and 'de' (unknown, from clock 3).
		const deletion = Y.encodeStateAsUpdate(source, later);

		const target = new Y.Doc();
		Y.applyUpdate(target, known);
		expect(Y.encodeStateVector(target)).toEqual(vector);
		Y.applyUpdate(target, deletion);
		expect(target.getText('t').toString()).toBe('ab');
		expect(dropPendingStructs(target)).toEqual(new Map([[source.clientID, 3]]));
		expect(target.store.pendingDs).toBeNull();
	});
});
