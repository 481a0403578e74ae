import { expect, test } from './support/fixtures';
import {
	AFTER_REGISTRATION,
	PASSWORD,
	expectAccessibleWithoutJs,
	fillRegistration,
	uniqueEmail
} from './support/helpers';
import { linkInMail } from './support/outbox';

/**
 * A citizen who forgot their password, on a phone without JavaScript: requests a link, follows
 * it from the queued mail (read from the database, as no mail is sent in the tests), sets a new
 * password, is logged in and comments again on the demo participation (the link came to the
 * address, so following it confirmed that too).
 */
test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

test('a citizen resets a forgotten password from the mail link and comments again', async ({
	page,
	browser
}) => {
	const email = uniqueEmail('vergessen');
	const displayName = 'Vera Vergesslich';
	await page.goto('/registrieren');
	await fillRegistration(page, { displayName, email, password: PASSWORD });
	await expect(page.getByText(AFTER_REGISTRATION)).toBeVisible();

	// Forgotten: from the log-in page to the request form.
	await page.getByRole('link', { name: 'Passwort vergessen?' }).click();
	await expect(page).toHaveURL(/\/passwort-vergessen$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Passwort vergessen' })).toBeVisible();
	await expectAccessibleWithoutJs(page, browser);
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByRole('button', { name: 'Link anfordern' }).click();
	await expect(
		page.getByText('Wenn es zu dieser Adresse ein Konto gibt, haben wir einen Link geschickt.')
	).toBeVisible();

	// The mail's link: a form for the new password.
	const link = linkInMail(email, 'password-reset', '/passwort-zuruecksetzen/');
	await page.goto(link);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Neues Passwort festlegen' })
	).toBeVisible();
	await expectAccessibleWithoutJs(page, browser);
	await page.getByLabel('Passwort', { exact: true }).fill('neues-passwort-fuer-vera');
	await page.getByRole('button', { name: 'Passwort speichern' }).click();

	await expect(page).toHaveURL(/\/konto\?passwort=zurueckgesetzt$/);
	await expect(page.getByText('Ihr neues Passwort gilt. Sie sind angemeldet')).toBeVisible();

	// The link is used up: its page says so and offers a new one.
	await page.goto(link);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Dieser Link gilt nicht' })
	).toBeVisible();
	await expect(page.getByRole('link', { name: 'Neuen Link anfordern' })).toBeVisible();
	await expectAccessibleWithoutJs(page, browser);

	// Logged in: commenting works again.
	const measure = 'Bibliothek als digitaler Lernort';
	const text = `Nach dem neuen Passwort wieder dabei (${Date.now().toString(36)}).`;
	await page.goto('/beteiligung/musterstadt');
	await page.getByRole('link', { name: measure }).first().click();
	await page.getByLabel(`Kommentar zu „${measure}“`).fill(text);
	await page.getByRole('button', { name: 'Kommentar absenden' }).click();
	await expect(page.getByRole('paragraph').filter({ hasText: text })).toBeVisible();
	await expect(page.locator('.comment', { hasText: text }).first()).toContainText(displayName);
});
