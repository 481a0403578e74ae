/**
 * „Feindliche Eingaben“: many sockets send generated garbage while honest editors keep working.
 * The server must stay up, close only the senders, keep the honest editors' latency within twice
 * the quiet run's, and let nothing of the attackers into the document.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { readAgenda } from '../../src/lib/agenda/ydoc/read';
import { readConfig } from '../../src/lib/server/config';
import { DEMO, get, login, myAgendas } from '../../tests/support/http';
import { startTestServer, type TestServer } from '../../tests/support/server';
import { profilePhase, profilingEnv } from '../lib/cpu-profile';
import { coreShare, sampleProcess } from '../lib/process-stats';
import { round, summarize } from '../lib/stats';
import type { BenchContext, BenchPart, PartResult } from '../lib/types';
import type { AttackOptions, AttackResult } from './robustness/attack';
import { runInWorker } from '../lib/in-worker';
import { INSPECT_ENV, readLagProbe, startLagProbe } from './robustness/inspector';
import { persistedDoc } from './robustness/persisted';
import { runQueueWaitMs } from './robustness/schedstat';
import { FROM_SERVER, closePeers, openPeer, sleep, type RawPeer } from './robustness/raw-peer';
import {
	citizenPathOf,
	probeLatency,
	warmProbedPages,
	type ProbeResult
} from './robustness/probes';
import { syncFlood, type SyncFloodResult } from './robustness/sync-flood';

const MAX_MESSAGE_BYTES = 64 * 1024;
const HONEST_EDITORS = 3;
const EDITS_PER_SECOND = 20;
const SCRATCH_MAP = 'benchHonest';
const SEED = 4711;

export const hostile: BenchPart = {
	name: 'hostile',
	title: 'Feindliche Eingaben',
	async run(context: BenchContext): Promise<PartResult> {
		const frameCount = context.smoke ? 200 : 10_000;
		const attackerCount = context.smoke ? 4 : 32;
		// About as long as the attack lasts (13–19 s): a compaction (every 500 appends, about every
		// 10 s here) stalls the loop for 5–15 ms; in 8 s it fell into the quiet run or not, and the
		// quiet p99 the ratio divides by scattered from 6 to 11 ms with it.
		const quietMs = context.smoke ? 1000 : 16_000;
		const server = await startTestServer({
			COLLAB_MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES),
			RATE_LIMIT_LOGIN_PER_IP: '100000',
			// Citizens read through the public page cache, as shipped. Without it (the tests' 0),
			// each citizen-page probe rendered afresh, 15–40 ms of the event loop ten times a
			// second, and the editors' p99 measured the probe more than the attack.
			PUBLIC_PAGE_CACHE_MS: String(readConfig({}).publicPageCacheMs),
			// For the event-loop probe in the server (loopback only), and a profile on request.
			...profilingEnv('hostile', INSPECT_ENV.NODE_OPTIONS)
		});
		const honest: RawPeer[] = [];
		try {
			const editor = await login(server.url, DEMO.editor);
			const cookies = {
				viewer: await login(server.url, DEMO.viewer),
				editor: await login(server.url, DEMO.editor2),
				citizen: await login(server.url, DEMO.citizen)
			};
			const [agenda] = await myAgendas(server.url, editor);
			const agendaId = agenda?.id ?? '';

			const latency = new LatencyProbe();
			for (let index = 0; index < HONEST_EDITORS; index++) {
				const doc = new Y.Doc();
				latency.watch(doc);
				honest.push(await openPeer({ base: server.url, agendaId, cookie: editor, doc }));
			}
			const initial = Y.encodeStateAsUpdate(honest[0]?.doc ?? new Y.Doc());
			// Before the quiet run, so that every run finds the server equally warm.
			const citizenPath = await citizenPathOf(server, agendaId);
			await warmProbedPages(server, citizenPath);

			context.log(`Ruhiger Lauf: ${quietMs} ms`);
			const quietLoad = await watchLoad(server);
			const quietEditing = latency.edit(honest, 'q');
			const quietProbes = probeLatency(server, citizenPath);
			const quietProfiled = profilePhase(server, 'hostile', 'quiet');
			await sleep(quietMs);
			quietEditing.stop();
			await quietProfiled();
			const quietProbed = await quietProbes.stop();
			const quietUsage = await quietLoad.stop();
			await sleep(300);

			context.log(`Angriff: ${frameCount} Frames von ${attackerCount} Sockets`);
			const outputBefore = server.output().length;
			const attackLoad = await watchLoad(server);
			const attackEditing = latency.edit(honest, 'a');
			const attackProbes = probeLatency(server, citizenPath);
			const attackProfiled = profilePhase(server, 'hostile', 'attack');
			const attack = await runInWorker<AttackResult>(
				new URL('./robustness/attack-worker.ts', import.meta.url),
				{
					url: server.url,
					agendaId,
					frameCount,
					attackerCount,
					cookies,
					seed: SEED,
					maxMessageBytes: MAX_MESSAGE_BYTES
				} satisfies AttackOptions,
				'Angriff'
			);
			attackEditing.stop();
			await attackProfiled();
			const attackProbed = await attackProbes.stop();
			const attackUsage = await attackLoad.stop();
			// What the server wrote to its log during the attack (a log flood is a cost of its own).
			const logged = server.output().slice(outputBefore);

			const floodSockets = context.smoke ? 4 : 20;
			const floodRequests = context.smoke ? 50 : 1_500;
			context.log(`Sync-Flut: ${floodSockets} Sockets mit je ${floodRequests} Sync-Anfragen`);
			await sleep(500);
			const floodEditing = latency.edit(honest, 'f');
			const floodProbes = probeLatency(server, citizenPath);
			const floodProfiled = profilePhase(server, 'hostile', 'flood');
			const flood = await syncFlood({
				server,
				agendaId,
				cookie: cookies.viewer,
				sockets: floodSockets,
				requestsPerSocket: floodRequests
			});
			floodEditing.stop();
			await floodProfiled();
			const floodProbed = await floodProbes.stop();

			const health = await get(server.url, '/healthz');
			const alive = health.status === 200;
			const integrity = await checkDocument(server, agendaId, honest, initial, latency.written);
			const quiet = summarize(latency.samples.q);
			const underAttack = summarize(latency.samples.a);
			const ratio = quiet.p99 && underAttack.p99 ? underAttack.p99 / quiet.p99 : null;
			context.log(
				`p99 ruhig ${round(quiet.p99)} ms, unter Angriff ${round(underAttack.p99)} ms; Dokument ${integrity.ok ? 'unverändert' : 'VERÄNDERT'}`
			);
			return report({
				attackerCount,
				attack,
				alive,
				integrity,
				quiet,
				underAttack,
				ratio,
				honest,
				quietUsage,
				attackUsage,
				logged,
				flood,
				duringFlood: summarize(latency.samples.f),
				probed: { quiet: quietProbed, attack: attackProbed, flood: floodProbed }
			});
		} finally {
			await closePeers(honest);
			await server.stop();
		}
	}
};

/** A phase's probe latencies as table cells. */
function probeColumns({ health, citizenPage }: ProbeResult) {
	return {
		'/healthz p50/max (ms)': `${round(health.p50)} / ${round(health.max)}`,
		'Bürgerseite p50/max (ms)': `${round(citizenPage.p50)} / ${round(citizenPage.max)}`
	};
}

/**
 * The server's CPU share and this thread's event-loop delay over a phase: they tell whether a
 * slower honest edit waited on the server or on the benchmark itself.
 */
async function watchLoad(server: TestServer) {
	await startLagProbe(server);
	const started = performance.now();
	const cpu = sampleProcess(server.pid);
	const waitedBefore = runQueueWaitMs(server.pid);
	const delay = monitorEventLoopDelay({ resolution: 1 });
	delay.enable();
	return {
		async stop(): Promise<Usage> {
			delay.disable();
			const seconds = (performance.now() - started) / 1000;
			const serverCores = coreShare(cpu, sampleProcess(server.pid), seconds);
			const serverWaitShare = (runQueueWaitMs(server.pid) - waitedBefore) / 1000 / seconds;
			const lag = summarize(await readLagProbe(server));
			return {
				serverCores,
				serverWaitShare,
				serverLagP99Ms: lag.p99 ?? 0,
				serverLagMaxMs: lag.max ?? 0,
				loopDelayP99Ms: delay.percentile(99) / 1e6
			};
		}
	};
}

interface Usage {
	serverCores: number;
	/** Share of the phase the server's main thread was ready to run but had no CPU. */
	serverWaitShare: number;
	/** How late a 10 ms timer in the server fired: its event loop was busy that long. */
	serverLagP99Ms: number;
	serverLagMaxMs: number;
	loopDelayP99Ms: number;
}

/** Phases of the run: quiet, under the frame attack, during the sync-request flood. */
const PHASES = ['q', 'a', 'f'] as const;
type Phase = (typeof PHASES)[number];

/**
 * Edit-to-arrival latency among the honest editors: each entry carries its send time, and every
 * other editor measures when it arrives from the server (one process, so one clock).
 */
class LatencyProbe {
	readonly samples: Record<Phase, number[]> = { q: [], a: [], f: [] };
	readonly written = new Set<string>();

	watch(doc: Y.Doc) {
		doc.getMap<number>(SCRATCH_MAP).observe((event, transaction) => {
			if (transaction.origin !== FROM_SERVER) return;
			const now = performance.now();
			for (const key of event.keysChanged) {
				const sentAt = event.target.get(key);
				const phase = PHASES.find((candidate) => key.startsWith(`${candidate}:`));
				if (sentAt !== undefined && phase) this.samples[phase].push(now - sentAt);
			}
		});
	}

	edit(editors: RawPeer[], phase: Phase) {
		let seq = 0;
		const timers = editors.map((editor, index) =>
			setInterval(() => {
				const key = `${phase}:${index}:${seq++}`;
				this.written.add(key);
				editor.doc?.getMap<number>(SCRATCH_MAP).set(key, performance.now());
			}, 1000 / EDITS_PER_SECOND)
		);
		return { stop: () => timers.forEach((timer) => clearInterval(timer)) };
	}
}

interface Integrity {
	ok: boolean;
	detail: string;
}

/**
 * The persisted document must be the initial one plus exactly the honest editors' entries: no
 * client id of an attacker in its state vector, no pending (unapplicable) structs, the agenda
 * content unchanged, and every honest entry present.
 */
async function checkDocument(
	server: TestServer,
	agendaId: string,
	honest: RawPeer[],
	initial: Uint8Array,
	written: Set<string>
): Promise<Integrity> {
	const complete = (doc: Y.Doc | null) => doc?.getMap(SCRATCH_MAP).size === written.size;
	const deadline = Date.now() + 10_000;
	while (!honest.every((peer) => complete(peer.doc)) && Date.now() < deadline) await sleep(50);

	const initialDoc = new Y.Doc();
	Y.applyUpdate(initialDoc, initial);
	const persisted = persistedDoc(server.databasePath, agendaId);
	const allowed = new Set([
		...Y.decodeStateVector(Y.encodeStateVector(initialDoc)).keys(),
		...honest.map((peer) => peer.doc?.clientID ?? -1)
	]);
	const strangers = [...Y.decodeStateVector(Y.encodeStateVector(persisted)).keys()].filter(
		(client) => !allowed.has(client)
	);
	const pending = persisted.store.pendingStructs !== null || persisted.store.pendingDs !== null;
	const sameAgenda =
		JSON.stringify(readAgenda(persisted).agenda) === JSON.stringify(readAgenda(initialDoc).agenda);
	const keys = persisted.getMap(SCRATCH_MAP);
	const missing = [...written].filter((key) => !keys.has(key)).length;
	const extra = keys.size - (written.size - missing);
	const ok = strangers.length === 0 && !pending && sameAgenda && missing === 0 && extra === 0;
	return {
		ok,
		detail: `fremde Client-IDs ${strangers.length}, ausstehende Structs ${pending ? 'ja' : 'nein'}, Agenda-Inhalt ${sameAgenda ? 'gleich' : 'verändert'}, ehrliche Einträge fehlend ${missing}, fremde Einträge ${extra}`
	};
}

function report(input: {
	attackerCount: number;
	quietUsage: Usage;
	attackUsage: Usage;
	logged: string;
	attack: AttackResult;
	alive: boolean;
	integrity: Integrity;
	quiet: ReturnType<typeof summarize>;
	underAttack: ReturnType<typeof summarize>;
	ratio: number | null;
	honest: RawPeer[];
	flood: SyncFloodResult;
	duringFlood: ReturnType<typeof summarize>;
	probed: Record<'quiet' | 'attack' | 'flood', ProbeResult>;
}): PartResult {
	const { attack, alive, integrity, quiet, underAttack, ratio, honest, flood, duringFlood } = input;
	const { probed } = input;
	const floodCloses = Object.entries(flood.closes)
		.map(([code, n]) => `${code}: ${n}`)
		.join(', ');
	const floodRatio = quiet.p99 && duringFlood.p99 ? duringFlood.p99 / quiet.p99 : null;
	const honestClosed = honest.filter((peer) => peer.closeCode() !== null).length;
	const closes = Object.entries(attack.closes)
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([code, n]) => `${code}: ${n}`)
		.join(', ');
	const refused = Object.entries(attack.refusedUpgrades)
		.map(([status, n]) => `${status}: ${n}`)
		.join(', ');
	const kinds = Object.entries(attack.byKind)
		.map(([kind, n]) => `${kind} ${n}`)
		.join(', ');
	return {
		rows: [
			{
				Lauf: 'ruhig',
				Frames: 0,
				'Edits gemessen': quiet.count,
				'p50 (ms)': round(quiet.p50),
				'p99 (ms)': round(quiet.p99),
				'max (ms)': round(quiet.max),
				'Server-CPU (Kerne)': round(input.quietUsage.serverCores),
				'Server wartet auf CPU (%)': round(input.quietUsage.serverWaitShare * 100),
				'Server-Eventloop p99 (ms)': round(input.quietUsage.serverLagP99Ms),
				'Server-Eventloop max (ms)': round(input.quietUsage.serverLagMaxMs),
				'Bench-Eventloop p99 (ms)': round(input.quietUsage.loopDelayP99Ms),
				...probeColumns(probed.quiet)
			},
			{
				Lauf: 'unter Angriff',
				Frames: attack.framesSent,
				Verbindungen: attack.connections,
				Schließcodes: closes,
				'abgelehnte Upgrades': refused,
				'Edits gemessen': underAttack.count,
				'p50 (ms)': round(underAttack.p50),
				'p99 (ms)': round(underAttack.p99),
				'max (ms)': round(underAttack.max),
				'p99-Verhältnis': round(ratio),
				'Server-CPU (Kerne)': round(input.attackUsage.serverCores),
				'Server wartet auf CPU (%)': round(input.attackUsage.serverWaitShare * 100),
				'Server-Eventloop p99 (ms)': round(input.attackUsage.serverLagP99Ms),
				'Server-Eventloop max (ms)': round(input.attackUsage.serverLagMaxMs),
				'Bench-Eventloop p99 (ms)': round(input.attackUsage.loopDelayP99Ms),
				'Server-Log (KB)': round(input.logged.length / 1024),
				...probeColumns(probed.attack),
				'Dauer (s)': round(attack.seconds)
			},
			{
				Lauf: 'Sync-Flut',
				Frames: flood.requestsSent,
				Verbindungen: flood.opened,
				Schließcodes: floodCloses,
				'abgelehnte Upgrades': flood.refusedUpgrades ? `429/503: ${flood.refusedUpgrades}` : '',
				'Edits gemessen': duringFlood.count,
				'p50 (ms)': round(duringFlood.p50),
				'p99 (ms)': round(duringFlood.p99),
				'max (ms)': round(duringFlood.max),
				'p99-Verhältnis': round(floodRatio),
				'Server-RSS vorher/Spitze/nachher (MiB)': `${round(flood.rssBeforeMiB)} / ${round(flood.rssPeakMiB)} / ${round(flood.rssAfterMiB)}`,
				...probeColumns(probed.flood),
				'Dauer (s)': round(flood.seconds)
			}
		],
		columns: [
			'Lauf',
			'Frames',
			'Verbindungen',
			'Schließcodes',
			'abgelehnte Upgrades',
			'Edits gemessen',
			'p50 (ms)',
			'p99 (ms)',
			'max (ms)',
			'p99-Verhältnis',
			'Server-CPU (Kerne)',
			'Server wartet auf CPU (%)',
			'Server-Eventloop p99 (ms)',
			'Server-Eventloop max (ms)',
			'Bench-Eventloop p99 (ms)',
			'Server-Log (KB)',
			'Server-RSS vorher/Spitze/nachher (MiB)',
			'/healthz p50/max (ms)',
			'Bürgerseite p50/max (ms)',
			'Dauer (s)'
		],
		targets: [
			{
				target: 'Der Server bleibt erreichbar (/healthz) und trennt keine ehrlichen Bearbeitenden',
				met: alive && honestClosed === 0,
				detail: `/healthz ${alive ? '200' : 'antwortet nicht'}, ehrliche Verbindungen geschlossen: ${honestClosed}`
			},
			{
				target: 'p99 der ehrlichen Bearbeitenden höchstens 2× des ruhigen Laufs',
				met: ratio === null ? null : ratio <= 2,
				detail: `${round(quiet.p99)} ms → ${round(underAttack.p99)} ms (×${round(ratio)})`
			},
			{
				target:
					'Sync-Flut: Server-Speicher höchstens 50 MiB über dem Stand davor, /healthz und Bürgerseite unter 500 ms, ehrliche p99 höchstens 2× ruhig',
				met:
					flood.rssPeakMiB - flood.rssBeforeMiB <= 50 &&
					(probed.flood.health.max ?? Infinity) < 500 &&
					(probed.flood.citizenPage.max ?? Infinity) < 500 &&
					(floodRatio === null || floodRatio <= 2),
				detail: `RSS +${round(flood.rssPeakMiB - flood.rssBeforeMiB)} MiB, /healthz max ${round(probed.flood.health.max)} ms, Bürgerseite max ${round(probed.flood.citizenPage.max)} ms, p99 ×${round(floodRatio)}`
			},
			{
				target: 'Das Dokument enthält nichts von den Angreifenden',
				met: integrity.ok,
				detail: integrity.detail
			}
		],
		notes: [
			`${input.attackerCount} angreifende Sockets (Lesezugriff und eine Bearbeitende im Wechsel, 5 % Upgrade-Versuche ohne gültige Sitzung), ${HONEST_EDITORS} ehrliche Bearbeitende mit je ${EDITS_PER_SECOND} Änderungen/s; COLLAB_MAX_MESSAGE_BYTES=${MAX_MESSAGE_BYTES}; Seed ${SEED}.`,
			`Frames je Art: ${kinds}.`,
			`Sync-Flut (Prüfbericht: 20 Sockets mit Lesezugriff, je 1.500 × „Sync Schritt 1“, lesen nie): vorher 234 MiB → 1 GiB RSS, /healthz 11 s. Jetzt beantwortet der Server dieselbe Frage einer Verbindung nur einmal, jede Frage ohne Stand aus dem gemerkten Gesamtstand samt Updates seither, erlaubt je Verbindung 5 Anfragen und eine weitere alle 5 s und schließt, wer mehr fragt, mit 1008; Verbindungen je Konto und Agenda sind begrenzt, ausstehende Bytes je Konto auch.`,
			`Server-Log während des Angriffs: ${input.logged.split('\n').filter((line) => line.startsWith('Collab:')).length} Collab-Meldungen, ${round(input.logged.length / 1024)} KB.`,
			'Die Angreifenden (Frames wie Sync-Flut) laufen in einem eigenen Worker-Thread mit niedrigster Priorität (nice 19: echte Angreifende rechnen nicht auf den Kernen des Servers); die ehrlichen Bearbeitenden und die Proben von /healthz und Bürgerseite messen im Haupt-Thread. Alle teilen sich mit dem Server die Kerne der Maschine. Der ruhige Lauf dauert so lange wie ein Angriff (16 s), damit beide p99 auf gleich vielen Messungen beruhen. Die Proben fragen in allen drei Läufen gleich oft (je eine Anfrage, dann 50 ms Pause), nachdem beide Seiten fünfmal aufgerufen wurden: Die Läufe unterscheiden sich nur in den Angreifenden. Bürger:innen lesen über den Seiten-Zwischenspeicher wie ausgeliefert (PUBLIC_PAGE_CACHE_MS).',
			'Bearbeitende Angreifer senden nur Frames, die den sichtbaren Inhalt nicht ändern können (auch „dangling-update“: wohlgeformt, baut aber auf einem Element auf, das es nicht gibt); gültige und verstümmelte echte Updates kommen von Lesezugriff (muss der Server verwerfen).',
			'„ausstehende Structs“: Der Server hält nie anwendbare Updates in pendingStructs und schreibt sie mit der nächsten Verdichtung (Y.encodeStateAsUpdate nimmt sie mit) ins Protokoll – unsichtbarer Ballast, den jeder neue Client im Sync bekommt.'
		]
	};
}
