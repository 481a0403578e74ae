import { expect, test } from './support/fixtures';
import {
	AFTER_REGISTRATION,
	PASSWORD,
	expectAccessible,
	expectAccessibleWithoutJs,
	fillLogin,
	fillRegistration,
	uniqueEmail
} from './support/helpers';
import { linkInMail } from './support/outbox';

/**
 * A new citizen registers, reads the demo participation, finds the forms replaced by the notice to
 * confirm the address, asks for the link again, follows it from the queued mail (read from the
 * database, as no mail leaves the e2e server) and then comments.
 */
test('a citizen confirms the address from the mail link, then comments', async ({
	page,
	browser
}) => {
	const email = uniqueEmail('bestaetigen');
	const displayName = 'Bea Bestätigt';
	const measure = 'Bibliothek als digitaler Lernort';
	await page.goto('/registrieren');
	await fillRegistration(page, { displayName, email, password: PASSWORD });
	await expect(page.getByText(AFTER_REGISTRATION)).toBeVisible();
	await fillLogin(page, email, PASSWORD);
	await expect(page.getByRole('link', { name: `Konto: ${displayName}` })).toBeVisible();

	// Reading works; writing waits for the confirmed address.
	await page.goto('/beteiligung/musterstadt');
	await page.getByRole('link', { name: measure }).first().click();
	await expect(page.getByRole('heading', { level: 1, name: measure })).toBeVisible();
	const measureUrl = page.url();
	const comments = page.locator('#kommentare');
	await expect(comments.getByText('Bitte bestätigen Sie Ihre E-Mail-Adresse')).toBeVisible();
	await expect(comments.getByText(`Folgen Sie dem Link in der Mail an ${email}.`)).toBeVisible();
	await expect(page.getByLabel(`Kommentar zu „${measure}“`)).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Maßnahme unterstützen' })).toHaveCount(0);
	await expectAccessible(page);

	// "Link erneut senden" is a plain form: its page says what happened and leads back.
	await comments.getByRole('button', { name: 'Link erneut senden' }).click();
	await expect(page.getByText(`Wir haben einen neuen Link an ${email} gesendet.`)).toBeVisible();
	await expectAccessibleWithoutJs(page, browser);
	await page.getByRole('link', { name: 'Zurück zur vorigen Seite' }).click();
	await expect(page).toHaveURL(new RegExp(`${new URL(measureUrl).pathname}#kommentare$`));

	// The mail's link shows a button; pressing it confirms.
	await page.goto(linkInMail(email, 'address-confirm', '/adresse-bestaetigen/'));
	await expect(
		page.getByRole('heading', { level: 1, name: 'E-Mail-Adresse bestätigen' })
	).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Adresse bestätigen' }).click();
	await expect(
		page.getByText(`Ihre E-Mail-Adresse ${email} ist bestätigt.`, { exact: false })
	).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Zu Ihrem Konto' }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'E-Mail-Adresse' })).toBeVisible();
	await expect(page.getByText('Bitte bestätigen Sie Ihre E-Mail-Adresse')).toHaveCount(0);
	await expectAccessible(page);

	// Now the forms are there, and commenting works.
	const text = `Mit bestätigter Adresse dabei (${Date.now().toString(36)}).`;
	await page.goto(measureUrl);
	await page.getByLabel(`Kommentar zu „${measure}“`).fill(text);
	await page.getByRole('button', { name: 'Kommentar absenden' }).click();
	await expect(page.getByRole('paragraph').filter({ hasText: text })).toBeVisible();
	await expect(page.locator('.comment', { hasText: text }).first()).toContainText(displayName);
});
