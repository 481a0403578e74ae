import { expect, test } from './support/fixtures';
import { expectAccessible, logIn, typeBeforeHydration } from './support/helpers';

test('the administration edits the imprint, typed before the page hydrated, and it is published', async ({
	page
}) => {
	await logIn(page, 'verwaltung@musterstadt.example');
	const imprint = `Stadt Musterstadt, Rathausplatz 1 (${Date.now().toString(36)})`;
	const field = page.getByLabel('Impressum', { exact: true });
	await typeBeforeHydration(page, '/verwaltung/einstellungen', () => field.fill(imprint));
	await expect(field).toHaveValue(imprint);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByText('Die Einstellungen sind gespeichert.')).toBeVisible();

	await page.goto('/impressum');
	await expect(page.getByRole('main')).toContainText(imprint);
});
