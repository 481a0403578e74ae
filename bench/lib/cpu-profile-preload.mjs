/**
 * Loaded into a bench server with `--import` (see cpu-profile.ts): SIGUSR2 starts V8's CPU
 * profiler in the main thread, the next SIGUSR2 stops it and writes the profile to
 * $BENCH_PROFILE_DIR/server-<pid>-<n>.cpuprofile (open it in Chrome's DevTools, "Performance").
 * Worker threads (export rendering) are not profiled.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

const directory = process.env.BENCH_PROFILE_DIR;
if (isMainThread && directory) {
	const session = new Session();
	session.connect();
	let running = false;
	let written = 0;
	process.on('SIGUSR2', () => {
		if (!running) {
			running = true;
			session.post('Profiler.enable', () =>
				// 100 µs: a collab message is handled in tens of microseconds.
				session.post('Profiler.setSamplingInterval', { interval: 100 }, () =>
					session.post('Profiler.start')
				)
			);
			return;
		}
		running = false;
		session.post('Profiler.stop', (error, result) => {
			if (error) return;
			const file = join(directory, `server-${process.pid}-${++written}.cpuprofile`);
			writeFileSync(file, JSON.stringify(result.profile));
		});
	});
}
