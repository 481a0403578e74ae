/**
 * „Viele Dokumente“: how much server memory one loaded document costs, whether it comes back once
 * the clients leave, and how long a document with a very long update log takes to load before
 * and after the server compacted it.
 */
import * as Y from 'yjs';
import { login, DEMO } from '../../tests/support/http';
import { startTestServer, type TestServer } from '../../tests/support/server';
import { sampleProcess } from '../lib/process-stats';
import { round, summarize } from '../lib/stats';
import type { BenchContext, BenchPart, PartResult, Value } from '../lib/types';
import { INSPECT_ENV, collectGarbage, readLagProbe, startLagProbe } from './robustness/inspector';
import { appendRaw, copyAgendas, countLogRows } from './robustness/persisted';
import { closePeers, mapLimit, openPeer, sleep, type RawPeer } from './robustness/raw-peer';
import { MANY_PEOPLE_FEW_ACCOUNTS } from '../lib/server-env';

const DEMO_SLUG = 'musterstadt';
const UNLOAD_DELAY_MS = 1000;
const IDLE_AFTER_UNLOAD_MS = 4000;

/** How long to wait after the last client left: unload delay, compaction, a moment to settle. */
function afterUnloadMs(context: BenchContext): number {
	return context.smoke ? 300 + 300 : UNLOAD_DELAY_MS + IDLE_AFTER_UNLOAD_MS;
}
const MB = 1024 * 1024;

export const documents: BenchPart = {
	name: 'documents',
	title: 'Viele Dokumente',
	async run(context: BenchContext): Promise<PartResult> {
		const agendaCount = context.smoke ? 5 : 500;
		const logLength = context.smoke ? 1_000 : 100_000;
		const server = await startTestServer({
			COLLAB_UNLOAD_DELAY_MS: String(context.smoke ? 300 : UNLOAD_DELAY_MS),
			...MANY_PEOPLE_FEW_ACCOUNTS,
			...INSPECT_ENV
		});
		try {
			const cookies = [await login(server.url, DEMO.admin), await login(server.url, DEMO.editor)];
			const memory = await manyDocuments(context, server, cookies, agendaCount);
			const replay = await longLog(context, server, cookies[0] ?? '', logLength);
			return report(agendaCount, logLength, memory, replay);
		} finally {
			await server.stop();
		}
	}
};

interface MemoryResult {
	rssBeforeMb: number;
	rssLoadedMb: number;
	rssAfterMb: number;
	rssLoadedAgainMb: number;
	rssAfterAgainMb: number;
	/** V8 heap in use right after a forced full collection. */
	heapBeforeMb: number;
	heapLoadedMb: number;
	heapAfterMb: number;
	heapAfterAgainMb: number;
	perDocumentKb: number;
	heapPerDocumentKb: number;
	returnedShare: number;
	loadMs: ReturnType<typeof summarize>;
}

/**
 * Loads `count` copies of the demo agenda with two idle clients each, lets them go, and does it
 * once more: V8 rarely hands freed heap back to the system, so RSS alone cannot tell a leak from
 * memory kept for reuse. If the second round needs (almost) no new memory, the first one's was
 * freed; if it grows by as much again, the unloaded rooms are still referenced.
 */
async function manyDocuments(
	context: BenchContext,
	server: TestServer,
	cookies: string[],
	count: number
): Promise<MemoryResult> {
	const ids = copyAgendas(server.databasePath, DEMO_SLUG, count);
	// Settle after start-up and log-in, so the baseline is not inflated by their garbage.
	await sleep(context.smoke ? 300 : 2000);
	const before = rssMb(server);
	const heapBefore = (await collectGarbage(server)).heapUsedMb;
	context.log(
		`${count} Agenden kopiert, RSS vorher ${round(before)} MB, Heap ${round(heapBefore)} MB`
	);
	const first = await loadRound(context, server, cookies, ids);
	const second = await loadRound(context, server, cookies, ids);
	return {
		rssBeforeMb: before,
		rssLoadedMb: first.loadedMb,
		rssAfterMb: first.afterMb,
		rssLoadedAgainMb: second.loadedMb,
		rssAfterAgainMb: second.afterMb,
		heapBeforeMb: heapBefore,
		heapLoadedMb: first.heapLoadedMb,
		heapAfterMb: first.heapAfterMb,
		heapAfterAgainMb: second.heapAfterMb,
		perDocumentKb: ((first.loadedMb - before) * 1024) / count,
		heapPerDocumentKb: ((first.heapLoadedMb - heapBefore) * 1024) / count,
		returnedShare:
			first.loadedMb > before ? (first.loadedMb - first.afterMb) / (first.loadedMb - before) : 0,
		loadMs: first.loadMs
	};
}

function rssMb(server: TestServer): number {
	return sampleProcess(server.pid).rssBytes / MB;
}

/** Connects two light clients to every agenda, samples RSS, disconnects and waits for unload. */
async function loadRound(
	context: BenchContext,
	server: TestServer,
	cookies: string[],
	ids: string[]
) {
	const peers: RawPeer[] = [];
	try {
		// The first client loads the document, the second joins the loaded room.
		await mapLimit(ids, 16, async (agendaId) => {
			for (const cookie of cookies) {
				peers.push(await openPeer({ base: server.url, agendaId, cookie }));
			}
		});
		await sleep(context.smoke ? 200 : 1000);
		const loadedMb = rssMb(server);
		const heapLoadedMb = (await collectGarbage(server)).heapUsedMb;
		context.log(
			`${peers.length} Clients verbunden, RSS ${round(loadedMb)} MB, Heap ${round(heapLoadedMb)} MB`
		);
		const loadMs = summarize(peers.map((peer) => peer.syncMs));
		await closePeers(peers);
		// Unload delay, then the compactions on unload, then some idle time for a collection.
		await sleep(afterUnloadMs(context));
		const afterMb = rssMb(server);
		const heapAfterMb = (await collectGarbage(server)).heapUsedMb;
		context.log(`Clients getrennt, RSS ${round(afterMb)} MB, Heap ${round(heapAfterMb)} MB`);
		return { loadedMb, afterMb, heapLoadedMb, heapAfterMb, loadMs };
	} finally {
		await closePeers(peers);
	}
}

interface ReplayResult {
	firstLoadMs: number;
	rowsAfterFirstLoad: number;
	compactedLoadMs: number;
	rowsAfterUnload: number;
	/** Longest the server's event loop stood still during the first load (every room waits). */
	firstLoadStallMs: number;
}

/**
 * Writes `length` small real updates into one agenda's log directly (as a server would have
 * appended them), then times a client's sync: first over the whole log, then after the room
 * compacted it and was unloaded again.
 */
async function longLog(
	context: BenchContext,
	server: TestServer,
	cookie: string,
	length: number
): Promise<ReplayResult> {
	const [agendaId = ''] = copyAgendas(server.databasePath, DEMO_SLUG, 1);
	appendRaw(server.databasePath, agendaId, typingUpdates(length));
	context.log(`${length} Updates in ${agendaId} geschrieben`);

	const timedLoad = async () => {
		const peer = await openPeer({ base: server.url, agendaId, cookie, timeoutMs: 120_000 });
		await closePeers([peer]);
		return peer.syncMs;
	};
	// Loading (and compacting) runs synchronously in the server: measure what it blocks.
	await startLagProbe(server);
	const firstLoadMs = await timedLoad();
	const firstLoadStallMs = Math.max(0, ...(await readLagProbe(server)));
	const rowsAfterFirstLoad = countLogRows(server.databasePath, agendaId);
	context.log(`Erstes Laden ${round(firstLoadMs)} ms, danach ${rowsAfterFirstLoad} Zeilen`);
	await sleep(afterUnloadMs(context));
	const rowsAfterUnload = countLogRows(server.databasePath, agendaId);
	const compactedLoadMs = await timedLoad();
	context.log(`Nach Verdichtung ${round(compactedLoadMs)} ms (${rowsAfterUnload} Zeilen)`);
	return { firstLoadMs, rowsAfterFirstLoad, compactedLoadMs, rowsAfterUnload, firstLoadStallMs };
}

/** One update per keystroke, typed into a text of its own (as a long editing session leaves). */
function typingUpdates(count: number): Uint8Array[] {
	const doc = new Y.Doc();
	const text = doc.getText('benchTyping');
	const updates: Uint8Array[] = [];
	doc.on('update', (update: Uint8Array) => updates.push(update));
	for (let i = 0; i < count; i++) text.insert(i, String.fromCharCode(97 + (i % 26)));
	doc.destroy();
	return updates;
}

function report(
	agendaCount: number,
	logLength: number,
	memory: MemoryResult,
	replay: ReplayResult
): PartResult {
	const growth = memory.rssLoadedMb - memory.rssBeforeMb;
	const regrowth =
		growth > 0 ? Math.max(0, memory.rssLoadedAgainMb - memory.rssAfterMb) / growth : 0;
	const heapGrowth = memory.heapLoadedMb - memory.heapBeforeMb;
	const heapKept =
		heapGrowth > 0 ? Math.max(0, memory.heapAfterMb - memory.heapBeforeMb) / heapGrowth : 0;
	const rows: Record<string, Value>[] = [
		{
			Messung: `${agendaCount} Agenden × 2 Clients`,
			'RSS vorher (MB)': round(memory.rssBeforeMb),
			'RSS geladen (MB)': round(memory.rssLoadedMb),
			'RSS danach (MB)': round(memory.rssAfterMb),
			'RSS je Dokument (KB)': round(memory.perDocumentKb),
			'Heap je Dokument (KB)': round(memory.heapPerDocumentKb),
			'Heap vorher (MB)': round(memory.heapBeforeMb),
			'Heap geladen (MB)': round(memory.heapLoadedMb),
			'Heap danach (MB)': round(memory.heapAfterMb),
			'zurückgegeben (%)': round(memory.returnedShare * 100),
			'Laden p50 (ms)': round(memory.loadMs.p50),
			'Laden p99 (ms)': round(memory.loadMs.p99)
		},
		{
			Messung: 'dieselben noch einmal',
			'RSS vorher (MB)': round(memory.rssAfterMb),
			'RSS geladen (MB)': round(memory.rssLoadedAgainMb),
			'RSS danach (MB)': round(memory.rssAfterAgainMb),
			'Heap danach (MB)': round(memory.heapAfterAgainMb)
		},
		{
			Messung: `Protokoll mit ${logLength.toLocaleString('de-DE')} Updates`,
			'Laden p50 (ms)': round(replay.firstLoadMs),
			'Server blockiert (ms)': round(replay.firstLoadStallMs),
			Zeilen: replay.rowsAfterFirstLoad
		},
		{
			Messung: 'dasselbe nach Verdichtung',
			'Laden p50 (ms)': round(replay.compactedLoadMs),
			Zeilen: replay.rowsAfterUnload
		}
	];
	return {
		rows,
		columns: [
			'Messung',
			'RSS vorher (MB)',
			'RSS geladen (MB)',
			'RSS danach (MB)',
			'RSS je Dokument (KB)',
			'Heap je Dokument (KB)',
			'zurückgegeben (%)',
			'Heap vorher (MB)',
			'Heap geladen (MB)',
			'Heap danach (MB)',
			'Laden p50 (ms)',
			'Laden p99 (ms)',
			'Server blockiert (ms)',
			'Zeilen'
		],
		targets: [
			{
				// RSS is reported, but judged is the heap: V8 keeps freed pages for reuse, so RSS
				// falls little even when nothing is left of the documents (the second round shows it).
				target: 'Speicher kommt zurück, wenn die Clients gehen (Heap nach GC wie vorher)',
				// A handful of documents is within the noise of the heap.
				met: agendaCount >= 100 ? heapKept <= 0.1 : null,
				detail: `Heap nach GC ${round(memory.heapBeforeMb)} → ${round(memory.heapLoadedMb)} → ${round(memory.heapAfterMb)} MB (${round(heapKept * 100)} % des Zuwachses bleiben); RSS ${round(memory.returnedShare * 100)} % zurück, zweite Runde RSS +${round(memory.rssLoadedAgainMb - memory.rssAfterMb)} MB (${round(regrowth * 100)} % des ersten Zuwachses)`
			},
			{
				target: 'Verdichtung verkürzt das Laden eines langen Protokolls',
				met: replay.rowsAfterUnload === 1 && replay.compactedLoadMs < replay.firstLoadMs,
				detail: `${round(replay.firstLoadMs)} ms → ${round(replay.compactedLoadMs)} ms, ${replay.rowsAfterUnload} Zeile(n)`
			}
		],
		notes: [
			'Clients: rohe Websockets (Sync-Schritt 1, warten auf Schritt 2, dann still), Demo-Federführung und -Bearbeitung.',
			`Entladeverzögerung ${UNLOAD_DELAY_MS} ms; „danach“ misst ${(UNLOAD_DELAY_MS + IDLE_AFTER_UNLOAD_MS) / 1000} s nach dem Trennen.`,
			'RSS: wie das System den Server sieht (V8 gibt freigegebenen Heap selten zurück). Heap: belegter V8-Heap direkt nach einer über den Inspector (--inspect auf 127.0.0.1) erzwungenen vollen Speicherbereinigung – zeigt, ob entladene Dokumente noch referenziert sind.',
			'„Server blockiert“: längster Stillstand der Event-Loop des Servers während des ersten Ladens (ein 10-ms-Zeitgeber im Server, über den Inspector gesetzt) – so lange warten alle anderen Räume.',
			'Ein Raum verdichtet beim Laden, wenn das Protokoll mehr als COLLAB_COMPACT_AFTER (500) Zeilen hat: Das erste Laden enthält diese Verdichtung.'
		]
	};
}
