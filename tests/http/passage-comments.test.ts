import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	paragraphs as plainParagraphs,
	richTextParagraphs
} from '../../src/lib/agenda/model/rich-text';
import { entityRich } from '../../src/lib/agenda/ydoc/layout';
import { richTextToXml } from '../../src/lib/agenda/ydoc/rich-text-xml';
import { editDocument } from '../support/documents';
import { get, textOf, postForm, queryDatabase, register, uniqueEmail } from '../support/http';
import { copyAgenda, openTestParticipation } from '../support/participation';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Comments on a paragraph of a measure's description, against the production server: the anchor
 * takes its text from the Fassung, a quote must be part of that paragraph, and anything else is
 * refused with a German message and writes nothing.
 */
const SLUG = 'absatz-test';

let server: TestServer;
let measurePage = '';
let paragraphs: string[] = [];
let cookie = '';

beforeAll(async () => {
	server = await startTestServer({ RATE_LIMIT_COMMENTS_PER_USER: '1000' });
	await copyAgenda(server.databasePath, 'musterstadt', SLUG);
	const participation = await openTestParticipation(server.databasePath, { slug: SLUG });
	const measure = participation.content.measures.find(
		(candidate) => richTextParagraphs(candidate.description).length >= 2
	);
	if (!measure) throw new Error('Keine Maßnahme mit zwei Absätzen in der Demo');
	measurePage = `/beteiligung/${SLUG}/massnahmen/${measure.id}`;
	paragraphs = richTextParagraphs(measure.description).map((paragraph) => paragraph.text);
	cookie = await register(server, uniqueEmail('absatz'), 'ein-langes-passwort', 'Absatz Person');
});

afterAll(async () => {
	await server?.stop();
});

interface AnchorRow {
	body: string;
	anchor: string | null;
}

async function rowsWith(body: string): Promise<AnchorRow[]> {
	return await queryDatabase<AnchorRow>(
		server.databasePath,
		'SELECT body, anchor FROM comments WHERE body = ?',
		body
	);
}

function post(fields: Record<string, string>) {
	return postForm(server.url, `${measurePage}?/comment`, fields, { cookie });
}

const second = () => paragraphs[1] ?? '';
/** Some words from the middle of the second paragraph. */
const quoteOfSecond = () => second().split(/\s+/).slice(1, 4).join(' ');

describe('comments on a passage', () => {
	it('gives every paragraph an id and a link that works without JavaScript', async () => {
		const page = await (await get(server.url, measurePage, { cookie })).text();
		for (let number = 1; number <= paragraphs.length; number++) {
			expect(page).toContain(`id="absatz-${number}"`);
			expect(page).toContain(`?absatz=${number}#kommentar-schreiben`);
		}
		const chosen = textOf(
			await (await get(server.url, `${measurePage}?absatz=2`, { cookie })).text()
		);
		expect(chosen).toContain('Ihr Kommentar bezieht sich auf:');
		expect(chosen).toContain(`„${second().replace(/\s+/g, ' ')}“`);
		expect(chosen).toContain('Bezug entfernen');
	});

	it('names a paragraph the description does not have on the page', async () => {
		for (const absatz of ['99', '0', 'zwei']) {
			const page = await get(server.url, `${measurePage}?absatz=${absatz}`, { cookie });
			expect(page.status).toBe(200);
			expect(textOf(await page.text())).toContain(
				'Diesen Absatz gibt es in der Beschreibung nicht'
			);
		}
	});

	it('stores the paragraph text from the Fassung, not from the form, and shows the quote', async () => {
		const body = 'Dieser Satz ist mir wichtig.';
		const response = await post({
			body,
			paragraph: '1',
			quote: ` ${quoteOfSecond()}\n`,
			text: 'Vom Browser erfundener Absatz'
		});
		expect(response.status).toBe(303);
		const [row] = await rowsWith(body);
		expect(JSON.parse(row?.anchor ?? 'null')).toEqual({
			paragraph: 1,
			text: second(),
			quote: quoteOfSecond()
		});
		const page = textOf(await (await get(server.url, measurePage, { cookie })).text());
		expect(page).toContain(`Zu Absatz 2: „${quoteOfSecond()}“`);
		expect(page).toContain('1 Kommentar zu diesem Absatz');
	});

	it('stores a comment on the whole paragraph with no quote', async () => {
		const body = 'Zum ersten Absatz insgesamt.';
		expect((await post({ body, paragraph: '0', quote: '' })).status).toBe(303);
		expect(JSON.parse((await rowsWith(body))[0]?.anchor ?? 'null')).toEqual({
			paragraph: 0,
			text: paragraphs[0],
			quote: null
		});
	});

	it('keeps a comment without paragraph free of an anchor', async () => {
		const body = 'Ganz allgemein.';
		expect((await post({ body })).status).toBe(303);
		expect((await rowsWith(body))[0]?.anchor).toBeNull();
	});

	it('refuses an unknown paragraph or a quote from elsewhere, writing nothing', async () => {
		const cases: [Record<string, string>, string][] = [
			[{ paragraph: '99' }, 'Diesen Absatz gibt es in der Beschreibung nicht'],
			[{ paragraph: '-1' }, 'Diesen Absatz gibt es in der Beschreibung nicht'],
			[{ paragraph: 'eins' }, 'Diesen Absatz gibt es in der Beschreibung nicht'],
			[{ paragraph: '1e3' }, 'Diesen Absatz gibt es in der Beschreibung nicht'],
			[
				{ paragraph: '0', quote: 'Diese Worte stehen nirgends im Text' },
				'Die markierte Stelle steht nicht in diesem Absatz'
			],
			[
				{ paragraph: '0', quote: quoteOfSecond() },
				'Die markierte Stelle steht nicht in diesem Absatz'
			]
		];
		for (const [fields, message] of cases) {
			const body = `Abgelehnt ${JSON.stringify(fields)}`;
			const response = await post({ body, ...fields });
			expect(response.status, body).toBe(400);
			expect(textOf(await response.text()), body).toContain(message);
			expect(await rowsWith(body), body).toEqual([]);
		}
	});
});

describe('a passage comment in the next round', () => {
	it('follows its paragraph where it moved, and quotes the original where it changed', async () => {
		const slug = 'absatz-runden';
		const agendaId = await copyAgenda(server.databasePath, 'musterstadt', slug);
		const round1 = await openTestParticipation(server.databasePath, { slug, name: 'Runde eins' });
		const measure = round1.content.measures.find(
			(candidate) => richTextParagraphs(candidate.description).length >= 2
		);
		if (!measure) throw new Error('Keine Maßnahme mit zwei Absätzen');
		const page = `/beteiligung/${slug}/massnahmen/${measure.id}`;
		const [first = '', second = '', ...rest] = richTextParagraphs(measure.description).map(
			(paragraph) => paragraph.text
		);
		const quote = second.split(/\s+/).slice(1, 4).join(' ');
		const onFirst = `Zum ersten Absatz (${Date.now()})`;
		const onSecond = `Zum zweiten Absatz (${Date.now()})`;
		for (const [body, paragraph, quoted] of [
			[onFirst, '0', ''],
			[onSecond, '1', quote]
		] as const) {
			const posted = await postForm(
				server.url,
				`${page}?/comment`,
				{ body, paragraph, quote: quoted },
				{ cookie }
			);
			expect(posted.status).toBe(303);
		}

		// The AG puts a new paragraph first and rewrites the second, then opens round 2.
		await editDocument(server.databasePath, agendaId, (doc) => {
			const description = entityRich(doc, { collection: 'measures' }, measure.id, 'description');
			if (!description) throw new Error('keine Beschreibung');
			description.delete(0, description.length);
			description.insert(
				0,
				richTextToXml(
					plainParagraphs('Ein neuer erster Absatz.', first, 'Ganz anders gesagt.', ...rest)
				)
			);
		});
		await openTestParticipation(server.databasePath, { slug, name: 'Runde zwei' });

		const html = await (await get(server.url, page, { cookie })).text();
		const earlier = textOf(html.slice(html.indexOf('id="fruehere-runden"')));
		expect(earlier).toContain('Aus früheren Runden');
		// The first paragraph is now the second: the comment points there.
		expect(earlier).toMatch(
			new RegExp(`Zu Absatz 2: „[^“]*“ .*${onFirst.replace(/[()]/g, '\\$&')}`)
		);
		expect(html).toContain('href="#absatz-2"');
		// The second paragraph changed: its comment keeps the quote and says so.
		expect(earlier).toContain(`„${quote}“`);
		expect(earlier).toContain('Der Absatz wurde seitdem geändert.');
	});
});
