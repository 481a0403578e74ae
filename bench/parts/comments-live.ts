import { openEventStream, type OpenEventStream } from '../../tests/support/event-stream';
import { DEMO, login, postForm } from '../../tests/support/http';
import { copyAgendaWithMembers, openTestParticipation } from '../../tests/support/participation';
import { startTestServer } from '../../tests/support/server';
import { round, summarize } from '../lib/stats';
import type { BenchPart } from '../lib/types';

const POST_GAP_MS = 200;

/**
 * The editor's live comments: with N open streams of AG members on one agenda, a citizen posts
 * comments one after the other; measured is the delay from sending the post to the `changed`
 * event on each stream (what an open editor waits before it reloads its comments).
 */
export const commentsLive: BenchPart = {
	name: 'comments-live',
	title: 'Live-Kommentare im Editor (Server-Sent Events)',
	async run({ smoke, log }) {
		const streamCounts = smoke ? [2] : [1, 50, 200];
		const posts = smoke ? 2 : 30;
		const server = await startTestServer({
			RATE_LIMIT_LOGIN_PER_IP: '100000',
			RATE_LIMIT_COMMENTS_PER_USER: '100000',
			// One account plays every editor here.
			COMMENTS_LIVE_STREAMS_PER_USER: '100000'
		});
		try {
			const slug = 'bench-live';
			const agendaId = await copyAgendaWithMembers(server.databasePath, 'musterstadt', slug);
			const participation = await openTestParticipation(server.databasePath, { slug });
			const measurePage = `/beteiligung/${slug}/massnahmen/${participation.content.measures[0]?.id}`;
			const editor = await login(server.url, DEMO.editor);
			const citizen = await login(server.url, DEMO.citizen);
			// Warms the server up (JIT, prepared statements), so that the first row is not about that.
			for (let post = 0; post < (smoke ? 0 : 5); post++) {
				await postForm(
					server.url,
					`${measurePage}?/comment`,
					{ body: `Aufwärmen ${post}` },
					{
						cookie: citizen
					}
				);
			}
			const rows = [];
			for (const count of streamCounts) {
				const streams: OpenEventStream[] = await Promise.all(
					Array.from({ length: count }, () =>
						openEventStream(`${server.url}/agenden/${agendaId}/bearbeiten/kommentare/live`, editor)
					)
				);
				await Promise.all(streams.map((stream) => stream.until(/verbunden/, 10_000)));
				const delays: number[] = [];
				const postMs: number[] = [];
				for (let post = 1; post <= posts; post++) {
					const sent = performance.now();
					const arrivals = Promise.all(
						streams.map((stream) => stream.until(/event: changed/, 10_000, post))
					);
					const response = await postForm(
						server.url,
						`${measurePage}?/comment`,
						{ body: `Hinweis ${post} bei ${count} offenen Editoren` },
						{ cookie: citizen }
					);
					if (response.status !== 303) throw new Error(`Kommentar: ${response.status}`);
					postMs.push(performance.now() - sent);
					for (const arrived of await arrivals) delays.push(arrived - sent);
					await new Promise((resolve) => setTimeout(resolve, POST_GAP_MS));
				}
				for (const stream of streams) stream.close();
				const delay = summarize(delays);
				const post = summarize(postMs);
				const row = {
					streams: count,
					posts,
					events: delays.length,
					postP50Ms: round(post.p50),
					eventP50Ms: round(delay.p50),
					eventP95Ms: round(delay.p95),
					eventP99Ms: round(delay.p99),
					eventMaxMs: round(delay.max)
				};
				log(JSON.stringify(row));
				rows.push(row);
			}
			const at50 = rows.find((row) => row.streams === 50);
			return {
				rows,
				columns: [
					'streams',
					'posts',
					'events',
					'postP50Ms',
					'eventP50Ms',
					'eventP95Ms',
					'eventP99Ms',
					'eventMaxMs'
				],
				targets: [
					{
						target: 'bei 50 offenen Editoren erreicht jeder Kommentar alle in unter 1 s (p99)',
						met: at50 ? (at50.eventP99Ms ?? Infinity) < 1_000 : null,
						detail: at50 ? `p99 ${at50.eventP99Ms} ms, höchstens ${at50.eventMaxMs} ms` : '–'
					}
				],
				notes: [
					`Ein:e Bürger:in schreibt ${posts} Kommentare nacheinander (je ${POST_GAP_MS} ms Pause) zu einer Maßnahme; die Verzögerung zählt vom Absenden des Formulars (das den Kommentar speichert) bis zum Ereignis auf jedem Strom. „postP50Ms“: bis die Antwort (303) da ist.`,
					'Alle Ströme gehören einem AG-Mitglied (eine Sitzung); der Editor lädt danach seine Kommentare (nicht gemessen) gebündelt nach 300 ms.'
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
