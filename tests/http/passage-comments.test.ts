import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { richTextParagraphs } from '../../src/lib/agenda/model/rich-text';
import { get, postForm, queryDatabase, register, uniqueEmail } from '../support/http';
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
	copyAgenda(server.databasePath, 'musterstadt', SLUG);
	const participation = openTestParticipation(server.databasePath, { slug: SLUG });
	const measure = participation.content.measures.find(
		(candidate) => richTextParagraphs(candidate.description).length >= 2
	);
	if (!measure) throw new Error('Keine Maßnahme mit zwei Absätzen in der Demo');
	measurePage = `/beteiligung/${SLUG}/massnahmen/${measure.id}`;
	paragraphs = richTextParagraphs(measure.description).map((paragraph) => paragraph.text);
	cookie = await register(
		server.url,
		uniqueEmail('absatz'),
		'ein-langes-passwort',
		'Absatz Person'
	);
});

afterAll(async () => {
	await server?.stop();
});

interface AnchorRow {
	body: string;
	anchor: string | null;
}

function rowsWith(body: string): AnchorRow[] {
	return queryDatabase<AnchorRow>(
		server.databasePath,
		'SELECT body, anchor FROM comments WHERE body = ?',
		body
	);
}

function post(fields: Record<string, string>) {
	return postForm(server.url, `${measurePage}?/comment`, fields, { cookie });
}

function textOf(page: string): string {
	return page
		.replace(/<script[\s\S]*?<\/script>/g, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replaceAll('&quot;', '"')
		.replaceAll('&#39;', "'")
		.replaceAll('&amp;', '&')
		.replace(/\s+/g, ' ');
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
		const [row] = rowsWith(body);
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
		expect(JSON.parse(rowsWith(body)[0]?.anchor ?? 'null')).toEqual({
			paragraph: 0,
			text: paragraphs[0],
			quote: null
		});
	});

	it('keeps a comment without paragraph free of an anchor', async () => {
		const body = 'Ganz allgemein.';
		expect((await post({ body })).status).toBe(303);
		expect(rowsWith(body)[0]?.anchor).toBeNull();
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
			expect(rowsWith(body), body).toEqual([]);
		}
	});
});
