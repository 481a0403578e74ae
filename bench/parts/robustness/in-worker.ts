import { Worker } from 'node:worker_threads';

/**
 * Runs a TypeScript worker entry (which posts one result) with `workerData`, and ends the thread
 * once it answered. Node 20 does not pass tsx's loader on to workers: the worker registers it,
 * then loads the entry (whoever started the main thread: the bench runner or vitest).
 */
export function runInWorker<T>(entry: URL, workerData: unknown, name: string): Promise<T> {
	const tsx = import.meta.resolve('tsx/esm/api');
	const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); });`;
	const worker = new Worker(bootstrap, { eval: true, workerData });
	return new Promise((resolve, reject) => {
		worker.once('message', (result: T) => {
			resolve(result);
			void worker.terminate();
		});
		worker.once('error', reject);
		worker.once('exit', (code) => reject(new Error(`${name}: Thread endete mit ${code}`)));
	});
}
