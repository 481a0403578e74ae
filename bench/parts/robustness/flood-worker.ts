/** Worker-thread entry: runs the sync flood's sockets described by `workerData`, posts the result. */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { floodSockets, type FloodSocketsOptions } from './sync-flood';

// As the frame attack (attack-worker.ts): flooding clients do not run on the server's cores.
setPriority(19);
parentPort?.postMessage(await floodSockets(workerData as FloodSocketsOptions));
