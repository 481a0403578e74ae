import { join } from 'node:path';
import { copyAgendaWithMembers } from '../support/participation';
import { expect, test } from './support/fixtures';
import { expectAccessible, logIn } from './support/helpers';

/**
 * An indicator's plan numbers in the measure editor: German number format, a wrong entry is
 * refused at the field with a German message and changes nothing, a valid one is kept for
 * everyone (read back after a reload, i.e. from the server).
 */
const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');
const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

test('baseline, target value, years and direction of an indicator are edited and checked', async ({
	page
}) => {
	const agendaId = await copyAgendaWithMembers(databasePath, 'musterstadt', `ind-${unique()}`);
	await logIn(page, 'verwaltung@musterstadt.example');
	await page.goto(`/agenden/${agendaId}/bearbeiten?abschnitt=massnahmen`);
	await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
	await page.getByRole('button', { name: /^Digitales Bürgerbüro/ }).click();
	await expect(page.locator('#measure-title')).toHaveValue('Digitales Bürgerbüro');

	const row = page.locator('.collection__item', { hasText: 'Wartezeit im Bürgerbüro' });
	const baseline = row.getByLabel('Ausgangswert', { exact: true });
	await expect(baseline).toHaveValue('25');
	await expect(row.getByLabel('Zielwert', { exact: true })).toHaveValue('10');
	await expect(row.getByLabel('Zieljahr')).toHaveValue('2027');
	await expect(row.getByLabel('Richtung')).toHaveValue('fallend');
	await expectAccessible(page);

	// A dot alone is ambiguous in German (1.5 or 15?): refused, the field says why.
	await baseline.fill('22.5');
	await baseline.press('Enter');
	await expect(
		row.getByText('Bitte geben Sie eine Zahl mit Komma als Dezimalzeichen ein')
	).toBeVisible();
	await expect(baseline).toHaveAttribute('aria-invalid', 'true');
	await row.getByLabel('Jahr des Ausgangswerts').fill('1999');
	await row.getByLabel('Jahr des Ausgangswerts').press('Enter');
	await expect(row.getByText('Bitte geben Sie ein Jahr zwischen 2000 und 2100 ein')).toBeVisible();

	await baseline.fill('22,5');
	await baseline.press('Enter');
	await row.getByLabel('Jahr des Ausgangswerts').fill('2024');
	await row.getByLabel('Jahr des Ausgangswerts').press('Enter');
	await row.getByLabel('Richtung').selectOption({ label: 'aus Ausgangs- und Zielwert' });
	await expect(row.getByText(/Bitte geben Sie/)).toHaveCount(0);
	await expectAccessible(page);

	await page.reload();
	await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
	const again = page.locator('.collection__item', { hasText: 'Wartezeit im Bürgerbüro' });
	await expect(again.getByLabel('Ausgangswert', { exact: true })).toHaveValue('22,5');
	await expect(again.getByLabel('Jahr des Ausgangswerts')).toHaveValue('2024');
	await expect(again.getByLabel('Richtung')).toHaveValue('');
});
