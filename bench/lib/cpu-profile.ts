/**
 * CPU profiles of one phase of a bench part's server, on request:
 *
 *   BENCH_PROFILE=hostile:attack node --import tsx bench/run.ts hostile
 *
 * profiles the phase `attack` of the part `hostile` and names the file it wrote. The server is
 * started with a preload (`cpu-profile-preload.mjs`) that toggles V8's profiler on SIGUSR2, so
 * the profile holds that phase only, not the start and the fixtures. Profiling slows the server
 * by a few per cent: a run with a profile is for finding causes, not for the tables.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestServer } from '../../tests/support/server';

const requested = process.env.BENCH_PROFILE ?? '';
const directory = fileURLToPath(new URL('../results/profiles/', import.meta.url));
const preload = fileURLToPath(new URL('./cpu-profile-preload.mjs', import.meta.url));

/** Server environment for part `part`: the preload when one of its phases is to be profiled. */
export function profilingEnv(part: string, nodeOptions = ''): Record<string, string> {
	if (!requested.startsWith(`${part}:`)) return nodeOptions ? { NODE_OPTIONS: nodeOptions } : {};
	mkdirSync(directory, { recursive: true });
	return {
		NODE_OPTIONS: `${nodeOptions} --import ${preload}`.trim(),
		BENCH_PROFILE_DIR: directory
	};
}

/**
 * Marks the start of phase `phase` of part `part`; the returned function marks its end. Does
 * nothing unless BENCH_PROFILE names that phase.
 */
export function profilePhase(server: TestServer, part: string, phase: string): () => Promise<void> {
	if (requested !== `${part}:${phase}`) return async () => {};
	process.kill(server.pid, 'SIGUSR2');
	return async () => {
		const before = new Set(readdirSync(directory));
		process.kill(server.pid, 'SIGUSR2');
		// The server writes the profile after the signal; wait for the file.
		for (let waited = 0; waited < 10_000; waited += 100) {
			const written = readdirSync(directory).find((name) => !before.has(name));
			if (written) {
				console.log(`CPU-Profil ${part}:${phase}: ${directory}${written}`);
				return;
			}
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	};
}
