// The registry this project is built from serves only the platform packages Linux x64 needs.
// `npm install` therefore leaves the other platforms' optional binaries (rollup's, lix's, jco's)
// out of package-lock.json, and `npm ci` then refuses the lock as incomplete. This adds them back
// as optional, platform-tagged entries, exactly as a lock written with full registry access has
// them; `npm ci` skips them on any other platform without fetching anything.
// Run after every `npm install`: `node .ci/complete-lockfile.mjs` (also checked by .ci/run).
import { readFileSync, writeFileSync } from 'node:fs';

const LIBC = { gnu: 'glibc', gnueabihf: 'glibc', musl: 'musl', musleabihf: 'musl', msvc: null };

/** `@rollup/rollup-linux-arm64-musl` → os linux, cpu arm64, libc musl. */
function platformOf(name) {
	const match =
		/-(android|darwin|freebsd|linux|openbsd|openharmony|win32)-(arm64|arm|x64|ia32|loong64|ppc64|riscv64|s390x)(?:-([a-z]+))?$/.exec(
			name
		);
	if (!match) return null;
	const [, os, cpu, abi] = match;
	const libc = abi ? LIBC[abi] : null;
	return { os: [os], cpu: [cpu], ...(libc && os === 'linux' ? { libc: [libc] } : {}) };
}

const check = process.argv.includes('--check');
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages;
const added = [];
for (const [path, entry] of Object.entries(packages)) {
	for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
		const nested = `${path}/node_modules/${name}`;
		if (packages[nested] || packages[`node_modules/${name}`]) continue;
		const platform = platformOf(name);
		if (!platform || !/^\d+\.\d+\.\d+/.test(spec)) {
			throw new Error(`Cannot complete ${name}@${spec} (needed by ${path})`);
		}
		packages[`node_modules/${name}`] = {
			version: spec,
			...(entry.dev ? { dev: true } : {}),
			optional: true,
			...platform
		};
		added.push(`${name}@${spec}`);
	}
}
if (check) {
	if (added.length > 0) {
		console.error(
			`package-lock.json lacks ${added.length} platform entries; run node .ci/complete-lockfile.mjs`
		);
		process.exit(1);
	}
} else if (added.length > 0) {
	lock.packages = Object.fromEntries(
		Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1))
	);
	writeFileSync('package-lock.json', JSON.stringify(lock, null, '\t') + '\n');
	console.log(`Added ${added.length} platform entries to package-lock.json`);
}
