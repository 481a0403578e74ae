import { join } from 'node:path';
import { copyAgendaWithMembers, openTestParticipation } from '../support/participation';
import { expect, test } from './support/fixtures';
import { logIn } from './support/helpers';

/**
 * The AG sees what citizens say as it happens: with the editor open, a citizen's comment appears
 * in the measure's comment panel and in the measure list's counter without a reload.
 */
const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');
const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

test('a citizen comment appears in the open editor without reload', async ({ page, browser }) => {
	const slug = `live-${unique()}`;
	const agendaId = await copyAgendaWithMembers(databasePath, 'musterstadt', slug);
	const participation = await openTestParticipation(databasePath, { slug });
	const measure = participation.content.measures[0];
	if (!measure) throw new Error('keine Maßnahme');
	const text = `Bitte Sprechstunden auch per Video (${unique()}).`;

	await logIn(page, 'ag1@musterstadt.example');
	await page.goto(`/agenden/${agendaId}/bearbeiten`);
	await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
	const listEntry = page.getByRole('button', { name: new RegExp(`^${measure.title}`) });
	await listEntry.click();
	const panel = page.locator('.comments-panel');
	await expect(panel.getByRole('heading', { name: 'Kommentare (0)' })).toBeVisible();
	await expect(listEntry).not.toContainText('Kommentar');
	// A mark on the window: a reload would lose it.
	await page.evaluate(() => Object.assign(window, { notReloaded: true }));

	const citizenContext = await browser.newContext();
	try {
		const citizen = await citizenContext.newPage();
		await logIn(citizen, 'buerger@musterstadt.example');
		await citizen.goto(`/beteiligung/${slug}/massnahmen/${measure.id}`);
		await citizen.getByLabel(`Kommentar zu „${measure.title}“`).fill(text);
		await citizen.getByRole('button', { name: 'Kommentar absenden' }).click();
		await expect(citizen.locator('.comment__text', { hasText: text })).toBeVisible();
	} finally {
		await citizenContext.close();
	}

	await expect(panel.getByText(text)).toBeVisible({ timeout: 3_000 });
	await expect(panel.getByRole('heading', { name: 'Kommentare (1)' })).toBeVisible();
	await expect(listEntry).toContainText('1 Kommentar');
	expect(await page.evaluate(() => 'notReloaded' in window)).toBe(true);
});

test('an answer being written stays open, with its text, when another comment arrives live', async ({
	page,
	browser
}) => {
	const slug = `live-${unique()}`;
	const agendaId = await copyAgendaWithMembers(databasePath, 'musterstadt', slug);
	const participation = await openTestParticipation(databasePath, { slug });
	const measure = participation.content.measures[0];
	if (!measure) throw new Error('keine Maßnahme');
	const first = `Bitte auch samstags (${unique()}).`;
	const second = `Und bitte barrierefrei (${unique()}).`;

	const citizenContext = await browser.newContext();
	const citizen = await citizenContext.newPage();
	const comment = async (text: string) => {
		await citizen.goto(`/beteiligung/${slug}/massnahmen/${measure.id}`);
		await citizen.getByLabel(`Kommentar zu „${measure.title}“`).fill(text);
		await citizen.getByRole('button', { name: 'Kommentar absenden' }).click();
		await expect(citizen.locator('.comment__text', { hasText: text })).toBeVisible();
	};
	try {
		await logIn(citizen, 'buerger@musterstadt.example');
		await comment(first);

		await logIn(page, 'ag1@musterstadt.example');
		await page.goto(`/agenden/${agendaId}/bearbeiten`);
		await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
		await page.getByRole('button', { name: new RegExp(`^${measure.title}`) }).click();
		const entry = page.locator('.comments-panel__comment', { hasText: first });
		await entry.getByText('Antworten', { exact: true }).click();
		await entry.getByLabel('Umgang mit dem Hinweis').selectOption('teilweise-uebernommen');
		await entry.getByLabel('Begründung').fill('Samstags öffnet die Bibliothek ab');

		// While the AG member writes, a citizen comments: the panel shows it without a reload …
		await comment(second);
		const panel = page.locator('.comments-panel');
		await expect(panel.getByText(second)).toBeVisible({ timeout: 3_000 });
		// … and the answer being written is still open, as it was.
		await expect(entry.getByLabel('Begründung')).toBeVisible();
		await expect(entry.getByLabel('Begründung')).toHaveValue('Samstags öffnet die Bibliothek ab');
		await expect(entry.getByLabel('Umgang mit dem Hinweis')).toHaveValue('teilweise-uebernommen');
	} finally {
		await citizenContext.close();
	}
});
