/**
 * The rounds of a live-editing part: every N against every server, one server after the other,
 * with the notes every such table needs. Shared by `collab` (one process per server) and
 * `cluster-collab` (editors spread over several processes), so both measure the same way.
 */
import { cpus } from 'node:os';
import { round, summarize } from '../../lib/stats';
import type { BenchContext } from '../../lib/types';
import type { BenchServer } from './servers';
import { runRound, type RoundResult } from './workload';

export const EDITS_PER_SECOND = 5;
/** Above this event-loop delay of the generator, a row's latencies say more about the generator. */
export const LAG_LIMIT_MS = 10;

export interface RoundSettings {
	editors: number[];
	fullClients: number;
	warmupMs: number;
	measureMs: number;
	graceMs: number;
	/** Pause after each round, e.g. until a server unloaded the document (default none). */
	pauseMs?: number;
}

export interface Measured {
	server: string;
	editors: number;
	result: RoundResult;
}

/**
 * Runs every N against every server. Each N starts with another server, so that no server always
 * meets a warmer machine. Returns the rounds sorted by N, then in the order of `servers`.
 */
export async function measureRounds(
	context: BenchContext,
	servers: readonly BenchServer[],
	settings: RoundSettings
): Promise<Measured[]> {
	const measured: Measured[] = [];
	for (const [index, editors] of settings.editors.entries()) {
		const plan = {
			editors,
			fullClients: Math.min(settings.fullClients, editors),
			editsPerSecond: EDITS_PER_SECOND,
			warmupMs: settings.warmupMs,
			measureMs: settings.measureMs,
			graceMs: settings.graceMs
		};
		const shift = index % servers.length;
		for (const server of [...servers.slice(shift), ...servers.slice(0, shift)]) {
			const result = await runRound(server, `${editors}-${Date.now().toString(36)}`, plan);
			context.log(describeRound(server.name, editors, result));
			// A smoke run exists to notice a broken step, so it must not pass with empty numbers.
			if (context.smoke && (result.delivered === 0 || result.messagesOutPerSecond === 0)) {
				throw new Error(`${server.name}: nichts zugestellt`);
			}
			measured.push({ server: server.name, editors, result });
			if (settings.pauseMs) await new Promise((resolve) => setTimeout(resolve, settings.pauseMs));
		}
	}
	const order = servers.map((server) => server.name);
	return measured.sort(
		(a, b) => a.editors - b.editors || order.indexOf(a.server) - order.indexOf(b.server)
	);
}

/** What every table of rounds says below it: the workload, the generator, the machine's load. */
export function roundNotes(
	settings: RoundSettings,
	measured: readonly Measured[],
	loadBefore: number,
	loadAfter: number
): string[] {
	const notes = [
		`Je Runde ${settings.fullClients} volle Clients (Y.Doc, messen die Latenz untereinander), der Rest ` +
			'leichte Sockets mit vorab kodierten Yjs-Updates in einen eigenen Text; ' +
			`${settings.warmupMs / 1000} s Aufwärmen, ${settings.measureMs / 1000} s Messung, ` +
			`${settings.graceMs / 1000} s Nachlauf.`,
		'„Nachrichten/s“: Frames der Bearbeitenden an den Server (Änderungen und Präsenz); ' +
			'„ausgeliefert/s“: Frames des Servers an alle Bearbeitenden.',
		`Generator (dieser Prozess): höchste Event-Loop-Verzögerung p99 ${maxOf(measured, (m) => m.result.generatorLagP99Ms)} ms, ` +
			`höchste CPU ${maxOf(measured, (m) => m.result.generatorCpuShare * 100)} % eines Kerns.`,
		machineLoad(loadBefore, loadAfter)
	];
	const disturbed = measured.filter((m) => m.result.generatorLagP99Ms > LAG_LIMIT_MS);
	if (disturbed.length > 0) {
		notes.push(
			`Generator-Lag p99 über ${LAG_LIMIT_MS} ms (Generator oder Rechner ausgelastet, die Latenzen ` +
				`dieser Zeilen messen nicht nur den Server): ` +
				disturbed.map((m) => `${m.server} bei ${m.editors}`).join(', ')
		);
	}
	return notes;
}

/** Share of the measured edits that arrived, as the table shows it. */
export function deliveredShare(result: RoundResult): string {
	if (result.expected === 0) return '–';
	const share = (100 * result.delivered) / result.expected;
	// Never round a loss up to „100 %“.
	const shown = result.delivered === result.expected ? '100' : Math.min(share, 99.9).toFixed(1);
	return `${shown.replace('.', ',')} %`;
}

function describeRound(server: string, editors: number, result: RoundResult): string {
	const latency = summarize(result.latenciesMs);
	return (
		`${server}, ${editors} Bearbeitende: p50 ${round(latency.p50)} ms, p99 ${round(latency.p99)} ms, ` +
		`zugestellt ${result.delivered}/${result.expected}, CPU ${round(result.serverCpuShare * 100)} %, ` +
		`Generator-Lag p99 ${round(result.generatorLagP99Ms)} ms, CPU ${round(result.generatorCpuShare * 100)} %` +
		(result.droppedSockets > 0 ? `, ${result.droppedSockets} Sockets geschlossen` : '')
	);
}

/** The load average around the run, with a warning when other work shared the cores. */
export function machineLoad(before: number, after: number): string {
	const cores = cpus().length;
	const busy = before > cores / 2;
	return (
		`Systemlast (1 min) vor dem Lauf ${before.toFixed(1)}, danach ${after.toFixed(1)} bei ${cores} Kernen` +
		(busy ? ' – der Rechner war schon vorher ausgelastet, die Werte sind unzuverlässig.' : '.')
	);
}

function maxOf(measured: readonly Measured[], pick: (entry: Measured) => number): number | null {
	return measured.length === 0 ? null : round(Math.max(...measured.map(pick)));
}
