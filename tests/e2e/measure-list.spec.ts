import Database from 'better-sqlite3';
import { join } from 'node:path';
import { copyAgenda } from '../support/participation';
import { expect, test } from './support/fixtures';
import { expectAccessible, logIn } from './support/helpers';

/** Filters and reordering of the measure list, on a copy of the demo so no other test moves. */
const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');

function copyWithMembers(slug: string): string {
	const agendaId = copyAgenda(databasePath, 'musterstadt', slug);
	const db = new Database(databasePath);
	try {
		db.prepare(
			`INSERT INTO memberships (agenda_id, user_id, role)
			 SELECT ?, m.user_id, m.role FROM memberships m
			 JOIN agendas a ON a.id = m.agenda_id WHERE a.slug = 'musterstadt'`
		).run(agendaId);
	} finally {
		db.close();
	}
	return agendaId;
}

test('filters narrow the measures, and Alt+arrow and drag reorder them for everyone', async ({
	page,
	browser
}) => {
	const agendaId = copyWithMembers(`list-${Date.now().toString(36)}`);
	await logIn(page, 'ag1@musterstadt.example');
	await page.goto(`/agenden/${agendaId}/bearbeiten`);
	await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
	const titles = page.locator('.measure-list__title');
	await expect(titles).toHaveCount(7);

	await page.getByLabel('Stand').first().selectOption({ label: 'geplant' });
	await expect(page.getByText('3 von 7 Maßnahmen')).toBeVisible();
	await expect(titles).toHaveText([
		'Bibliothek als digitaler Lernort',
		'Offene Datenplattform Musterstadt',
		'Sensornetz für Klima und Energie'
	]);
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
	await page.getByLabel('Stand').first().selectOption({ label: 'alle' });
	await expect(titles).toHaveCount(7);

	// Keyboard: Alt+ArrowDown moves the focused measure one place down.
	const first = page.getByRole('button', { name: /^Digitales Bürgerbüro/ });
	await first.focus();
	await page.keyboard.press('Alt+ArrowDown');
	await expect(titles.nth(1)).toHaveText('Digitales Bürgerbüro');
	await expect(page.getByRole('button', { name: /^Digitales Bürgerbüro/ })).toBeFocused();

	// Mouse: drag the last measure onto the first place.
	await page
		.locator('.measure-list__item', { hasText: 'Digitallotsen für Seniorinnen und Senioren' })
		.dragTo(page.locator('.measure-list__item').first());
	await expect(titles.first()).toHaveText('Digitallotsen für Seniorinnen und Senioren');

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
