import { tsxWorker } from '../../tests/support/tsx-worker';

/**
 * Runs a TypeScript worker entry (which posts one result) with `workerData`, and ends the thread
 * once it answered. `env` replaces the thread's `process.env` (default: a copy of this one's).
 */
export function runInWorker<T>(
	entry: URL,
	workerData: unknown,
	name: string,
	env?: NodeJS.ProcessEnv
): Promise<T> {
	const worker = tsxWorker(entry, { workerData, ...(env ? { env } : {}) });
	return new Promise((resolve, reject) => {
		worker.once('message', (result: T) => {
			resolve(result);
			void worker.terminate();
		});
		worker.once('error', reject);
		worker.once('exit', (code) => reject(new Error(`${name}: Thread endete mit ${code}`)));
	});
}
