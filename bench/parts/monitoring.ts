import { eq } from 'drizzle-orm';
import type { Agenda } from '../../src/lib/agenda/model/schema';
import { monitoringCsv } from '../../src/lib/monitoring/csv';
import type { MonitoringFact } from '../../src/lib/monitoring/facts';
import { agendas } from '../../src/lib/server/db/schema';
import { currentDecision, resolvedPlan } from '../../src/lib/server/monitoring/decisions';
import { monitoringXlsx } from '../../src/lib/server/monitoring/xlsx';
import { BEISPIELHAUSEN_ACCOUNTS } from '../../src/lib/server/demo/beispielhausen';
import { withDatabase } from '../../tests/support/database';
import { decodeHtml, get, login, post, textOf } from '../../tests/support/http';
import { startTestServer, type TestServer } from '../../tests/support/server';
import { pageAgainstCeiling } from '../lib/http-load';
import { percentile, round } from '../lib/stats';
import type { BenchPart, Value } from '../lib/types';

const KiB = 1024;
const SLUG = 'beispielhausen';

/** The resolved plan of the Beispielhausen demo, and its agenda's id. */
export function demoPlan(databasePath: string): Promise<{ agendaId: string; plan: Agenda }> {
	return withDatabase(databasePath, async (db) => {
		const [agenda] = await db.select().from(agendas).where(eq(agendas.slug, SLUG));
		const decision = agenda ? await currentDecision(db, agenda.id) : null;
		if (!agenda || !decision) throw new Error('Beispielhausen ohne Beschluss');
		return { agendaId: agenda.id, plan: await resolvedPlan(db, decision) };
	});
}

/**
 * `count` facts a clerk might collect in a year over all measures: dated reports with a sentence
 * of text, indicator values and Ist-Kosten, each different (`variant` keeps two files apart).
 */
export function yearOfFacts(plan: Agenda, count: number, variant: string): MonitoringFact[] {
	const facts: MonitoringFact[] = [];
	for (let index = 0; index < count; index++) {
		const measure = plan.measures[index % plan.measures.length];
		if (!measure) throw new Error('Keine Maßnahme');
		const asOf = `2026-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`;
		const common = {
			id: '',
			state: 'submitted' as const,
			decidedAt: null,
			itemKind: 'measure' as const,
			itemId: measure.id,
			asOf
		};
		const indicator = measure.indicators[0];
		if (index % 3 === 1 && indicator) {
			facts.push({ ...common, kind: 'indicator', indicatorId: indicator.id, value: index + 0.5 });
		} else if (index % 3 === 2) {
			facts.push({
				...common,
				kind: 'finance',
				year: 2000 + (index % 27),
				actualCostCents: 100 * index + 17,
				fundingReceivedCents: 50 * index
			});
		} else {
			facts.push({
				...common,
				kind: 'report',
				status: 'in-arbeit',
				statusReason: null,
				progress: index % 101,
				text: `Sachstand ${variant} ${index}: Ausschreibung läuft, Vergabe im nächsten Quartal.`
			});
		}
	}
	return facts;
}

/** Milliseconds of `run`, median of `times`. */
async function timed(times: number, run: () => Promise<unknown>): Promise<number> {
	const samples: number[] = [];
	for (let index = 0; index < times; index++) {
		const started = performance.now();
		await run();
		samples.push(performance.now() - started);
	}
	return (
		percentile(
			samples.sort((a, b) => a - b),
			50
		) ?? 0
	);
}

/** Dry run and import of one file over HTTP, as the owner on the import page. */
async function importOverHttp(
	server: TestServer,
	agendaId: string,
	cookie: string,
	file: Uint8Array<ArrayBuffer>,
	name: string
) {
	const path = `/agenden/${agendaId}/umsetzung/import`;
	const form = new FormData();
	form.set('datei', new Blob([file]), name);
	let started = performance.now();
	const checked = await post(server.url, `${path}?/pruefen`, form, null, { cookie });
	const page = await checked.text();
	const dryRunMs = performance.now() - started;
	if (checked.status !== 200) {
		throw new Error(
			`Prüfung ${name} (${file.length} Bytes): ${checked.status} ${textOf(page).slice(0, 300)}`
		);
	}
	const field = (fieldName: string) =>
		decodeHtml(new RegExp(`name="${fieldName}" value="([^"]*)"`).exec(page)?.[1] ?? '');
	const run = new FormData();
	run.set('datei_token', field('datei_token'));
	run.set('pruefsumme', field('pruefsumme'));
	started = performance.now();
	const done = await post(server.url, `${path}?/ausfuehren`, run, null, { cookie });
	const result = await done.text();
	const importMs = performance.now() - started;
	if (done.status !== 200 || !result.includes('importiert'))
		throw new Error(`Import ${name}: ${done.status}`);
	return { dryRunMs, importMs, pageKiB: Buffer.byteLength(page) / KiB };
}

/**
 * Monitoring: the public progress overview and a measure's progress page of the Beispielhausen
 * demo against the node:http ceiling, with and without the shared rendering for anonymous
 * readers; the CSV and XLSX export of its facts; a dry run and import of 5,000 rows over HTTP,
 * as CSV and as XLSX.
 */
export const monitoring: BenchPart = {
	name: 'monitoring',
	title: 'Umsetzungsmonitoring',
	async run({ smoke, log }) {
		const seconds = smoke ? 1 : 10;
		const rows: Record<string, Value>[] = [];
		// The smoke run (in `npm test`) measures the cached pages only, to stay short.
		for (const cacheMs of smoke ? [2_000] : [0, 2_000]) {
			const mode = cacheMs === 0 ? 'ohne Zwischenspeicher' : `Zwischenspeicher ${cacheMs / 1000} s`;
			const server = await startTestServer({ PUBLIC_PAGE_CACHE_MS: String(cacheMs) });
			try {
				const { plan } = await demoPlan(server.databasePath);
				const measure = plan.measures[0];
				if (!measure) throw new Error('Keine Maßnahme');
				const pages = [
					{ what: 'Umsetzung (Übersicht)', path: `/umsetzung/${SLUG}` },
					{ what: 'Umsetzung Maßnahme', path: `/umsetzung/${SLUG}/${measure.id}` }
				];
				for (const { what, path } of pages) {
					const url = `${server.url}${path}`;
					const { html, app, top } = await pageAgainstCeiling(url, seconds);
					log(`${what}, ${mode}: ${round(app.rps)} / ${round(top.rps)} Anfragen/s`);
					rows.push({
						what,
						mode,
						kiB: round(Buffer.byteLength(html) / KiB),
						rps: round(app.rps),
						ceilingRps: round(top.rps),
						shareOfCeiling: `${round((100 * app.rps) / top.rps)} %`,
						p99Ms: app.p99Ms,
						ms: null,
						non2xx: app.non2xx
					});
				}
			} finally {
				await server.stop();
			}
		}

		const server = await startTestServer({});
		try {
			const { agendaId, plan } = await demoPlan(server.databasePath);
			const owner = BEISPIELHAUSEN_ACCOUNTS.find((account) => account.role === 'owner');
			if (!owner) throw new Error('Kein Eigentümer');
			const cookie = await login(server.url, owner.email);
			for (const file of ['monitoring.csv', 'monitoring.xlsx']) {
				const path = `/api/agendas/${agendaId}/${file}`;
				let bytes = 0;
				const ms = await timed(smoke ? 1 : 20, async () => {
					const response = await get(server.url, path, { cookie, accept: '*/*' });
					bytes = (await response.arrayBuffer()).byteLength;
				});
				log(`Export ${file}: ${round(ms)} ms, ${round(bytes / KiB)} KiB`);
				rows.push({
					what: `Export ${file}`,
					mode: 'Eigentümer, alle Angaben',
					kiB: round(bytes / KiB),
					ms: round(ms)
				});
			}
			const titleOf = () => '';
			// As many CSV rows as fit the default limit (480 KB, about 126 bytes a row here); the
			// XLSX file holds 5,000 rows in less than half of it.
			const files = [
				{ name: 'import.csv', count: smoke ? 50 : 3_500 },
				{ name: 'import.xlsx', count: smoke ? 50 : 5_000 }
			];
			const written = [];
			for (const { name, count } of files) {
				const facts = yearOfFacts(plan, count, name);
				const bytes = name.endsWith('.csv')
					? new TextEncoder().encode(monitoringCsv(facts, titleOf))
					: new Uint8Array(await monitoringXlsx(facts, titleOf));
				written.push({ name, count, bytes });
			}
			for (const { name, count, bytes } of written) {
				const measured = await importOverHttp(server, agendaId, cookie, bytes, name);
				log(
					`${count} Zeilen ${name}: Prüfung ${round(measured.dryRunMs)} ms, Import ${round(measured.importMs)} ms`
				);
				rows.push(
					{
						what: `Prüfung ${count} Zeilen`,
						mode: name,
						kiB: round(bytes.length / KiB),
						pageKiB: round(measured.pageKiB),
						ms: round(measured.dryRunMs)
					},
					{ what: `Import ${count} Zeilen`, mode: name, ms: round(measured.importMs) }
				);
			}
		} finally {
			await server.stop();
		}

		const cached = rows.filter(
			(row) => typeof row.mode === 'string' && row.mode.startsWith('Zwischenspeicher')
		);
		const share = Math.min(...cached.map((row) => Number(row.rps) / (Number(row.ceilingRps) || 1)));
		const importMs = Math.max(
			...rows
				.filter((row) => /^(Prüfung|Import) \d/.test(String(row.what)))
				.map((row) => Number(row.ms))
		);
		return {
			rows,
			columns: [
				'what',
				'mode',
				'kiB',
				'pageKiB',
				'rps',
				'ceilingRps',
				'shareOfCeiling',
				'p99Ms',
				'ms',
				'non2xx'
			],
			targets: [
				{
					target: 'öffentliche Umsetzungsseiten mit ≥ 50 % der node:http-Obergrenze',
					met: smoke ? null : share >= 0.5,
					detail: `schwächste Seite mit Zwischenspeicher ${round(100 * share)} %`
				},
				{
					target:
						'tausende Zeilen importieren in Sekunden (Prüfung und Import über HTTP je < 10 s)',
					met: smoke ? null : importMs < 10_000,
					detail: `langsamster Schritt ${round(importMs)} ms`
				}
			],
			notes: [
				`${seconds} s je Seitenmessung mit 10 Verbindungen, anonym, Demo „Beispielhausen“ wie ausgeliefert.`,
				'Export: Median von 20 Downloads als Eigentümer. Prüfung: Hochladen, Lesen, Prüfen jeder Zeile und die Ergebnisseite; kiB = Seite oder Datei, pageKiB = Ergebnisseite der Prüfung (Tabelle aller Zeilen). Import: nur Token und Prüfsumme werden gesendet.',
				'Die Zeilen: zwei Drittel Sachstände (ein Satz Text), ein Drittel Ist-Kosten (und Indikatorwerte, wo eine Maßnahme Indikatoren hat) über alle Maßnahmen; als CSV so viele, wie in die Standardgrenze von 480 KB passen.'
			]
		};
	}
};
