import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, decodeHtml, get, login, queryDatabase } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { readZip } from '../support/zip';

/**
 * The labels of the agenda's fixed choices (priority, status, cost category, budget, how a
 * comment was taken up) follow the visitor's language on the pages, while the files for the
 * council stay German whatever the language. Runs on the seeded Musterstadt demo, whose
 * participation is open from the start.
 */
const ENGLISH = 'PARAGLIDE_LOCALE=en';

let server: TestServer;
let agendaId = '';
let measurePath = '';
let ownerCookie = '';

/** The visible text of a page, its tags removed. */
async function pageText(path: string, cookie?: string): Promise<string> {
	const response = await get(server.url, path, cookie ? { cookie } : {});
	expect(response.status).toBe(200);
	return decodeHtml((await response.text()).replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');
}

beforeAll(async () => {
	server = await startTestServer();
	const [agenda] = await queryDatabase<{ id: string }>(
		server.databasePath,
		"SELECT id FROM agendas WHERE slug = 'musterstadt'"
	);
	agendaId = agenda?.id ?? '';
	const overview = await (await get(server.url, '/beteiligung/musterstadt')).text();
	// The Bürgerbüro: priority high, in preparation, two kinds of cost, an answered comment.
	const link = /massnahmen\/([^"]+)">Digitales Bürgerbüro/.exec(overview);
	measurePath = `/beteiligung/musterstadt/massnahmen/${link?.[1] ?? ''}`;
	expect(link).not.toBeNull();
	ownerCookie = await login(server.url, DEMO.admin);
});

afterAll(async () => {
	await server?.stop();
});

describe('labels of the fixed choices', () => {
	it('are German on a public measure page by default', async () => {
		const text = await pageText(measurePath);
		expect(text).toContain('Priorität hoch');
		expect(text).toContain('Status in Vorbereitung');
		expect(text).toContain('Sachkosten Ergebnishaushalt');
		expect(text).toContain('Investition Finanzhaushalt');
		expect(text).toContain('teilweise übernommen');
	});

	it('are English on a public measure page with the English language cookie', async () => {
		const text = await pageText(measurePath, ENGLISH);
		expect(text).toContain('Priority high');
		expect(text).toContain('Status in preparation');
		expect(text).toContain('Goods and services Ergebnishaushalt (operating budget)');
		expect(text).toContain('Investment Finanzhaushalt (capital budget)');
		expect(text).toContain('partly taken up');
		expect(text).not.toContain('in Vorbereitung');
		expect(text).not.toContain('teilweise übernommen');
	});

	it('follow the language on the public overview', async () => {
		expect(await pageText('/beteiligung/musterstadt')).toContain('in Vorbereitung');
		const english = await pageText('/beteiligung/musterstadt', ENGLISH);
		expect(english).toContain('in preparation');
		expect(english).not.toContain('in Vorbereitung');
	});

	it('follow the language in the Beteiligungsbericht page, not in its files', async () => {
		const path = `/agenden/${agendaId}/beteiligungsbericht`;
		expect(await pageText(path, ownerCookie)).toContain('teilweise übernommen');
		const english = `${ownerCookie}; ${ENGLISH}`;
		const page = await pageText(path, english);
		expect(page).toContain('partly taken up');
		expect(page).not.toContain('teilweise übernommen');

		const csv = await (await get(server.url, `${path}.csv`, { cookie: english })).text();
		expect(csv).toContain('teilweise übernommen');
		expect(csv).not.toContain('partly taken up');
		const docx = await get(server.url, `/api/agendas/${agendaId}/export/beteiligungsbericht.docx`, {
			cookie: english
		});
		const xml = readZip(new Uint8Array(await docx.arrayBuffer())).get('word/document.xml');
		expect(xml?.toString('utf8')).toContain('teilweise übernommen');
		expect(xml?.toString('utf8')).not.toContain('partly taken up');
	});

	it('stay German in the Beschlussvorlage, the agenda document and OParl whatever the language', async () => {
		const english = `${ownerCookie}; ${ENGLISH}`;
		const download = async (file: string) => {
			const response = await get(server.url, `/api/agendas/${agendaId}/export/${file}`, {
				cookie: english,
				accept: '*/*'
			});
			expect(response.status).toBe(200);
			return new Uint8Array(await response.arrayBuffer());
		};
		const paper = new TextDecoder().decode(await download('oparl.json'));
		expect(paper).toContain('"role":"Vorberatung"');
		const vorlage = readZip(await download('beschlussvorlage.docx')).get('word/document.xml');
		expect(vorlage?.toString('utf8')).toContain('Vorberatung');
		expect(vorlage?.toString('utf8')).toContain('teilweise übernommen');
		const strategy = readZip(await download('agenda.docx')).get('word/document.xml');
		const text = strategy?.toString('utf8') ?? '';
		expect(text).toContain('in Vorbereitung');
		expect(text).toContain('Ergebnishaushalt');
		expect(text).not.toContain('in preparation');
		expect(text).not.toContain('operating budget');
	});
});
