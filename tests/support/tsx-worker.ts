import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread that runs a TypeScript entry. Node 20 does not pass tsx's loader on to workers
 * (nor does `execArgv: ['--import', 'tsx']` reach a worker's module loader): the worker registers
 * it, then loads the entry, whoever started the main thread (the bench runner or vitest).
 */
export function tsxWorker(entry: URL, options: WorkerOptions = {}): Worker {
	const tsx = import.meta.resolve('tsx/esm/api');
	const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
	return new Worker(bootstrap, { ...options, eval: true });
}
