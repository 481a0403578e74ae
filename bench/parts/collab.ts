/**
 * „Live-Bearbeitung unter Last“: N editors on one agenda, 5 edits a second each plus presence,
 * against Agendawerk, the y-websocket reference server and Hocuspocus 4 in the same run, so that
 * the table shows ratios between servers on the same machine rather than absolute numbers alone.
 *
 * Most editors are light sockets sending pre-encoded Yjs updates (light-editor.ts); a few full
 * clients with a real Y.Doc measure the latency from an edit to its arrival at the others
 * (full-client.ts). Rounds of one N run one server after the other (starting with another one
 * for each N); every server keeps running in its own process, idle while another is measured.
 */
import { cpus, loadavg } from 'node:os';
import { round, summarize } from '../lib/stats';
import type { BenchContext, BenchPart, PartResult, Value } from '../lib/types';
import {
	startAgendawerk,
	startHocuspocus,
	startYWebsocket,
	type BenchServer,
	type ServerName
} from './collab/servers';
import { runRound, type RoundPlan, type RoundResult } from './collab/workload';

const EDITS_PER_SECOND = 5;
const MIB = 1024 * 1024;
/** Above this event-loop delay of the generator, a row's latencies say more about the generator. */
const LAG_LIMIT_MS = 10;

const FULL = {
	editors: [10, 50, 100, 200],
	fullClients: 3,
	warmupMs: 3_000,
	measureMs: 10_000,
	graceMs: 2_000
};
// Three editors, so that the smoke run has a light socket next to the two measuring clients.
const SMOKE = { editors: [3], fullClients: 2, warmupMs: 500, measureMs: 2_000, graceMs: 500 };

/** The targets for Agendawerk: p99 per N, and with every measured edit delivered. */
const P99_TARGETS = [
	{ editors: 100, p99Ms: 25 },
	{ editors: 200, p99Ms: 50 }
];

interface Measured {
	server: ServerName;
	editors: number;
	result: RoundResult;
}

export const collab: BenchPart = {
	name: 'collab',
	title: 'Live-Bearbeitung unter Last',
	async run(context: BenchContext): Promise<PartResult> {
		const settings = context.smoke ? SMOKE : FULL;
		const notes: string[] = [];
		// Server and generator share the machine's cores: anything else running skews every number.
		const loadBefore = loadavg()[0] ?? 0;
		const servers = await startServers(context, notes);
		const measured: Measured[] = [];
		try {
			for (const editors of settings.editors) {
				const plan: RoundPlan = {
					editors,
					fullClients: Math.min(settings.fullClients, editors),
					editsPerSecond: EDITS_PER_SECOND,
					warmupMs: settings.warmupMs,
					measureMs: settings.measureMs,
					graceMs: settings.graceMs
				};
				// Each N starts with another server, so that no server always meets a warmer machine.
				const index = settings.editors.indexOf(editors);
				const order = [
					...servers.slice(index % servers.length),
					...servers.slice(0, index % servers.length)
				];
				for (const server of order) {
					const result = await runRound(server, `${editors}-${Date.now().toString(36)}`, plan);
					context.log(describe(server.name, editors, result));
					// A smoke run exists to notice a broken step, so it must not pass with empty numbers.
					if (context.smoke && (result.delivered === 0 || result.messagesOutPerSecond === 0)) {
						throw new Error(`${server.name}: nichts zugestellt`);
					}
					measured.push({ server: server.name, editors, result });
				}
			}
		} finally {
			await Promise.all(servers.map((server) => server.stop()));
		}
		notes.push(
			`Je Runde ${settings.fullClients} volle Clients (Y.Doc, messen die Latenz untereinander), der Rest ` +
				'leichte Sockets mit vorab kodierten Yjs-Updates in einen eigenen Text; ' +
				`${settings.warmupMs / 1000} s Aufwärmen, ${settings.measureMs / 1000} s Messung, ` +
				`${settings.graceMs / 1000} s Nachlauf.`,
			'„Nachrichten/s“: Frames der Bearbeitenden an den Server (Änderungen und Präsenz); ' +
				'„ausgeliefert/s“: Frames des Servers an alle Bearbeitenden.',
			`Generator (dieser Prozess): höchste Event-Loop-Verzögerung p99 ${maxOf(measured, (m) => m.result.generatorLagP99Ms)} ms, ` +
				`höchste CPU ${maxOf(measured, (m) => m.result.generatorCpuShare * 100)} % eines Kerns.`
		);
		notes.push(machineLoad(loadBefore, loadavg()[0] ?? 0));
		const disturbed = measured.filter((m) => m.result.generatorLagP99Ms > LAG_LIMIT_MS);
		if (disturbed.length > 0) {
			notes.push(
				`Generator-Lag p99 über ${LAG_LIMIT_MS} ms (Generator oder Rechner ausgelastet, die Latenzen ` +
					`dieser Zeilen messen nicht nur den Server): ` +
					disturbed.map((m) => `${m.server} bei ${m.editors}`).join(', ')
			);
		}
		const serverOrder = servers.map((server) => server.name);
		const rows = [...measured]
			.sort(
				(a, b) =>
					a.editors - b.editors || serverOrder.indexOf(a.server) - serverOrder.indexOf(b.server)
			)
			.map((entry) => row(entry, measured));
		return {
			rows,
			columns: [
				'server',
				'editors',
				'p50Ms',
				'p95Ms',
				'p99Ms',
				'p99VsHocuspocus',
				'delivered',
				'messagesPerSecond',
				'fanOutPerSecond',
				'cpuPercent',
				'rssMiB',
				'generatorLagP99Ms'
			],
			targets: targets(measured),
			notes
		};
	}
};

/** Starts the three servers; a reference server that cannot start is left out with a note. */
async function startServers(context: BenchContext, notes: string[]): Promise<BenchServer[]> {
	const servers: BenchServer[] = [await startAgendawerk()];
	for (const start of [startYWebsocket, startHocuspocus]) {
		try {
			servers.push(await start());
		} catch (error) {
			const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
			notes.push(`Referenzserver nicht gestartet (${start.name}): ${message}`);
			context.log(`Referenzserver nicht gestartet: ${message}`);
		}
	}
	return servers;
}

function row({ server, editors, result }: Measured, all: Measured[]): Record<string, Value> {
	const latency = summarize(result.latenciesMs);
	const hocuspocus = all.find((m) => m.server === 'Hocuspocus 4' && m.editors === editors);
	const hocuspocusP99 = hocuspocus ? summarize(hocuspocus.result.latenciesMs).p99 : null;
	return {
		server,
		editors,
		p50Ms: round(latency.p50),
		p95Ms: round(latency.p95),
		p99Ms: round(latency.p99),
		p99VsHocuspocus:
			latency.p99 !== null && hocuspocusP99 ? round(latency.p99 / hocuspocusP99) : null,
		delivered: deliveredShare(result),
		messagesPerSecond: Math.round(result.messagesInPerSecond),
		fanOutPerSecond: Math.round(result.messagesOutPerSecond),
		cpuPercent: round(result.serverCpuShare * 100),
		rssMiB: round(result.serverPeakRssBytes / MIB),
		generatorLagP99Ms: round(result.generatorLagP99Ms)
	};
}

function deliveredShare(result: RoundResult): string {
	if (result.expected === 0) return '–';
	const share = (100 * result.delivered) / result.expected;
	// Never round a loss up to „100 %“.
	const shown = result.delivered === result.expected ? '100' : Math.min(share, 99.9).toFixed(1);
	return `${shown.replace('.', ',')} %`;
}

function targets(measured: Measured[]): NonNullable<PartResult['targets']> {
	const find = (server: ServerName, editors: number) =>
		measured.find((m) => m.server === server && m.editors === editors);
	const list: NonNullable<PartResult['targets']> = [];
	for (const target of P99_TARGETS) {
		const own = find('Agendawerk', target.editors);
		const p99 = own ? summarize(own.result.latenciesMs).p99 : null;
		const complete = own ? own.result.delivered === own.result.expected : false;
		list.push({
			target: `p99 ≤ ${target.p99Ms} ms bei ${target.editors} Bearbeitenden, alle Änderungen zugestellt`,
			met: own && p99 !== null ? p99 <= target.p99Ms && complete : null,
			detail: own
				? `p99 ${round(p99)} ms, zugestellt ${deliveredShare(own.result)}`
				: 'nicht gemessen'
		});
	}
	const cpuChecks = P99_TARGETS.map(({ editors }) => ({
		editors,
		own: find('Agendawerk', editors),
		reference: find('Hocuspocus 4', editors)
	}));
	const compared = cpuChecks.filter((check) => check.own && check.reference);
	list.push({
		target: 'Server-CPU nicht über der von Hocuspocus im selben Lauf (100 und 200 Bearbeitende)',
		met:
			compared.length === 0
				? null
				: compared.every(
						(check) =>
							(check.own?.result.serverCpuShare ?? 0) <=
							(check.reference?.result.serverCpuShare ?? 0)
					),
		detail:
			compared.length === 0
				? 'nicht gemessen'
				: compared
						.map(
							(check) =>
								`${check.editors}: ${round((check.own?.result.serverCpuShare ?? 0) * 100)} % gegen ` +
								`${round((check.reference?.result.serverCpuShare ?? 0) * 100)} %`
						)
						.join('; ')
	});
	return list;
}

function describe(server: ServerName, editors: number, result: RoundResult): string {
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

function maxOf(measured: Measured[], pick: (entry: Measured) => number): number | null {
	return measured.length === 0 ? null : round(Math.max(...measured.map(pick)));
}
