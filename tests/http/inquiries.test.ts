import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText } from '../../src/lib/server/export/testing/docx-text';
import { pdfText } from '../../src/lib/server/export/testing/pdf-text';
import { validateOparl } from '../../src/lib/export/oparl/validate';
import { DEMO, decodeHtml, get, login, postForm, queryDatabase } from '../support/http';
import { addFacts, resolveAgenda, type TestMonitoring } from '../support/monitoring';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Answering an Anfrage on the production server: the Musterstadt demo's Fassung 1 is resolved,
 * a measure gets an approved Sachstand, and the team enters an Anfrage, pastes its questions,
 * links them, edits an answer and downloads the „Antwort der Verwaltung“.
 */
let server: TestServer;
let monitoring: TestMonitoring;
const cookies: Record<'admin' | 'editor' | 'viewer' | 'citizen', string> = {
	admin: '',
	editor: '',
	viewer: '',
	citizen: ''
};

const flat = (text: string) => text.replace(/\s+/g, ' ');
const base = () => `/agenden/${monitoring.agendaId}/umsetzung/anfragen`;
const FIELDS = {
	title: 'Stand der Umsetzung der Digitalen Agenda',
	reference: 'AF/2027/014',
	askedBy: 'Fraktion Bündnis',
	receivedOn: '2027-03-01',
	stichtag: '2027-04-30',
	oparlUrl: 'https://ratsinfo.example/oparl/paper/4711',
	answerReference: '',
	preamble: ''
};

const inquiryIds = async () =>
	(
		await queryDatabase<{ id: string }>(
			server.databasePath,
			'SELECT id FROM inquiries WHERE agenda_id = ? ORDER BY created_at',
			monitoring.agendaId
		)
	).map((row) => row.id);
const questionsOf = async (inquiryId: string) =>
	await queryDatabase<{ id: string; question: string; item_ids: string; answer: string | null }>(
		server.databasePath,
		'SELECT id, question, item_ids, answer FROM inquiry_questions WHERE inquiry_id = ? ORDER BY position',
		inquiryId
	);

async function create(who: keyof typeof cookies, fields: Record<string, string> = FIELDS) {
	return postForm(server.url, `${base()}/neu?/create`, fields, { cookie: cookies[who] });
}

async function download(inquiryId: string, file: string, cookie: string) {
	const response = await get(
		server.url,
		`/api/agendas/${monitoring.agendaId}/anfragen/${inquiryId}/${file}`,
		{ cookie, accept: '*/*' }
	);
	return { response, body: Buffer.from(await response.arrayBuffer()) };
}

beforeAll(async () => {
	server = await startTestServer({ RATE_LIMIT_LOGIN_PER_IP: '1000' });
	for (const who of ['admin', 'editor', 'viewer', 'citizen'] as const) {
		cookies[who] = await login(server.url, DEMO[who]);
	}
	monitoring = await resolveAgenda(server.databasePath, 'musterstadt', {
		versionNumber: 1,
		decidedOn: '2027-01-15'
	});
	const measure = monitoring.plan.measures[0];
	if (!measure) throw new Error('Keine Maßnahme');
	await addFacts(server.databasePath, monitoring, [
		{
			fact: {
				kind: 'report',
				itemKind: 'measure',
				itemId: measure.id,
				asOf: '2027-03-31',
				status: 'verzoegert',
				statusReason: 'Vergabe angefochten',
				progress: 20,
				text: 'Die Ausschreibung wird wiederholt.'
			},
			state: 'approved'
		}
	]);
});

afterAll(async () => {
	await server?.stop();
});

describe('Anfragen', () => {
	it('are kept from citizens and anonymous visitors, and only writers change them', async () => {
		expect((await get(server.url, base(), { cookie: cookies.citizen })).status).toBe(403);
		const anonymous = await get(server.url, base());
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toMatch(/^\/anmelden/);
		expect((await get(server.url, base(), { cookie: cookies.viewer })).status).toBe(200);
		expect((await create('viewer')).status).toBe(403);
		expect((await create('citizen')).status).toBe(403);
		expect(await inquiryIds()).toEqual([]);
	});

	it('refuse overlong and malformed fields in German, storing nothing', async () => {
		const response = await create('editor', {
			...FIELDS,
			title: 'x'.repeat(301),
			stichtag: '2027-02-30'
		});
		expect(response.status).toBe(400);
		const page = decodeHtml(await response.text());
		expect(page).toContain('Bitte einen Betreff angeben (höchstens 300 Zeichen).');
		expect(page).toContain('Bitte einen gültigen Stichtag angeben (ab 1900).');
		expect(await inquiryIds()).toEqual([]);
	});

	it('take pasted questions, links, an edited answer, and give Word, PDF and OParl', async () => {
		const created = await create('editor');
		expect(created.status).toBe(303);
		const [inquiryId] = await inquiryIds();
		if (!inquiryId) throw new Error('Keine Anfrage');
		expect(created.headers.get('location')).toBe(`${base()}/${inquiryId}`);
		const page = `${base()}/${inquiryId}`;
		const pasted = 'Wir fragen:\n1. Wie ist der Stand?\n2) Was kostet es?';

		const preview = await postForm(
			server.url,
			`${page}?/previewPaste`,
			{ pasted },
			{
				cookie: cookies.editor
			}
		);
		expect(preview.status).toBe(200);
		expect(decodeHtml(await preview.text())).toContain('Vorschau der Aufteilung (3)');
		expect(await questionsOf(inquiryId)).toEqual([]);

		const added = await postForm(
			server.url,
			`${page}?/addPasted`,
			{ pasted },
			{
				cookie: cookies.admin
			}
		);
		expect(added.status).toBe(200);
		const [intro, first, second] = await questionsOf(inquiryId);
		if (!intro || !first || !second) throw new Error('Fragen fehlen');
		expect(first.question).toBe('Wie ist der Stand?');
		expect(
			(
				await postForm(
					server.url,
					`${page}?/deleteQuestion`,
					{ questionId: intro.id },
					{
						cookie: cookies.editor
					}
				)
			).status
		).toBe(200);

		const measureId = monitoring.plan.measures[0]?.id ?? '';
		const unknown = await post(page, 'saveQuestion', {
			questionId: first.id,
			question: first.question,
			itemIds: [measureId, 'aaaaaaaaaaaaaaaa'],
			answer: ''
		});
		expect(unknown.status).toBe(400);
		expect(decodeHtml(await unknown.text())).toContain(
			'Eine der gewählten Maßnahmen gehört nicht zum beschlossenen Plan.'
		);
		const overlong = await post(page, 'saveQuestion', {
			questionId: first.id,
			question: first.question,
			itemIds: [measureId],
			answer: 'x'.repeat(20_001)
		});
		expect(overlong.status).toBe(400);
		const refusedPage = decodeHtml(await overlong.text());
		expect(refusedPage).toContain('Eine Antwort darf höchstens 20.000 Zeichen lang sein.');
		// The refused form shows the links as ticked, not as stored (none yet).
		expect(refusedPage).toMatch(new RegExp(`id="link-${first.id}-${measureId}"[^>]*checked`));
		expect((await questionsOf(inquiryId))[0]).toMatchObject({ item_ids: '[]', answer: null });

		expect(
			(
				await post(page, 'saveQuestion', {
					questionId: first.id,
					question: first.question,
					itemIds: [measureId],
					answer: ''
				})
			).status
		).toBe(200);
		expect(
			(
				await post(page, 'saveQuestion', {
					questionId: second.id,
					question: second.question,
					itemIds: [],
					answer: 'Die Kosten liegen im Plan.'
				})
			).status
		).toBe(200);

		const viewerPage = await get(server.url, page, { cookie: cookies.viewer });
		expect(viewerPage.status).toBe(200);
		expect(decodeHtml(await viewerPage.text())).toContain('Die Kosten liegen im Plan.');
		expect((await post(page, 'saveQuestion', { questionId: second.id }, 'viewer')).status).toBe(
			403
		);

		const docx = await download(inquiryId, 'antwort.docx', cookies.viewer);
		expect(docx.response.status).toBe(200);
		expect(docx.response.headers.get('content-disposition')).toBe(
			'attachment; filename="Antwort-AF-2027-014.docx"'
		);
		const word = flat((await docxText(docx.body)).text);
		expect(word).toContain('Zu 1.');
		expect(word).toContain('Status: verzögert (Vergabe angefochten)');
		expect(word).toContain('Sachstand vom 31.03.2027: Die Ausschreibung wird wiederholt.');
		expect(word).toContain('Zu 2.');
		expect(word).toContain('Die Kosten liegen im Plan.');
		expect(word).toContain('Stichtag 30.04.2027');

		const pdf = await download(inquiryId, 'antwort.pdf', cookies.admin);
		expect(pdf.response.headers.get('content-type')).toBe('application/pdf');
		expect(pdf.response.headers.get('x-export-cache')).toBe('miss');
		const printed = flat((await pdfText(pdf.body)).text);
		expect(printed).toContain('Zu 1.');
		expect(printed).toContain('Die Kosten liegen im Plan.');
		expect(
			(await download(inquiryId, 'antwort.pdf', cookies.editor)).response.headers.get(
				'x-export-cache'
			)
		).toBe('hit');

		const json = await download(inquiryId, 'antwort.json', cookies.admin);
		const paper = JSON.parse(json.body.toString('utf8')) as Record<string, unknown>;
		expect(validateOparl('Paper', paper)).toEqual({ valid: true, errors: [] });
		expect(paper['relatedPaper']).toEqual([FIELDS.oparlUrl]);

		for (const cookie of [cookies.citizen, '']) {
			const refused = await download(inquiryId, 'antwort.pdf', cookie);
			expect([403, 303]).toContain(refused.response.status);
			expect(refused.response.headers.get('content-type')).not.toBe('application/pdf');
		}
	});
});

/** A form post to the Anfrage's page with repeated fields (the checkboxes). */
function post(
	page: string,
	action: string,
	fields: Record<string, string | string[]>,
	who: keyof typeof cookies = 'editor'
) {
	const body = new URLSearchParams();
	for (const [name, value] of Object.entries(fields)) {
		for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
	}
	return fetch(`${server.url}${page}?/${action}`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			accept: 'text/html',
			origin: server.url,
			'content-type': 'application/x-www-form-urlencoded',
			cookie: cookies[who]
		},
		body: body.toString()
	});
}
