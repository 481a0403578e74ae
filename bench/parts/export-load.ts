import { atLimitAgenda } from '../lib/fixtures';
import { round, summarize } from '../lib/stats';
import type { BenchPart } from '../lib/types';
import { openTestParticipation } from '../../tests/support/participation';
import { startTestServer } from '../../tests/support/server';

const POLL_MS = 50;

/**
 * 4b. Exports under anonymous load: a Fassung whose long texts are as long as the limits allow is
 * downloaded as PDF by 20 anonymous visitors at once, while another client asks `/healthz` every
 * 50 ms. How long those health checks wait shows how long rendering blocks everybody else.
 */
export const exportLoad: BenchPart = {
	name: 'export-load',
	title: 'Exporte unter anonymer Last (Fassung an den Grenzen)',
	async run({ smoke, log }) {
		const parallel = smoke ? 3 : 20;
		const server = await startTestServer({ RATE_LIMIT_EXPORT_PER_IP: '100000' });
		try {
			const slug = 'bench-grenzen';
			atLimitAgenda(server.databasePath, slug);
			const participation = await openTestParticipation(server.databasePath, { slug });
			const url = `${server.url}/api/agendas/${participation.agendaId}/export/agenda.pdf?fassung=1`;

			const idle = await pollHealth(
				server.url,
				() => new Promise((done) => setTimeout(done, 1000))
			);
			const downloads: number[] = [];
			const statuses = new Map<number, number>();
			const started = performance.now();
			const busy = await pollHealth(server.url, () =>
				Promise.all(
					Array.from({ length: parallel }, async () => {
						const begin = performance.now();
						const response = await fetch(url);
						await response.arrayBuffer();
						downloads.push(performance.now() - begin);
						statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
					})
				)
			);
			const wallMs = performance.now() - started;
			const download = summarize(downloads);
			const rows = [
				{ phase: 'ohne Last', requests: 0, ...healthColumns(idle), downloadP50Ms: null },
				{
					phase: `${parallel} PDF-Downloads gleichzeitig`,
					requests: parallel,
					...healthColumns(busy),
					downloadP50Ms: round(download.p50),
					downloadMaxMs: round(download.max),
					wallMs: round(wallMs),
					statuses: [...statuses].map(([status, count]) => `${count}× ${status}`).join(', ')
				}
			];
			log(JSON.stringify(rows));
			const busyMax = summarize(busy.latencies).max ?? Infinity;
			return {
				rows,
				columns: [
					'phase',
					'requests',
					'healthP50Ms',
					'healthMaxMs',
					'healthChecks',
					'healthFailed',
					'downloadP50Ms',
					'downloadMaxMs',
					'wallMs',
					'statuses'
				],
				targets: [
					{
						target: '/healthz antwortet während der Downloads in unter 200 ms',
						met: smoke ? null : busyMax < 200 && busy.failed === 0,
						detail: `längste Antwort ${round(busyMax)} ms`
					}
				],
				notes: [
					`Fassung der Demo-Agenda mit Ausgangslage, Leitbild, Sachverhalt und jeder Maßnahmenbeschreibung an der Grenze (je 200.000 Zeichen), Kurzbeschreibungen an ihrer Grenze; anonyme Anfragen ohne Sitzung.`,
					`/healthz alle ${POLL_MS} ms, nacheinander (eine Anfrage zur Zeit).`
				]
			};
		} catch (error) {
			console.error(server.output().slice(-3000));
			throw error;
		} finally {
			await server.stop();
		}
	}
};

/** Asks /healthz one request at a time, every `POLL_MS`, until `during` has finished. */
async function pollHealth(
	base: string,
	during: () => Promise<unknown>
): Promise<{ latencies: number[]; failed: number }> {
	const latencies: number[] = [];
	const failures = { count: 0 };
	let done = false;
	const poller = (async () => {
		while (!done) {
			const begin = performance.now();
			try {
				const response = await fetch(`${base}/healthz`);
				await response.arrayBuffer();
				latencies.push(performance.now() - begin);
			} catch {
				// A reset connection counts with the time the check waited for nothing.
				latencies.push(performance.now() - begin);
				failures.count += 1;
			}
			await new Promise((resolve) => setTimeout(resolve, POLL_MS));
		}
	})();
	try {
		await during();
	} finally {
		done = true;
		await poller;
	}
	return { latencies, failed: failures.count };
}

function healthColumns({ latencies, failed }: { latencies: number[]; failed: number }) {
	const stats = summarize(latencies);
	return {
		healthP50Ms: round(stats.p50),
		healthMaxMs: round(stats.max),
		healthChecks: stats.count,
		healthFailed: failed
	};
}
