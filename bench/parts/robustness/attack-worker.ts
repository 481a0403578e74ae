/** Worker-thread entry: runs the attack described by `workerData` and posts its result. */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { runAttack, type AttackOptions } from './attack';

// Real attackers do not run on the server's cores; here they share two with the server and the
// honest editors, and took CPU from both (the server waited for a core 17 % of the attack). At
// the lowest priority (Linux sets it per thread: this worker's only) they get what is left.
// The attack stays as strong: about as many frames and connections a second (bench/README.md).
setPriority(19);
parentPort?.postMessage(await runAttack(workerData as AttackOptions));
