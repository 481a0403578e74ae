import { join } from 'node:path';
import { copyAgendaWithMembers } from '../support/participation';
import { expect, test } from './support/fixtures';
import { expectAccessible, logIn } from './support/helpers';

/** Filters and reordering of the measure list, on a copy of the demo so no other test moves. */
const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');

test('filters narrow the measures, and Alt+arrow and drag reorder them for everyone', async ({
	page,
	browser
}) => {
	const agendaId = await copyAgendaWithMembers(
		databasePath,
		'musterstadt',
		`list-${Date.now().toString(36)}`
	);
	// Tall enough that the whole list is on screen: a drag cannot scroll while the button is down.
	await page.setViewportSize({ width: 1400, height: 2200 });
	await logIn(page, 'ag1@musterstadt.example');
	await page.goto(`/agenden/${agendaId}/bearbeiten`);
	await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
	const titles = page.locator('.measure-list__title');
	await expect(titles.first()).toHaveText('Digitales Bürgerbüro');
	// Other specs may have added measures to the demo before it was copied: count, don't assume.
	const total = await titles.count();
	expect(total).toBeGreaterThanOrEqual(7);

	await page.getByLabel('Stand').first().selectOption({ label: 'abgeschlossen' });
	await expect(page.getByText(`1 von ${total} Maßnahmen`)).toBeVisible();
	await expect(titles).toHaveText(['Externes Digitalisierungsmanagement (6 Monate)']);
	await page.getByLabel('Stand').first().selectOption({ label: 'alle' });
	await page
		.getByLabel('Paten')
		.first()
		.selectOption({ label: 'Thomas Schmitt (Stadtwerke Musterstadt)' });
	await expect(titles).toHaveText([
		'Offene Datenplattform Musterstadt',
		'Sensornetz für Klima und Energie'
	]);
	await expectAccessible(page);
	await page.getByLabel('Paten').first().selectOption({ label: 'alle' });
	await expect(titles).toHaveCount(total);

	// Keyboard: Alt+ArrowDown moves the focused measure one place down.
	const first = page.getByRole('button', { name: /^Digitales Bürgerbüro/ });
	await first.focus();
	await page.keyboard.press('Alt+ArrowDown');
	await expect(titles.nth(1)).toHaveText('Digitales Bürgerbüro');
	await expect(page.getByRole('button', { name: /^Digitales Bürgerbüro/ })).toBeFocused();

	// Mouse: drag the last measure onto the first place (pointer moved in steps, as a hand does).
	const source = page.locator('.measure-list__item', {
		hasText: 'Digitallotsen für Seniorinnen und Senioren'
	});
	await expect(async () => {
		await source.hover();
		await page.mouse.down();
		const box = await page.locator('.measure-list__item').first().boundingBox();
		if (!box) throw new Error('Liste nicht sichtbar');
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 12 });
		await page.mouse.up();
		await expect(titles.first()).toHaveText('Digitallotsen für Seniorinnen und Senioren', {
			timeout: 1_000
		});
	}).toPass({ timeout: 10_000 });

	// Another editor sees the new order.
	const other = await browser.newContext();
	try {
		const otherPage = await other.newPage();
		await logIn(otherPage, 'ag2@musterstadt.example');
		await otherPage.goto(`/agenden/${agendaId}/bearbeiten`);
		await expect(otherPage.locator('.measure-list__title')).toHaveText(
			await titles.allTextContents()
		);
	} finally {
		await other.close();
	}
});
