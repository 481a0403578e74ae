import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import { bigAgenda, commentedParticipation, monitoredAgenda } from '../lib/fixtures';
import { pageAgainstCeiling } from '../lib/http-load';
import { round } from '../lib/stats';
import type { BenchPart } from '../lib/types';
import { DEMO, login } from '../../tests/support/http';
import { startTestServer } from '../../tests/support/server';

const KiB = 1024;
const JS_BUDGET_KIB = 50;

interface Sizes {
	js: number;
	css: number;
}

/**
 * JavaScript and CSS a visitor of the page downloads, gzip-compressed: what Chromium actually
 * fetches while loading the page (SvelteKit starts its modules from an inline script, so the
 * HTML alone does not list them), in a fresh context of `browser`. `cookie` (`name=value`)
 * makes the visitor a signed-in citizen.
 */
async function assets(browser: Browser, url: string, cookie?: string) {
	const context = await browser.newContext();
	try {
		if (cookie) {
			const [name = '', value = ''] = cookie.split('=');
			await context.addCookies([{ name, value, url }]);
		}
		const page = await context.newPage();
		const bodies: Promise<{ kind: 'js' | 'css'; bytes: number }>[] = [];
		page.on('response', (response) => {
			const type = response.request().resourceType();
			if (type !== 'script' && type !== 'stylesheet') return;
			bodies.push(
				response.body().then((body) => ({
					kind: type === 'script' ? 'js' : 'css',
					bytes: gzipSync(body).length
				}))
			);
		});
		await page.goto(url, { waitUntil: 'networkidle' });
		const sizes = { js: 0, css: 0 };
		for (const { kind, bytes } of await Promise.all(bodies)) sizes[kind] += bytes;
		return sizes;
	} finally {
		await context.close();
	}
}

/**
 * 3. Citizen pages: a Fassung with 50 measures and 1,000 comments, read anonymously; the same
 * Fassung resolved by the council, with a year of approved monitoring facts on every measure.
 * Requests per second and p99 of the participation overview and a measure page, and of the
 * progress page and a measure's progress page (autocannon, 10 connections), against the same
 * HTML from a bare node:http server as the ceiling; and the JavaScript and CSS a reader downloads.
 */
export const citizen: BenchPart = {
	name: 'citizen',
	title: 'Bürgerseiten',
	async run({ smoke, log }) {
		const seconds = smoke ? 1 : 10;
		const rows = [];
		// One browser for every page: launching it took longer than loading a page.
		const browser = await chromium.launch({
			executablePath: '/usr/bin/chromium',
			args: ['--no-sandbox']
		});
		// What a page makes a reader download does not depend on the server's cache: measured
		// in the first round, shown in both.
		const downloads = new Map<string, { anonymous: Sizes; signedIn: Sizes }>();
		// The same pages with and without the shared rendering for anonymous readers.
		try {
			for (const cacheMs of [0, 2_000]) {
				const mode =
					cacheMs === 0 ? 'ohne Zwischenspeicher' : `Zwischenspeicher ${cacheMs / 1000} s`;
				const server = await startTestServer({ PUBLIC_PAGE_CACHE_MS: String(cacheMs) });
				try {
					const slug = 'bench-buerger';
					await bigAgenda(server.databasePath, slug, smoke ? 10 : 50);
					const participation = await commentedParticipation(
						server.databasePath,
						slug,
						smoke ? 50 : 1000
					);
					const measure = participation.content.measures[0];
					if (!measure) throw new Error('Keine Maßnahme');
					await monitoredAgenda(server.databasePath, slug, participation.versionId);
					const citizenCookie = await login(server.url, DEMO.citizen);
					const pages = [
						{ page: 'Übersicht', path: `/beteiligung/${slug}` },
						{ page: 'Maßnahme', path: `/beteiligung/${slug}/massnahmen/${measure.id}` },
						{ page: 'Umsetzung', path: `/umsetzung/${slug}` },
						{ page: 'Umsetzung Maßnahme', path: `/umsetzung/${slug}/${measure.id}` }
					];
					for (const { page, path } of pages) {
						const url = `${server.url}${path}`;
						const { html, app, top } = await pageAgainstCeiling(url, seconds);
						let download = downloads.get(page);
						if (!download) {
							download = {
								anonymous: await assets(browser, url),
								signedIn: await assets(browser, url, citizenCookie)
							};
							downloads.set(page, download);
						}
						const { anonymous: sizes, signedIn } = download;
						log(
							`${page}, ${mode}: ${round(app.rps)} / ${round(top.rps)} Anfragen/s, p99 ${app.p99Ms} ms`
						);
						rows.push({
							page,
							mode,
							htmlKiB: round(Buffer.byteLength(html) / KiB),
							rps: round(app.rps),
							ceilingRps: round(top.rps),
							shareOfCeiling: `${round((100 * app.rps) / top.rps)} %`,
							p99Ms: app.p99Ms,
							ceilingP99Ms: top.p99Ms,
							non2xx: app.non2xx,
							jsGzipKiB: round(sizes.js / KiB),
							cssGzipKiB: round(sizes.css / KiB),
							jsSignedInGzipKiB: round(signedIn.js / KiB)
						});
					}
				} finally {
					await server.stop();
				}
			}
		} finally {
			await browser.close();
		}
		const cached = rows.filter((row) => row.mode !== 'ohne Zwischenspeicher');
		const share = Math.min(...cached.map((row) => (row.rps ?? 0) / (row.ceilingRps || 1)));
		const js = Math.max(...rows.map((row) => row.jsGzipKiB ?? Infinity));
		const jsSignedIn = Math.max(...rows.map((row) => row.jsSignedInGzipKiB ?? Infinity));
		return {
			rows,
			columns: [
				'page',
				'mode',
				'htmlKiB',
				'rps',
				'ceilingRps',
				'shareOfCeiling',
				'p99Ms',
				'ceilingP99Ms',
				'non2xx',
				'jsGzipKiB',
				'cssGzipKiB',
				'jsSignedInGzipKiB'
			],
			targets: [
				{
					target: 'anonyme Bürgerseiten mit ≥ 50 % der node:http-Obergrenze',
					met: smoke ? null : share >= 0.5,
					detail: `schwächste Seite mit Zwischenspeicher ${round(100 * share)} %`
				},
				{
					target: `≤ ${JS_BUDGET_KIB} KB JavaScript (gzip) auf Bürgerseiten (Lesende)`,
					met: js <= JS_BUDGET_KIB,
					detail: `höchstens ${js} KiB; angemeldete Bürger:innen (Formulare ohne Neuladen) ${jsSignedIn} KiB`
				}
			],
			notes: [
				`${seconds} s je Messung mit 10 Verbindungen, anonym; Beteiligung mit ${smoke ? 50 : 1000} Kommentaren; Umsetzung: dieselbe Fassung beschlossen, je Maßnahme 4 Sachstände, 6 Werte je Indikator und Ist-Kosten, alle freigegeben.`,
				'Obergrenze: dieselbe HTML-Antwort von einem nackten node:http-Server in einem eigenen Prozess (wie der App-Server).',
				'JS/CSS: was Chromium beim Laden der Seite holt, gzip; Lesende ohne Sitzung bekommen die Seiten ohne Skripte (src/lib/server/reader-pages.ts), angemeldete die App.'
			]
		};
	}
};
