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
	const agendaId = copyAgendaWithMembers(databasePath, 'musterstadt', slug);
	const participation = openTestParticipation(databasePath, { slug });
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
