/**
 * A full garbage collection in the server process, from outside, over the V8 inspector: V8 rarely
 * hands freed heap back to the system, so RSS alone cannot tell a leak from memory kept for
 * reuse. The heap in use right after a forced collection can. Start the server with
 * `NODE_OPTIONS=--inspect=127.0.0.1:0` (INSPECT_ENV); the port is only opened on loopback.
 */
import WebSocket from 'ws';
import type { TestServer } from '../../../tests/support/server';

export const INSPECT_ENV = {
	NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --inspect=127.0.0.1:0`.trim()
};

export interface HeapAfterGc {
	heapUsedMb: number;
	rssMb: number;
}

/** One evaluation (or other method) over the server's inspector socket. */
async function inspect(server: TestServer, calls: { method: string; params?: object }[]) {
	const url = /Debugger listening on (ws:\/\/\S+)/.exec(server.output())?.[1];
	if (!url) throw new Error('Server ohne Inspector (INSPECT_ENV fehlt?)');
	const socket = new WebSocket(url);
	await new Promise((resolve, reject) => {
		socket.once('open', resolve);
		socket.once('error', reject);
	});
	let nextId = 1;
	const call = (method: string, params: object = {}) =>
		new Promise<unknown>((resolve, reject) => {
			const id = nextId++;
			const onMessage = (data: Buffer) => {
				const message = JSON.parse(data.toString()) as {
					id?: number;
					result?: unknown;
					error?: { message: string };
				};
				if (message.id !== id) return;
				socket.off('message', onMessage);
				if (message.error) reject(new Error(message.error.message));
				else resolve(message.result);
			};
			socket.on('message', onMessage);
			socket.send(JSON.stringify({ id, method, params }));
		});
	try {
		const results: unknown[] = [];
		for (const { method, params } of calls) results.push(await call(method, params));
		return results;
	} finally {
		socket.close();
	}
}

async function evaluate(server: TestServer, expression: string): Promise<string> {
	const [result] = (await inspect(server, [
		{ method: 'Runtime.evaluate', params: { expression, returnByValue: true } }
	])) as { result: { value: string } }[];
	return result?.result.value ?? '';
}

/** Collects garbage in the server and returns its heap and RSS right after. */
export async function collectGarbage(server: TestServer): Promise<HeapAfterGc> {
	await inspect(server, [{ method: 'HeapProfiler.collectGarbage' }]);
	const usage = JSON.parse(await evaluate(server, 'JSON.stringify(process.memoryUsage())')) as {
		heapUsed: number;
		rss: number;
	};
	return { heapUsedMb: usage.heapUsed / 1024 / 1024, rssMb: usage.rss / 1024 / 1024 };
}

/**
 * Starts (or restarts) measuring the server's event-loop lag: a 10 ms timer in the server notes
 * how late it fires. Only globals are available to an inspector evaluation (no imports), so this
 * is a timer rather than perf_hooks' histogram.
 */
export async function startLagProbe(server: TestServer): Promise<void> {
	await evaluate(
		server,
		`(() => {
			clearInterval(globalThis.__benchLagTimer);
			const samples = [];
			let last = performance.now();
			globalThis.__benchLag = samples;
			globalThis.__benchLagTimer = setInterval(() => {
				const now = performance.now();
				samples.push(Math.max(0, now - last - 10));
				last = now;
			}, 10);
			globalThis.__benchLagTimer.unref();
			return 'ok';
		})()`
	);
}

/** The lag samples (ms) since `startLagProbe`, and stops the probe. */
export async function readLagProbe(server: TestServer): Promise<number[]> {
	const json = await evaluate(
		server,
		`(() => {
			clearInterval(globalThis.__benchLagTimer);
			return JSON.stringify(globalThis.__benchLag ?? []);
		})()`
	);
	return JSON.parse(json) as number[];
}
