import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { users } from '../../src/lib/server/db/schema';
import { addComment } from '../../src/lib/server/participation/comments';
import { currentPhase } from '../../src/lib/server/participation/phases';
import { withDatabase } from '../support/database';
import { copyAgendaWithMembers, openTestParticipation } from '../support/participation';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectAccessible, logIn } from './support/helpers';

/**
 * Links into the editor: a moderation entry leads to its comment on the public page and to its
 * measure in the editor; the editor keeps the section and measure in its address; the section
 * navigation and the measure list stay in view while the long measure detail scrolls.
 */
const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');
const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The page's address ends with `path` (and nothing after it). */
const ending = (path: string) => new RegExp(`${escaped(path)}$`);
/** A measure's entry in the editor's list (its name starts with the title). */
const listEntry = (page: Page, title: string) =>
	page.getByRole('button', { name: new RegExp(`^${escaped(title)}`) });

async function setUp(moderation: 'pre' | 'post' = 'post') {
	const slug = `links-${unique()}`;
	const agendaId = await copyAgendaWithMembers(databasePath, 'musterstadt', slug);
	const participation = await openTestParticipation(databasePath, { slug, moderation });
	return { slug, agendaId, measures: participation.content.measures };
}

test('a moderation entry links to its comment in context and to its measure in the editor', async ({
	page
}) => {
	const { slug, agendaId, measures } = await setUp('pre');
	const measure = measures[2];
	if (!measure) throw new Error('keine Maßnahme');
	const text = `Bitte barrierefreie Formulare (${unique()}).`;
	const commentId = await withDatabase(databasePath, async (db) => {
		const author = db
			.select()
			.from(users)
			.where(eq(users.email, 'buerger@musterstadt.example'))
			.get();
		const added = await addComment(db, {
			origin: null,
			participation: (await currentPhase(db, agendaId))!,
			item: { kind: 'measure', id: measure.id },
			parentId: null,
			authorId: author!.id,
			body: text
		});
		if (!added.ok) throw new Error(added.error);
		return added.comment.id;
	});

	await logIn(page, 'verwaltung@musterstadt.example');
	await page.goto(`/agenden/${agendaId}/moderation`);
	const entry = page.locator('article', { hasText: text });
	const inContext = entry.getByRole('link', {
		name: 'Im Zusammenhang auf der Beteiligungsseite ansehen'
	});
	await expect(inContext).toHaveAttribute(
		'href',
		`/beteiligung/${slug}/massnahmen/${measure.id}#kommentar-${commentId}`
	);
	await expectAccessible(page);
	await inContext.click();
	await expect(page.locator(`#kommentar-${commentId}`)).toContainText(text);
	await expect(page.locator(`#kommentar-${commentId}`)).toBeInViewport();

	await page.goBack();
	await entry.getByRole('link', { name: 'Im Editor öffnen' }).click();
	await expect(page).toHaveURL(
		new RegExp(`/agenden/${agendaId}/bearbeiten\\?abschnitt=massnahmen&massnahme=${measure.id}$`)
	);
	await expect(page.locator('#measure-detail-heading')).toHaveText(measure.title);
	await expect(page.locator('.comments-panel')).toContainText(text);
});

test('the editor’s address names section and measure; navigation and list stay in view', async ({
	page,
	browser
}) => {
	const { agendaId, measures } = await setUp();
	const [first, , third, fourth] = measures;
	if (!first || !third || !fourth) throw new Error('zu wenige Maßnahmen');
	await page.setViewportSize({ width: 1366, height: 768 });
	await logIn(page, 'ag1@musterstadt.example');
	const editor = `/agenden/${agendaId}/bearbeiten`;
	await page.goto(`${editor}?abschnitt=massnahmen&massnahme=${third.id}`);
	await expect(page.locator('#measure-detail-heading')).toHaveText(third.title);

	// Choosing another measure, and another section, changes the address without a reload.
	await listEntry(page, fourth.title).click();
	await expect(page).toHaveURL(ending(`${editor}?abschnitt=massnahmen&massnahme=${fourth.id}`));
	await page.getByRole('button', { name: 'Leitbild und Leitlinien' }).click();
	await expect(page).toHaveURL(ending(`${editor}?abschnitt=leitbild`));
	await page.getByRole('button', { name: 'Maßnahmen', exact: true }).click();
	await expect(page).toHaveURL(ending(`${editor}?abschnitt=massnahmen&massnahme=${fourth.id}`));

	// Far down the long measure detail, the section navigation and the measure list are in view.
	await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
	expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
	await expect(page.getByRole('navigation', { name: 'Teile der Agenda' })).toBeInViewport();
	await expect(listEntry(page, fourth.title)).toBeInViewport();

	// A colleague opens the link in a page of their own; an unknown measure falls back to the first.
	const colleagueContext = await browser.newContext();
	try {
		const colleague = await colleagueContext.newPage();
		await logIn(colleague, 'ag2@musterstadt.example');
		await colleague.goto(page.url());
		await expect(colleague.locator('#measure-detail-heading')).toHaveText(fourth.title);
		await colleague.goto(`${editor}?abschnitt=massnahmen&massnahme=aaaaaaaaaaaaaaaa`);
		await expect(colleague.locator('#measure-detail-heading')).toHaveText(first.title);
		await colleague.goto(`${editor}?abschnitt=unsinn`);
		await expect(colleague.locator('#measure-detail-heading')).toHaveText(first.title);
	} finally {
		await colleagueContext.close();
	}
});
