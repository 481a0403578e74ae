import { eq } from 'drizzle-orm';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agendaFinance } from '../../src/lib/agenda/model/finance';
import { formatEuro } from '../../src/lib/agenda/model/money';
import { CONFIRM_FIELD, CONFIRM_VALUE } from '../../src/lib/forms/confirm';
import { addEntity } from '../../src/lib/agenda/ydoc/mutations';
import {
	DEMO,
	get,
	login,
	postForm,
	queryDatabase,
	register,
	textOf,
	uniqueEmail,
	userIdOf
} from '../support/http';
import {
	ageComment,
	copyAgenda,
	copyAgendaWithMembers,
	openTestParticipation,
	setCommentStatus,
	updatePhase,
	type TestParticipation
} from '../support/participation';
import { editDocument } from '../support/documents';
import { legacyControlCharacter, withDatabase } from '../support/database';
import { commentAnswers, comments, versions } from '../../src/lib/server/db/schema';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The citizens' side of participation against the production server: public pages, comments,
 * replies, edits, deletion, reports and supports, each refusal with a German message and no
 * change in the database. The Fassung and its phase are made directly in the server's database
 * (on a copy of the demo agenda, so that the seeded demo participation stays as it is).
 */
const RATE_LIMIT = 8;
const SLUG = 'beteiligung-test';
const HOUR = 60 * 60 * 1000;

let server: TestServer;
let participation: TestParticipation;
let measureId = '';
let otherMeasureId = '';
let goalId = '';

beforeAll(async () => {
	server = await startTestServer({
		RATE_LIMIT_REGISTRATION_PER_IP: '1000',
		RATE_LIMIT_REGISTRATION_PER_EMAIL: '1000',
		RATE_LIMIT_LOGIN_PER_IP: '1000',
		RATE_LIMIT_COMMENTS_PER_USER: String(RATE_LIMIT)
	});
	await copyAgenda(server.databasePath, 'musterstadt', SLUG);
	await copyAgenda(server.databasePath, 'musterstadt', 'ohne-beteiligung');
	participation = await openTestParticipation(server.databasePath, {
		slug: SLUG,
		intro: 'Erster Absatz der Einladung.\n\nZweiter Absatz <b>ohne Markup</b>.'
	});
	measureId = participation.content.measures[0]?.id ?? '';
	otherMeasureId = participation.content.measures[1]?.id ?? '';
	goalId = participation.content.goals[0]?.id ?? '';
});

afterAll(async () => {
	await server?.stop();
});

const base = `/beteiligung/${SLUG}`;
const measurePage = () => `${base}/massnahmen/${measureId}`;

interface CommentRow {
	id: string;
	item_kind: string;
	item_id: string;
	parent_id: string | null;
	author_id: string | null;
	body: string;
	status: string;
	edited_at: number | null;
	deleted_at: number | null;
}

async function commentsWhere(sql: string, ...params: unknown[]): Promise<CommentRow[]> {
	return await queryDatabase<CommentRow>(
		server.databasePath,
		`SELECT * FROM comments WHERE ${sql}`,
		...params
	);
}

async function commentByBody(body: string): Promise<CommentRow | undefined> {
	return (await commentsWhere('body = ?', body))[0];
}

async function citizen(name = 'Testperson'): Promise<string> {
	return register(server, uniqueEmail('buerger'), 'ein-langes-passwort', name);
}

async function comment(path: string, body: string, cookie: string) {
	return postForm(server.url, `${path}?/comment`, { body }, { cookie });
}

/**
 * A successful post answers with a redirect to the page (POST/redirect/GET), which the browser
 * then fetches: this checks the redirect and returns that page.
 */
async function afterPost(response: Response, cookie: string): Promise<Response> {
	expect(response.status).toBe(303);
	const location = response.headers.get('location') ?? '';
	expect(location).toMatch(/\?erledigt=[a-z]+/);
	const page = await get(server.url, location.replace(/#.*$/, ''), { cookie });
	expect(page.status).toBe(200);
	return page;
}

async function html(path: string, cookie?: string): Promise<string> {
	const response = await get(server.url, path, { cookie });
	expect(response.status, path).toBe(200);
	return response.text();
}

describe('public pages', () => {
	it('shows the overview to anonymous visitors: Fassung, phase, intro, sections, measures', async () => {
		const page = await html(base);
		const text = textOf(page);
		expect(text).toContain(`Testbeteiligung ${SLUG}`);
		expect(text).toMatch(/Fassung \d+: „Entwurf zur Bürgerbeteiligung“ vom \d\d\.\d\d\.\d{4}/);
		expect(text).toMatch(/Die Beteiligung läuft bis \d{1,2}\. \p{L}+ \d{4}, \d\d:\d\d Uhr\./u);
		// The intro is plain text in paragraphs: markup in it stays text.
		expect(page).toContain(
			'<p class="kern-body kern-body--large">Erster Absatz der Einladung.</p>'
		);
		expect(page).toContain('Zweiter Absatz &lt;b>ohne Markup&lt;/b>.');
		expect(text).toContain('Ausgangslage kommentieren');
		expect(text).toContain('Leitbild kommentieren');
		for (const measure of participation.content.measures) expect(text).toContain(measure.title);
		for (const goal of participation.content.goals) expect(text).toContain(goal.title);
		// Each card's total comes from the finance module.
		const finance = agendaFinance(participation.content);
		for (const measure of finance.measures) {
			// formatEuro puts a no-break space before €; the page text here has plain spaces.
			expect(text).toContain(`Gesamtkosten ${formatEuro(measure.costCents).replace(/\s/g, ' ')}`);
		}
		expect(page).not.toContain('<textarea');
	});

	it('filters measures by field and goal with a plain GET form', async () => {
		const { fields, goals, measures } = participation.content;
		const field = fields.find((f) => measures.some((measure) => measure.fieldId === f.id));
		const inField = measures.filter((measure) => measure.fieldId === field?.id);
		const text = textOf(await html(`${base}?feld=${field?.id}`));
		expect(text).toContain(`${inField.length} von ${measures.length} Maßnahmen`);
		for (const measure of measures) {
			const shown = text.includes(`${measure.title} ${measure.summary}`);
			expect(shown, measure.title).toBe(measure.fieldId === field?.id);
		}
		const goal = goals[1];
		const serving = measures.filter((measure) => measure.goalIds.includes(goal?.id ?? ''));
		const both = measures.filter(
			(measure) => measure.goalIds.includes(goal?.id ?? '') && measure.fieldId === field?.id
		);
		expect(textOf(await html(`${base}?ziel=${goal?.id}`))).toContain(
			`${serving.length} von ${measures.length} Maßnahmen`
		);
		expect(textOf(await html(`${base}?feld=${field?.id}&ziel=${goal?.id}`))).toContain(
			`${both.length} von ${measures.length} Maßnahmen`
		);
		// An unknown id filters nothing.
		expect(textOf(await html(`${base}?feld=gibtesnicht`))).toContain(
			`${measures.length} Maßnahmen`
		);
	});

	it('shows measure, goal and section pages to anonymous visitors without a comment form', async () => {
		const measure = participation.content.measures[0];
		const page = await html(measurePage());
		const text = textOf(page);
		expect(text).toContain(measure?.title ?? '-');
		expect(text).toContain('Kosten und Förderung nach Jahr');
		expect(text).toContain('Zum Kommentieren melden Sie sich an oder registrieren Sie sich');
		expect(page).toContain(`anmelden?weiter=${encodeURIComponent(`${measurePage()}#kommentare`)}"`);
		expect(page).toContain(
			`registrieren?weiter=${encodeURIComponent(`${measurePage()}#kommentare`)}"`
		);
		expect(page).not.toContain('<textarea');
		expect(page).not.toContain('?/support');

		for (const path of [
			`${base}/ziele/${goalId}`,
			`${base}/abschnitte/ausgangslage`,
			`${base}/abschnitte/leitbild`
		]) {
			const itemPage = await html(path);
			expect(textOf(itemPage)).toContain('Zum Kommentieren melden Sie sich an');
			expect(itemPage).not.toContain('<textarea');
		}
	});

	it('links to the change overview exactly when that page exists', async () => {
		const exists = existsSync('src/routes/beteiligung/[slug=slug]/aenderungen/+page.svelte');
		const page = await html(base);
		expect(page.includes(`${SLUG}/aenderungen"`)).toBe(exists);
		expect(textOf(page).includes('Was hat sich geändert?')).toBe(exists);
	});

	it('renders rich text as elements, with safe links only and headings below the page title', async () => {
		// A round of its own: a Fassung never changes, so the server keeps what it read of this
		// round's, and the crafted text must be in place before the first page asks for it.
		const craftedSlug = 'beteiligung-texte';
		await copyAgenda(server.databasePath, 'musterstadt', craftedSlug);
		const crafted = await openTestParticipation(server.databasePath, { slug: craftedSlug });
		await withDatabase(server.databasePath, async (db) => {
			const [row] = await db
				.select({ content: versions.content })
				.from(versions)
				.where(eq(versions.id, crafted.versionId));
			if (!row) throw new Error('Fassung fehlt');
			const content = row.content as Record<string, unknown>;
			content.ausgangslage = [
				{ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Lage' }] },
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'fett', marks: [{ type: 'bold' }] },
						{ type: 'text', text: ' <script>alert(1)</script> ' },
						{
							type: 'text',
							text: 'böser Link',
							marks: [{ type: 'link', attrs: { href: 'javascript:alert(2)' } }]
						},
						{ type: 'text', text: ' ' },
						{
							type: 'text',
							text: 'guter Link',
							marks: [{ type: 'italic' }, { type: 'link', attrs: { href: 'https://example.org/' } }]
						}
					]
				},
				{
					type: 'bulletList',
					content: [
						{
							type: 'listItem',
							content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Punkt' }] }]
						}
					]
				},
				{ type: 'unbekannt', content: [{ type: 'text', text: 'Text unbekannter Art' }] }
			];
			await db.update(versions).set({ content }).where(eq(versions.id, crafted.versionId));
		});
		// Without Svelte's hydration markers, to read the markup as written.
		const page = (await html(`/beteiligung/${craftedSlug}/abschnitte/ausgangslage`)).replace(
			/<!--[^>]*-->/g,
			''
		);
		// The section page's h1 is the section; a heading of level 1 in the text becomes h2.
		expect(page).toMatch(/<h2 class="kern-heading-small">Lage<\/h2>/);
		expect(page).toContain('<strong>fett</strong>');
		expect(page).toContain('&lt;script>alert(1)&lt;/script>');
		expect(page).not.toContain('<script>alert');
		expect(page).not.toMatch(/href="javascript:/i);
		expect(textOf(page)).toContain('böser Link');
		expect(page).toContain(
			'<em><a class="kern-link" href="https://example.org/" rel="external noopener noreferrer nofollow">guter Link</a></em>'
		);
		expect(page).toMatch(/<ul class="kern-list kern-list--bullet">.*<li>.*Punkt.*<\/li>.*<\/ul>/s);
		expect(textOf(page)).toContain('Text unbekannter Art');
	});

	it('answers 404 with a German message for unknown agendas, phases and items', async () => {
		for (const [path, message] of [
			['/beteiligung/gibt-es-nicht', 'Zu dieser Agenda gibt es keine öffentliche Beteiligung.'],
			['/beteiligung/ohne-beteiligung', 'Zu dieser Agenda gibt es keine öffentliche Beteiligung.'],
			[`${base}/massnahmen/aaaaaaaaaaaaaaaa`, 'Diese Maßnahme gibt es in der Fassung nicht.'],
			[`${base}/ziele/aaaaaaaaaaaaaaaa`, 'Dieses Ziel gibt es in der Fassung nicht.'],
			// Addresses no item can have are refused by the route's matchers, before any code runs.
			[`${base}/massnahmen/gibtesnicht`, 'Seite nicht gefunden'],
			[`${base}/abschnitte/bestandsaufnahme`, 'Seite nicht gefunden'],
			// A measure of the agenda is no goal.
			[`${base}/ziele/${measureId}`, 'Dieses Ziel gibt es in der Fassung nicht.']
		] as const) {
			const response = await get(server.url, path);
			expect(response.status, path).toBe(404);
			expect(textOf(await response.text()), path).toContain(message);
		}
	});
});

describe('comments', () => {
	it('refuses anonymous posts with 401 and writes nothing', async () => {
		const response = await comment(measurePage(), 'Anonym geschrieben', '');
		expect(response.status).toBe(401);
		expect(textOf(await response.text())).toContain('Bitte melden Sie sich an');
		expect(await commentByBody('Anonym geschrieben')).toBeUndefined();
	});

	it('publishes a comment, shows it with the display name only, never the e-mail', async () => {
		const email = uniqueEmail('sichtbar');
		const cookie = await register(server, email, 'ein-langes-passwort', 'Erika Beispiel');
		const response = await comment(
			measurePage(),
			'Bitte auch telefonisch erreichbar bleiben.',
			cookie
		);
		expect(textOf(await (await afterPost(response, cookie)).text())).toContain(
			'Ihr Kommentar ist veröffentlicht.'
		);
		const row = await commentByBody('Bitte auch telefonisch erreichbar bleiben.');
		expect(row).toMatchObject({ item_kind: 'measure', item_id: measureId, status: 'visible' });

		const page = await html(measurePage());
		expect(textOf(page)).toContain('Erika Beispiel');
		expect(textOf(page)).toContain('Bitte auch telefonisch erreichbar bleiben.');
		expect(page).not.toContain(email);
		expect(textOf(await html(base))).toMatch(/1 Kommentar\b/);
	});

	it('renders script in a comment and in a display name as inert text', async () => {
		const name = '<img src=x onerror=alert(1)>Mallory';
		const cookie = await citizen(name);
		const body =
			'<script>alert("xss")</script> <img src=x onerror=alert(2)> javascript:alert(3) ' +
			'Mehr unter https://example.org/info?a=1&b=2. Ende';
		const response = await comment(`${base}/ziele/${goalId}`, body, cookie);
		expect(response.status).toBe(303);
		expect(await commentByBody(body)).toBeDefined();

		const page = await html(`${base}/ziele/${goalId}`);
		expect(page).not.toContain('<script>alert');
		expect(page).not.toContain('<img src=x');
		expect(page).not.toMatch(/<img[^>]*onerror/i);
		expect(page).not.toMatch(/href="javascript:/i);
		expect(page).toContain('&lt;script>alert("xss")&lt;/script>');
		expect(page).toContain('&lt;img src=x onerror=alert(2)>');
		expect(page).toContain('&lt;img src=x onerror=alert(1)>Mallory');
		// The address became a link, without the full stop after it.
		expect(page).toContain(
			'<a class="kern-link" href="https://example.org/info?a=1&amp;b=2" rel="external nofollow noopener noreferrer ugc">https://example.org/info?a=1&amp;b=2</a>'
		);
		expect(textOf(page)).toContain('javascript:alert(3)');
	});

	it('refuses empty and over-long texts; counts a line break as one character', async () => {
		const cookie = await citizen();
		const empty = await comment(measurePage(), '   \n  ', cookie);
		expect(empty.status).toBe(400);
		expect(textOf(await empty.text())).toContain('Bitte schreiben Sie einen Text.');

		const tooLong = `L${'x'.repeat(5000)}`;
		const refused = await comment(measurePage(), tooLong, cookie);
		expect(refused.status).toBe(400);
		expect(textOf(await refused.text())).toContain(
			'Der Text darf höchstens 5.000 Zeichen lang sein; Ihr Text hat 5.001 Zeichen.'
		);
		expect(await commentByBody(tooLong)).toBeUndefined();

		// 5,000 characters in the textarea, as a browser sends them: line breaks as CRLF.
		const lines = `${'z'.repeat(4000)}${'\r\n'.repeat(999)}y`;
		const accepted = await comment(measurePage(), lines, cookie);
		expect(accepted.status).toBe(303);
		const stored = await commentByBody(lines.replaceAll('\r\n', '\n'));
		expect(stored?.body).toHaveLength(5000);
	});

	it('threads replies under their comment and refuses a parent of another item', async () => {
		const alice = await citizen('Alice Antwort');
		const bob = await citizen('Bob Rückfrage');
		await comment(measurePage(), 'Frage zur Terminvergabe', alice);
		const parent = await commentByBody('Frage zur Terminvergabe');
		const reply = await postForm(
			server.url,
			`${measurePage()}?/reply`,
			{ parentId: parent?.id ?? '', body: 'Antwort auf die Frage' },
			{ cookie: bob }
		);
		expect(textOf(await (await afterPost(reply, bob)).text())).toContain(
			'Ihre Antwort ist veröffentlicht.'
		);
		expect(await commentByBody('Antwort auf die Frage')).toMatchObject({
			parent_id: parent?.id,
			item_id: measureId
		});

		const page = await html(measurePage());
		const parentAt = page.indexOf(`id="kommentar-${parent?.id}"`);
		const repliesAt = page.indexOf('comment-list--replies', parentAt);
		const replyAt = page.indexOf('Antwort auf die Frage');
		expect(parentAt).toBeGreaterThan(-1);
		expect(repliesAt).toBeGreaterThan(parentAt);
		expect(replyAt).toBeGreaterThan(repliesAt);

		// The parent belongs to another measure: refused, nothing written.
		const elsewhere = await postForm(
			server.url,
			`${base}/massnahmen/${otherMeasureId}?/reply`,
			{ parentId: parent?.id ?? '', body: 'Antwort am falschen Ort' },
			{ cookie: bob }
		);
		expect(elsewhere.status).toBe(404);
		expect(textOf(await elsewhere.text())).toContain(
			'Auf diesen Beitrag kann nicht geantwortet werden.'
		);
		expect(await commentByBody('Antwort am falschen Ort')).toBeUndefined();
	});

	it('refuses comments on items the Fassung does not have, writing nothing', async () => {
		const cookie = await citizen();
		for (const path of [
			`${base}/massnahmen/gibtesnicht`,
			`${base}/ziele/gibtesnicht`,
			`${base}/abschnitte/bestandsaufnahme`,
			`${base}/abschnitte/resolution`
		]) {
			const response = await comment(path, `Kommentar an ${path}`, cookie);
			expect(response.status, path).toBe(404);
			expect(await commentByBody(`Kommentar an ${path}`)).toBeUndefined();
		}
		expect(await commentsWhere("item_id = 'gibtesnicht' OR item_id = 'bestandsaufnahme'")).toEqual(
			[]
		);
	});

	it('lets the author edit within 15 minutes, and nobody else, and not later', async () => {
		const author = await citizen('Autorin');
		const other = await citizen('Jemand anderes');
		await comment(measurePage(), 'Erste Fassung meines Textes', author);
		const row = await commentByBody('Erste Fassung meines Textes');
		const page = await html(measurePage(), author);
		expect(textOf(page)).toMatch(/Bearbeiten \(bearbeitbar bis \d\d:\d\d Uhr\)/);

		const foreign = await postForm(
			server.url,
			`${measurePage()}?/edit`,
			{ commentId: row?.id ?? '', body: 'Fremd geändert' },
			{ cookie: other }
		);
		expect(foreign.status).toBe(403);
		expect(textOf(await foreign.text())).toContain(
			'Sie können nur Ihre eigenen Beiträge bearbeiten oder löschen.'
		);
		const foreignDelete = await postForm(
			server.url,
			`${measurePage()}?/delete`,
			{ commentId: row?.id ?? '', [CONFIRM_FIELD]: CONFIRM_VALUE },
			{ cookie: other }
		);
		expect(foreignDelete.status).toBe(403);
		expect((await commentsWhere('id = ?', row?.id))[0]).toMatchObject({
			body: 'Erste Fassung meines Textes',
			deleted_at: null
		});

		const edited = await postForm(
			server.url,
			`${measurePage()}?/edit`,
			{ commentId: row?.id ?? '', body: 'Verbesserte Fassung meines Textes' },
			{ cookie: author }
		);
		expect(textOf(await (await afterPost(edited, author)).text())).toContain(
			'Ihre Änderung ist gespeichert.'
		);
		expect((await commentsWhere('id = ?', row?.id))[0]?.body).toBe(
			'Verbesserte Fassung meines Textes'
		);
		expect(textOf(await html(measurePage()))).toContain('bearbeitet');

		await ageComment(server.databasePath, row?.id ?? '', 16 * 60 * 1000);
		expect(textOf(await html(measurePage(), author))).not.toContain('bearbeitbar bis');
		const late = await postForm(
			server.url,
			`${measurePage()}?/edit`,
			{ commentId: row?.id ?? '', body: 'Zu spät geändert' },
			{ cookie: author }
		);
		expect(late.status).toBe(403);
		expect(textOf(await late.text())).toContain('in den ersten 15 Minuten');
		expect((await commentsWhere('id = ?', row?.id))[0]?.body).toBe(
			'Verbesserte Fassung meines Textes'
		);
	});

	it('asks before deleting, then shows a deleted comment as „Vom Verfasser gelöscht“, keeping its replies', async () => {
		const author = await citizen('Löschende Person');
		const replier = await citizen('Antwortende Person');
		await comment(measurePage(), 'Das nehme ich gleich zurück', author);
		const row = await commentByBody('Das nehme ich gleich zurück');
		await postForm(
			server.url,
			`${measurePage()}?/reply`,
			{ parentId: row?.id ?? '', body: 'Antwort bleibt stehen' },
			{ cookie: replier }
		);
		const asked = await postForm(
			server.url,
			`${measurePage()}?/delete`,
			{ commentId: row?.id ?? '' },
			{ cookie: author }
		);
		expect(asked.status).toBe(200);
		expect(textOf(await asked.text())).toContain('Ihren Beitrag wirklich löschen?');
		expect((await commentsWhere('id = ?', row?.id))[0]).toMatchObject({
			body: 'Das nehme ich gleich zurück',
			deleted_at: null
		});

		const deleted = await postForm(
			server.url,
			`${measurePage()}?/delete`,
			{ commentId: row?.id ?? '', [CONFIRM_FIELD]: CONFIRM_VALUE },
			{ cookie: author }
		);
		expect(textOf(await (await afterPost(deleted, author)).text())).toContain(
			'Ihr Beitrag wurde gelöscht.'
		);
		expect((await commentsWhere('id = ?', row?.id))[0]).toMatchObject({ body: '' });

		const page = textOf(await html(measurePage()));
		expect(page).toContain('Vom Verfasser gelöscht');
		expect(page).not.toContain('Das nehme ich gleich zurück');
		expect(page).toContain('Antwort bleibt stehen');

		const again = await postForm(
			server.url,
			`${measurePage()}?/delete`,
			{ commentId: row?.id ?? '', [CONFIRM_FIELD]: CONFIRM_VALUE },
			{ cookie: author }
		);
		expect(again.status).toBe(400);
		expect(textOf(await again.text())).toContain('Dieser Beitrag wurde bereits gelöscht.');
	});

	it('takes reports with a reason; refuses an empty one', async () => {
		const author = await citizen('Gemeldete Person');
		const reporter = await citizen('Meldende Person');
		await comment(measurePage(), 'Ein Beitrag, der gemeldet wird', author);
		const row = await commentByBody('Ein Beitrag, der gemeldet wird');
		const reports = async () =>
			await queryDatabase<{ reason: string }>(
				server.databasePath,
				'SELECT reason FROM comment_reports WHERE comment_id = ?',
				row?.id
			);

		const empty = await postForm(
			server.url,
			`${measurePage()}?/report`,
			{ commentId: row?.id ?? '', reason: '  ' },
			{ cookie: reporter }
		);
		expect(empty.status).toBe(400);
		expect(textOf(await empty.text())).toContain('Bitte geben Sie einen Grund für die Meldung an.');
		expect(await reports()).toEqual([]);

		const reported = await postForm(
			server.url,
			`${measurePage()}?/report`,
			{ commentId: row?.id ?? '', reason: 'Beleidigend' },
			{ cookie: reporter }
		);
		const page = await (await afterPost(reported, reporter)).text();
		expect(textOf(page)).toContain('Danke für Ihre Meldung.');
		expect(await reports()).toEqual([{ reason: 'Beleidigend' }]);
		// The reporter is told it is reported instead of being offered the report form again.
		expect(page).not.toContain(`id="kommentar-${row?.id}-report"`);
		expect(page).toContain(`id="kommentar-${row?.id}-reported"`);

		const again = await postForm(
			server.url,
			`${measurePage()}?/report`,
			{ commentId: row?.id ?? '', reason: 'Immer noch beleidigend' },
			{ cookie: reporter }
		);
		expect(again.status).toBe(409);
		expect(textOf(await again.text())).toContain('Sie haben diesen Beitrag bereits gemeldet.');
		expect(await reports()).toEqual([{ reason: 'Beleidigend' }]);
	});

	it('takes reports only of comments the reporter can read on the page, else as an unknown id', async () => {
		const author = await citizen('Verfasserin');
		const reporter = await citizen('Meldender');
		const reportFrom = (path: string, commentId: string) =>
			postForm(server.url, `${path}?/report`, { commentId, reason: 'Spam' }, { cookie: reporter });
		const reportCount = async () =>
			(
				await queryDatabase<{ n: number }>(
					server.databasePath,
					'SELECT count(*) AS n FROM comment_reports'
				)
			)[0]?.n;

		// A comment on another agenda's participation, reported through this one.
		await copyAgenda(server.databasePath, 'musterstadt', 'andere-agenda');
		const other = await openTestParticipation(server.databasePath, { slug: 'andere-agenda' });
		const otherMeasure = other.content.measures[0]?.id ?? '';
		await comment(`/beteiligung/andere-agenda/massnahmen/${otherMeasure}`, 'Anderswo', author);
		// A comment on another item of the same Fassung; one awaiting approval; a hidden one.
		await comment(`${base}/ziele/${goalId}`, 'Zum Ziel', author);
		await comment(measurePage(), 'Noch nicht freigegeben', author);
		await setCommentStatus(
			server.databasePath,
			(await commentByBody('Noch nicht freigegeben'))?.id ?? '',
			'pending'
		);
		await comment(measurePage(), 'Schon ausgeblendet', author);
		await setCommentStatus(
			server.databasePath,
			(await commentByBody('Schon ausgeblendet'))?.id ?? '',
			'hidden',
			'Werbung'
		);

		const before = await reportCount();
		const unknown = await reportFrom(measurePage(), 'aaaaaaaaaaaaaaaa');
		expect(unknown.status).toBe(404);
		const unknownText = textOf(await unknown.text());
		expect(unknownText).toContain('Diesen Beitrag gibt es nicht (mehr).');
		for (const body of ['Anderswo', 'Zum Ziel', 'Noch nicht freigegeben']) {
			const response = await reportFrom(measurePage(), (await commentByBody(body))?.id ?? '');
			expect(response.status, body).toBe(404);
			// The same answer as for an id that does not exist: nothing tells it apart.
			expect(textOf(await response.text()), body).toBe(unknownText);
		}
		// A hidden comment shows as „ausgeblendet“ on the page, so the refusal stands beside it.
		const hidden = await reportFrom(
			measurePage(),
			(await commentByBody('Schon ausgeblendet'))?.id ?? ''
		);
		expect(hidden.status).toBe(404);
		expect(textOf(await hidden.text())).toContain('Diesen Beitrag gibt es nicht (mehr).');
		expect(await reportCount()).toBe(before);

		// On its own page, the same visible comment of the other agenda can be reported.
		const accepted = await reportFrom(
			`/beteiligung/andere-agenda/massnahmen/${otherMeasure}`,
			(await commentByBody('Anderswo'))?.id ?? ''
		);
		expect(accepted.status).toBe(303);
		expect(await reportCount()).toBe((before ?? 0) + 1);
	});

	it('shows hidden comments as „ausgeblendet“ with the reason, and published answers', async () => {
		const cookie = await citizen();
		await comment(measurePage(), 'Unsachlicher Text', cookie);
		const hidden = await commentByBody('Unsachlicher Text');
		await setCommentStatus(server.databasePath, hidden?.id ?? '', 'hidden', 'Beleidigung');
		await comment(measurePage(), 'Sachlicher Vorschlag', cookie);
		const answered = await commentByBody('Sachlicher Vorschlag');
		if (!answered || !hidden) throw new Error('Kommentar fehlt');
		const now = new Date();
		await withDatabase(server.databasePath, (db) =>
			db.insert(commentAnswers).values([
				{
					commentId: answered.id,
					disposition: 'teilweise-uebernommen',
					reason: 'Wir prüfen das für 2027.',
					answeredAt: now,
					publishedAt: now
				},
				{
					commentId: hidden.id,
					disposition: 'nicht-uebernommen',
					reason: 'Noch nicht freigegeben.',
					answeredAt: now,
					publishedAt: null
				}
			])
		);

		const text = textOf(await html(measurePage()));
		expect(text).toContain('ausgeblendet: Beleidigung');
		expect(text).not.toContain('Unsachlicher Text');
		expect(text).toContain('Antwort der AG: teilweise übernommen Wir prüfen das für 2027.');
		expect(text).not.toContain('Noch nicht freigegeben.');
		// Nobody replies to a hidden comment.
		const reply = await postForm(
			server.url,
			`${measurePage()}?/reply`,
			{ parentId: hidden?.id ?? '', body: 'Antwort auf Ausgeblendetes' },
			{ cookie }
		);
		expect(reply.status).toBe(404);
		expect(await commentByBody('Antwort auf Ausgeblendetes')).toBeUndefined();
	});

	it("shows the author of a deleted account as 'gelöschtes Konto'", async () => {
		const cookie = await citizen('Bald gelöscht');
		await comment(`${base}/abschnitte/leitbild`, 'Beitrag vor dem Löschen des Kontos', cookie);
		const deleted = await postForm(
			server.url,
			'/konto?/delete',
			{ password: 'ein-langes-passwort' },
			{ cookie }
		);
		expect(deleted.status).toBe(303);
		const text = textOf(await html(`${base}/abschnitte/leitbild`));
		expect(text).toContain('gelöschtes Konto');
		expect(text).toContain('Beitrag vor dem Löschen des Kontos');
		expect(text).not.toContain('Bald gelöscht');
	});

	it('answers 429 with a German message once the comment limit is reached', async () => {
		const cookie = await citizen('Vielschreiber');
		for (let n = 1; n <= RATE_LIMIT; n++) {
			const response = await comment(
				`${base}/abschnitte/ausgangslage`,
				`Serienbeitrag ${n}`,
				cookie
			);
			expect(response.status, `Beitrag ${n}`).toBe(303);
		}
		const limited = await comment(`${base}/abschnitte/ausgangslage`, 'Einer zu viel', cookie);
		expect(limited.status).toBe(429);
		expect(textOf(await limited.text())).toMatch(
			/Sie haben in kurzer Zeit sehr viele Beiträge geschrieben\. Bitte warten Sie \d+ Minuten/
		);
		expect(await commentByBody('Einer zu viel')).toBeUndefined();
		// Reports count against the same limit.
		const target = await commentByBody('Serienbeitrag 1');
		const report = await postForm(
			server.url,
			`${base}/abschnitte/ausgangslage?/report`,
			{ commentId: target?.id ?? '', reason: 'Spam' },
			{ cookie }
		);
		expect(report.status).toBe(429);
	});
});

describe('supports', () => {
	const supportRows = async (userId: string) =>
		(
			await queryDatabase<{ n: number }>(
				server.databasePath,
				'SELECT count(*) AS n FROM supports WHERE measure_id = ? AND user_id = ?',
				measureId,
				userId
			)
		)[0]?.n;

	it('keeps one support per person, however often it is sent, and withdraws it', async () => {
		const email = uniqueEmail('unterstuetzer');
		const cookie = await register(server, email, 'ein-langes-passwort', 'Unterstützerin');
		const userId = await userIdOf(server.databasePath, email);
		const before = textOf(await html(measurePage()));
		const count = Number(/(\d+) Personen? unterstütz/.exec(before)?.[1] ?? -1);

		for (let n = 0; n < 2; n++) {
			const response = await postForm(
				server.url,
				`${measurePage()}?/support`,
				{ supported: 'true' },
				{ cookie }
			);
			expect(response.status).toBe(303);
		}
		expect(await supportRows(userId)).toBe(1);
		const mine = textOf(await html(measurePage(), cookie));
		expect(mine).toContain('Sie unterstützen diese Maßnahme.');
		expect(mine).toContain(`${count + 1} Person`);

		const withdrawn = await postForm(
			server.url,
			`${measurePage()}?/support`,
			{ supported: 'false' },
			{ cookie }
		);
		expect(withdrawn.status).toBe(303);
		expect(await supportRows(userId)).toBe(0);
	});

	it('refuses anonymous supports and unknown measures', async () => {
		const anonymous = await postForm(server.url, `${measurePage()}?/support`, {
			supported: 'true'
		});
		expect(anonymous.status).toBe(401);
		const cookie = await citizen();
		const unknown = await postForm(
			server.url,
			`${base}/massnahmen/gibtesnicht?/support`,
			{ supported: 'true' },
			{ cookie }
		);
		expect(unknown.status).toBe(404);
		expect(
			(
				await queryDatabase<{ n: number }>(
					server.databasePath,
					"SELECT count(*) AS n FROM supports WHERE measure_id = 'gibtesnicht'"
				)
			)[0]?.n
		).toBe(0);
	});
});

describe('outside the phase', () => {
	beforeEach(async () => {
		await updatePhase(server.databasePath, participation.phaseId, {
			startsAt: new Date(Date.now() - HOUR),
			endsAt: new Date(Date.now() + 30 * 24 * HOUR)
		});
	});

	afterAll(async () => {
		await updatePhase(server.databasePath, participation.phaseId, {
			startsAt: new Date(Date.now() - HOUR),
			endsAt: new Date(Date.now() + 30 * 24 * HOUR)
		});
	});

	it('shows nothing and takes nothing before the phase begins', async () => {
		const cookie = await citizen();
		await comment(measurePage(), 'Vor dem Verschieben', cookie);
		const row = await commentByBody('Vor dem Verschieben');
		await updatePhase(server.databasePath, participation.phaseId, {
			startsAt: new Date(Date.now() + 24 * HOUR),
			endsAt: new Date(Date.now() + 48 * HOUR)
		});

		// A phase is public from its start on: until then its Fassung is nobody's to read.
		for (const path of [base, measurePage(), `${base}/aenderungen`]) {
			expect((await get(server.url, path)).status, path).toBe(404);
			expect((await get(server.url, path, { cookie })).status, path).toBe(404);
		}

		const refused = await comment(measurePage(), 'Zu früh', cookie);
		expect(refused.status).toBe(404);
		const reply = await postForm(
			server.url,
			`${measurePage()}?/reply`,
			{ parentId: row?.id ?? '', body: 'Zu frühe Antwort' },
			{ cookie }
		);
		expect(reply.status).toBe(404);
		const edit = await postForm(
			server.url,
			`${measurePage()}?/edit`,
			{ commentId: row?.id ?? '', body: 'Zu früh geändert' },
			{ cookie }
		);
		expect(edit.status).toBe(404);
		const support = await postForm(
			server.url,
			`${measurePage()}?/support`,
			{ supported: 'true' },
			{ cookie }
		);
		expect(support.status).toBe(404);
		expect(await commentByBody('Zu früh')).toBeUndefined();
		expect(await commentByBody('Zu frühe Antwort')).toBeUndefined();
		expect((await commentsWhere('id = ?', row?.id))[0]?.body).toBe('Vor dem Verschieben');
	});

	it('refuses comments after the phase, keeping every comment readable', async () => {
		const cookie = await citizen();
		await comment(`${base}/ziele/${goalId}`, 'Noch rechtzeitig', cookie);
		await updatePhase(server.databasePath, participation.phaseId, {
			startsAt: new Date(Date.now() - 48 * HOUR),
			endsAt: new Date(Date.now() - HOUR)
		});

		const page = await html(`${base}/ziele/${goalId}`, cookie);
		expect(textOf(page)).toContain('Die Beteiligung ist beendet; alle Beiträge bleiben lesbar.');
		expect(textOf(page)).toContain('Noch rechtzeitig');
		expect(page).not.toContain('name="body"');

		const refused = await comment(`${base}/ziele/${goalId}`, 'Zu spät', cookie);
		expect(refused.status).toBe(403);
		expect(textOf(await refused.text())).toContain('Die Beteiligung ist beendet.');
		expect(await commentByBody('Zu spät')).toBeUndefined();
		expect(textOf(await html(base))).toContain(
			'Die Beteiligung ist beendet; alle Beiträge bleiben lesbar.'
		);
	});
});

describe('pre-moderation', () => {
	afterAll(async () => {
		await updatePhase(server.databasePath, participation.phaseId, { moderation: 'post' });
	});

	it('shows a new comment only to its author until it is approved', async () => {
		await updatePhase(server.databasePath, participation.phaseId, { moderation: 'pre' });
		const author = await citizen('Vorab Moderiert');
		const other = await citizen('Andere Bürgerin');
		const response = await comment(measurePage(), 'Wartet auf die Moderation', author);
		expect(textOf(await (await afterPost(response, author)).text())).toContain(
			'wartet auf Freigabe durch die Moderation'
		);
		const row = await commentByBody('Wartet auf die Moderation');
		expect(row?.status).toBe('pending');

		const own = textOf(await html(measurePage(), author));
		expect(own).toContain('Wartet auf die Moderation');
		expect(own).toContain('wartet auf Freigabe');
		expect(textOf(await html(measurePage(), other))).not.toContain('Wartet auf die Moderation');
		expect(textOf(await html(measurePage()))).not.toContain('Wartet auf die Moderation');

		await setCommentStatus(server.databasePath, row?.id ?? '', 'visible');
		const approved = textOf(await html(measurePage()));
		expect(approved).toContain('Wartet auf die Moderation');
		expect(approved).not.toContain('wartet auf Freigabe');
	});
});

describe('a phase that has not begun yet', () => {
	const slug = 'zwei-runden';
	const secretTitle = 'Geheime Maßnahme der zweiten Fassung';
	let agendaId = '';
	let first: TestParticipation;
	let second: TestParticipation;
	let secretId = '';
	let sharedMeasure = '';
	const overview = `/beteiligung/${slug}`;

	beforeAll(async () => {
		agendaId = await copyAgendaWithMembers(server.databasePath, 'musterstadt', slug);
		first = await openTestParticipation(server.databasePath, { slug, name: 'Erste Runde' });
		sharedMeasure = first.content.measures[0]?.id ?? '';
		await editDocument(server.databasePath, agendaId, (doc) => {
			secretId = addEntity(doc, { collection: 'measures' }, { title: secretTitle });
		});
		second = await openTestParticipation(server.databasePath, {
			slug,
			name: 'Zweite Runde',
			startsAt: new Date(Date.now() + 24 * HOUR),
			endsAt: new Date(Date.now() + 30 * 24 * HOUR)
		});
	});

	it('keeps the running phase public and its Fassung current until the next one starts', async () => {
		expect(second.content.measures.some((measure) => measure.id === secretId)).toBe(true);
		const text = textOf(await html(overview));
		expect(text).toContain('„Erste Runde“');
		expect(text).not.toContain('Zweite Runde');
		expect(text).not.toContain(secretTitle);
		expect((await get(server.url, `${overview}/massnahmen/${secretId}`)).status).toBe(404);

		const cookie = await citizen();
		const posted = await comment(
			`${overview}/massnahmen/${sharedMeasure}`,
			'Beitrag zur laufenden Runde',
			cookie
		);
		expect(posted.status).toBe(303);
		expect(await commentsWhere('body = ?', 'Beitrag zur laufenden Runde')).toEqual([
			expect.objectContaining({ item_id: sharedMeasure })
		]);
		expect(
			(
				await queryDatabase<{ version_id: string }>(
					server.databasePath,
					'SELECT version_id FROM comments WHERE body = ?',
					'Beitrag zur laufenden Runde'
				)
			)[0]?.version_id
		).toBe(first.versionId);

		// The Fassung of the coming phase is not public yet: no file of it for anonymous visitors.
		const file = await get(server.url, `/api/agendas/${agendaId}/export/agenda.pdf?fassung=2`);
		expect(file.status).toBe(303);

		// The team sees the comments of the running phase beside the live items (the editor page
		// renders in the browser, from its data).
		const editor = await login(server.url, DEMO.editor);
		const editorData = await get(server.url, `/agenden/${agendaId}/bearbeiten/__data.json`, {
			cookie: editor,
			accept: 'application/json'
		});
		expect(editorData.status).toBe(200);
		expect(await editorData.text()).toContain('Beitrag zur laufenden Runde');

		// The Vorlage of the draft reports on the running round, in the present tense, not on the
		// coming, empty one.
		const preview = textOf(
			await html(`/agenden/${agendaId}/beschlussvorlage`, await login(server.url, DEMO.admin))
		);
		expect(preview).toContain('Die Fassung 1 „Erste Runde“ liegt vom');
		expect(preview).not.toContain('Die Fassung 2');
	});

	it('makes the next Fassung current once its phase has started', async () => {
		// Round 1 ends where round 2 starts: rounds do not overlap.
		const switchedAt = new Date(Date.now() - 60_000);
		await updatePhase(server.databasePath, first.phaseId, { endsAt: switchedAt });
		await updatePhase(server.databasePath, second.phaseId, { startsAt: switchedAt });
		const text = textOf(await html(overview));
		expect(text).toContain('„Zweite Runde“');
		expect(text).toContain(secretTitle);
		expect(textOf(await html(`${overview}/massnahmen/${secretId}`))).toContain(secretTitle);

		const cookie = await citizen();
		await comment(`${overview}/massnahmen/${sharedMeasure}`, 'Beitrag zur zweiten Runde', cookie);
		expect(
			(
				await queryDatabase<{ version_id: string }>(
					server.databasePath,
					'SELECT version_id FROM comments WHERE body = ?',
					'Beitrag zur zweiten Runde'
				)
			)[0]?.version_id
		).toBe(second.versionId);
	});
	it('keeps round 1 readable under ?fassung=1 and shows its comments beside the same measure', async () => {
		const current = textOf(await html(overview));
		expect(current).toContain('Beteiligungsrunden');
		expect(current).toMatch(/Runde 1: Fassung 1 „Erste Runde“.*Runde 2: Fassung 2 „Zweite Runde“/);
		expect(await html(overview)).toContain(`${slug}?fassung=1"`);

		const earlier = textOf(await html(`${overview}?fassung=1`));
		expect(earlier).toContain('„Erste Runde“');
		expect(earlier).toContain('Sie lesen Runde 1 (Fassung 1), eine frühere, abgeschlossene');
		expect(earlier).toContain('Zur aktuellen Runde (Fassung 2)');
		expect(earlier).not.toContain(secretTitle);
		// Links within the earlier round stay in it.
		expect(await html(`${overview}?fassung=1`)).toContain(
			`/massnahmen/${sharedMeasure}?fassung=1"`
		);

		const cookie = await citizen('Liest Runde eins');
		const earlierMeasure = await html(`${overview}/massnahmen/${sharedMeasure}?fassung=1`, cookie);
		expect(textOf(earlierMeasure)).toContain('Beitrag zur laufenden Runde');
		expect(textOf(earlierMeasure)).not.toContain('Beitrag zur zweiten Runde');
		// Read only: no form to comment, reply or report.
		expect(earlierMeasure).not.toMatch(/action="\?\/(comment|reply|report)/);
		expect(textOf(earlierMeasure)).toContain('Dies ist eine frühere Beteiligungsrunde.');

		const laterMeasure = textOf(await html(`${overview}/massnahmen/${sharedMeasure}`, cookie));
		expect(laterMeasure).toContain('Beitrag zur zweiten Runde');
		expect(laterMeasure).toContain('Aus früheren Runden');
		expect(laterMeasure).toMatch(/Runde 1 · Fassung 1 „Erste Runde“.*Beitrag zur laufenden Runde/);

		expect((await get(server.url, `${overview}?fassung=2`)).status).toBe(200);
		const unknown = await get(server.url, `${overview}?fassung=9`);
		expect(unknown.status).toBe(404);
		expect(textOf(await unknown.text())).toContain(
			'Zu dieser Fassung gab es keine öffentliche Beteiligung.'
		);
		expect((await get(server.url, `${overview}?fassung=eins`)).status).toBe(400);

		// The AG answers every round: the editor lists round 1's comment as well as round 2's.
		const editorData = await get(server.url, `/agenden/${agendaId}/bearbeiten/__data.json`, {
			cookie: await login(server.url, DEMO.editor),
			accept: 'application/json'
		});
		const data = await editorData.text();
		expect(data).toContain('Beitrag zur laufenden Runde');
		expect(data).toContain('Beitrag zur zweiten Runde');
	});
});

/** What nobody types on purpose: C0/C1 controls (but tab and line feed), bidi overrides. */
// eslint-disable-next-line no-control-regex -- exactly these must never reach a page
const CONTROL_OR_BIDI = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('text that deceives', () => {
	it('removes controls and bidi overrides from comments, edits and reports, and from stored text', async () => {
		const author = await citizen('Steuerzeichen');
		const posted = await comment(
			measurePage(),
			'Erste\u0000 Zeile\u0007 mit \u202Eesrever\u202C Text\u001b[31m',
			author
		);
		expect(posted.status).toBe(303);
		const row = await commentByBody('Erste Zeile mit esrever Text[31m');
		expect(row).toBeDefined();
		const onlyControls = await comment(measurePage(), '\u0000\u202E\u0007', author);
		expect(onlyControls.status).toBe(400);
		expect(textOf(await onlyControls.text())).toContain('Bitte schreiben Sie einen Text.');
		expect(await commentsWhere("body = '' AND deleted_at IS NULL")).toEqual([]);
		expect(CONTROL_OR_BIDI.test(await html(measurePage()))).toBe(false);

		const edited = await postForm(
			server.url,
			`${measurePage()}?/edit`,
			{ commentId: row?.id ?? '', body: 'Geändert\u0000 \u202Eohne\u2066 Tricks' },
			{ cookie: author }
		);
		expect(edited.status).toBe(303);
		expect((await commentsWhere('id = ?', row?.id))[0]?.body).toBe('Geändert ohne Tricks');

		const reporter = await citizen('Meldet Steuerzeichen');
		const reported = await postForm(
			server.url,
			`${measurePage()}?/report`,
			{ commentId: row?.id ?? '', reason: '\u202ESpam\u0000' },
			{ cookie: reporter }
		);
		expect(reported.status).toBe(303);
		expect(
			await queryDatabase<{ reason: string }>(
				server.databasePath,
				'SELECT reason FROM comment_reports WHERE comment_id = ?',
				row?.id
			)
		).toEqual([{ reason: 'Spam' }]);

		// Text stored before the cleaning existed never reaches the page as it is.
		await withDatabase(server.databasePath, (db) =>
			db
				.update(comments)
				.set({ body: `Alt${legacyControlCharacter()}er \u202ETe\u0085xt` })
				.where(eq(comments.id, row?.id ?? ''))
		);
		const page = await html(measurePage());
		expect(CONTROL_OR_BIDI.test(page)).toBe(false);
		expect(textOf(page)).toContain('Alter Te xt');
	});
});

describe('official accounts', () => {
	const slug = 'amtlich';
	const sectionPage = () => `/beteiligung/${slug}/abschnitte/leitbild`;

	beforeAll(async () => {
		await copyAgendaWithMembers(server.databasePath, 'musterstadt', slug);
		await openTestParticipation(server.databasePath, { slug });
	});

	/** The author line of a comment on the page. */
	async function metaOf(page: string, body: string): Promise<string> {
		const id = (await commentByBody(body))?.id ?? '';
		const meta = new RegExp(`id="kommentar-${id}-meta"[^>]*>([\\s\\S]*?)</p>`).exec(page)?.[1];
		expect(meta, body).toBeDefined();
		return textOf(meta ?? '');
	}

	it('marks comments of the agenda’s owners and editors, never a lookalike name', async () => {
		const owner = await login(server.url, DEMO.admin);
		const editor = await login(server.url, DEMO.editor);
		// The exact name is refused at registration (display-names.ts); a longer one passes.
		const lookalike = await citizen('Stabsstelle Digitalisierung Musterstadt');
		await comment(sectionPage(), 'Hinweis der Federführung', owner);
		await comment(sectionPage(), 'Hinweis aus der AG', editor);
		await comment(sectionPage(), 'Hinweis der falschen Stabsstelle', lookalike);

		for (const cookie of [undefined, lookalike]) {
			const page = await html(sectionPage(), cookie);
			expect(await metaOf(page, 'Hinweis der Federführung')).toContain(
				'Stabsstelle Digitalisierung Federführung'
			);
			expect(await metaOf(page, 'Hinweis aus der AG')).toContain(
				'Anna Berger (AG) AG Digitalisierung'
			);
			const fake = await metaOf(page, 'Hinweis der falschen Stabsstelle');
			expect(fake).toContain('Stabsstelle Digitalisierung');
			expect(fake).not.toContain('Federführung');
			expect(fake).not.toContain('AG Digitalisierung');
		}
	});
});
