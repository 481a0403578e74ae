import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import {
	AFTER_REGISTRATION,
	PASSWORD,
	expectAccessible,
	expectAccessibleWithoutJs,
	fillLogin,
	logIn,
	registerAndLogIn,
	confirmAddressFromMail,
	typeBeforeHydration,
	uniqueEmail
} from './support/helpers';
import { copyAgenda, openTestParticipation } from '../support/participation';

/**
 * Citizen participation in the browser, on a participation of its own (a copy of the demo agenda
 * in the shared end-to-end database, so that no other spec sees or disturbs it).
 */
const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');
const slug = `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
let measure = { id: '', title: '' };
let goal = { id: '', title: '' };

test.beforeAll(async () => {
	await copyAgenda(databasePath, 'musterstadt', slug);
	const participation = await openTestParticipation(databasePath, { slug });
	const [firstMeasure] = participation.content.measures;
	const [firstGoal] = participation.content.goals;
	if (!firstMeasure || !firstGoal)
		throw new Error('Die Demo-Agenda hat keine Maßnahmen oder Ziele');
	measure = { id: firstMeasure.id, title: firstMeasure.title };
	goal = { id: firstGoal.id, title: firstGoal.title };
});

const overviewPath = () => `/beteiligung/${slug}`;
const measurePath = () => `${overviewPath()}/massnahmen/${measure.id}`;
const goalPath = () => `${overviewPath()}/ziele/${goal.id}`;

/** The comment (not its replies) whose text or placeholder contains `text`. */
const commentCard = (page: Page, text: string | RegExp) =>
	page.locator('article.comment__card', { hasText: text });

async function supportCount(page: Page): Promise<number> {
	const text = (await page.getByTestId('support-count').textContent()) ?? '';
	const match = /(\d+)/.exec(text);
	if (!match) throw new Error(`Keine Zahl in „${text}“`);
	return Number(match[1]);
}

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a new citizen registers from a measure page, comments, replies, supports, edits and deletes', async ({
		page,
		browser
	}) => {
		const displayName = 'Paula Plain';
		await page.goto(measurePath());
		await expect(page.getByRole('heading', { level: 1, name: measure.title })).toBeVisible();
		// Follow-up costs in proper German, not „für 3 Jahr(e)“.
		await expect(page.getByText(/jährlich ab 2031 für 3 Jahre$/)).toBeVisible();
		const thread = page.locator('#kommentare');
		await expect(thread).toContainText(
			'Zum Kommentieren melden Sie sich an oder registrieren Sie sich.'
		);
		await expect(page.locator('textarea')).toHaveCount(0);
		await expectAccessibleWithoutJs(page, browser);

		// Registration brings the new citizen back to the measure's comments.
		await thread.getByRole('link', { name: 'registrieren Sie sich' }).click();
		await expect(page).toHaveURL(/\/registrieren\?weiter=/);
		await registerAndLogIn(page, {
			displayName,
			email: uniqueEmail('ohne-js'),
			password: PASSWORD
		});
		await expect(page).toHaveURL(new RegExp(`${measurePath()}#kommentare$`));
		await expect(page.getByRole('link', { name: `Konto: ${displayName}` })).toBeVisible();

		// Comment.
		const body = page.getByLabel(`Kommentar zu „${measure.title}“`);
		await expect(body).toHaveAttribute('maxlength', '5000');
		await expect(
			page.locator('#kommentar-schreiben').getByText('Höchstens 5.000 Zeichen.')
		).toBeVisible();
		await body.fill('Bitte die Terminvergabe auch per Telefon anbieten. Mehr: www.example.org.');
		await page.getByRole('button', { name: 'Kommentar absenden' }).click();
		await expect(page.getByText('Vielen Dank! Ihr Kommentar ist veröffentlicht.')).toBeVisible();
		const own = commentCard(page, 'Bitte die Terminvergabe auch per Telefon');
		await expect(own).toContainText(displayName);
		await expect(own.getByRole('link', { name: 'www.example.org' })).toHaveAttribute(
			'href',
			'https://www.example.org'
		);

		// Reply, in a <details> that opens without script.
		await own.getByText('Antworten', { exact: true }).click();
		await own.getByLabel(`Ihre Antwort an ${displayName}`).fill('Und bitte auch samstags.');
		await own.getByRole('button', { name: 'Antwort absenden' }).click();
		await expect(page.getByText('Vielen Dank! Ihre Antwort ist veröffentlicht.')).toBeVisible();
		const reply = commentCard(page, 'Und bitte auch samstags.');
		await expect(reply).toBeVisible();
		await expect(
			page.locator('li.comment', { has: own }).locator('.comment-list--replies')
		).toContainText('Und bitte auch samstags.');

		// Support: the count goes up and the page says so.
		const before = await supportCount(page);
		await page.getByRole('button', { name: 'Maßnahme unterstützen' }).click();
		await expect(page.getByText('Sie unterstützen diese Maßnahme.').first()).toBeVisible();
		expect(await supportCount(page)).toBe(before + 1);
		await expect(page.getByRole('button', { name: 'Unterstützung zurücknehmen' })).toBeVisible();

		// Edit within the 15 minutes.
		const ownAgain = commentCard(page, 'Bitte die Terminvergabe auch per Telefon');
		await ownAgain.getByText(/^Bearbeiten \(bearbeitbar bis \d\d:\d\d Uhr\)$/).click();
		await ownAgain
			.getByLabel('Ihr Beitrag')
			.fill('Bitte die Terminvergabe weiterhin auch telefonisch anbieten.');
		await ownAgain.getByRole('button', { name: 'Änderung speichern' }).click();
		await expect(page.getByText('Ihre Änderung ist gespeichert.')).toBeVisible();
		const edited = commentCard(page, 'weiterhin auch telefonisch');
		await expect(edited).toContainText('bearbeitet');

		// Delete the reply: its place stays, its text goes.
		const replyAgain = commentCard(page, 'Und bitte auch samstags.');
		await replyAgain.getByText('Löschen', { exact: true }).click();
		await replyAgain.getByRole('button', { name: 'Beitrag endgültig löschen' }).click();
		await expect(page.getByText('Ihr Beitrag wurde gelöscht.')).toBeVisible();
		await expect(page.getByText('Und bitte auch samstags.')).toHaveCount(0);
		await expect(page.getByRole('article', { name: /^Gelöschter Beitrag/ })).toContainText(
			'Vom Verfasser gelöscht'
		);

		await expectAccessibleWithoutJs(page, browser);
	});
});

test.describe('with JavaScript', () => {
	test('commenting and replying update the thread without a full reload', async ({ page }) => {
		const displayName = 'Jana Skript';
		await page.goto(`/registrieren?weiter=${encodeURIComponent(goalPath())}`);
		await registerAndLogIn(page, { displayName, email: uniqueEmail('mit-js'), password: PASSWORD });
		await expect(page).toHaveURL(new RegExp(`${goalPath()}$`));
		await expect(page.getByRole('heading', { level: 1, name: goal.title })).toBeVisible();

		// A marker in `window` survives only if the page is never loaded again.
		await page.evaluate(() => {
			(window as unknown as { participationMarker: string }).participationMarker = 'noch da';
		});
		const marker = () =>
			page.evaluate(
				() => (window as unknown as { participationMarker?: string }).participationMarker
			);

		const body = page.getByLabel(`Kommentar zu „${goal.title}“`);
		await body.fill('Ein Kommentar ohne Neuladen.');
		await page.getByRole('button', { name: 'Kommentar absenden' }).click();
		await expect(commentCard(page, 'Ein Kommentar ohne Neuladen.')).toBeVisible();
		await expect(page.getByText('Vielen Dank! Ihr Kommentar ist veröffentlicht.')).toBeVisible();
		await expect(body).toHaveValue('');
		expect(await marker()).toBe('noch da');
		expect(new URL(page.url()).pathname).toBe(goalPath());

		// An empty text is refused in place, with the message at the field.
		await page.getByRole('button', { name: 'Kommentar absenden' }).click();
		await expect(body).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByText('Bitte schreiben Sie einen Text.')).toBeVisible();
		await expectAccessible(page);

		const own = commentCard(page, 'Ein Kommentar ohne Neuladen.');
		await own.getByText('Antworten', { exact: true }).click();
		await own.getByLabel(`Ihre Antwort an ${displayName}`).fill('Eine Antwort ohne Neuladen.');
		await own.getByRole('button', { name: 'Antwort absenden' }).click();
		await expect(commentCard(page, 'Eine Antwort ohne Neuladen.')).toBeVisible();
		// The reply form closed again after success.
		await expect(own.getByRole('button', { name: 'Antwort absenden' })).toBeHidden();
		expect(await marker()).toBe('noch da');
		await expectAccessible(page);
	});

	test('an anonymous reader loads no script at all, and the pages still work', async ({ page }) => {
		const scripts: string[] = [];
		page.on('request', (request) => {
			if (request.resourceType() === 'script') scripts.push(request.url());
		});
		await page.goto(overviewPath());
		await page.getByLabel('Ziel', { exact: true }).selectOption({ label: goal.title });
		await page.getByRole('button', { name: 'Maßnahmen filtern' }).click();
		await expect(page).toHaveURL(new RegExp(`ziel=${goal.id}`));
		await page.goto(measurePath());
		await expect(page.getByRole('heading', { level: 1, name: measure.title })).toBeVisible();
		expect(scripts).toEqual([]);
		await expectAccessible(page);
		// The log-in page, whose form is worth enhancing, brings the app.
		await page
			.locator('#kommentar-schreiben')
			.getByRole('link', { name: 'melden Sie sich an' })
			.click();
		await expect(page.getByRole('heading', { level: 1, name: 'Anmelden' })).toBeVisible();
		await expect.poll(() => scripts.length).toBeGreaterThan(0);
	});

	test('what a citizen types before the scripts have loaded is kept', async ({ page }) => {
		// A slow phone shows the server's form well before the app hydrates; hydration used to
		// reset every field to the server's value and the form was sent empty.
		const email = uniqueEmail('frueh');
		const registration = `/registrieren?weiter=${encodeURIComponent(measurePath())}`;
		await typeBeforeHydration(page, registration, async () => {
			await page.getByLabel('Anzeigename').fill('Frieda Früh');
			await page.getByLabel('E-Mail-Adresse').fill(email);
			await page.getByLabel('Passwort', { exact: true }).fill(PASSWORD);
		});
		await expect(page.getByLabel('Anzeigename')).toHaveValue('Frieda Früh');
		await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue(email);
		await expect(page.getByLabel('Passwort', { exact: true })).toHaveValue(PASSWORD);
		await page.getByRole('button', { name: 'Konto anlegen' }).click();
		await expect(page.getByText(AFTER_REGISTRATION)).toBeVisible();
		await fillLogin(page, email, PASSWORD);
		await expect(page).toHaveURL(new RegExp(`${measurePath()}$`));
		await confirmAddressFromMail(page, email);

		const text = `Vor dem Laden getippt (${Date.now().toString(36)}).`;
		const body = page.getByLabel(`Kommentar zu „${measure.title}“`);
		await typeBeforeHydration(page, measurePath(), () => body.fill(text));
		await expect(body).toHaveValue(text);
		await page.getByRole('button', { name: 'Kommentar absenden' }).click();
		await expect(commentCard(page, text)).toBeVisible();
	});

	test('a reply or report form opened before the scripts have loaded stays open, with its text', async ({
		page,
		browser
	}) => {
		// Hydration used to recompute each comment action's <details> from the last refusal and
		// close it under the visitor's hands, with what they had typed in it.
		const text = `Ein Kommentar zum Antworten und Melden (${Date.now().toString(36)}).`;
		await logIn(page, 'buerger@musterstadt.example');
		await page.goto(measurePath());
		await page.getByLabel(`Kommentar zu „${measure.title}“`).fill(text);
		await page.getByRole('button', { name: 'Kommentar absenden' }).click();
		const own = commentCard(page, text);
		await expect(own).toBeVisible();

		const replyText = 'Vor dem Laden geantwortet.';
		const replyField = own.getByLabel(/^Ihre Antwort an /);
		await typeBeforeHydration(page, measurePath(), async () => {
			await own.getByText('Antworten', { exact: true }).click();
			await replyField.fill(replyText);
		});
		await expect(replyField).toBeVisible();
		await expect(replyField).toHaveValue(replyText);
		await own.getByRole('button', { name: 'Antwort absenden' }).click();
		await expect(page.getByText('Vielen Dank! Ihre Antwort ist veröffentlicht.')).toBeVisible();
		await expect(
			page.locator('li.comment', { has: own }).locator('.comment-list--replies')
		).toContainText(replyText);
		await expect(own.getByRole('button', { name: 'Antwort absenden' })).toBeHidden();
		// A refusal keeps the form open at its message.
		await own.getByText('Antworten', { exact: true }).click();
		await own.getByRole('button', { name: 'Antwort absenden' }).click();
		await expect(own.getByText('Bitte schreiben Sie einen Text.')).toBeVisible();
		await expect(replyField).toHaveAttribute('aria-invalid', 'true');

		const reporterContext = await browser.newContext();
		try {
			const reporter = await reporterContext.newPage();
			await logIn(reporter, 'buerger2@musterstadt.example');
			const card = commentCard(reporter, text);
			const reason = card.getByLabel('Grund der Meldung');
			await typeBeforeHydration(reporter, measurePath(), async () => {
				await card.getByText('Melden', { exact: true }).click();
				await reason.fill('Vor dem Laden gemeldet.');
			});
			await expect(reason).toBeVisible();
			await expect(reason).toHaveValue('Vor dem Laden gemeldet.');
			await expectAccessible(reporter);
			await card.getByRole('button', { name: 'Meldung absenden' }).click();
			await expect(reporter.getByText('Danke für Ihre Meldung.')).toBeVisible();
			await expect(card.getByText('Von Ihnen gemeldet')).toBeVisible();
		} finally {
			await reporterContext.close();
		}
	});

	// Two tests, one per audience: a dozen axe runs in one would crowd the timeout on a busy machine.
	const publicPages = () => [
		overviewPath(),
		measurePath(),
		goalPath(),
		`${overviewPath()}/abschnitte/ausgangslage`,
		`${overviewPath()}/abschnitte/leitbild`
	];

	test('every public page passes axe for visitors', async ({ page }) => {
		for (const path of publicPages()) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expectAccessible(page);
		}

		// The filter is a GET form: the URL says what is shown.
		await page.goto(overviewPath());
		await page.getByLabel('Ziel', { exact: true }).selectOption({ label: goal.title });
		await page.getByRole('button', { name: 'Maßnahmen filtern' }).click();
		await expect(page).toHaveURL(new RegExp(`ziel=${goal.id}`));
		await expect(page.getByText(/^\d+ von \d+ Maßnahmen$/)).toBeVisible();
		await expectAccessible(page);
	});

	test('every public page passes axe for logged-in citizens', async ({ page }) => {
		await page.goto(`/registrieren?weiter=${encodeURIComponent(overviewPath())}`);
		await registerAndLogIn(page, {
			displayName: 'Axel Axe',
			email: uniqueEmail('axe'),
			password: PASSWORD
		});
		await expect(page).toHaveURL(new RegExp(`${overviewPath()}$`));
		for (const path of publicPages()) {
			await page.goto(path);
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await expectAccessible(page);
		}

		// A well-formed id the Fassung does not have (a malformed one is refused by the matcher).
		const response = await page.goto(`${overviewPath()}/massnahmen/aaaaaaaaaaaaaaaa`);
		expect(response?.status()).toBe(404);
		await expect(page.getByText('Diese Maßnahme gibt es in der Fassung nicht.')).toBeVisible();
		await expectAccessible(page);
	});
});
