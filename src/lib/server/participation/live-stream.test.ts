import { describe, expect, it } from 'vitest';
import { changesStream } from './live-stream';
import { inProcessNotifier } from './notify';

const decoder = new TextDecoder();

/** Reads from the stream until `pattern` appears (or fails after `ms`). */
async function readUntil(
	reader: ReadableStreamDefaultReader<Uint8Array>,
	pattern: RegExp,
	ms = 1_000
): Promise<string> {
	let text = '';
	const deadline = Date.now() + ms;
	while (!pattern.test(text)) {
		const left = deadline - Date.now();
		if (left <= 0) throw new Error(`kein ${pattern} in ${JSON.stringify(text)}`);
		const chunk = await Promise.race([
			reader.read(),
			new Promise<never>((_, reject) => setTimeout(() => reject(new Error('Zeit um')), left))
		]);
		if (chunk.done) throw new Error(`Strom zu, kein ${pattern} in ${JSON.stringify(text)}`);
		text += decoder.decode(chunk.value);
	}
	return text;
}

describe('changesStream', () => {
	it('sends a changed event (no content) only for its agenda', async () => {
		const notifier = inProcessNotifier();
		const response = changesStream(notifier, 'a1', new AbortController().signal, 60_000);
		expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
		const reader = response.body!.getReader();
		await readUntil(reader, /verbunden\n\n/);
		notifier.publish('other');
		notifier.publish('a1');
		const text = await readUntil(reader, /event: changed\n/);
		expect(text).toBe('event: changed\ndata: {}\n\n');
		await reader.cancel();
	});

	it('sends heartbeats', async () => {
		const notifier = inProcessNotifier();
		const reader = changesStream(
			notifier,
			'a1',
			new AbortController().signal,
			20
		).body!.getReader();
		await readUntil(reader, /: heartbeat\n\n/);
		await reader.cancel();
	});

	it('stops listening when the client aborts or the body is cancelled', async () => {
		const notifier = inProcessNotifier();
		const aborted = new AbortController();
		const streams = Array.from({ length: 5 }, (_, i) =>
			changesStream(notifier, 'a1', i < 3 ? aborted.signal : new AbortController().signal, 20)
		);
		expect(notifier.listenerCount('a1')).toBe(5);
		aborted.abort();
		expect(notifier.listenerCount('a1')).toBe(2);
		for (const stream of streams.slice(3)) await stream.body!.cancel();
		expect(notifier.listenerCount()).toBe(0);
		// Stopped streams take no further heartbeats or events.
		notifier.publish('a1');
	});

	it('does not listen at all for a request that is already gone', () => {
		const notifier = inProcessNotifier();
		changesStream(notifier, 'a1', AbortSignal.abort(), 20);
		expect(notifier.listenerCount()).toBe(0);
	});
});
