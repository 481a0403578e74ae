import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { formatEuro, parseEuro } from '../../src/lib/agenda/model/money';
import { copyAgendaWithMembers, openTestParticipation } from '../support/participation';
import { expect, test } from './support/fixtures';
import { expectAccessible, logIn } from './support/helpers';

/**
 * Smaller points of the team's and the citizens' pages, each on a copy of the demo agenda of its
 * own: destructive actions ask first (a dialog with JavaScript, a step of its own without).
 */
const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');
const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
const OWNER = 'verwaltung@musterstadt.example';
const CITIZEN = 'buerger@musterstadt.example';
const MEMBER = 'Ratsmitglied Schulz';

async function ownAgenda(): Promise<{ agendaId: string; slug: string }> {
	const slug = `team-${unique()}`;
	return { agendaId: await copyAgendaWithMembers(databasePath, 'musterstadt', slug), slug };
}

/** Writes a comment on the measure page and returns its card. */
async function writeComment(page: Page, measureTitle: string, text: string): Promise<Locator> {
	await page.getByLabel(`Kommentar zu „${measureTitle}“`).fill(text);
	await page.getByRole('button', { name: 'Kommentar absenden' }).click();
	const card = page.locator('article.comment__card', { hasText: text });
	await expect(card).toBeVisible();
	return card;
}

test.describe('confirmation with JavaScript', () => {
	test('removing a member opens a dialog that the keyboard alone confirms or cancels', async ({
		page
	}) => {
		const { agendaId } = await ownAgenda();
		await logIn(page, OWNER);
		await page.goto(`/agenden/${agendaId}/mitglieder`);
		const row = page.getByRole('row').filter({ hasText: MEMBER });
		const remove = row.getByRole('button', { name: `Entfernen für ${MEMBER}` });

		await remove.focus();
		await page.keyboard.press('Enter');
		const dialog = page.getByRole('dialog', {
			name: `${MEMBER} wirklich aus dem Team entfernen?`
		});
		await expect(dialog).toBeVisible();
		await expect(dialog.getByRole('button', { name: 'Ja, entfernen' })).toBeFocused();
		await expectAccessible(page);

		// Escape closes it, the focus is back on the button, nothing happened.
		await page.keyboard.press('Escape');
		await expect(dialog).toBeHidden();
		await expect(remove).toBeFocused();
		await page.goto(`/agenden/${agendaId}/mitglieder`);
		await expect(row).toHaveCount(1);

		// "Abbrechen" does the same.
		await remove.focus();
		await page.keyboard.press('Enter');
		await expect(dialog).toBeVisible();
		await page.keyboard.press('Tab');
		await expect(dialog.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(dialog).toBeHidden();
		await expect(remove).toBeFocused();

		// Confirmed, the member is gone.
		await page.keyboard.press('Enter');
		await expect(dialog).toBeVisible();
		await page.keyboard.press('Enter');
		await expect(page.getByText('Das Mitglied wurde entfernt.')).toBeVisible();
		await expect(row).toHaveCount(0);
		await page.goto(`/agenden/${agendaId}/mitglieder`);
		await expect(row).toHaveCount(0);
		await expectAccessible(page);
	});

	test('a citizen on a phone confirms deleting their own comment in a dialog', async ({ page }) => {
		await page.setViewportSize({ width: 390, height: 844 });
		const { slug } = await ownAgenda();
		const measure = (await openTestParticipation(databasePath, { slug })).content.measures[0];
		if (!measure) throw new Error('keine Maßnahme');
		await logIn(page, CITIZEN);
		await page.goto(`/beteiligung/${slug}/massnahmen/${measure.id}`);
		const text = `Bitte mehr Bänke (${unique()}).`;
		const card = await writeComment(page, measure.title, text);

		const remove = card.getByRole('button', { name: 'Löschen', exact: true });
		await remove.focus();
		await page.keyboard.press('Enter');
		const dialog = page.getByRole('dialog', { name: 'Ihren Beitrag wirklich löschen?' });
		await expect(dialog).toBeVisible();
		await expectAccessible(page);
		await page.keyboard.press('Escape');
		await expect(remove).toBeFocused();
		await expect(card).toContainText(text);

		await page.keyboard.press('Enter');
		await expect(dialog.getByRole('button', { name: 'Beitrag endgültig löschen' })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page.getByText('Ihr Beitrag wurde gelöscht.')).toBeVisible();
		await expect(page.getByText(text)).toHaveCount(0);
		await expectAccessible(page);
	});
});

test.describe('confirmation without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('removing a member first shows a step that asks, then acts on "Ja, entfernen"', async ({
		page
	}) => {
		const { agendaId } = await ownAgenda();
		const membersPath = `/agenden/${agendaId}/mitglieder`;
		await logIn(page, OWNER);
		await page.goto(membersPath);
		const row = page.getByRole('row').filter({ hasText: MEMBER });
		await row.getByRole('button', { name: `Entfernen für ${MEMBER}` }).click();

		const question = page.getByRole('heading', {
			name: `${MEMBER} wirklich aus dem Team entfernen?`
		});
		await expect(question).toBeVisible();
		await expect(question).toBeFocused();
		await expect(page.getByText('Das Mitglied wurde entfernt.')).toHaveCount(0);

		// "Abbrechen" leads back, the member stays.
		await row.getByRole('link', { name: 'Abbrechen' }).click();
		await expect(question).toHaveCount(0);
		await expect(row).toHaveCount(1);

		await row.getByRole('button', { name: `Entfernen für ${MEMBER}` }).click();
		await row.getByRole('button', { name: 'Ja, entfernen' }).click();
		await expect(page.getByText('Das Mitglied wurde entfernt.')).toBeVisible();
		await expect(row).toHaveCount(0);
	});

	test('a citizen on a phone deletes their own comment through the step', async ({ page }) => {
		await page.setViewportSize({ width: 390, height: 844 });
		const { slug } = await ownAgenda();
		const measure = (await openTestParticipation(databasePath, { slug })).content.measures[0];
		if (!measure) throw new Error('keine Maßnahme');
		await logIn(page, CITIZEN);
		const measurePath = `/beteiligung/${slug}/massnahmen/${measure.id}`;
		await page.goto(measurePath);
		const text = `Ohne Skript geschrieben (${unique()}).`;
		const card = await writeComment(page, measure.title, text);

		await card.getByRole('button', { name: 'Löschen', exact: true }).click();
		const question = page.getByRole('heading', { name: 'Ihren Beitrag wirklich löschen?' });
		await expect(question).toBeVisible();
		await expect(question).toBeFocused();
		await expect(card).toContainText(text);

		await card.getByRole('button', { name: 'Beitrag endgültig löschen' }).click();
		await expect(page.getByText('Ihr Beitrag wurde gelöscht.')).toBeVisible();
		await expect(page.getByText(text)).toHaveCount(0);
	});
});

test.describe('layout', () => {
	test('at 1366 px every button on the members page keeps its text on one line inside it', async ({
		page
	}) => {
		await page.setViewportSize({ width: 1366, height: 768 });
		const { agendaId } = await ownAgenda();
		await logIn(page, OWNER);
		await page.goto(`/agenden/${agendaId}/mitglieder`);
		await expect(page.getByRole('button', { name: /^Rolle ändern/ }).first()).toBeVisible();
		const buttons = await page
			.getByRole('main')
			.locator('button:visible')
			.evaluateAll((elements) =>
				elements.map((button) => {
					const label = button.querySelector('.kern-label') ?? button;
					// One client rectangle per line that the label's text runs over.
					const range = document.createRange();
					range.selectNodeContents(label);
					return {
						text: label.textContent?.trim(),
						width: `${button.scrollWidth} of ${button.clientWidth}`,
						fits: button.scrollWidth <= button.clientWidth,
						lines: new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size
					};
				})
			);
		expect(buttons.length).toBeGreaterThan(4);
		for (const button of buttons) expect(button).toEqual({ ...button, fits: true, lines: 1 });
	});

	test('the Beschlussvorlage reflows at 320 px: only data tables scroll, in their own box', async ({
		page
	}) => {
		const { agendaId } = await ownAgenda();
		await logIn(page, OWNER);
		await page.setViewportSize({ width: 320, height: 640 });
		await page.goto(`/agenden/${agendaId}/beschlussvorlage`);
		await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
		const widths = await page.evaluate(() => ({
			page: document.documentElement.scrollWidth,
			viewport: window.innerWidth,
			wide: [...document.querySelectorAll<HTMLElement>('main *')]
				.filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
				.filter((element) => !element.closest('.kern-table-responsive'))
				.map(
					(element) =>
						`${element.tagName}.${element.className} ${Math.round(element.getBoundingClientRect().width)} ${getComputedStyle(element).minWidth}`
				)
				.slice(0, 10)
		}));
		expect(widths.wide).toEqual([]);
		expect(widths.page).toBeLessThanOrEqual(widths.viewport);
		await expectAccessible(page);
	});
});

test.describe('invitation link', () => {
	test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

	test('"Link kopieren" puts the new link on the clipboard and says so', async ({ page }) => {
		const { agendaId } = await ownAgenda();
		await logIn(page, OWNER);
		await page.goto(`/agenden/${agendaId}/mitglieder`);
		await page.getByRole('button', { name: 'Einladungslink erzeugen' }).click();
		const field = page.getByRole('textbox', { name: 'Einladungslink' });
		await expect(field).toHaveValue(/\/einladung\/[a-z2-7]{32}$/);
		await expect(field).toHaveAttribute('readonly', '');

		await page.getByRole('button', { name: 'Link kopieren' }).click();
		const confirmation = page.getByTestId('invitation-link-status');
		await expect(confirmation).toHaveText('Link kopiert');
		await expect(confirmation).toHaveAttribute('role', 'status');
		expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
			await field.inputValue()
		);
		await expectAccessible(page);
	});
});

test('a fixed grant above its cost line is kept but warned about at the field', async ({
	page
}) => {
	const { agendaId } = await ownAgenda();
	await logIn(page, 'ag1@musterstadt.example');
	await page.goto(`/agenden/${agendaId}/bearbeiten`);
	await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
	const amount = page.locator('[id^="costLines-"][id$="-amountCents"]').first();
	const amountId = (await amount.getAttribute('id')) ?? '';
	const funding = page.locator(`#${amountId.replace(/-amountCents$/, '-fundingCents')}`);
	const amountCents = parseEuro(await amount.inputValue());
	if (amountCents === null) throw new Error('kein Betrag');

	await funding.fill(formatEuro(amountCents + 100_00).replace(/\s*€$/, ''));
	await funding.press('Enter');
	const fundingId = (await funding.getAttribute('id')) ?? '';
	const warning = page.locator(`#${fundingId}-warning`);
	await expect(warning).toHaveText(
		`Der feste Förderbetrag ist höher als der Betrag dieser Kostenposition: Gerechnet wird nur mit ${formatEuro(amountCents)}.`
	);
	await expect(funding).toHaveAttribute('aria-describedby', new RegExp(`${fundingId}-warning`));
	await expect(funding).not.toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page);

	await funding.fill(formatEuro(amountCents).replace(/\s*€$/, ''));
	await funding.press('Enter');
	await expect(warning).toHaveCount(0);
});
