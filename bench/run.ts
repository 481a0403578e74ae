/**
 * `npm run bench [-- <part> …] [-- --smoke]`: runs the benchmark parts against the production
 * build (built by the npm script first) and writes bench/results/latest.json and the tables in
 * bench/README.md. Parts run one after the other, so that none disturbs another's numbers.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { PARTS } from './parts';
import { machine, markdown, withResults, type BenchReport } from './lib/report';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const wanted = args.filter((arg) => !arg.startsWith('--'));
const unknown = wanted.filter((name) => !PARTS.some((part) => part.name === name));
if (unknown.length > 0) {
	console.error(
		`Unbekannte Teile: ${unknown.join(', ')}. Vorhanden: ${PARTS.map((p) => p.name).join(', ')}`
	);
	process.exit(2);
}
if (!existsSync('build/handler.js')) {
	console.error('Kein Produktions-Build: erst `npm run build` (oder `npm run bench`).');
	process.exit(2);
}

const selected = wanted.length > 0 ? PARTS.filter((part) => wanted.includes(part.name)) : PARTS;
const started = Date.now();
const resultsPath = join('bench', 'results', 'latest.json');
// Running one part keeps the others' last results.
const previous: BenchReport | null =
	wanted.length > 0 && existsSync(resultsPath)
		? (JSON.parse(readFileSync(resultsPath, 'utf8')) as BenchReport)
		: null;
const report: BenchReport = {
	startedAt: new Date(started).toISOString(),
	durationSeconds: 0,
	machine: machine(),
	parts: { ...(previous?.parts ?? {}) }
};

for (const part of selected) {
	console.log(`\n▶ ${part.title} (${part.name})${smoke ? ' – Kurzlauf' : ''}`);
	const partStart = Date.now();
	const result = await part.run({ smoke, log: (message) => console.log(`  ${message}`) });
	report.parts[part.name] = {
		title: part.title,
		seconds: (Date.now() - partStart) / 1000,
		...result
	};
	console.log(markdown({ ...report, parts: { [part.name]: report.parts[part.name]! } }));
}
report.durationSeconds = (Date.now() - started) / 1000;

if (!smoke) {
	mkdirSync(join('bench', 'results'), { recursive: true });
	writeFileSync(resultsPath, `${JSON.stringify(report, null, '\t')}\n`);
	const readmePath = join('bench', 'README.md');
	const readme = withResults(readFileSync(readmePath, 'utf8'), markdown(report));
	// Formatted as `npm run lint` expects, so that a run leaves the tree clean.
	const options = await prettier.resolveConfig(readmePath);
	writeFileSync(readmePath, await prettier.format(readme, { ...options, filepath: readmePath }));
	console.log(`\nErgebnisse: ${resultsPath}, Tabelle: ${readmePath}`);
}
