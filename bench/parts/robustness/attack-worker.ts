/** Worker-thread entry: runs the attack described by `workerData` and posts its result. */
import { parentPort, workerData } from 'node:worker_threads';
import { runAttack, type AttackOptions } from './attack';

parentPort?.postMessage(await runAttack(workerData as AttackOptions));
