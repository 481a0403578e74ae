import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setText, setValue } from '../../src/lib/agenda/ydoc/mutations';
import { readAgenda } from '../../src/lib/agenda/ydoc/read';
import { agendas, comments, memberships } from '../../src/lib/server/db/schema';
import { loadDocument } from '../../src/lib/server/documents/update-log';
import { publishAnswers, saveAnswer } from '../../src/lib/server/participation/answers';
import { addComment, deleteComment } from '../../src/lib/server/participation/comments';
import { currentPhase } from '../../src/lib/server/participation/phases';
import { setSupport } from '../../src/lib/server/participation/supports';
import { freezeVersion } from '../../src/lib/server/participation/versions';
import { DEMO, decodeHtml, get, login, register, uniqueEmail, userIdOf } from '../support/http';
import {
	ageComment,
	copyAgenda,
	openTestParticipation,
	setCommentStatus,
	type TestParticipation
} from '../support/participation';
import { editDocument } from '../support/documents';
import { withDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import { pdfText, withoutWhitespace } from '../../src/lib/server/export/testing/pdf-text';
import { readZip } from '../support/zip';

/**
 * The Beteiligungsbericht (page, CSV, DOCX and PDF from the export) and the change pages (public „Was hat sich
 * geändert?“, the team's comparison of Fassungen) against the production server. Comments,
 * supports and an answer are written with the domain functions on a second connection to the
 * server's SQLite file, on copies of the demo agenda so that the numbers are exactly known.
 */
const SLUG = 'bericht-test';
const EMPTY_SLUG = 'bericht-ohne-fassung';
const DIFF_SLUG = 'aenderungen-test';
const DAY = 24 * 60 * 60 * 1000;
const FORMULA = '=HYPERLINK("http://example.org/x";"Klick")';
const FIRST_TEXT = 'Bitte auch telefonisch; "analog" bleibt wichtig.\nZweite Zeile des Beitrags.';
const HIDDEN_TEXT = 'Dieser Text verstößt gegen die Regeln.';
const HIDDEN_REASON = 'Beleidigung';
const UNPUBLISHED_REASON = 'Darüber berät die AG noch intern.';

let server: TestServer;
let participation: TestParticipation;
let agendaId = '';
let emptyAgendaId = '';
const cookies = { anonymous: '', citizen: '', outsider: '', viewer: '', editor: '' };

/** Gives the demo agenda's members the same roles in a copy (copyAgenda copies no members). */
async function copyMembers(toAgendaId: string) {
	await withDatabase(server.databasePath, async (db) => {
		const members = await db
			.select({ userId: memberships.userId, role: memberships.role })
			.from(memberships)
			.innerJoin(agendas, eq(agendas.id, memberships.agendaId))
			.where(eq(agendas.slug, 'musterstadt'));
		await db.insert(memberships).values(members.map((m) => ({ ...m, agendaId: toAgendaId })));
	});
}

/** Changes the live document of an agenda as an editor would, persisted like the collab server. */
async function editDraft(id: string, edit: (doc: Y.Doc) => void) {
	await editDocument(server.databasePath, id, edit);
}

async function draftOf(id: string) {
	return await withDatabase(server.databasePath, async (db) => {
		const { doc } = await loadDocument(db, id);
		const { agenda } = readAgenda(doc);
		doc.destroy();
		return agenda;
	});
}

/** A small RFC 4180 reader with `;` as the separator. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (quoted) {
			if (char === '"' && text[index + 1] === '"') {
				cell += '"';
				index++;
			} else if (char === '"') quoted = false;
			else cell += char;
		} else if (char === '"') quoted = true;
		else if (char === ';') {
			row.push(cell);
			cell = '';
		} else if (char === '\r' && text[index + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			index++;
		} else cell += char;
	}
	return rows;
}

beforeAll(async () => {
	server = await startTestServer({
		RATE_LIMIT_REGISTRATION_PER_IP: '1000',
		RATE_LIMIT_REGISTRATION_PER_EMAIL: '1000',
		RATE_LIMIT_LOGIN_PER_IP: '1000'
	});
	agendaId = await copyAgenda(server.databasePath, 'musterstadt', SLUG);
	emptyAgendaId = await copyAgenda(server.databasePath, 'musterstadt', EMPTY_SLUG);
	await copyMembers(agendaId);
	await copyMembers(emptyAgendaId);
	participation = await openTestParticipation(server.databasePath, { slug: SLUG });

	cookies.citizen = await login(server.url, DEMO.citizen);
	cookies.viewer = await login(server.url, DEMO.viewer);
	cookies.editor = await login(server.url, DEMO.editor);
	const citizens = [
		uniqueEmail('anna'),
		uniqueEmail('bert'),
		uniqueEmail('cora'),
		uniqueEmail('dana')
	];
	cookies.outsider = await register(server, citizens[0] ?? '', undefined, 'Anna A.');
	for (const [index, name] of ['Bert B.', '=Cora C.', 'Dana D.'].entries()) {
		await register(server, citizens[index + 1] ?? '', undefined, name);
	}
	const [anna, bert, cora, dana] = (await Promise.all(
		citizens.map((email) => userIdOf(server.databasePath, email))
	)) as [string, string, string, string];

	const [measure, otherMeasure] = participation.content.measures;
	const goal = participation.content.goals[0];
	if (!measure || !otherMeasure || !goal) throw new Error('Demo-Agenda ohne Maßnahmen oder Ziele');
	await withDatabase(server.databasePath, async (db) => {
		const phase = await currentPhase(db, agendaId);
		if (!phase) throw new Error('Keine Phase');
		const comment = async (
			authorId: string,
			item: { kind: 'measure' | 'goal' | 'section'; id: string },
			body: string,
			parentId: string | null = null
		) => {
			const result = await addComment(db, {
				origin: null,
				participation: phase,
				item,
				parentId,
				authorId,
				body
			});
			if (!result.ok) throw new Error(result.error);
			return result.comment.id;
		};
		const first = await comment(anna, { kind: 'measure', id: measure.id }, FIRST_TEXT);
		await comment(bert, { kind: 'measure', id: measure.id }, 'Dem schließe ich mich an.', first);
		const formula = await comment(bert, { kind: 'measure', id: otherMeasure.id }, FORMULA);
		const hidden = await comment(cora, { kind: 'goal', id: goal.id }, HIDDEN_TEXT);
		const deleted = await comment(
			anna,
			{ kind: 'section', id: 'leitbild' },
			'Wird gleich gelöscht.'
		);
		const orphan = await comment(
			cora,
			{ kind: 'measure', id: measure.id },
			'Ein Beitrag, dessen Konto es nicht mehr gibt.'
		);
		await setCommentStatus(server.databasePath, hidden, 'hidden', HIDDEN_REASON);
		const removal = await deleteComment(db, { commentId: deleted, userId: anna });
		if (!removal.ok) throw new Error(removal.error);
		await db.update(comments).set({ authorId: null }).where(eq(comments.id, orphan));
		await ageComment(server.databasePath, formula, 2 * DAY);
		for (const [userId, measureId] of [
			[anna, measure.id],
			[bert, measure.id],
			[dana, otherMeasure.id]
		] as const) {
			await setSupport(db, { participation: phase, measureId, userId, supported: true });
		}
		const answered = await saveAnswer(db, {
			agendaId,
			commentId: first,
			disposition: 'teilweise-uebernommen',
			reason: 'Die telefonische Terminvergabe bleibt erhalten.',
			actorId: await userIdOf(server.databasePath, DEMO.editor)
		});
		if (!answered.ok) throw new Error(answered.error);
		await publishAnswers(db, {
			origin: null,
			agendaId,
			versionId: phase.version.id,
			actorId: await userIdOf(server.databasePath, DEMO.admin)
		});
		// Answered after the answers were published: the team's draft of an answer.
		const unpublished = await saveAnswer(db, {
			agendaId,
			commentId: formula,
			disposition: 'zur-kenntnis',
			reason: UNPUBLISHED_REASON,
			actorId: await userIdOf(server.databasePath, DEMO.editor)
		});
		if (!unpublished.ok) throw new Error(unpublished.error);
	});
});

afterAll(async () => {
	await server?.stop();
});

const reportPath = (id = agendaId, suffix = '') => `/agenden/${id}/beteiligungsbericht${suffix}`;
const exportPath = (id = agendaId, format = 'docx') =>
	`/api/agendas/${id}/export/beteiligungsbericht.${format}`;
/** The page and the CSV, and the report's files of the export. */
const allPaths = (id = agendaId) => [
	reportPath(id),
	reportPath(id, '.csv'),
	exportPath(id, 'docx'),
	exportPath(id, 'pdf')
];

describe('Beteiligungsbericht', () => {
	it('shows the figures, the charts with their tables and every comment to a viewer', async () => {
		const response = await get(server.url, reportPath(), { cookie: cookies.viewer });
		expect(response.status).toBe(200);
		const html = decodeHtml(await response.text());
		expect(html).toContain('data-figure="participants">4<');
		expect(html).toContain('data-figure="comments">6<');
		expect(html).toContain('data-figure="supports">3<');
		expect(html).toContain('<svg class="report-chart"');
		expect(html).toContain('data-testid="report-by-measure"');
		expect(html).toContain('data-testid="report-by-day"');
		expect(html).toContain('Bitte auch telefonisch; "analog" bleibt wichtig.');
		expect(html).toContain(FORMULA);
		expect(html).toContain('gelöschtes Konto');
		expect(html).toContain('ausgeblendet: Beleidigung');
		expect(html).toContain('teilweise übernommen');
		// Texts hidden by the moderation stay out of the report.
		expect(html).not.toContain(HIDDEN_TEXT);
		// Three days: the formula comment two days ago, a quiet day, today.
		const days = /data-testid="report-by-day"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
		expect(days.match(/<tr class="kern-table__row">/g)).toHaveLength(4);
	});

	it('downloads a CSV for German Excel with the inserted numbers and no formulas', async () => {
		const response = await get(server.url, reportPath(agendaId, '.csv'), {
			cookie: cookies.viewer
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toBe(
			`attachment; filename="Beteiligungsbericht-${SLUG}-Fassung-${participation.content ? 1 : 0}.csv"`
		);
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
		const [header, ...rows] = parseCsv(text);
		expect(header).toEqual([
			'Nr.',
			'Antwort auf Nr.',
			'Art',
			'Bezug',
			'Handlungsfeld',
			'Datum',
			'Verfasst von',
			'Beitrag',
			'Status',
			'Unterstützungen der Maßnahme',
			'Abwägung',
			'Begründung',
			'Antwort veröffentlicht'
		]);
		expect(rows).toHaveLength(6);
		const column = (name: string) => (header ?? []).indexOf(name);
		const byText = (text: string) => rows.find((row) => row[column('Beitrag')] === text);
		const first = byText(FIRST_TEXT);
		expect(first).toBeDefined();
		expect(first?.[column('Unterstützungen der Maßnahme')]).toBe('2');
		expect(first?.[column('Abwägung')]).toBe('teilweise übernommen');
		expect(first?.[column('Antwort veröffentlicht')]).toBe('ja');
		expect(first?.[column('Verfasst von')]).toBe('Anna A.');
		const reply = byText('Dem schließe ich mich an.');
		expect(reply?.[column('Antwort auf Nr.')]).toBe(first?.[column('Nr.')]);
		expect(byText(`'${FORMULA}`)?.[column('Unterstützungen der Maßnahme')]).toBe('1');
		expect(rows.some((row) => row.some((cell) => /^[=+@-]/.test(cell)))).toBe(false);
		expect(byText('gelöscht')?.[column('Status')]).toBe('gelöscht');
		expect(rows.find((row) => row[column('Status')] === 'ausgeblendet: Beleidigung')).toBeDefined();
		expect(rows.filter((row) => row[column('Verfasst von')] === 'gelöschtes Konto')).toHaveLength(
			1
		);
		// A display name that looks like a formula is neutralised too.
		expect(rows.find((row) => row[column('Verfasst von')] === "'=Cora C.")).toBeDefined();
		expect(text).not.toContain(HIDDEN_TEXT);
	});

	it('downloads a Word document with the comments and page numbers', async () => {
		const response = await get(server.url, exportPath(), { cookie: cookies.viewer });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe(
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		);
		expect(response.headers.get('content-disposition')).toBe(
			`attachment; filename="Beteiligungsbericht-${SLUG}-Fassung-1.docx"`
		);
		const bytes = new Uint8Array(await response.arrayBuffer());
		expect(String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0)).toBe('PK');
		const files = readZip(bytes);
		const document = files.get('word/document.xml')?.toString('utf8') ?? '';
		expect(document).toContain('Bitte auch telefonisch; &quot;analog&quot; bleibt wichtig.');
		expect(document).toContain('Zweite Zeile des Beitrags.');
		// The export's table style, as in the Beschlussvorlage and its annexes.
		expect(document).toContain('<w:tblStyle w:val="AgendawerkTabelle"/>');
		expect(document).toContain('<w:tblHeader/>');
		expect(document).toContain('w:orient="landscape"');
		expect(document).not.toContain(HIDDEN_TEXT);
		const styles = files.get('word/styles.xml')?.toString('utf8') ?? '';
		expect(styles).toContain('w:styleId="AgendawerkTabelle"');
		expect(styles).toContain('w:styleId="Heading1"');
		const footers = [...files.entries()]
			.filter(([name]) => /^word\/footer\d+\.xml$/.test(name))
			.map(([, content]) => content.toString('utf8'));
		expect(footers.some((footer) => footer.includes('PAGE') && footer.includes('NUMPAGES'))).toBe(
			true
		);
	});

	it('downloads a PDF with the figures, the comments and page numbers', async () => {
		const response = await get(server.url, `${exportPath(agendaId, 'pdf')}?fassung=1`, {
			cookie: cookies.viewer
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('content-disposition')).toBe(
			`attachment; filename="Beteiligungsbericht-${SLUG}-Fassung-1.pdf"`
		);
		const pdf = await pdfText(new Uint8Array(await response.arrayBuffer()));
		const flat = withoutWhitespace(pdf.text);
		expect(pdf.text).toContain('Zahlen im Überblick');
		expect(flat).toContain(withoutWhitespace(FIRST_TEXT));
		expect(flat).toContain(withoutWhitespace(FORMULA));
		expect(flat).toContain('teilweiseübernommen');
		expect(flat).toContain(withoutWhitespace('ausgeblendet: Beleidigung'));
		expect(flat).not.toContain(withoutWhitespace(HIDDEN_TEXT));
		const pages = pdf.pages.length;
		expect(pdf.pages.at(-1)).toContain(`Seite ${pages} von ${pages}`);
	});

	it('sends the former Word address on to the export, with the Fassung asked for', async () => {
		const cases: [string, string][] = [
			['', exportPath()],
			['?fassung=1', `${exportPath()}?fassung=1`],
			['?fassung=1x&x=y', `${exportPath()}?fassung=1x`]
		];
		for (const [query, location] of cases) {
			const response = await get(server.url, `${reportPath(agendaId, '.docx')}${query}`);
			expect(response.status).toBe(308);
			expect(response.headers.get('location')).toBe(location);
		}
	});

	it('asks anonymous visitors to log in to the page and the CSV and refuses citizens and non-members', async () => {
		for (const path of [reportPath(), reportPath(agendaId, '.csv')]) {
			const anonymous = await get(server.url, path);
			expect(anonymous.status, path).toBe(303);
			expect(anonymous.headers.get('location')).toMatch(/^\/anmelden\?weiter=/);
			for (const cookie of [cookies.citizen, cookies.outsider]) {
				const refused = await get(server.url, path, { cookie });
				expect(refused.status, path).toBe(403);
			}
		}
		for (const path of allPaths()) {
			const editor = await get(server.url, path, { cookie: cookies.editor });
			expect(editor.status, path).toBe(200);
		}
	});

	it('gives everyone outside the team the public report: what the citizen pages show, moderation only counted', async () => {
		for (const query of ['', '?fassung=1']) {
			for (const cookie of ['', cookies.citizen, cookies.outsider]) {
				const path = `${exportPath(agendaId, 'pdf')}${query}`;
				const response = await get(server.url, path, { cookie });
				expect({ path, status: response.status }).toEqual({ path, status: 200 });
				expect(response.headers.get('content-type')).toBe('application/pdf');
				const flat = withoutWhitespace(
					(await pdfText(new Uint8Array(await response.arrayBuffer()))).text
				);
				expect(flat).toContain(withoutWhitespace(FIRST_TEXT));
				expect(flat).toContain('AnnaA.');
				expect(flat).toContain(
					withoutWhitespace('Die telefonische Terminvergabe bleibt erhalten.')
				);
				expect(flat).toContain(withoutWhitespace('Öffentliche Ausgabe'));
				expect(flat).not.toContain(withoutWhitespace(HIDDEN_TEXT));
				expect(flat).not.toContain(withoutWhitespace(HIDDEN_REASON));
				expect(flat).not.toContain(withoutWhitespace(UNPUBLISHED_REASON));
				// The hidden comment's author and the deleted comment's placeholder stay out too.
				expect(flat).not.toContain('=CoraC.');
				expect(flat).not.toContain('zurKenntnisgenommen');
			}
		}
		const docx = await get(server.url, `${exportPath()}?fassung=1`);
		expect(docx.status).toBe(200);
		const document =
			readZip(new Uint8Array(await docx.arrayBuffer()))
				.get('word/document.xml')
				?.toString('utf8') ?? '';
		expect(document).toContain('Zweite Zeile des Beitrags.');
		expect(document).not.toContain(HIDDEN_REASON);
		expect(document).not.toContain(UNPUBLISHED_REASON);

		// The team's copy, rendered after the public one, still has everything.
		const member = await get(server.url, `${exportPath(agendaId, 'pdf')}?fassung=1`, {
			cookie: cookies.viewer
		});
		const full = withoutWhitespace(
			(await pdfText(new Uint8Array(await member.arrayBuffer()))).text
		);
		expect(full).toContain(withoutWhitespace(`ausgeblendet: ${HIDDEN_REASON}`));
		expect(full).toContain(withoutWhitespace(UNPUBLISHED_REASON));
		expect(full).toContain('=CoraC.');
		expect(full).not.toContain(withoutWhitespace('Öffentliche Ausgabe'));
	});

	it('answers 404 without a Fassung and for unknown ones, 400 for malformed numbers', async () => {
		const page = await get(server.url, reportPath(emptyAgendaId), { cookie: cookies.viewer });
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('data-testid="report-none"');
		for (const [id, path] of [
			[emptyAgendaId, reportPath(emptyAgendaId, '.csv')],
			[emptyAgendaId, exportPath(emptyAgendaId, 'docx')],
			[emptyAgendaId, exportPath(emptyAgendaId, 'pdf')]
		] as const) {
			const none = await get(server.url, path, { cookie: cookies.viewer });
			expect(none.status, path).toBe(404);
			const other = path.replace(id, agendaId);
			const unknown = await get(server.url, `${other}?fassung=99`, { cookie: cookies.viewer });
			expect(unknown.status, other).toBe(404);
			const malformed = await get(server.url, `${other}?fassung=1x`, { cookie: cookies.viewer });
			expect(malformed.status, other).toBe(400);
		}
		const explicit = await get(server.url, `${reportPath(agendaId, '.csv')}?fassung=1`, {
			cookie: cookies.viewer
		});
		expect(explicit.status).toBe(200);
	});
});

describe('Was hat sich geändert?', () => {
	let diffAgendaId = '';
	let measureId = '';
	let costLineId = '';
	let oldTitle = '';
	let oldAmount = 0;

	beforeAll(async () => {
		diffAgendaId = await copyAgenda(server.databasePath, 'musterstadt', DIFF_SLUG);
		await copyMembers(diffAgendaId);
		const draft = await draftOf(diffAgendaId);
		const measure = draft.measures.find((candidate) => candidate.costLines.length > 0);
		if (!measure) throw new Error('Keine Maßnahme mit Kosten');
		measureId = measure.id;
		oldTitle = measure.title;
		costLineId = measure.costLines[0]?.id ?? '';
		oldAmount = measure.costLines[0]?.amountCents ?? 0;
	});

	const changesPath = `/beteiligung/${DIFF_SLUG}/aenderungen`;
	const comparePath = () => `/agenden/${diffAgendaId}/fassungen/vergleich`;

	it('says calmly that the first Fassung under participation has nothing to compare with', async () => {
		await openTestParticipation(server.databasePath, { slug: DIFF_SLUG, name: 'Erste Fassung' });
		const response = await get(server.url, changesPath);
		expect(response.status).toBe(200);
		expect(await response.text()).toContain('data-testid="diff-first"');
	});

	it('compares with the Fassung under participation before, not with internal ones', async () => {
		await editDraft(diffAgendaId, (doc) => {
			setText(doc, { collection: 'measures' }, measureId, 'title', 'Zwischenstand nur intern');
		});
		await withDatabase(
			server.databasePath,
			async (db) =>
				await freezeVersion(db, { agendaId: diffAgendaId, name: 'Intern', actorId: null })
		);
		await editDraft(diffAgendaId, (doc) => {
			setText(doc, { collection: 'measures' }, measureId, 'title', `${oldTitle} mit Beratung`);
			setValue(
				doc,
				{ collection: 'costLines', measureId },
				costLineId,
				'amountCents',
				oldAmount + 1_500_000
			);
		});
		await openTestParticipation(server.databasePath, {
			slug: DIFF_SLUG,
			name: 'Zweite Beteiligung'
		});

		const response = await get(server.url, changesPath);
		expect(response.status).toBe(200);
		const html = decodeHtml(await response.text());
		expect(html).toContain('Fassung 1');
		expect(html).toContain('<ins class="diff-ins');
		expect(html).toMatch(
			/<ins class="diff-ins[^"]*"><span class="kern-sr-only">eingefügt: <\/span> ?mit Beratung<\/ins>/
		);
		expect(html).toContain('+15.000,00\u00a0€)');
		expect(html).not.toContain('Zwischenstand');
	});

	it('lets the team compare any two Fassungen and the draft', async () => {
		const between = await get(server.url, `${comparePath()}?von=1&bis=2`, {
			cookie: cookies.viewer
		});
		expect(between.status).toBe(200);
		const betweenHtml = decodeHtml(await between.text());
		expect(betweenHtml).toContain('Zwischenstand nur intern');
		expect(betweenHtml).toMatch(
			/<del class="diff-del[^"]*"><span class="kern-sr-only">gestrichen: <\/span>/
		);

		const draft = await get(server.url, comparePath(), { cookie: cookies.viewer });
		expect(draft.status).toBe(200);
		expect(await draft.text()).toContain('data-testid="diff-none"');

		const toDraft = await get(server.url, `${comparePath()}?von=1&bis=entwurf`, {
			cookie: cookies.viewer
		});
		const toDraftHtml = decodeHtml(await toDraft.text());
		const before = (oldAmount / 100).toLocaleString('de-DE', { minimumFractionDigits: 2 });
		const after = ((oldAmount + 1_500_000) / 100).toLocaleString('de-DE', {
			minimumFractionDigits: 2
		});
		expect(toDraftHtml).toContain(`${before}\u00a0€ → ${after}\u00a0€ (+15.000,00\u00a0€)`);
	});

	it('refuses bad parameters and people outside the team', async () => {
		const cases: [string, string, number][] = [
			['?von=x', cookies.viewer, 400],
			['?von=1&bis=entwurf2', cookies.viewer, 400],
			['?von=9', cookies.viewer, 404],
			['', cookies.citizen, 403],
			['', '', 303]
		];
		for (const [query, cookie, status] of cases) {
			const response = await get(server.url, `${comparePath()}${query}`, { cookie });
			expect(response.status, query).toBe(status);
		}
	});
});
