import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type Page, type Route } from '@playwright/test';
import { watchForErrors } from './fixtures';
import { linkInMail } from './outbox';

export const DEMO_PASSWORD = 'demo-agendawerk';
export const PASSWORD = 'ein-langes-passwort';

/** An address no other test (nor an earlier run against the same server) uses. */
export function uniqueEmail(prefix: string): string {
	const random = Math.random().toString(36).slice(2, 8);
	return `${prefix}-${Date.now().toString(36)}-${random}@example.org`;
}

/**
 * Runs axe on the page as it is now and fails on serious or critical violations of WCAG 2.1 A/AA.
 * The message lists rule, impact and the offending elements, to be fixable from the report alone.
 */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const severe = results.violations.filter(
		(violation) => violation.impact === 'serious' || violation.impact === 'critical'
	);
	const report = severe.map(
		(violation) =>
			`${violation.id} (${violation.impact}): ${violation.help}\n` +
			violation.nodes.map((node) => `  ${node.target.join(' ')}: ${node.failureSummary}`).join('\n')
	);
	expect(report, `axe on ${page.url()}`).toEqual([]);
}

/**
 * axe runs as a script in the page, so it cannot run where JavaScript is off: this opens the same
 * address with the same cookies in a scripted twin context and checks the server-rendered page.
 */
export async function expectAccessibleWithoutJs(page: Page, browser: Browser): Promise<void> {
	const twin = await browser.newContext({
		storageState: await page.context().storageState(),
		javaScriptEnabled: true
	});
	const errors = watchForErrors(twin);
	try {
		const twinPage = await twin.newPage();
		await twinPage.goto(page.url());
		await expect(twinPage.locator('html')).toHaveAttribute(
			'lang',
			(await page.locator('html').getAttribute('lang')) ?? ''
		);
		await expectAccessible(twinPage);
		expect(errors(), 'script or console errors in the twin').toEqual([]);
	} finally {
		await twin.close();
	}
}

/** Fills and sends the registration form on the current page (/registrieren). */
export async function fillRegistration(
	page: Page,
	account: { displayName: string; email: string; password: string }
): Promise<void> {
	await page.getByLabel('Anzeigename').fill(account.displayName);
	await page.getByLabel('E-Mail-Adresse').fill(account.email);
	await page.getByLabel('Passwort', { exact: true }).fill(account.password);
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
}

/** What the log-in page says after every registration, new address or not. */
export const AFTER_REGISTRATION =
	'Wenn diese E-Mail-Adresse noch kein Konto hatte, ist es jetzt angelegt. Bitte sehen Sie in Ihr Postfach: Mit dem Link in unserer Mail bestätigen Sie Ihre Adresse. Anmelden können Sie sich schon jetzt.';

/**
 * Registers on the current page (/registrieren), then logs in on the log-in page that follows
 * (registration opens no session), which sends the person on to the page's `weiter` target, and
 * confirms the address from the mail's link, back on that target.
 */
export async function registerAndLogIn(
	page: Page,
	account: { displayName: string; email: string; password: string }
): Promise<void> {
	await fillRegistration(page, account);
	await expect(page.getByText(AFTER_REGISTRATION)).toBeVisible();
	await fillLogin(page, account.email, account.password);
	// Signed in and on the target (with JavaScript the log-in navigates without a page load).
	await expect(page.getByRole('link', { name: /^Konto: / })).toBeVisible();
	await confirmAddressFromMail(page, account.email);
}

/**
 * Confirms the address as its owner does: opens the link of the confirmation mail, presses the
 * button, and comes back to the page the test was on.
 */
export async function confirmAddressFromMail(page: Page, email: string): Promise<void> {
	const back = page.url();
	await page.goto(linkInMail(email, 'address-confirm', '/adresse-bestaetigen/'));
	await page.getByRole('button', { name: 'Adresse bestätigen' }).click();
	await expect(page.getByText(/ist bestätigt/)).toBeVisible();
	await page.goto(back);
}

/** Fills and sends the log-in form on the current page (/anmelden). */
export async function fillLogin(page: Page, email: string, password: string): Promise<void> {
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Passwort', { exact: true }).fill(password);
	await page.getByRole('main').getByRole('button', { name: 'Anmelden' }).click();
}

/** Logs in through the form and waits until the header shows the account. */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/anmelden');
	await fillLogin(page, email, password);
	await expect(page.getByRole('link', { name: /^Konto: / })).toBeVisible();
}

/** The id of the Musterstadt demo agenda, read from the start page's link. */
export async function demoAgendaId(page: Page): Promise<string> {
	await page.goto('/');
	const href = await page
		.getByRole('link', { name: 'Digitale Agenda Musterstadt 2026–2030' })
		.getAttribute('href');
	const id = /agenden\/([a-z2-7]{16})$/.exec(href ?? '')?.[1];
	if (!id) throw new Error(`Kein Link zur Demo-Agenda: ${href}`);
	return id;
}

/** Waits until the page's app has hydrated: Kit adds its route announcer then. */
export async function hydrated(page: Page): Promise<void> {
	await expect(page.locator('#svelte-announcer')).toBeAttached();
}

/**
 * Opens `path` with the app's scripts held back, runs `typeAhead` on the server-rendered page (as
 * a visitor on a slow phone does), then lets the scripts in and waits until the page has hydrated.
 */
export async function typeBeforeHydration(
	page: Page,
	path: string,
	typeAhead: () => Promise<void>
): Promise<void> {
	let release = () => {};
	const released = new Promise<void>((resolve) => (release = resolve));
	const isAppScript = (url: URL) =>
		url.pathname.startsWith('/_app/immutable/') && url.pathname.endsWith('.js');
	const hold = async (route: Route) => {
		await released;
		await route.continue();
	};
	await page.route(isAppScript, hold);
	await page.goto(path, { waitUntil: 'domcontentloaded' });
	await typeAhead();
	release();
	await hydrated(page);
	await page.unroute(isAppScript, hold);
}
