import { tsxWorker } from '../../../tests/support/tsx-worker';

/**
 * Runs a TypeScript worker entry (which posts one result) with `workerData`, and ends the thread
 * once it answered.
 */
export function runInWorker<T>(entry: URL, workerData: unknown, name: string): Promise<T> {
	const worker = tsxWorker(entry, { workerData });
	return new Promise((resolve, reject) => {
		worker.once('message', (result: T) => {
			resolve(result);
			void worker.terminate();
		});
		worker.once('error', reject);
		worker.once('exit', (code) => reject(new Error(`${name}: Thread endete mit ${code}`)));
	});
}
