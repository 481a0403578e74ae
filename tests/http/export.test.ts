import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendaFinance } from '../../src/lib/agenda/model/finance';
import { formatEuro } from '../../src/lib/agenda/model/money';
import {
	addEntity,
	setResolutionText,
	setResolutionValue,
	setValue
} from '../../src/lib/agenda/ydoc/mutations';
import { readAgenda } from '../../src/lib/agenda/ydoc/read';
import { closeDatabase } from '../../src/lib/server/db/connection';
import { openDatabaseAt } from '../support/database';
import { loadDocument } from '../../src/lib/server/documents/update-log';
import { validateOparl } from '../../src/lib/export/oparl/validate';
import { docxText } from '../../src/lib/server/export/testing/docx-text';
import { pdfText } from '../../src/lib/server/export/testing/pdf-text';
import { connectClient, waitFor, type CollabClient } from '../support/collab';
import { DEMO, get, login, myAgendas } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The Beschlussvorlage exports against the production server: an owner fills in the resolution
 * data live, then every file is downloaded and read back (DOCX with mammoth, PDF with pdf.js,
 * OParl against the schema), and access is checked for every kind of visitor.
 */
const TRICKY = 'Ausschuss <Digitales> & „Smart City“ "Test" 🚀';
const API = (id: string, file: string, query = '') => `/api/agendas/${id}/export/${file}${query}`;

let server: TestServer;
let agendaId = '';
let owner: CollabClient;
const cookies = { owner: '', editor: '', viewer: '', citizen: '' };

/** Whitespace as any renderer may place it (NBSP in amounts, line breaks in tables). */
const flat = (text: string) => text.replace(/\s+/g, ' ');

async function download(file: string, cookie: string, query = '') {
	const response = await get(server.url, API(agendaId, file, query), { cookie, accept: '*/*' });
	return { response, body: Buffer.from(await response.arrayBuffer()) };
}

beforeAll(async () => {
	server = await startTestServer({ RATE_LIMIT_LOGIN_PER_IP: '1000' });
	cookies.owner = await login(server.url, DEMO.admin);
	cookies.editor = await login(server.url, DEMO.editor);
	cookies.viewer = await login(server.url, DEMO.viewer);
	cookies.citizen = await login(server.url, DEMO.citizen);
	const [agenda] = await myAgendas(server.url, cookies.owner);
	agendaId = agenda?.id ?? '';
	owner = await connectClient(server.url, agendaId, cookies.owner);
	const doc = owner.doc;
	// What an owner types into the Beschlussvorlage section of the editor.
	setResolutionText(doc, 'reference', '2026/0123');
	setResolutionValue(doc, 'date', '2026-12-01');
	setResolutionValue(doc, 'meansPlanned', true);
	setResolutionValue(doc, 'plannedMeansCents', 3_000_000);
	setResolutionText(doc, 'coverageProposal', 'Allgemeine Deckungsreserve');
	addEntity(
		doc,
		{ collection: 'coverageLines' },
		{ amountCents: 1_000_000, costUnit: '11.1.01 Digitalisierung', account: '5431000' }
	);
	addEntity(
		doc,
		{ collection: 'coverageLines' },
		{ amountCents: 250_000, costUnit: '11.1.02', account: '5431100', label: 'Deckungsreserve' }
	);
	const ref = { collection: 'consultations' } as const;
	const [first] = readAgenda(doc).agenda.resolution.consultations;
	if (!first) throw new Error('Demo ohne Beratungsfolge');
	setValue(doc, ref, first.id, 'date', '2027-01-12');
	setValue(doc, ref, first.id, 'result', 'empfohlen');
	addEntity(doc, ref, { body: TRICKY, role: 'kenntnisnahme', votum: 'einstimmig 👍 <ja>' });
	// The downloads read the persisted document: wait until the server has stored everything.
	await waitFor(
		async () =>
			JSON.stringify((await persistedAgenda()).resolution) ===
			JSON.stringify(readAgenda(doc).agenda.resolution),
		5_000,
		'Gespeicherte Beschlussvorlage'
	);
}, 60_000);

async function persistedAgenda() {
	const db = openDatabaseAt(server.databasePath);
	try {
		const { doc } = await loadDocument(db, agendaId);
		return readAgenda(doc).agenda;
	} finally {
		await closeDatabase(db);
	}
}

afterAll(async () => {
	owner?.destroy();
	await server?.stop();
});

/** The parts of the Beschlussvorlage, in both file formats. */
const SECTIONS = [
	'Beratungsfolge',
	'Beschlussvorschlag',
	'Sachverhalt',
	'Votum der Ausschüsse',
	'Finanzielle Auswirkungen',
	'Anlagen'
];

/** The Deckungsvorschlag as entered above: two lines, their sum, what they leave uncovered. */
const COVERAGE = [
	'Status öffentlich',
	'Allgemeine Deckungsreserve',
	'10.000,00 € 11.1.01 Digitalisierung 5431000 — fehlt —',
	'2.500,00 € 11.1.02 5431100 Deckungsreserve',
	'12.500,00 € Summe',
	'Ohne Deckung bleiben 37.500,00 € des Mehrbedarfs.',
	'Raum für zusätzliche Eintragungen Keine.'
];

describe('Beschlussvorlage DOCX', () => {
	it('is a Word file with every section, the editor’s totals to the cent and the Vorlage-Nr. in the header', async () => {
		const { response, body } = await download('beschlussvorlage.docx', cookies.owner);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe(
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		);
		expect(response.headers.get('content-disposition')).toBe(
			'attachment; filename="Beschlussvorlage-2026-0123.docx"'
		);
		const docx = await docxText(body);
		const text = flat(docx.text);
		for (const section of ['Beschlussvorlage', ...SECTIONS]) {
			expect(docx.html).toMatch(new RegExp(`<h[12][^>]*>${section}</h[12]>`));
		}
		// The totals the editor shows are computed by the same module from the same document.
		const finance = agendaFinance(await persistedAgenda());
		for (const cents of [finance.costCents, finance.fundingCents, finance.ownShareCents]) {
			expect(text).toContain(flat(formatEuro(cents)));
		}
		expect(text).toContain('Gesamtkosten 800.000,00 €');
		expect(text).toContain('Mehrbedarf 50.000,00 €');
		expect(text).toContain('☒');
		for (const part of COVERAGE) expect(text).toContain(part);
		expect(text).toContain(TRICKY);
		expect(text).toContain('einstimmig 👍 <ja>');
		expect(docx.headers.join(' ')).toContain('Vorlage 2026/0123');
	});
});

describe('Beschlussvorlage PDF', () => {
	it('has selectable text with every section and the same figures', async () => {
		const { response, body } = await download('beschlussvorlage.pdf', cookies.viewer);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toBe(
			'attachment; filename="Beschlussvorlage-2026-0123.pdf"'
		);
		const pdf = await pdfText(body);
		const text = flat(pdf.text);
		for (const section of SECTIONS) {
			expect(text).toContain(section);
		}
		expect(text).toContain('Gesamtkosten 800.000,00 €');
		expect(text).toContain('Mehrbedarf 50.000,00 €');
		for (const part of COVERAGE) expect(text).toContain(part);
		expect(text).toContain(TRICKY);
		expect(text).toContain('Vorlage 2026/0123');
		expect(body.includes('/FontFile')).toBe(true);
	});
});

describe('strategy annex and finance plan', () => {
	it('exports the strategy with every measure, as DOCX and PDF', async () => {
		const agenda = readAgenda(owner.doc).agenda;
		const word = await download('agenda.docx', cookies.editor);
		expect(word.response.headers.get('content-disposition')).toBe(
			'attachment; filename="Anlage-1-Digitale-Agenda-2026-0123.docx"'
		);
		const pdf = await download('agenda.pdf', cookies.editor);
		for (const text of [
			flat((await docxText(word.body)).text),
			flat((await pdfText(pdf.body)).text)
		]) {
			for (const chapter of [
				'Ausgangslage',
				'Leitbild',
				'Leitlinien',
				'Handlungsfelder',
				'Finanzplan',
				'Umsetzungsfahrplan'
			]) {
				expect(text).toContain(chapter);
			}
			agenda.measures.forEach((measure, index) =>
				expect(text).toContain(`M${index + 1} ${measure.title}`)
			);
			expect(text).toContain('Anlage 1 zur Vorlage 2026/0123');
		}
	});

	it('exports the finance plan', async () => {
		const { response, body } = await download('finanzplan.pdf', cookies.owner);
		expect(response.status).toBe(200);
		expect(flat((await pdfText(body)).text)).toContain('Kosten je Maßnahme und Haushaltsjahr');
	});
});

describe('OParl', () => {
	it('is a schema-valid Paper with its Consultations and Files', async () => {
		const { response, body } = await download('oparl.json', cookies.owner);
		expect(response.status).toBe(200);
		const paper = JSON.parse(body.toString('utf8'));
		const result = validateOparl('Paper', paper);
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
		expect(paper).toMatchObject({
			type: 'https://schema.oparl.org/1.1/Paper',
			reference: '2026/0123',
			date: '2026-12-01',
			paperType: 'Beschlussvorlage'
		});
		expect(paper.consultation).toHaveLength(4);
		expect(JSON.stringify(paper)).toContain(JSON.stringify(TRICKY).slice(1, -1));
		// The files point at downloads that exist.
		const urls = [
			paper.mainFile.accessUrl,
			...paper.auxiliaryFile.map((file: { accessUrl: string }) => file.accessUrl)
		];
		for (const url of urls) {
			const target = new URL(url);
			const file = await get(server.url, target.pathname + target.search, {
				cookie: cookies.owner,
				accept: '*/*'
			});
			expect({ url, status: file.status }).toEqual({ url, status: 200 });
		}
	});

	it('serves every object the Paper points at under its id, valid against the schema', async () => {
		const paper = JSON.parse((await download('oparl.json', cookies.owner)).body.toString('utf8'));
		const fetchObject = async (url: string) => {
			const target = new URL(url);
			const response = await get(server.url, target.pathname + target.search, {
				cookie: cookies.owner,
				accept: 'application/json'
			});
			expect({ url, status: response.status }).toEqual({ url, status: 200 });
			return response.json();
		};
		const body = await fetchObject(paper.body);
		expect(validateOparl('Body', body).errors).toEqual([]);
		expect(body.id).toBe(paper.body);
		for (const url of [...paper.underDirectionOf, ...paper.originatorOrganization]) {
			const organization = await fetchObject(url);
			expect(validateOparl('Organization', organization).errors).toEqual([]);
			expect(organization.id).toBe(url);
		}
		// Served alone, a Consultation names the Paper it is embedded in without that reference,
		// and, when it has a Sitzungstermin, its Meeting and AgendaItem, which name it back.
		for (const consultation of paper.consultation) {
			const alone = await fetchObject(consultation.id);
			const { meeting, agendaItem, ...rest } = alone;
			expect(rest).toEqual({ ...consultation, paper: paper.id });
			if (meeting === undefined) continue;
			expect(validateOparl('Meeting', await fetchObject(meeting)).errors).toEqual([]);
			expect(await fetchObject(agendaItem)).toMatchObject({ meeting, consultation: alone.id });
		}
		for (const file of [paper.mainFile, ...paper.auxiliaryFile]) {
			expect(await fetchObject(file.id)).toEqual(file);
		}
		const list = await fetchObject(body.organization);
		expect(list.data.length).toBeGreaterThanOrEqual(3);
		const missing = await get(
			server.url,
			`/api/agendas/${agendaId}/oparl/organization/gibt-es-nicht`,
			{
				cookie: cookies.owner
			}
		);
		expect(missing.status).toBe(404);
		// Nor the Sitzungen of an organisation that does not exist.
		const missingMeetings = await get(
			server.url,
			`/api/agendas/${agendaId}/oparl/organization/gibt-es-nicht/meeting`,
			{ cookie: cookies.owner }
		);
		expect(missingMeetings.status).toBe(404);
		// A citizen sees the interface as of the published Fassung: its Body, not the draft's
		// committee added since.
		const asCitizen = (url: string) =>
			get(server.url, new URL(url).pathname, { cookie: cookies.citizen });
		expect((await asCitizen(paper.body)).status).toBe(200);
		const draftOnly = paper.consultation.at(-1).organization[0];
		expect((await asCitizen(draftOnly)).status).toBe(404);
	});
});

describe('access and bad input', () => {
	it('refuses the draft to citizens and sends anonymous visitors to log in', async () => {
		expect((await download('beschlussvorlage.pdf', cookies.citizen)).response.status).toBe(403);
		expect((await download('oparl.json', cookies.citizen)).response.status).toBe(403);
		const anonymous = await download('agenda.docx', '');
		expect(anonymous.response.status).toBe(303);
		expect(anonymous.response.headers.get('location')).toMatch(/^\/anmelden\?weiter=/);
	});

	it('gives everyone the Fassung that was put to participation', async () => {
		for (const cookie of [cookies.citizen, '']) {
			const { response, body } = await download('agenda.pdf', cookie, '?fassung=1');
			expect(response.status).toBe(200);
			expect(response.headers.get('content-disposition')).toContain('Fassung-1');
			expect(flat((await pdfText(body)).text)).toContain('Fassung 1');
		}
		// Its Vorlage is öffentlich (the demo decides so), so the Beschlussvorlage of it too.
		expect(
			(await download('beschlussvorlage.docx', cookies.citizen, '?fassung=1')).response.status
		).toBe(200);
	});

	it('answers 404 for unknown agendas, Fassungen and files, 400 for a malformed Fassung', async () => {
		expect((await download('agenda.pdf', cookies.owner, '?fassung=99')).response.status).toBe(404);
		expect((await download('agenda.pdf', cookies.owner, '?fassung=abc')).response.status).toBe(400);
		expect((await download('agenda.pdf', cookies.owner, '?fassung=-1')).response.status).toBe(400);
		// The preview's „Aktueller Entwurf“ option sends an empty value: the draft.
		const draft = await download('agenda.docx', cookies.owner, '?fassung=');
		expect(draft.response.status).toBe(200);
		expect(draft.response.headers.get('content-disposition')).not.toContain('Fassung');
		expect((await download('geheim.exe', cookies.owner)).response.status).toBe(404);
		expect((await download('__proto__', cookies.owner)).response.status).toBe(404);
		const unknown = await get(server.url, API('aaaaaaaaaaaaaaaa', 'agenda.pdf'), {
			cookie: cookies.owner
		});
		expect(unknown.status).toBe(404);
	});
});

describe('preview page', () => {
	it('shows the Vorlage, its warnings and the downloads to members only', async () => {
		const page = await get(server.url, `/agenden/${agendaId}/beschlussvorlage`, {
			cookie: cookies.viewer
		});
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('2026/0123');
		expect(html).toContain('data-testid="resolution-warnings"');
		expect(html).toContain(`/api/agendas/${agendaId}/export/beschlussvorlage.docx`);
		expect(
			(await get(server.url, `/agenden/${agendaId}/beschlussvorlage`, { cookie: cookies.citizen }))
				.status
		).toBe(403);
	});
});
