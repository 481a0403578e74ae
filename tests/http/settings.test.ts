import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, get, login, myAgendas, postForm, queryDatabase, textOf } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The instance settings page against the production server: the deciding body is a choice from
 * the list, bad input changes nothing, and the Beschlussvorlage names the body once chosen.
 */
let server: TestServer;
let admin: string;
let vorlagePath: string;

beforeAll(async () => {
	server = await startTestServer();
	admin = await login(server.url, DEMO.admin);
	const [demo] = await myAgendas(server.url, admin);
	if (!demo) throw new Error('Demo-Agenda fehlt');
	vorlagePath = `/agenden/${demo.id}/beschlussvorlage`;
});

afterAll(async () => {
	await server?.stop();
});

const stored = async () =>
	await queryDatabase<{ key: string; value: string }>(
		server.databasePath,
		"SELECT key, value FROM settings WHERE key IN ('imprint', 'decidingBody') ORDER BY key"
	);

const vorlage = async () =>
	textOf(await (await get(server.url, vorlagePath, { cookie: admin })).text());

describe('deciding body setting', () => {
	it('words the Beschlussvorschlag neutrally while no body is set', async () => {
		const text = await vorlage();
		expect(text).toContain('Das Beschlussgremium beschließt die „Digitale Agenda Musterstadt');
		expect(text).not.toContain('Die Stadtvertretung beschließt');
	});

	it('refuses a body that is not in the list with a German error, and stores nothing', async () => {
		const response = await postForm(
			server.url,
			'/verwaltung/einstellungen',
			{ imprint: 'Neues Impressum', privacy: '', decidingBody: 'Politbüro' },
			{ cookie: admin }
		);
		expect(response.status).toBe(400);
		expect(textOf(await response.text())).toContain('Bitte ein Gremium aus der Liste wählen.');
		expect(await stored()).toEqual([]);
		expect(server.output()).not.toMatch(/\n\s+at /);
	});

	it('stores a chosen body, shows it again, and the Beschlussvorlage names it', async () => {
		const response = await postForm(
			server.url,
			'/verwaltung/einstellungen',
			{ imprint: '', privacy: '', decidingBody: 'Gemeinderat' },
			{ cookie: admin }
		);
		expect(response.status).toBe(200);
		expect(await stored()).toContainEqual({ key: 'decidingBody', value: 'Gemeinderat' });
		const page = await (
			await get(server.url, '/verwaltung/einstellungen', { cookie: admin })
		).text();
		expect(page).toMatch(/<option value="Gemeinderat" selected/);
		expect(await vorlage()).toContain(
			'Der Gemeinderat beschließt die „Digitale Agenda Musterstadt'
		);
	});

	it('is for the instance administration only', async () => {
		const editor = await login(server.url, DEMO.editor);
		const response = await postForm(
			server.url,
			'/verwaltung/einstellungen',
			{ imprint: '', privacy: '', decidingBody: 'Kreistag' },
			{ cookie: editor }
		);
		expect(response.status).toBe(403);
		expect(await stored()).toContainEqual({ key: 'decidingBody', value: 'Gemeinderat' });
	});
});
