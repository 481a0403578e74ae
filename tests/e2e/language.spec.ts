import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectAccessible, expectAccessibleWithoutJs } from './support/helpers';

/** Switches to English in the footer and back, checking the page each time. */
async function switchToEnglishAndBack(
	page: Page,
	path: string,
	checkAccessible: (page: Page) => Promise<void> = expectAccessible
) {
	await page.goto(path);
	const html = page.locator('html');
	await expect(html).toHaveAttribute('lang', 'de');
	await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
	const footer = page.getByRole('contentinfo');
	await expect(footer.getByRole('button', { name: 'Deutsch' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);

	await footer.getByRole('button', { name: 'English' }).click();
	await expect(html).toHaveAttribute('lang', 'en');
	// Same page, query and all.
	expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(path);
	await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Skip to content' })).toBeAttached();
	await expect(footer.getByText('Language:')).toBeVisible();
	await expect(footer.getByRole('button', { name: 'English' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await checkAccessible(page);

	// The choice sticks on the next page.
	await page.getByRole('navigation').getByRole('link', { name: 'Register' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Register' })).toBeVisible();
	await expect(html).toHaveAttribute('lang', 'en');
	await checkAccessible(page);

	await page.goto(path);
	await footer.getByRole('button', { name: 'Deutsch' }).click();
	await expect(html).toHaveAttribute('lang', 'de');
	expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(path);
	await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
	await expect(footer.getByRole('button', { name: 'Deutsch' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await checkAccessible(page);
}

test('the footer switches to English and back', async ({ page }) => {
	await switchToEnglishAndBack(page, '/anmelden?weiter=%2Fkonto');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the footer switches to English and back', async ({ page, browser }) => {
		await switchToEnglishAndBack(page, '/anmelden', (p) => expectAccessibleWithoutJs(p, browser));
	});

	test('log-in and log-out work as plain form posts', async ({ page, browser }) => {
		await page.goto('/anmelden');
		await page.getByLabel('E-Mail-Adresse').fill('buerger@musterstadt.example');
		await page.getByLabel('Passwort', { exact: true }).fill('demo-agendawerk');
		await page.getByRole('main').getByRole('button', { name: 'Anmelden' }).click();
		await expect(page).toHaveURL(/\/$/);
		await expect(page.getByRole('link', { name: 'Konto: Bürgerin Meier' })).toBeVisible();
		await expectAccessibleWithoutJs(page, browser);

		await page.getByRole('button', { name: 'Abmelden' }).click();
		await expect(page).toHaveURL(/\/$/);
		await expect(
			page.getByRole('navigation').getByRole('link', { name: 'Anmelden' })
		).toBeVisible();
		expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(
			'agendawerk_session'
		);
	});
});
