import { expect, test } from './support/fixtures';
import { expectAccessible, expectAccessibleWithoutJs } from './support/helpers';

for (const path of ['/', '/anmelden', '/registrieren']) {
	test(`the skip link on ${path} is the first stop and moves focus to the main content`, async ({
		page
	}) => {
		await page.goto(path);
		// Once hydrated, Kit's router handles the in-page link: that is the case to get right.
		await expect(page.locator('#svelte-announcer')).toBeAttached();
		await expectAccessible(page);

		const skipLink = page.getByRole('link', { name: 'Zum Inhalt springen' });
		// Hidden off-screen until focused.
		await expect(skipLink).not.toBeInViewport();

		await page.keyboard.press('Tab');
		await expect(skipLink).toBeFocused();
		await expect(skipLink).toBeInViewport();
		await expect(skipLink).toHaveAttribute('href', '#inhalt');
		await expectAccessible(page);

		await page.keyboard.press('Enter');
		const main = page.getByRole('main');
		await expect(main).toBeFocused();
		await expect(main).toHaveAttribute('id', 'inhalt');
		await expect(skipLink).not.toBeInViewport();

		// The next Tab continues inside the main content, not in the header.
		await page.keyboard.press('Tab');
		const inMain = await page.evaluate(
			() => document.activeElement?.closest('main')?.id === 'inhalt'
		);
		expect(inMain).toBe(true);
	});
}

test('the route announcer reads out client-side navigations but stays invisible', async ({
	page
}) => {
	await page.goto('/');
	// Kit adds the announcer once the app has hydrated.
	const announcer = page.locator('#svelte-announcer');
	await expect(announcer).toBeAttached();
	await page.getByRole('navigation').getByRole('link', { name: 'Anmelden' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
	await expect(announcer).toHaveText('Anmelden – Agendawerk');
	await expect(announcer).toHaveAttribute('aria-live', 'assertive');
	const box = await announcer.boundingBox();
	expect(box?.width).toBeLessThanOrEqual(1);
	expect(box?.height).toBeLessThanOrEqual(1);
	await expectAccessible(page);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the skip link still moves focus to the main content', async ({ page, browser }) => {
		await page.goto('/anmelden');
		await page.keyboard.press('Tab');
		const skipLink = page.getByRole('link', { name: 'Zum Inhalt springen' });
		await expect(skipLink).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.getByRole('main')).toBeFocused();
		await expect(page).toHaveURL(/\/anmelden#inhalt$/);
		await expectAccessibleWithoutJs(page, browser);
	});
});
