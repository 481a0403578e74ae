/**
 * „Nichts geht verloren“ with several app processes (issue 18, docs/architecture.md §3.2): the
 * writers are spread over the processes, one process is killed with SIGKILL at a random moment.
 * Every update a client received was in PostgreSQL before it was sent, so it must be in the log
 * afterwards; the writers of the dead process reconnect to a surviving one, and what they wrote
 * while offline reaches the log through the normal sync (their Y.Doc answers the server's step 1).
 */
import * as Y from 'yjs';
import { startAppCluster, type AppCluster } from '../../tests/support/cluster';
import { DEMO, login, myAgendas } from '../../tests/support/http';
import { startTestServer, type TestServer } from '../../tests/support/server';
import { percentile, round } from '../lib/stats';
import type { BenchContext, BenchPart, PartResult, Value } from '../lib/types';
import {
	CRASH_SERVER_ENV,
	UPDATES_PER_SECOND_PER_WRITER,
	crashPlan
} from './robustness/crash-plan';
import { persistedDocIn } from './robustness/persisted';
import { seededRandom } from './robustness/prng';
import {
	FROM_SERVER,
	closePeers,
	mapLimit,
	openPeer,
	sleep,
	type RawPeer,
	type RawPeerOptions
} from './robustness/raw-peer';

/** A map of its own in the demo document: the writers' entries touch nothing the app reads. */
const SCRATCH_MAP = 'benchClusterDurability';
const SEED = 20261207;
/** How long a writer of the dead process stays offline (and keeps writing) before it reconnects. */
const OFFLINE_MS = 500;
/** Writing goes on this long after the last writer reconnected, across all processes. */
const AFTER_RECONNECT_MS = 500;
/** Every process compares the log heads once a second; after this, all have caught up. */
const HEAD_CHECK_MS = 1500;
/** How long the log may take to hold everything the writers sent, after they stopped. */
const SETTLE_TIMEOUT_MS = 15_000;

export const clusterDurability: BenchPart = {
	name: 'cluster-durability',
	title: 'Nichts geht verloren (mehrere Prozesse)',
	async run(context: BenchContext): Promise<PartResult> {
		const processCount = context.smoke ? 2 : 3;
		const { writerCount, runCount, killWindowMs } = crashPlan(context.smoke);
		const random = seededRandom(SEED);
		const cluster = await startAppCluster({ processes: processCount, env: CRASH_SERVER_ENV });
		const rows: Record<string, Value>[] = [];
		try {
			// Sessions live in the database: these cookies are valid on every process and restart.
			const first = cluster.servers[0]?.url ?? '';
			const cookies = await Promise.all(
				[DEMO.admin, DEMO.editor, DEMO.editor2].map((email) => login(first, email))
			);
			const [agenda] = await myAgendas(first, cookies[0] ?? '');
			const agendaId = agenda?.id ?? '';
			for (let run = 1; run <= runCount; run++) {
				const killAfterMs = random.int(...killWindowMs);
				const victim = random.int(0, processCount - 1);
				const row = await crashRun({
					log: context.log,
					cluster,
					agendaId,
					cookies,
					run,
					writerCount,
					killAfterMs,
					victim
				});
				rows.push(row);
				context.log(
					`Lauf ${run}: Prozess ${victim + 1} nach ${killAfterMs} ms beendet, ${row['empfangen']} empfangen, ${row['verloren']} verloren, ${row['offline fehlend']} offline fehlend`
				);
			}
		} finally {
			await cluster.stop();
		}
		return report(rows, writerCount, processCount);
	}
};

interface CrashRun {
	cluster: AppCluster;
	agendaId: string;
	cookies: string[];
	run: number;
	writerCount: number;
	killAfterMs: number;
	/** Index of the process to kill; it is replaced in `cluster.servers` by its restart. */
	victim: number;
	log(message: string): void;
}

interface Writer {
	doc: Y.Doc;
	peer: RawPeer;
	/** The process its socket is connected to (or was, until it closed). */
	server: TestServer;
	/** Keys this writer set, in order. */
	keys: string[];
}

/** One round: write on every process, kill one, reconnect its writers, compare, restart it. */
async function crashRun(options: CrashRun): Promise<Record<string, Value>> {
	const { cluster, agendaId, cookies, run, writerCount, killAfterMs, victim, log } = options;
	const servers = cluster.servers;
	const prefix = `r${run}:`;
	// Every peer that opened, so that all are closed even when the run fails.
	const peers: RawPeer[] = [];
	const open = async (options: Omit<RawPeerOptions, 'agendaId'>) => {
		const peer = await openPeer({ agendaId, ...options });
		peers.push(peer);
		return peer;
	};
	const cookieOf = (index: number) => cookies[index % cookies.length] ?? '';
	const timers: NodeJS.Timeout[] = [];
	try {
		// One observer per process applies everything its process broadcasts: what it got was
		// persisted first. The dead process' observer keeps what it had at the kill.
		const received = servers.map(() => new Set<string>());
		await Promise.all(
			servers.map(async (server, index) => {
				const doc = new Y.Doc();
				doc.getMap(SCRATCH_MAP).observe((event, transaction) => {
					if (transaction.origin !== FROM_SERVER) return;
					for (const key of event.keysChanged)
						if (key.startsWith(prefix)) received[index]?.add(key);
				});
				await open({ base: server.url, cookie: cookieOf(0), doc });
			})
		);
		// Writers only send: their entries are new keys of their own, so they need no remote
		// state. Round-robin: writer i talks to process i mod n.
		const writers: Writer[] = await mapLimit(
			Array.from({ length: writerCount }, (_, index) => index),
			10,
			async (index) => {
				const doc = new Y.Doc();
				const server = servers[index % servers.length] as TestServer;
				const peer = await open({
					base: server.url,
					cookie: cookieOf(index),
					doc,
					applyIncoming: false
				});
				return { doc, peer, server, keys: [] };
			}
		);

		// Each writer adds uniquely named entries at a steady rate, staggered so the load is even;
		// it keeps writing into its Y.Doc while it has no connection (offline edits).
		const interval = 1000 / UPDATES_PER_SECOND_PER_WRITER;
		writers.forEach((writer, index) => {
			const start = setTimeout(
				() => {
					timers.push(
						setInterval(() => {
							const key = `${prefix}w${index}:${writer.keys.length}`;
							writer.keys.push(key);
							writer.doc.getMap(SCRATCH_MAP).set(key, writer.keys.length);
						}, interval)
					);
				},
				(interval * index) / writerCount
			);
			timers.push(start);
		});

		// Like a browser, every writer whose socket closes stays offline a moment (backoff) while
		// the person keeps editing, then connects to a process that is up; its Y.Doc answers the
		// server's sync step 1 with everything that process lacks. A close not caused by the kill
		// (a failed append: 1011; an update without its base: 1008) is counted as a drop.
		let dead: TestServer | null = null;
		let killedAt = 0;
		let stopping = false;
		const drops: number[] = [];
		const reconnectMs: number[] = [];
		const watches = writers.map(async (writer, index) => {
			for (let attempt = 1; ; attempt++) {
				await closed(writer.peer);
				if (stopping) return;
				const code = writer.peer.closeCode();
				if (writer.server !== dead && code !== null) drops.push(code);
				await sleep(OFFLINE_MS);
				if (stopping) return;
				const up = servers.filter((server) => server !== dead);
				const target = up[(index + attempt) % up.length] as TestServer;
				const started = performance.now();
				try {
					writer.peer = await open({ base: target.url, cookie: cookieOf(index), doc: writer.doc });
					writer.server = target;
					reconnectMs.push(performance.now() - started);
				} catch {
					// The old peer stays closed: the next round tries again.
				}
			}
		});
		const connected = (writer: Writer) =>
			writer.server !== dead && writer.peer.closeCode() === null;

		await sleep(killAfterMs);
		dead = servers[victim] as TestServer;
		await dead.kill('SIGKILL');
		killedAt = performance.now();
		const receivedAtKill = new Set(received[victim]);
		const orphans = writers.filter((writer) => writer.server === dead);
		const keysAtKill = new Map(orphans.map((writer) => [writer, writer.keys.length]));

		await until(() => orphans.every(connected), SETTLE_TIMEOUT_MS);
		const allBackMs = performance.now() - killedAt;
		await sleep(AFTER_RECONNECT_MS);
		for (const timer of timers) clearInterval(timer);
		// A writer dropped just now still has to bring its last entries.
		await until(() => writers.every(connected), SETTLE_TIMEOUT_MS);
		stopping = true;
		for (const writer of writers) writer.peer.close();
		await Promise.all(watches);

		// Everything sent reaches the log once the survivors stored what is under way.
		const sent = writers.flatMap((writer) => writer.keys);
		const readLog = async () => (await persistedDocIn(cluster.sql, agendaId)).getMap(SCRATCH_MAP);
		const settleStarted = performance.now();
		for (;;) {
			const log = await readLog();
			if (sent.every((key) => log.has(key))) break;
			if (performance.now() - settleStarted > SETTLE_TIMEOUT_MS) break;
			await sleep(250);
		}
		await sleep(HEAD_CHECK_MS);
		const allReceived = new Set([
			...receivedAtKill,
			...received.filter((_, index) => index !== victim).flatMap((keys) => [...keys])
		]);
		// Read once the received sets are final: whatever a client received was in the log first.
		const persisted = await readLog();

		// The killed process comes back on the same database for the next run.
		await dead.stop();
		const restartStarted = performance.now();
		servers[victim] = await startTestServer(cluster.env);
		const restartMs = performance.now() - restartStarted;

		// What a new client gets from each process (the restarted one loads from the log) and what
		// the log holds: both must have everything any client received.
		const served = await Promise.all(
			servers.map(async (server) => {
				const checker = await open({ base: server.url, cookie: cookieOf(0), doc: new Y.Doc() });
				return new Set(checker.doc?.getMap(SCRATCH_MAP).keys());
			})
		);
		const lost = [...allReceived].filter(
			(key) => !persisted.has(key) || served.some((keys) => !keys.has(key))
		);
		const offline = orphans.flatMap((writer) => writer.keys.slice(keysAtKill.get(writer)));
		const orphanKeys = orphans.flatMap((writer) => writer.keys);
		const surviving = writers.filter((writer) => !orphans.includes(writer));
		const missing = sent.filter((key) => !persisted.has(key));
		if (drops.length > 0) log(`Abbrüche (Close-Codes): ${drops.join(', ')}`);
		if (lost.length > 0 || missing.length > 0) {
			// Kept for the finding: which entries, and what each process said meanwhile.
			log(`fehlend: ${[...new Set([...lost, ...missing])].join(', ')}`);
			for (const server of [dead, ...servers])
				log(`${server.url}:\n${server.output().slice(-3000)}`);
		}
		return {
			Lauf: run,
			Prozess: victim + 1,
			'Kill nach (ms)': killAfterMs,
			gesendet: sent.length,
			empfangen: allReceived.size,
			verloren: lost.length,
			'offline geschrieben': offline.length,
			'offline fehlend': orphanKeys.filter((key) => !persisted.has(key)).length,
			Abbrüche: drops.length,
			'übrige fehlend': surviving
				.flatMap((writer) => writer.keys)
				.filter((key) => !persisted.has(key)).length,
			'Wiederverbinden p50 (ms)': round(
				percentile(
					[...reconnectMs].sort((a, b) => a - b),
					50
				)
			),
			'Wiederverbinden max (ms)': round(Math.max(...reconnectMs)),
			'alle zurück (ms)': round(allBackMs),
			'Neustart (ms)': round(restartMs)
		} satisfies Record<string, Value>;
	} finally {
		for (const timer of timers) clearInterval(timer);
		await closePeers(peers, 1000);
		for (const peer of peers) peer.doc?.destroy();
	}
}

/** Waits until `done()` holds (or `timeoutMs` passed); the comparison afterwards tells. */
async function until(done: () => boolean, timeoutMs: number): Promise<void> {
	const started = performance.now();
	while (!done() && performance.now() - started < timeoutMs) await sleep(20);
}

/** Resolves once the peer's socket closed (at once if it already is). */
function closed(peer: RawPeer): Promise<void> {
	if (peer.closeCode() !== null) return Promise.resolve();
	return new Promise((done) => peer.socket.once('close', () => done()));
}

function report(
	rows: Record<string, Value>[],
	writerCount: number,
	processCount: number
): PartResult {
	const sum = (column: string) => rows.reduce((total, row) => total + Number(row[column] ?? 0), 0);
	const lost = sum('verloren');
	const received = sum('empfangen');
	const offlineMissing = sum('offline fehlend');
	const offline = sum('offline geschrieben');
	return {
		rows,
		columns: [
			'Lauf',
			'Prozess',
			'Kill nach (ms)',
			'gesendet',
			'empfangen',
			'verloren',
			'offline geschrieben',
			'offline fehlend',
			'Abbrüche',
			'übrige fehlend',
			'Wiederverbinden p50 (ms)',
			'Wiederverbinden max (ms)',
			'alle zurück (ms)',
			'Neustart (ms)'
		],
		targets: [
			{
				target: `Kein Update, das ein Client von einem Prozess bekam, fehlt nach kill -9 eines von ${processCount} Prozessen (${rows.length} Läufe)`,
				met: lost === 0 && received > 0,
				detail: `${lost} von ${received} empfangenen Einträgen fehlen`
			},
			{
				target:
					'Die Schreibenden des toten Prozesses verbinden sich mit einem anderen, ihre Offline-Änderungen kommen an',
				met: offlineMissing === 0 && offline > 0,
				detail: `${offlineMissing} ihrer Einträge fehlen, davon ${offline} offline geschrieben`
			}
		],
		notes: [
			`${processCount} App-Prozesse auf einer PostgreSQL-Datenbank und einem redis-server; ${writerCount} Schreibende reihum auf die Prozesse verteilt (Federführung und zwei Bearbeitende im Wechsel), je ${UPDATES_PER_SECOND_PER_WRITER} Updates/s als Einträge einer eigenen Y.Map; COLLAB_COMPACT_AFTER=200, damit auch Verdichtungen in den Absturz fallen.`,
			'„empfangen“: Einträge, die ein beobachtender Client (volles Y.Doc, einer je Prozess) von seinem Prozess bekam – beim getöteten bis zum Kill; „verloren“: davon fehlend im Protokoll in PostgreSQL oder im Sync eines neuen Clients an irgendeinem Prozess (auch am neu gestarteten).',
			`Die Schreibenden des getöteten Prozesses schreiben weiter, bleiben ${OFFLINE_MS} ms nach dem Kill offline und verbinden sich dann reihum mit den übrigen; ihr Y.Doc beantwortet Sync-Schritt 1 des neuen Prozesses. „offline fehlend“: Einträge dieser Schreibenden (auch vor dem Kill gesendete, nie gespeicherte), die danach im Protokoll fehlen; „übrige fehlend“: dasselbe für die anderen Schreibenden.`,
			`„Wiederverbinden“: vom Öffnen des neuen Sockets bis Sync-Schritt 2; „alle zurück“: vom Kill bis alle wieder synchron sind (mit ${OFFLINE_MS} ms Pause). Danach wird noch ${AFTER_RECONNECT_MS} ms geschrieben; verglichen wird, sobald das Protokoll alles Gesendete enthält (höchstens ${SETTLE_TIMEOUT_MS / 1000} s) und ${HEAD_CHECK_MS} ms später.`,
			`Prozess und Kill-Zeitpunkt aus festem Seed ${SEED}; „Neustart“: der getötete Prozess startet auf derselben Datenbank neu.`
		]
	};
}
