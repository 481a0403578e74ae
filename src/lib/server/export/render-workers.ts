import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RenderJob } from './render-job';

/** What a render worker answers to a job. */
export type RenderReply = { bytes: Uint8Array } | { error: string };

/**
 * Render workers: each rendering runs in a worker thread, so the event loop that answers pages,
 * health checks and every editor's websocket never waits for it (a Fassung at the limits takes
 * seconds of CPU, and loading the fonts alone 0.7 s). Workers start on demand, one per rendering
 * running at once (the caller's `RenderQueue` bounds how many), stay for the next job and leave
 * after `idleMs` without one, giving their memory (fonts, the document) back.
 */
export class RenderWorkers {
	readonly #idle = new Map<Worker, NodeJS.Timeout>();
	readonly #busy = new Set<Worker>();

	/**
	 * `start` starts a thread that runs `render-worker.ts` (bundled, or through tsx in tests).
	 * A rendering that takes longer than `timeoutMs` ends its worker and fails (the largest
	 * Fassung the limits allow renders in about 10 s on two cores).
	 */
	constructor(
		readonly start: () => Worker,
		readonly options: { idleMs?: number; timeoutMs?: number } = {}
	) {}

	/** Workers alive, for tests. */
	get size(): number {
		return this.#idle.size + this.#busy.size;
	}

	async render(job: RenderJob): Promise<Buffer> {
		const worker = this.#take();
		this.#busy.add(worker);
		let reusable = false;
		try {
			const reply = await ask(worker, job, this.options.timeoutMs ?? 300_000);
			reusable = true;
			if ('error' in reply) throw new Error(`Rendern fehlgeschlagen: ${reply.error}`);
			return Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength);
		} finally {
			this.#busy.delete(worker);
			// A worker that died or threw outside a job is not asked again.
			if (reusable) this.#rest(worker);
			else void worker.terminate();
		}
	}

	/** Ends every idle worker (tests; the process ending ends the rest). */
	async close(): Promise<void> {
		const idle = [...this.#idle];
		this.#idle.clear();
		await Promise.all(
			idle.map(([worker, timer]) => {
				clearTimeout(timer);
				return worker.terminate();
			})
		);
	}

	#take(): Worker {
		for (const [worker, timer] of this.#idle) {
			clearTimeout(timer);
			this.#idle.delete(worker);
			return worker;
		}
		const worker = this.start();
		// A worker waiting for work does not keep the process alive.
		worker.unref();
		// One that ends while it waits (crashed, out of memory) is not handed a job.
		worker.once('exit', () => {
			clearTimeout(this.#idle.get(worker));
			this.#idle.delete(worker);
		});
		return worker;
	}

	#rest(worker: Worker) {
		const timer = setTimeout(() => {
			this.#idle.delete(worker);
			void worker.terminate();
		}, this.options.idleMs ?? 60_000);
		timer.unref();
		this.#idle.set(worker, timer);
	}
}

/**
 * Sends a job to a worker and waits for its reply; rejects if the worker fails or exits, or ends
 * it after `timeoutMs` (its exit then rejects).
 */
function ask(worker: Worker, job: RenderJob, timeoutMs: number): Promise<RenderReply> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => void worker.terminate(), timeoutMs);
		const done = () => {
			clearTimeout(timer);
			worker.off('message', onMessage);
			worker.off('error', onError);
			worker.off('exit', onExit);
		};
		const onMessage = (reply: RenderReply) => {
			done();
			resolve(reply);
		};
		const onError = (error: Error) => {
			done();
			reject(error);
		};
		const onExit = (code: number) => {
			done();
			reject(new Error(`Render-Worker beendet (Code ${code})`));
		};
		worker.on('message', onMessage);
		worker.on('error', onError);
		worker.on('exit', onExit);
		worker.postMessage(job);
	});
}

const INSTALLED = Symbol.for('agendawerk.renderWorkerScript');

/**
 * Called by the production entry with the bundled worker beside it (`build/render-worker.js`);
 * SvelteKit's bundle reads it through globalThis. Without it (`vite dev`, unit tests) exports
 * render in the event loop's thread, paced (see `Pacer`).
 */
export function installRenderWorker(script: URL): boolean {
	if (!existsSync(fileURLToPath(script))) return false;
	(globalThis as { [INSTALLED]?: URL })[INSTALLED] = script;
	return true;
}

export function installedRenderWorker(): URL | null {
	return (globalThis as { [INSTALLED]?: URL })[INSTALLED] ?? null;
}
