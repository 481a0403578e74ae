import type { CommentsNotifier } from './notify';

const encoder = new TextEncoder();

/** The event a listener receives: no content, only that something changed. */
export const CHANGED_EVENT = 'changed';

/**
 * A server-sent-events response that sends `changed` whenever `notifier` publishes for
 * `agendaId`, and a heartbeat comment every `heartbeatMs` so that proxies keep the idle stream
 * open. It stops listening when the client goes away (the request's signal aborts or the server
 * cancels the body), so closed tabs leave no listener behind.
 */
export function changesStream(
	notifier: CommentsNotifier,
	agendaId: string,
	signal: AbortSignal,
	heartbeatMs: number,
	/** Called once when the stream ends, whichever way. */
	onClose: () => void = () => {}
): Response {
	let stop = () => {};
	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (text: string) => {
				try {
					controller.enqueue(encoder.encode(text));
				} catch {
					stop();
				}
			};
			const unsubscribe = notifier.subscribe(agendaId, () =>
				send(`event: ${CHANGED_EVENT}\ndata: {}\n\n`)
			);
			// A comment line: EventSource ignores it, proxies see traffic.
			const heartbeat = setInterval(() => send(': heartbeat\n\n'), heartbeatMs);
			let stopped = false;
			stop = () => {
				if (stopped) return;
				stopped = true;
				onClose();
				clearInterval(heartbeat);
				unsubscribe();
				signal.removeEventListener('abort', stop);
			};
			if (signal.aborted) return stop();
			signal.addEventListener('abort', stop);
			// Sends the headers and a first byte at once, and asks the browser to reconnect after
			// 5 s when the connection drops.
			send('retry: 5000\n: verbunden\n\n');
		},
		cancel() {
			stop();
		}
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			// nginx would otherwise buffer the stream.
			'x-accel-buffering': 'no'
		}
	});
}
