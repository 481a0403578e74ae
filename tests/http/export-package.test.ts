import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateOparl } from '../../src/lib/export/oparl/validate';
import { pdfStructure } from '../../src/lib/server/export/testing/pdf-structure';
import { pdfText, withoutWhitespace } from '../../src/lib/server/export/testing/pdf-text';
import { DEMO, downloadExport, get, login } from '../support/http';
import { copyAgendaWithMembers, openTestParticipation } from '../support/participation';
import { startTestServer, type TestServer } from '../support/server';
import { readZip } from '../support/zip';

/**
 * The package for the council information system and the Gesamtdokument against the production
 * server: a Fassung under participation, downloaded by a member and by a citizen.
 */
let server: TestServer;
let agendaId = '';
const cookies = { owner: '', citizen: '' };

const MEMBER_ENTRIES = [
	'01-beschlussvorlage.pdf',
	'01-beschlussvorlage.docx',
	'02-anlage-1-strategie.pdf',
	'02-anlage-1-strategie.docx',
	'03-anlage-2-finanzplan.pdf',
	'03-anlage-2-finanzplan.docx',
	'04-anlage-3-beteiligungsbericht.pdf',
	'04-anlage-3-beteiligungsbericht.docx',
	'05-oparl-paper.json',
	'inhalt.txt'
];

beforeAll(async () => {
	server = await startTestServer({ RATE_LIMIT_LOGIN_PER_IP: '1000' });
	cookies.owner = await login(server.url, DEMO.admin);
	cookies.citizen = await login(server.url, DEMO.citizen);
	agendaId = await copyAgendaWithMembers(server.databasePath, 'musterstadt', 'paket');
	await openTestParticipation(server.databasePath, { slug: 'paket' });
}, 60_000);

afterAll(async () => {
	await server?.stop();
});

const download = (file: string, cookie: string, query?: string) =>
	downloadExport(server.url, agendaId, file, cookie, query);

function expectRightType(name: string, content: Buffer) {
	expect(content.length, name).toBeGreaterThan(0);
	if (name.endsWith('.pdf')) expect(content.subarray(0, 5).toString('latin1'), name).toBe('%PDF-');
	if (name.endsWith('.docx'))
		expect([...readZip(content).keys()], name).toContain('word/document.xml');
	if (name.endsWith('.json')) {
		expect(validateOparl('Paper', JSON.parse(content.toString('utf8'))).errors, name).toEqual([]);
	}
}

describe('paket.zip', () => {
	it('holds the Vorlage and every annex as PDF and Word, the OParl Paper and an index', async () => {
		const { response, body } = await download('paket.zip', cookies.owner);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/zip');
		expect(response.headers.get('content-disposition')).toBe(
			'attachment; filename="Paket-Beschlussvorlage-paket-Fassung-1.zip"'
		);
		const entries = readZip(body);
		expect([...entries.keys()]).toEqual(MEMBER_ENTRIES);
		for (const [name, content] of entries) expectRightType(name, content);
		const index = entries.get('inhalt.txt')?.toString('utf8') ?? '';
		expect(index).toContain('Paket für das Ratsinformationssystem');
		expect(index).toContain('Fassung 1');
		for (const name of MEMBER_ENTRIES.filter((entry) => entry !== 'inhalt.txt')) {
			expect(index).toMatch(new RegExp(`^${name.replace('.', '\\.')} +\\S`, 'm'));
		}
		expect(index).toMatch(/^04-anlage-3-beteiligungsbericht\.pdf +Anlage 3: Beteiligungsbericht/m);
	});

	it('takes the files from the render cache instead of rendering them again', async () => {
		const single = await download('finanzplan.pdf', cookies.owner);
		expect(single.response.headers.get('x-export-cache')).toBe('hit');
		const entries = readZip((await download('paket.zip', cookies.owner)).body);
		expect(entries.get('03-anlage-2-finanzplan.pdf')?.equals(single.body)).toBe(true);
	});

	it('gives a citizen only what a citizen may read: the public Beteiligungsbericht, no draft', async () => {
		const member = readZip((await download('paket.zip', cookies.owner)).body);
		const { response, body } = await download('paket.zip', cookies.citizen);
		expect(response.status).toBe(200);
		const entries = readZip(body);
		expect([...entries.keys()]).toEqual(MEMBER_ENTRIES);
		// The report is the one the citizen downloads on its own, not the team's.
		const single = await download('beteiligungsbericht.pdf', cookies.citizen, '?fassung=1');
		const report = entries.get('04-anlage-3-beteiligungsbericht.pdf');
		expect(report?.equals(single.body)).toBe(true);
		expect(
			report?.equals(member.get('04-anlage-3-beteiligungsbericht.pdf') ?? Buffer.alloc(0))
		).toBe(false);
		expect(withoutWhitespace((await pdfText(new Uint8Array(single.body))).text)).toContain(
			'ÖffentlicheAusgabe'
		);
		expect((await download('paket.zip', cookies.citizen, '')).response.status).toBe(403);
		const anonymous = await download('paket.zip', '', '');
		expect(anonymous.response.status).toBe(303);
		expect((await download('paket.zip', cookies.owner, '?fassung=99')).response.status).toBe(404);
		expect((await download('paket.zip', cookies.owner, '?fassung=abc')).response.status).toBe(400);
	});

	it('packs the live draft for members', async () => {
		const { response, body } = await download('paket.zip', cookies.owner, '');
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toContain('paket-Entwurf.zip');
		expect(readZip(body).get('inhalt.txt')?.toString('utf8')).toContain('aktueller Entwurf');
	});
});

async function topLevelBookmarks(body: Buffer): Promise<string[]> {
	const pdf = await getDocument({ data: new Uint8Array(body) }).promise;
	try {
		return ((await pdf.getOutline()) ?? []).map((item) => item.title);
	} finally {
		await pdf.destroy();
	}
}

describe('gesamtdokument.pdf', () => {
	it('is one tagged PDF with a top-level bookmark per part, each on its own page', async () => {
		const { response, body } = await download('gesamtdokument.pdf', cookies.owner);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toContain(
			'Gesamtdokument-Beschlussvorlage-paket-Fassung-1.pdf'
		);
		const bookmarks = await topLevelBookmarks(body);
		expect(bookmarks).toHaveLength(4);
		expect(bookmarks[0]).toMatch(/^Beschlussvorlage/);
		expect(bookmarks.slice(1).map((title) => title.slice(0, 9))).toEqual([
			'Anlage 1:',
			'Anlage 2:',
			'Anlage 3:'
		]);
		const structure = await pdfStructure(body);
		expect(structure.marked).toBe(true);
		const pages = bookmarks.map(
			(title) => structure.destinations.find((destination) => destination.title === title)?.page
		);
		expect(pages[0]).toBe(0);
		for (let index = 1; index < pages.length; index++) {
			expect(pages[index]).toBeGreaterThan(pages[index - 1] ?? Infinity);
		}
		// The parts' own headings nest below their part.
		expect(structure.destinations.length).toBeGreaterThan(bookmarks.length);
	});

	it('gives the visitor the parts they may read, the Beteiligungsbericht in its public variant', async () => {
		const { response, body } = await download('gesamtdokument.pdf', cookies.citizen);
		expect(response.status).toBe(200);
		const bookmarks = await topLevelBookmarks(body);
		expect(bookmarks).toHaveLength(4);
		expect(bookmarks[3]).toMatch(/^Anlage 3:/);
		const publicText = withoutWhitespace((await pdfText(new Uint8Array(body))).text);
		expect(publicText).toContain('ÖffentlicheAusgabe');
		const member = await download('gesamtdokument.pdf', cookies.owner);
		const memberText = withoutWhitespace((await pdfText(new Uint8Array(member.body))).text);
		expect(memberText).not.toContain('ÖffentlicheAusgabe');
		expect((await download('gesamtdokument.pdf', cookies.citizen, '')).response.status).toBe(403);
	});
});

describe('preview page', () => {
	it('lists the package and the Gesamtdokument with the other downloads', async () => {
		const page = await get(server.url, `/agenden/${agendaId}/beschlussvorlage?fassung=1`, {
			cookie: cookies.owner
		});
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(`/api/agendas/${agendaId}/export/paket.zip?fassung=1`);
		expect(html).toContain(`/api/agendas/${agendaId}/export/gesamtdokument.pdf?fassung=1`);
	});
});
