import { readFileSync } from 'node:fs';

/**
 * CPU time and resident memory of a process from /proc (Linux, where the benchmarks run): the
 * server is a child process, so `process.cpuUsage()` cannot see it.
 */
const TICKS_PER_SECOND = 100;

export interface ProcessSample {
	/** user + system CPU seconds since the process started */
	cpuSeconds: number;
	rssBytes: number;
}

export function sampleProcess(pid: number): ProcessSample {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// The command name may hold spaces and parentheses: fields start after the last ')'.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const utime = Number(fields[11]);
	const stime = Number(fields[12]);
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
	return { cpuSeconds: (utime + stime) / TICKS_PER_SECOND, rssBytes: rssKb * 1024 };
}

/** Share of one core the process used between two samples taken `seconds` apart. */
export function coreShare(before: ProcessSample, after: ProcessSample, seconds: number): number {
	return seconds > 0 ? (after.cpuSeconds - before.cpuSeconds) / seconds : 0;
}

/** Peak RSS while `run` runs, sampled every `intervalMs`. */
export async function peakRss<T>(
	pid: number,
	run: () => Promise<T>,
	intervalMs = 20
): Promise<{ result: T; peakRssBytes: number }> {
	const { result, peakRssBytes } = await peakRssOf([pid], run, intervalMs);
	return { result, peakRssBytes: peakRssBytes[0] ?? 0 };
}

/** Peak RSS of each of `pids` (in that order) while `run` runs, sampled every `intervalMs`. */
export async function peakRssOf<T>(
	pids: readonly number[],
	run: () => Promise<T>,
	intervalMs = 20
): Promise<{ result: T; peakRssBytes: number[] }> {
	const peaks = pids.map((pid) => sampleProcess(pid).rssBytes);
	const sample = () => {
		pids.forEach((pid, index) => {
			try {
				peaks[index] = Math.max(peaks[index] ?? 0, sampleProcess(pid).rssBytes);
			} catch {
				// The process ended; its last sample stands.
			}
		});
	};
	const timer = setInterval(sample, intervalMs);
	try {
		const result = await run();
		sample();
		return { result, peakRssBytes: peaks };
	} finally {
		clearInterval(timer);
	}
}
