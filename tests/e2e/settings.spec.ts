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

test('without a mail server, the administration reads every mail in the outbox', async ({
	page
}) => {
	// A mail to read: a password reset for a demo account (the e2e server has no SMTP_URL).
	await page.goto('/passwort-vergessen');
	await page.getByLabel('E-Mail-Adresse').fill('ag2@musterstadt.example');
	await page.getByRole('button', { name: 'Link anfordern' }).click();

	await logIn(page, 'verwaltung@musterstadt.example');
	await page.goto('/verwaltung/einstellungen');
	await page.getByRole('link', { name: 'Postausgang' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Postausgang' })).toBeVisible();
	await expect(page.getByText('kein Mailserver eingerichtet', { exact: false })).toBeVisible();
	// ag2 may have other mail waiting (a digest of the other tests' comments): pick the reset.
	const mail = page
		.locator('.outbox__mail', { hasText: 'an ag2@musterstadt.example' })
		.filter({ hasText: 'Neues Passwort für Agendawerk' })
		.first();
	await expect(mail).toContainText('im Postausgang');
	await mail.getByText('Text anzeigen').click();
	await expect(mail.locator('pre')).toContainText('/passwort-zuruecksetzen/');
	await expectAccessible(page);
});
