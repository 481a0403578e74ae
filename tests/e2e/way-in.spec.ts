import { expect, test } from './support/fixtures';
import { expectAccessibleWithoutJs } from './support/helpers';

/**
 * A citizen on a phone, without JavaScript, finds the running participation: one click from the
 * start page, and an invitation on the agenda's own page. The demo's phase runs from its seeding on.
 */
const DEMO_TITLE = 'Digitale Agenda Musterstadt 2026–2030';

test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

test('the start page leads to the running participation in one click', async ({
	page,
	browser
}) => {
	await page.goto('/');
	const participation = page.getByRole('region', { name: 'Bürgerbeteiligung' });
	const demo = participation.getByRole('listitem').filter({ hasText: DEMO_TITLE });
	await expect(demo).toContainText(
		/Die Beteiligung läuft bis \d{1,2}\. \S+ \d{4}, \d{2}:\d{2} Uhr\./
	);
	await expectAccessibleWithoutJs(page, browser);

	await demo.getByRole('link', { name: 'Jetzt mitreden' }).click();
	await expect(page).toHaveURL(/\/beteiligung\/musterstadt$/);
	await expect(page.getByRole('heading', { level: 1, name: DEMO_TITLE })).toBeVisible();
});

test("the agenda's page invites citizens into its running participation", async ({
	page,
	browser
}) => {
	await page.goto('/');
	await page
		.getByRole('region', { name: 'Agenden' })
		.getByRole('link', { name: DEMO_TITLE })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: DEMO_TITLE })).toBeVisible();
	const invitation = page.getByRole('region', { name: 'Bürgerbeteiligung' });
	await expect(invitation).toContainText(/Die Beteiligung läuft bis/);
	await expectAccessibleWithoutJs(page, browser);

	await invitation.getByRole('link', { name: 'Jetzt mitreden' }).click();
	await expect(page).toHaveURL(/\/beteiligung\/musterstadt$/);
});
