/**
 * „Live-Bearbeitung über mehrere Prozesse“ (issue 18): the `collab` workload with the editors of
 * one agenda spread over two processes against all on one, for Agendawerk (PostgreSQL and Redis
 * in both rows, so that only the spread differs) and, in the same run, Hocuspocus 4 alone and two
 * Hocuspocus 4 processes joined by its Redis extension. Editor i talks to process i mod 2; the
 * measuring full clients are consecutive editors, so they alternate between the processes and
 * most measured deliveries cross from one process to the other.
 */
import { loadavg } from 'node:os';
import { startAppCluster } from '../../tests/support/cluster';
import { startRedis } from '../../tests/support/redis';
import { MANY_PEOPLE_FEW_ACCOUNTS } from '../lib/server-env';
import { round, summarize } from '../lib/stats';
import type { BenchContext, BenchPart, PartResult, Value } from '../lib/types';
import {
	deliveredShare,
	measureRounds,
	roundNotes,
	type Measured,
	type RoundSettings
} from './collab/rounds';
import {
	agendawerkOn,
	startHocuspocus,
	startHocuspocusWithRedis,
	type BenchServer
} from './collab/servers';

const MIB = 1024 * 1024;
const SERVERS = {
	ownOne: 'Agendawerk, 1 Prozess',
	ownTwo: 'Agendawerk, 2 Prozesse',
	hocuspocusOne: 'Hocuspocus 4, 1 Prozess',
	hocuspocusTwo: 'Hocuspocus 4 + Redis, 2 Prozesse'
};
/**
 * Both Agendawerk rows use the same two processes (the one-process row only the first). Each
 * round has an agenda of its own (`agendawerkOn`); the processes unload a round's agenda this
 * soon after it, and the pause after each round waits for that, so that no unloading (with its
 * compaction) falls into the next round.
 */
const UNLOAD_DELAY_MS = 200;
const PAUSE_MS = UNLOAD_DELAY_MS + 500;

/**
 * Four measuring clients and 20 s: about 1,200 measured deliveries per row, so that the p99
 * rests on a dozen of them (with three clients and 10 s, on three: runs scattered by up to ×2.5).
 */
const FULL: RoundSettings = {
	editors: [100, 200],
	fullClients: 4,
	warmupMs: 3_000,
	measureMs: 20_000,
	graceMs: 2_000,
	pauseMs: PAUSE_MS
};
// Two measuring clients, one on each process, and a light socket beside them.
const SMOKE: RoundSettings = {
	editors: [3],
	fullClients: 2,
	warmupMs: 500,
	measureMs: 1_500,
	graceMs: 500,
	pauseMs: PAUSE_MS
};

export const clusterCollab: BenchPart = {
	name: 'cluster-collab',
	title: 'Live-Bearbeitung über mehrere Prozesse',
	async run(context: BenchContext): Promise<PartResult> {
		const settings = context.smoke ? SMOKE : FULL;
		// Server and generator share the machine's cores: anything else running skews every number.
		const loadBefore = loadavg()[0] ?? 0;
		// Everything started so far, stopped in reverse order whatever fails.
		const stops: (() => Promise<void>)[] = [];
		let measured: Measured[];
		try {
			const redis = await startRedis();
			stops.push(() => redis.stop());
			// Side by side: starting PostgreSQL and seeding takes longest, the others fit beside it.
			const outcomes = await Promise.allSettled([
				startAppCluster({
					processes: 2,
					env: { ...MANY_PEOPLE_FEW_ACCOUNTS, COLLAB_UNLOAD_DELAY_MS: String(UNLOAD_DELAY_MS) }
				}),
				startHocuspocus(),
				startHocuspocusWithRedis(SERVERS.hocuspocusTwo, 2, { host: '127.0.0.1', port: redis.port })
			]);
			for (const outcome of outcomes) {
				if (outcome.status === 'fulfilled') stops.push(() => outcome.value.stop());
			}
			const cluster = startedOrThrow(outcomes[0]);
			const hocuspocus = startedOrThrow(outcomes[1]);
			const hocuspocusPair = startedOrThrow(outcomes[2]);
			const stoppedWithCluster = async () => {};
			const servers: BenchServer[] = [
				await agendawerkOn(SERVERS.ownOne, cluster.servers.slice(0, 1), stoppedWithCluster),
				await agendawerkOn(SERVERS.ownTwo, cluster.servers, stoppedWithCluster),
				{ ...hocuspocus, name: SERVERS.hocuspocusOne },
				hocuspocusPair
			];
			measured = await measureRounds(context, servers, settings);
		} finally {
			for (const stop of stops.reverse()) await stop();
		}
		const notes = [
			'Agendawerk: zwei Produktions-Prozesse auf einer PostgreSQL-Datenbank und einem redis-server; ' +
				'„1 Prozess“ schickt alle Bearbeitenden an den ersten, „2 Prozesse“ Bearbeitende i an ' +
				`Prozess i mod 2 (der zweite entlädt die Agenda ${UNLOAD_DELAY_MS} ms nach der letzten ` +
				'Verbindung, die Runden warten das ab). Hocuspocus 4 allein ohne Erweiterungen; „+ Redis“: ' +
				'zwei Prozesse mit `@hocuspocus/extension-redis` an einem eigenen redis-server, ebenso verteilt.',
			`Die messenden Clients sitzen abwechselnd auf beiden Prozessen: ${crossing(settings.fullClients)} ` +
				'der gemessenen Wege gehen bei zwei Prozessen über Redis.',
			'CPU und RSS je Prozess (erster / zweiter); redis-server und PostgreSQL sind nicht mitgezählt.',
			...roundNotes(settings, measured, loadBefore, loadavg()[0] ?? 0)
		];
		return {
			rows: measured.map((entry) => row(entry, measured)),
			columns: [
				'server',
				'editors',
				'p50Ms',
				'p95Ms',
				'p99Ms',
				'p99VsHocuspocusRedis',
				'delivered',
				'cpuPercentPerProcess',
				'rssMiBPerProcess',
				'messagesPerSecond',
				'fanOutPerSecond',
				'generatorLagP99Ms'
			],
			targets: targets(measured, settings.editors),
			notes
		};
	}
};

function startedOrThrow<T>(outcome: PromiseSettledResult<T>): T {
	if (outcome.status === 'rejected') throw outcome.reason;
	return outcome.value;
}

/** „4 von 6“: directed pairs of measuring clients on different processes (i mod 2). */
function crossing(fullClients: number): string {
	let cross = 0;
	for (let from = 0; from < fullClients; from++)
		for (let to = 0; to < fullClients; to++) if (from % 2 !== to % 2) cross++;
	return `${cross} von ${fullClients * (fullClients - 1)}`;
}

const p99Of = (entry: Measured | undefined) =>
	entry ? summarize(entry.result.latenciesMs).p99 : null;

function row(entry: Measured, all: Measured[]): Record<string, Value> {
	const { server, editors, result } = entry;
	const latency = summarize(result.latenciesMs);
	const reference = p99Of(
		all.find((m) => m.server === SERVERS.hocuspocusTwo && m.editors === editors)
	);
	const perProcess = (pick: (load: (typeof result.processes)[number]) => number) =>
		result.processes.map((load) => String(round(pick(load))).replace('.', ',')).join(' / ');
	return {
		server,
		editors,
		p50Ms: round(latency.p50),
		p95Ms: round(latency.p95),
		p99Ms: round(latency.p99),
		p99VsHocuspocusRedis: latency.p99 !== null && reference ? round(latency.p99 / reference) : null,
		delivered: deliveredShare(result),
		cpuPercentPerProcess: perProcess((load) => load.cpuShare * 100),
		rssMiBPerProcess: perProcess((load) => load.peakRssBytes / MIB),
		messagesPerSecond: Math.round(result.messagesInPerSecond),
		fanOutPerSecond: Math.round(result.messagesOutPerSecond),
		generatorLagP99Ms: round(result.generatorLagP99Ms)
	};
}

function targets(measured: Measured[], sizes: number[]): NonNullable<PartResult['targets']> {
	const find = (server: string, editors: number) =>
		measured.find((m) => m.server === server && m.editors === editors);
	const own = measured.filter((m) => m.server === SERVERS.ownOne || m.server === SERVERS.ownTwo);
	const p99Checks = sizes.map((editors) => {
		const ownP99 = p99Of(find(SERVERS.ownTwo, editors));
		const referenceP99 = p99Of(find(SERVERS.hocuspocusTwo, editors));
		return {
			target: `p99 von Agendawerk mit 2 Prozessen nicht über Hocuspocus 4 + Redis mit 2 Prozessen (${editors} Bearbeitende)`,
			met: ownP99 === null || referenceP99 === null ? null : ownP99 <= referenceP99,
			detail: `${round(ownP99) ?? '–'} ms gegen ${round(referenceP99) ?? '–'} ms`
		};
	});
	return [
		...p99Checks,
		{
			target: 'Agendawerk stellt jede gemessene Änderung zu (1 und 2 Prozesse)',
			met:
				own.length === 0
					? null
					: own.every((m) => m.result.expected > 0 && m.result.delivered === m.result.expected),
			detail: own.map((m) => `${m.server}, ${m.editors}: ${deliveredShare(m.result)}`).join('; ')
		}
	];
}
