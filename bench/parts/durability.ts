/**
 * „Nichts geht verloren“: writers edit under load, the server is killed with SIGKILL at a random
 * moment and restarted on the same database. The server persists every update before it
 * broadcasts it, so whatever any client received from the server must survive the crash.
 */
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import * as Y from 'yjs';
import { DEMO, login, myAgendas } from '../../tests/support/http';
import { startTestServer, type TestServer } from '../../tests/support/server';
import { coreShare, sampleProcess } from '../lib/process-stats';
import { round } from '../lib/stats';
import type { BenchContext, BenchPart, PartResult, Value } from '../lib/types';
import {
	CRASH_SERVER_ENV,
	UPDATES_PER_SECOND_PER_WRITER,
	crashPlan
} from './robustness/crash-plan';
import { persistedDoc } from './robustness/persisted';
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
const SCRATCH_MAP = 'benchDurability';
const SEED = 20261123;

export const durability: BenchPart = {
	name: 'durability',
	title: 'Nichts geht verloren',
	async run(context: BenchContext): Promise<PartResult> {
		const { writerCount, runCount, killWindowMs } = crashPlan(context.smoke);
		const random = seededRandom(SEED);
		let server: TestServer = await startTestServer(CRASH_SERVER_ENV);
		// startTestServer made this directory; restarts reuse the file, so it is ours to remove.
		const databaseDir = dirname(server.databasePath);
		const rows: Record<string, Value>[] = [];
		try {
			// Sessions live in the database, so these cookies stay valid across the restarts.
			const cookies = await Promise.all(
				[DEMO.admin, DEMO.editor, DEMO.editor2].map((email) => login(server.url, email))
			);
			const [agenda] = await myAgendas(server.url, cookies[0] ?? '');
			const agendaId = agenda?.id ?? '';
			for (let run = 1; run <= runCount; run++) {
				const killAfterMs = random.int(...killWindowMs);
				const outcome = await crashRun({
					server,
					agendaId,
					cookies,
					run,
					writerCount,
					killAfterMs
				});
				server = outcome.restarted;
				rows.push(outcome.row);
				context.log(
					`Lauf ${run}: Kill nach ${killAfterMs} ms, ${outcome.row['empfangen']} empfangen, ${outcome.row['verloren']} verloren`
				);
			}
		} finally {
			await server.stop();
			rmSync(databaseDir, { recursive: true, force: true });
		}
		return report(rows, writerCount);
	}
};

interface CrashRun {
	server: TestServer;
	agendaId: string;
	cookies: string[];
	run: number;
	writerCount: number;
	killAfterMs: number;
}

/** One round: write, kill, restart, compare. Returns the restarted server for the next round. */
async function crashRun(options: CrashRun) {
	const { server, agendaId, cookies, run, writerCount, killAfterMs } = options;
	const prefix = `r${run}:`;
	const received = new Set<string>();
	const sent = new Set<string>();
	// One observer applies everything the server broadcasts: what it got was persisted first.
	const observerDoc = new Y.Doc();
	observerDoc.getMap(SCRATCH_MAP).observe((event, transaction) => {
		if (transaction.origin !== FROM_SERVER) return;
		for (const key of event.keysChanged) if (key.startsWith(prefix)) received.add(key);
	});
	// Every peer that opened, so that all are closed even when one of them fails to.
	const peers: RawPeer[] = [];
	const open = async (options: Omit<RawPeerOptions, 'base' | 'agendaId'>) => {
		const peer = await openPeer({ base: server.url, agendaId, ...options });
		peers.push(peer);
		return peer;
	};
	let writers: RawPeer[];
	try {
		await open({ cookie: cookies[0] ?? '', doc: observerDoc });
		// Writers only send: their entries are new keys of their own, so they need no remote state.
		writers = await mapLimit(
			Array.from({ length: writerCount }, (_, index) => index),
			10,
			(index) =>
				open({
					cookie: cookies[index % cookies.length] ?? '',
					doc: new Y.Doc(),
					applyIncoming: false
				})
		);
	} catch (error) {
		await closePeers(peers);
		throw error;
	}
	const cpuBefore = sampleProcess(server.pid);
	const writeStarted = performance.now();

	// Each writer adds uniquely named entries at a steady rate, staggered so the load is even.
	const interval = 1000 / UPDATES_PER_SECOND_PER_WRITER;
	const timers: NodeJS.Timeout[] = [];
	writers.forEach((writer, index) => {
		let seq = 0;
		const start = setTimeout(
			() => {
				timers.push(
					setInterval(() => {
						const key = `${prefix}w${index}:${seq++}`;
						sent.add(key);
						writer.doc?.getMap(SCRATCH_MAP).set(key, seq);
					}, interval)
				);
			},
			(interval * index) / writerCount
		);
		timers.push(start);
	});

	await sleep(killAfterMs);
	const serverCores = coreShare(
		cpuBefore,
		sampleProcess(server.pid),
		(performance.now() - writeStarted) / 1000
	);
	await server.kill('SIGKILL');
	for (const timer of timers) clearInterval(timer);
	// What is received now is received; nothing can arrive from a dead server.
	const receivedAtKill = new Set(received);
	await closePeers(peers, 1000);
	for (const peer of peers) peer.doc?.destroy();

	const restartStarted = performance.now();
	const restarted = await startTestServer(CRASH_SERVER_ENV, { database: server.database });
	const restartMs = performance.now() - restartStarted;

	// What a client sees after the restart, and what the file holds: both must have everything.
	let lost: string[];
	let stored: number;
	try {
		const checker = await openPeer({
			base: restarted.url,
			agendaId,
			cookie: cookies[0] ?? '',
			doc: new Y.Doc()
		});
		const served = new Set(checker.doc?.getMap(SCRATCH_MAP).keys());
		await closePeers([checker]);
		checker.doc?.destroy();
		const persisted = persistedDoc(restarted.databasePath, agendaId).getMap(SCRATCH_MAP);
		lost = [...receivedAtKill].filter((key) => !served.has(key) || !persisted.has(key));
		stored = [...sent].filter((key) => persisted.has(key)).length;
	} catch (error) {
		await restarted.stop();
		throw error;
	}

	return {
		restarted,
		row: {
			Lauf: run,
			'Kill nach (ms)': killAfterMs,
			gesendet: sent.size,
			empfangen: receivedAtKill.size,
			gespeichert: stored,
			'unterwegs verloren': sent.size - stored,
			verloren: lost.length,
			'Server-CPU (Kerne)': round(serverCores),
			'Neustart (ms)': round(restartMs)
		} satisfies Record<string, Value>
	};
}

function report(rows: Record<string, Value>[], writerCount: number): PartResult {
	const lost = rows.reduce((sum, row) => sum + Number(row['verloren'] ?? 0), 0);
	const received = rows.reduce((sum, row) => sum + Number(row['empfangen'] ?? 0), 0);
	return {
		rows,
		columns: [
			'Lauf',
			'Kill nach (ms)',
			'gesendet',
			'empfangen',
			'gespeichert',
			'unterwegs verloren',
			'verloren',
			'Server-CPU (Kerne)',
			'Neustart (ms)'
		],
		targets: [
			{
				target: `Kein Update, das ein Client vom Server bekam, fehlt nach kill -9 (${rows.length} Läufe)`,
				met: lost === 0 && received > 0,
				detail: `${lost} von ${received} empfangenen Einträgen fehlen`
			}
		],
		notes: [
			`${writerCount} Schreibende (Federführung und zwei Bearbeitende im Wechsel), je ${UPDATES_PER_SECOND_PER_WRITER} Updates/s als Einträge einer eigenen Y.Map; COLLAB_COMPACT_AFTER=200, damit auch Verdichtungen in den Absturz fallen.`,
			'„empfangen“: Einträge, die ein beobachtender Client (volles Y.Doc) bis zum Kill vom Server bekam; „verloren“: davon fehlend nach dem Neustart (im Sync eines neuen Clients oder in der Datei).',
			'„unterwegs verloren“: gesendet, aber beim Kill noch nicht gespeichert (nie bestätigt; der Browser-Client hätte sie in IndexedDB und sendet sie erneut).',
			`Kill-Zeitpunkte aus festem Seed ${SEED}.`
		]
	};
}
