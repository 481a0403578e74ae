/**
 * A render worker thread (see `RenderWorkers`): renders one job at a time and answers with the
 * file's bytes (moved, not copied) or the error's message. Bundled as `build/render-worker.js`.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { renderJob, type RenderJob } from './render-job';
import type { RenderReply } from './render-workers';

/** Nice value of a render worker thread (0 normal, 19 lowest). */
const RENDER_NICENESS = 10;

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread');

// Rendering is batch work: where it competes for a core with the event loop (pages, health
// checks, every editor's keystrokes), the event loop goes first. On Linux the nice value is
// per thread, so this lowers only this worker; elsewhere it may not apply, which is harmless.
try {
	setPriority(RENDER_NICENESS);
} catch {
	// Not permitted or not supported: the worker renders at normal priority.
}

port.on('message', (job: RenderJob) => {
	renderJob(job).then(
		(bytes) => {
			// The buffer may be a slice of a larger one (Node pools small buffers): move a copy
			// with a memory of its own then (a typed array's copy never comes from the pool).
			const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
			const own = whole ? bytes : new Uint8Array(bytes);
			const reply: RenderReply = { bytes: own };
			port.postMessage(reply, [own.buffer as ArrayBuffer]);
		},
		(error: unknown) => {
			const reply: RenderReply = { error: error instanceof Error ? error.message : String(error) };
			port.postMessage(reply);
		}
	);
});
