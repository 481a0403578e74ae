/**
 * Issue 18: SQLite as today, PGlite in the process, or a PostgreSQL server — measured on the hot
 * paths of the app with the same tables and rows on every engine: (a) the session lookup behind
 * every request and websocket upgrade, (b) one Yjs update appended in its own transaction (as the
 * collab server persists each before it forwards it) and (b2) 50 editors appending at once, (c)
 * the comment page of a measure with 2,000 comments. Each through drizzle and, for (a) and (b),
 * the raw driver; three runs each. And what the switch to an async API costs by itself.
 */
import { loadavg } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresBinDir, startPostgres, type PostgresCluster } from '../../tests/support/postgres';
import { summarize } from '../lib/stats';
import type { BenchPart, Value } from '../lib/types';
import { machineLoad } from './collab';
import { benchData, fakeUpdate, type BenchData } from './database-data';
import {
	pgliteEngine,
	postgresEngine,
	sqliteEngine,
	type Api,
	type Engine
} from './database-engines';

interface Sizes {
	lookups: number;
	appends: number;
	concurrentRounds: number;
	pages: number;
	comments: number;
	runs: number;
}

const EDITORS = 50;
const MiB = 2 ** 20;

export const database: BenchPart = {
	name: 'database',
	title: 'Datenbank: SQLite, PGlite, PostgreSQL',
	async run({ smoke, log }) {
		const sizes: Sizes = smoke
			? { lookups: 50, appends: 20, concurrentRounds: 1, pages: 2, comments: 100, runs: 1 }
			: { lookups: 3000, appends: 600, concurrentRounds: 10, pages: 40, comments: 2000, runs: 3 };
		const data = benchData(sizes.comments);
		const rows: Record<string, Value>[] = [];
		const notes: string[] = [];
		const loadBefore = loadavg()[0] ?? 0;
		const dir = mkdtempSync(join(tmpdir(), 'agendawerk-dbbench-'));
		let cluster: PostgresCluster | null = null;
		try {
			// SQLite first, with the synchronous call the app makes today beside the async one.
			const sqlite = sqliteEngine(join(dir, 'sqlite'));
			sqlite.seed(data);
			const sync = await runs(sizes.runs, async () =>
				timeSync(sizes.lookups, (i) => sqlite.lookupSync(sessionOf(data, i)))
			);
			rows.push(row('(a) Sitzung', sqlite.name, 'drizzle, synchron', sync));
			rows.push(...(await measureEngine(sqlite, data, sizes, log)));
			notes.push(
				`${sizeNote(sqlite)} Davon WAL: ${(sqlite.walBytes() / MiB).toFixed(1)} MiB (beide ` +
					'Wege führen die Anweisung zu Ende, so greift der automatische Checkpoint).'
			);
			await sqlite.close();

			for (const inDir of [false, true]) {
				const engine = await pgliteEngine(inDir ? join(dir, 'pglite') : null);
				await engine.seed(data);
				rows.push(...(await measureEngine(engine, data, sizes, log)));
				if (inDir) notes.push(sizeNote(engine));
				await engine.close();
			}

			if (postgresBinDir()) {
				cluster = await startPostgres();
				const viaSocket = postgresEngine(
					'PostgreSQL 15 (Unix-Socket)',
					{ host: cluster.socketDir, port: cluster.port, user: cluster.user, db: cluster.database },
					cluster.dataDir
				);
				await viaSocket.createSchema();
				await viaSocket.seed(data);
				rows.push(...(await measureEngine(viaSocket, data, sizes, log)));
				await viaSocket.close();
				const viaTcp = postgresEngine(
					'PostgreSQL 15 (TCP, 127.0.0.1)',
					{ host: '127.0.0.1', port: cluster.port, user: cluster.user, db: cluster.database },
					cluster.dataDir
				);
				rows.push(...(await measureEngine(viaTcp, data, sizes, log)));
				notes.push(sizeNote(viaTcp));
				await viaTcp.close();
			} else {
				notes.push('PostgreSQL ist auf diesem Rechner nicht installiert: nur SQLite und PGlite.');
			}
		} finally {
			cluster?.stop();
			rmSync(dir, { recursive: true, force: true });
		}
		notes.push(
			`Je Pfad und Engine ${sizes.runs} Läufe (nach je einem Aufwärmen): (a) ${sizes.lookups} Abfragen ` +
				`nacheinander, (b) ${sizes.appends} Updates à 100 Byte nacheinander, (b2) ${sizes.concurrentRounds} ` +
				`Runden zu je ${EDITORS} gleichzeitigen Updates, (c) ${sizes.pages} Seiten mit ${sizes.comments} ` +
				'Kommentaren (neueste zuerst, mit Namen, Rolle, Antwort) und der Zahl der Unterstützungen.',
			'p50/p99: Median der drei Läufe; „je Sekunde“: Median, „Läufe“: Durchsatz jedes Laufs (Streuung).',
			'SQLite mit den Einstellungen von `openDatabase` (WAL, synchronous=NORMAL); PostgreSQL als ' +
				'Wegwerf-Cluster (synchronous_commit=on, fsync=on), postgres.js mit 10 Verbindungen; ' +
				'PGlite mit seinen Vorgaben.',
			machineLoad(loadBefore, loadavg()[0] ?? 0)
		);
		return {
			rows,
			columns: ['path', 'engine', 'api', 'p50Ms', 'p99Ms', 'perSecond', 'runs'],
			notes
		};
	}
};

async function measureEngine(
	engine: Engine,
	data: BenchData,
	sizes: Sizes,
	log: (message: string) => void
): Promise<Record<string, Value>[]> {
	log(engine.name);
	const rows: Record<string, Value>[] = [];
	let next = 0;
	for (const api of ['drizzle', 'raw'] as Api[]) {
		const lookups = await runs(sizes.runs, () =>
			timeAsync(sizes.lookups, (i) => engine.lookup[api](sessionOf(data, i)))
		);
		rows.push(row('(a) Sitzung', engine.name, api, lookups));
	}
	for (const api of ['drizzle', 'raw'] as Api[]) {
		const appends = await runs(sizes.runs, () =>
			timeAsync(sizes.appends, () => engine.append[api](fakeUpdate((next += 1))))
		);
		rows.push(row('(b) Update anhängen', engine.name, api, appends));
	}
	const concurrent = await runs(sizes.runs, () =>
		timeConcurrent(sizes.concurrentRounds, () => engine.append.drizzle(fakeUpdate((next += 1))))
	);
	rows.push(row(`(b2) ${EDITORS} gleichzeitig`, engine.name, 'drizzle', concurrent));
	const pages = await runs(sizes.runs, () => timeAsync(sizes.pages, () => engine.commentPage()));
	rows.push(row('(c) Kommentarseite', engine.name, 'drizzle', pages));
	const shown = await engine.commentPage();
	if (shown !== sizes.comments) throw new Error(`${engine.name}: ${shown} Kommentare`);
	return rows;
}

interface Run {
	samples: number[];
	seconds: number;
	operations: number;
}

/** `count` runs, each after a short warm-up of the same work. */
async function runs(count: number, measure: () => Promise<Run>): Promise<Run[]> {
	await measure();
	const results: Run[] = [];
	for (let i = 0; i < count; i += 1) results.push(await measure());
	return results;
}

async function timeAsync(count: number, operation: (i: number) => Promise<unknown>): Promise<Run> {
	const samples: number[] = [];
	const started = performance.now();
	for (let i = 0; i < count; i += 1) {
		const before = performance.now();
		await operation(i);
		samples.push(performance.now() - before);
	}
	return { samples, seconds: (performance.now() - started) / 1000, operations: count };
}

async function timeSync(count: number, operation: (i: number) => unknown): Promise<Run> {
	const samples: number[] = [];
	const started = performance.now();
	for (let i = 0; i < count; i += 1) {
		const before = performance.now();
		operation(i);
		samples.push(performance.now() - before);
	}
	return { samples, seconds: (performance.now() - started) / 1000, operations: count };
}

/** Rounds of EDITORS appends started at once; a sample is one append from start to its commit. */
async function timeConcurrent(rounds: number, append: () => Promise<unknown>): Promise<Run> {
	const samples: number[] = [];
	const started = performance.now();
	for (let round = 0; round < rounds; round += 1) {
		await Promise.all(
			Array.from({ length: EDITORS }, async () => {
				const before = performance.now();
				await append();
				samples.push(performance.now() - before);
			})
		);
	}
	return { samples, seconds: (performance.now() - started) / 1000, operations: rounds * EDITORS };
}

function sessionOf(data: BenchData, i: number): string {
	return data.sessions[(i * 7919) % data.sessions.length]!.id;
}

function row(path: string, engine: string, api: string, results: Run[]): Record<string, Value> {
	const perRun = results.map((run) => ({
		...summarize(run.samples),
		rate: run.operations / run.seconds
	}));
	const median = (values: number[]) =>
		[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
	return {
		path,
		engine,
		api,
		p50Ms: significant(median(perRun.map((run) => run.p50 ?? 0))),
		p99Ms: significant(median(perRun.map((run) => run.p99 ?? 0))),
		perSecond: Math.round(median(perRun.map((run) => run.rate))),
		runs: perRun.map((run) => Math.round(run.rate)).join(' / ')
	};
}

/** Three significant digits: lookups take microseconds, pages milliseconds. */
function significant(value: number): number {
	return Number(value.toPrecision(3));
}

function sizeNote(engine: Engine): string {
	const bytes = engine.bytesOnDisk();
	return `${engine.name}: ${bytes === null ? '–' : (bytes / MiB).toFixed(1)} MiB auf der Platte nach dem Lauf.`;
}
