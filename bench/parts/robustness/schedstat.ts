import { readFileSync } from 'node:fs';

/**
 * How long a process waited for a CPU while it was ready to run (Linux /proc/<pid>/schedstat,
 * summed over its threads' main entry). On a shared machine this tells a server that was slow
 * because it had work from one that was slow because others had the cores.
 */
export function runQueueWaitMs(pid: number): number {
	const [, waitingNs] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/);
	return Number(waitingNs ?? 0) / 1e6;
}
