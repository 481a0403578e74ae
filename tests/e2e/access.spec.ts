import { expect, test } from './support/fixtures';
import { demoAgendaId, expectAccessible, logIn } from './support/helpers';

test('a council member (viewer) gets the German 403 page on the members page', async ({ page }) => {
	await logIn(page, 'rat@musterstadt.example');
	const id = await demoAgendaId(page);

	// The overview is readable, but offers no member management.
	await page.goto(`/agenden/${id}`);
	await expect(
		page.locator('.kern-description-list-item', { hasText: 'Ihre Rolle' })
	).toContainText('Lesezugriff');
	await expect(
		page.getByRole('link', { name: 'Mitglieder und Einladungen verwalten' })
	).toHaveCount(0);
	await expectAccessible(page);

	const response = await page.goto(`/agenden/${id}/mitglieder`);
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1, name: 'Kein Zugriff' })).toBeVisible();
	await expect(page.getByText('Dafür fehlt Ihnen die Berechtigung.')).toBeVisible();
	await expect(page.getByText('Fehlercode 403')).toBeVisible();
	await expect(page).toHaveTitle('Kein Zugriff – Agendawerk');
	await expect(page.getByRole('link', { name: 'Zur Startseite' })).toBeVisible();
	await expectAccessible(page);
});

test('anonymous visitors are asked to log in and come back to the members page', async ({
	page
}) => {
	const id = await demoAgendaId(page);
	await page.goto(`/agenden/${id}/mitglieder`);
	await expect(page).toHaveURL(/\/anmelden\?weiter=%2Fagenden%2F[a-z2-7]{16}%2Fmitglieder$/);
	await expect(page.getByText('Demo-Zugänge der Musterstadt')).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('E-Mail-Adresse').fill('verwaltung@musterstadt.example');
	await page.getByLabel('Passwort', { exact: true }).fill('demo-agendawerk');
	await page.getByRole('main').getByRole('button', { name: 'Anmelden' }).click();
	await expect(page).toHaveURL(new RegExp(`/agenden/${id}/mitglieder$`));
	await expect(
		page.getByRole('heading', { level: 1, name: 'Mitglieder und Einladungen' })
	).toBeVisible();
	// One's own row says so, with a space before the parenthesis.
	await expect(
		page.getByRole('rowheader', { name: 'Stabsstelle Digitalisierung (Sie)', exact: true })
	).toBeVisible();
});

test('unknown pages get the German 404 page', async ({ page }) => {
	const response = await page.goto('/gibt-es-nicht');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' })).toBeVisible();
	await expectAccessible(page);
});
