import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import {
	AFTER_REGISTRATION,
	PASSWORD,
	expectAccessible,
	fillLogin,
	fillRegistration,
	uniqueEmail
} from './support/helpers';

/** The page's h1 stands above everything else of its heading group, as it comes first in the DOM. */
async function expectHeadingOnTop(page: Page) {
	const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
	const line = await page.locator('hgroup > p').first().boundingBox();
	expect(heading && line && heading.y < line.y).toBe(true);
}

test('a citizen registers, logs out and logs in again', async ({ page }) => {
	const email = uniqueEmail('buergerin');
	const displayName = 'Erika Mustermann';

	await page.goto('/');
	await expectHeadingOnTop(page);
	await expectAccessible(page);
	await page.getByRole('navigation').getByRole('link', { name: 'Registrieren' }).click();
	await expect(page).toHaveURL(/\/registrieren$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Registrieren' })).toBeVisible();
	await expectHeadingOnTop(page);
	await expectAccessible(page);

	// A too short password first: the form says what is wrong, next to the field.
	await fillRegistration(page, { displayName, email, password: 'kurz' });
	const password = page.getByLabel('Passwort', { exact: true });
	await expect(password).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByText('Das Passwort muss mindestens 10 Zeichen lang sein.')).toBeVisible();
	await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue(email);
	await expectAccessible(page);

	await password.fill(PASSWORD);
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	// Registering opens no session and does not say whether the address was new.
	await expect(page).toHaveURL(/\/anmelden\?konto=angelegt&weiter=%2F$/);
	await expect(page.getByRole('main').getByRole('status')).toHaveText(AFTER_REGISTRATION);
	await expect(page.getByRole('button', { name: 'Abmelden' })).toHaveCount(0);
	await expectAccessible(page);

	await fillLogin(page, email, PASSWORD);
	await expect(page).toHaveURL(/\/$/);
	const account = page.getByRole('link', { name: `Konto: ${displayName}` });
	await expect(account).toBeVisible();
	await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
	// "Abmelden" is a button (it posts), but it looks like the header links beside it.
	const looks = (element: Element) => {
		const style = getComputedStyle(element);
		return [style.color, style.fontSize, style.textDecorationLine, style.backgroundColor];
	};
	expect(await page.getByRole('button', { name: 'Abmelden' }).evaluate(looks)).toEqual(
		await account.evaluate(looks)
	);
	await expect(page.getByRole('navigation').getByRole('link', { name: 'Anmelden' })).toHaveCount(0);
	// A citizen has no agendas of their own, but sees the public demo.
	await expect(
		page.getByRole('link', { name: 'Digitale Agenda Musterstadt 2026–2030' })
	).toBeVisible();
	await expectAccessible(page);

	await account.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Ihr Konto' })).toBeVisible();
	await expect(page.getByText(`Angemeldet als ${email}`)).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Abmelden' }).click();
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByRole('navigation').getByRole('link', { name: 'Anmelden' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Abmelden' })).toHaveCount(0);
	// Logged out for real: the account page sends to the log-in.
	await page.goto('/konto');
	await expect(page).toHaveURL(/\/anmelden\?weiter=%2Fkonto$/);
	await expectAccessible(page);

	// A wrong password is refused with a message that is announced.
	await fillLogin(page, email, 'falsches-passwort');
	await expect(page.getByRole('alert')).toHaveText('E-Mail-Adresse oder Passwort stimmen nicht.');
	await expectAccessible(page);

	await fillLogin(page, email, PASSWORD);
	await expect(page).toHaveURL(/\/konto$/);
	await expect(page.getByRole('link', { name: `Konto: ${displayName}` })).toBeVisible();
	await expect(page.getByText(`Angemeldet als ${email}`)).toBeVisible();
});
