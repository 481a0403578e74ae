import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, get, login } from '../support/http';
import { copyAgenda, openTestParticipation } from '../support/participation';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Anonymous readers get the participation pages without the app's scripts; signed-in citizens,
 * who write, get the app. Against the production build, so a change in Kit's output shows here.
 */
const SLUG = 'ohne-skripte';
let server: TestServer;
let paths: string[] = [];
let citizen = '';

beforeAll(async () => {
	server = await startTestServer();
	await copyAgenda(server.databasePath, 'musterstadt', SLUG);
	const participation = await openTestParticipation(server.databasePath, { slug: SLUG });
	const measure = participation.content.measures[0];
	const goal = participation.content.goals[0];
	if (!measure || !goal) throw new Error('Keine Maßnahme oder kein Ziel');
	paths = [
		`/beteiligung/${SLUG}`,
		`/beteiligung/${SLUG}/massnahmen/${measure.id}`,
		`/beteiligung/${SLUG}/ziele/${goal.id}`,
		`/beteiligung/${SLUG}/gibt-es-nicht`
	];
	citizen = await login(server.url, DEMO.citizen);
});

afterAll(async () => {
	await server?.stop();
});

describe('participation pages for anonymous readers', () => {
	it('carry no script, preload none and allow none to run', async () => {
		for (const path of paths) {
			const response = await get(server.url, path);
			const html = await response.text();
			expect(html, path).toMatch(/<main/);
			expect(html, path).not.toMatch(/<script/i);
			expect(html, path).not.toContain('__sveltekit_');
			expect(response.headers.get('link') ?? '', path).not.toContain('modulepreload');
			expect(response.headers.get('content-security-policy'), path).toContain("script-src 'none'");
		}
	});

	it('still preload the stylesheet', async () => {
		const response = await get(server.url, paths[0] ?? '');
		expect(response.headers.get('link')).toMatch(/rel="preload"; as="style"/);
	});

	it('go to signed-in citizens with the app, which hydrates their forms', async () => {
		for (const path of paths.slice(0, 3)) {
			const response = await get(server.url, path, { cookie: citizen });
			const html = await response.text();
			expect(html, path).toContain('__sveltekit_');
			expect(response.headers.get('link') ?? '', path).toContain('modulepreload');
			expect(response.headers.get('content-security-policy'), path).not.toContain(
				"script-src 'none'"
			);
		}
	});

	it('leave the scripts on other pages, such as the log-in form', async () => {
		const html = await (await get(server.url, '/anmelden')).text();
		expect(html).toContain('__sveltekit_');
	});
});
