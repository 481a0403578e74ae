/**
 * Bundles the production entry (`server/index.ts` and what it imports from `src/lib`) into
 * `build/agendawerk.js`, which `npm start` and the tests run with plain Node, and the export
 * render worker into `build/render-worker.js` beside it. Run after `vite build` (adapter-node
 * empties `build/`). Packages stay imports from node_modules.
 *
 * Why not `node --import tsx server/index.ts` as before: tsx compiles each TypeScript module at
 * start and routes every import, node_modules' too, through a loader thread. A start took
 * 4.5 s on an idle two-core machine, 1.5 s bundled; the tests start a server about 150 times.
 */
import { build } from 'esbuild';

await build({
	entryPoints: {
		agendawerk: 'server/index.ts',
		// The export render worker (src/lib/server/export/render-workers.ts), found beside the entry.
		'render-worker': 'src/lib/server/export/render-worker.ts'
	},
	outdir: 'build',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	// Not minified, so names stay as in the source except where two modules' names collide
	// (the source map has those). keepNames would wrap every named closure in a call that sets
	// its name each time it is created: 1 % of the server's time under the hostile bench.
	keepNames: false,
	// For reading a stack trace against the source (node --enable-source-maps).
	sourcemap: 'linked',
	logLevel: 'warning'
});
