import { cpus, totalmem, type as osType, release } from 'node:os';
import type { PartResult, Value } from './types';

export interface BenchReport {
	startedAt: string;
	durationSeconds: number;
	machine: { cpu: string; cores: number; memoryGiB: number; os: string; node: string };
	parts: Record<string, { title: string; seconds: number } & PartResult>;
}

export function machine(): BenchReport['machine'] {
	const list = cpus();
	return {
		cpu: list[0]?.model.trim() ?? 'unbekannt',
		cores: list.length,
		memoryGiB: Math.round(totalmem() / 2 ** 30),
		os: `${osType()} ${release()}`,
		node: process.version
	};
}

const START = '<!-- results:start -->';
const END = '<!-- results:end -->';

/** The results as Markdown tables, one per part, for bench/README.md. */
export function markdown(report: BenchReport): string {
	const { machine: m } = report;
	const lines = [
		`Letzter Lauf: ${report.startedAt}, ${Math.round(report.durationSeconds)} s auf ${m.cores} × ${m.cpu}, ` +
			`${m.memoryGiB} GiB, ${m.os}, Node ${m.node}.`,
		''
	];
	for (const [name, part] of Object.entries(report.parts)) {
		lines.push(`### ${part.title} (\`${name}\`, ${Math.round(part.seconds)} s)`, '');
		lines.push(
			`| ${part.columns.join(' | ')} |`,
			`| ${part.columns.map(() => '---').join(' | ')} |`
		);
		for (const row of part.rows) {
			lines.push(`| ${part.columns.map((column) => cell(row[column])).join(' | ')} |`);
		}
		lines.push('');
		for (const target of part.targets ?? []) {
			const verdict = target.met === null ? '–' : target.met ? '✔' : '✘';
			lines.push(`- ${verdict} ${target.target}: ${target.detail}`);
		}
		for (const note of part.notes ?? []) lines.push(`- ${note}`);
		lines.push('');
	}
	return lines.join('\n');
}

function cell(value: Value | undefined): string {
	if (value === undefined || value === null) return '–';
	if (typeof value === 'number') return value.toLocaleString('de-DE');
	return String(value).replaceAll('|', '\\|');
}

/** Replaces the results section of the README, keeping everything around it. */
export function withResults(readme: string, results: string): string {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start < 0 || end < start) return `${readme.trimEnd()}\n\n${START}\n${results}\n${END}\n`;
	return `${readme.slice(0, start + START.length)}\n${results}\n${readme.slice(end)}`;
}
