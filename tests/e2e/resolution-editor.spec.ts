import { join } from 'node:path';
import type { Browser, Locator, Page } from '@playwright/test';
import { formatEuro, parseEuro } from '../../src/lib/agenda/model/money';
import { copyAgendaWithMembers } from '../support/participation';
import { expect, test, watchForErrors } from './support/fixtures';
import { expectAccessible, logIn } from './support/helpers';

/**
 * The Beschlussvorlage section of the live editor: the owner fills it in, an editor follows it
 * live but read-only. Each test works on its own copy of the demo, so no other spec sees a change.
 */
const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');
const OWNER = 'verwaltung@musterstadt.example';
const EDITOR = 'ag1@musterstadt.example';
const OWNERS_ONLY = 'Nur die Federführung der Agenda bearbeitet die Beschlussvorlage.';
const DATE_ERROR = /Bitte geben Sie ein vollständiges, gültiges Datum/;
const AMOUNT_ERROR = 'Bitte geben Sie einen Betrag in Euro ein, z. B. 1.234,56.';

async function copyDemo(prefix: string): Promise<string> {
	return await copyAgendaWithMembers(
		databasePath,
		'musterstadt',
		`${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
	);
}

async function openResolution(page: Page, agendaId: string) {
	await page.goto(`/agenden/${agendaId}/bearbeiten`);
	await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
	await page
		.getByRole('navigation', { name: 'Teile der Agenda' })
		.getByRole('button', { name: 'Beschlussvorlage' })
		.click();
	await expect(page.getByRole('heading', { level: 2, name: 'Beschlussvorlage' })).toBeVisible();
}

/** A second person in their own browser context, on the Beschlussvorlage section. */
async function openResolutionAs(browser: Browser, email: string, agendaId: string) {
	const context = await browser.newContext();
	const errors = watchForErrors(context);
	const page = await context.newPage();
	await logIn(page, email);
	await openResolution(page, agendaId);
	return { page, context, errors };
}

/** Adds a Beratungsfolge entry and returns the prefix of its fields' ids. */
async function addConsultation(page: Page): Promise<string> {
	const bodies = page.locator('[id^="consultations-"][id$="-body"]');
	const before = await bodies.count();
	await page.getByRole('button', { name: 'Beratung hinzufügen' }).click();
	await expect(bodies).toHaveCount(before + 1);
	const body = bodies.nth(before);
	// The new entry's first field has the focus, ready to type.
	await expect(body).toBeFocused();
	return ((await body.getAttribute('id')) ?? '').replace(/-body$/, '');
}

/** Adds a Deckungsvorschlag line and returns the prefix of its fields' ids. */
async function addCoverageLine(page: Page): Promise<string> {
	const amounts = page.locator('[id^="coverageLines-"][id$="-amountCents"]');
	const before = await amounts.count();
	await page.getByRole('button', { name: 'Deckungszeile hinzufügen' }).click();
	await expect(amounts).toHaveCount(before + 1);
	return ((await amounts.nth(before).getAttribute('id')) ?? '').replace(/-amountCents$/, '');
}

function group(page: Page, legend: string): Locator {
	return page.getByRole('group', { name: legend });
}

/** Mehrbedarf = own share − planned means (never below 0), as the page should show it. */
async function expectedNeed(page: Page, plannedCents: number): Promise<string> {
	const ownShare = parseEuro((await page.getByTestId('resolution-own-share').textContent()) ?? '');
	expect(ownShare, 'own share shown as an amount').not.toBeNull();
	return formatEuro(Math.max(0, (ownShare ?? 0) - plannedCents));
}

test('the owner fills in the Beschlussvorlage; an editor follows live, read-only', async ({
	page,
	browser
}) => {
	test.setTimeout(90_000);
	const agendaId = await copyDemo('vorlage');
	await logIn(page, OWNER);
	await openResolution(page, agendaId);
	await expect(page.getByText(OWNERS_ONLY)).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Vorschau und Downloads' })).toHaveAttribute(
		'href',
		`/agenden/${agendaId}/beschlussvorlage`
	);
	// Nothing planned yet: the Mehrbedarf is unknown.
	await expect(page.getByTestId('resolution-additional-need')).toContainText('—');
	await expectAccessible(page);

	// The editor watches from the start, so every change below has to arrive live.
	const other = await openResolutionAs(browser, EDITOR, agendaId);
	let first: string;
	let second: string;
	let proposalText: string;
	let line: string;
	let uncovered: string;
	try {
		// Kopfdaten
		await page.getByLabel('Vorlage-Nr.').fill('2026/0123');
		const date = page.getByLabel('Datum', { exact: true });
		await date.fill('2026-03-31');
		await date.blur();
		await page.getByLabel('Einreicher').fill('Der Bürgermeister, Stabsstelle Digitalisierung');
		await page.getByLabel('Federführung').fill('Amt für Digitalisierung');
		await group(page, 'Öffentlichkeit').getByRole('radio', { name: 'nicht öffentlich' }).check();

		// Beratungsfolge: two more entries, the second one deciding.
		first = await addConsultation(page);
		await page.keyboard.type('Ortsbeirat Mitte');
		await page.locator(`#${first}-date`).fill('2026-04-14');
		await page.locator(`#${first}-date`).blur();
		await page.locator(`#${first}-role`).selectOption({ label: 'Vorberatung' });
		await page.locator(`#${first}-result`).selectOption({ label: 'empfohlen' });
		await page.locator(`#${first}-votum`).fill('einstimmig empfohlen');
		await page.locator(`#${first}-time`).fill('18:30');
		await page.locator(`#${first}-time`).blur();
		await page.locator(`#${first}-agendaItem`).fill('Ö 7.2');
		second = await addConsultation(page);
		await page.keyboard.type('Stadtvertretung (Sondersitzung)');
		await page.locator(`#${second}-date`).fill('2026-05-07');
		await page.locator(`#${second}-date`).blur();
		await page.locator(`#${second}-role`).selectOption({ label: 'Entscheidung' });
		await expect(page.getByRole('heading', { name: 'Ortsbeirat Mitte' })).toBeVisible();

		// Beschlussvorschlag: the default applies while the field is empty, and can be taken over.
		const proposal = page.locator('#resolution-proposal');
		await expect(proposal).toHaveValue('');
		await expect(
			page.getByText(/^Solange das Feld leer ist, gilt: Das Beschlussgremium/)
		).toBeVisible();
		await page.getByRole('button', { name: 'Standardtext übernehmen' }).click();
		await expect(proposal).toHaveValue(/^Das Beschlussgremium beschließt die „Digitale Agenda/);
		await expect(proposal).toBeFocused();
		await expect(page.getByRole('button', { name: 'Standardtext übernehmen' })).toHaveCount(0);
		await page.keyboard.type(' Die Verwaltung berichtet jährlich über die Umsetzung.');
		proposalText = await proposal.inputValue();
		expect(proposalText).toMatch(/\(Anlage 1\)\. Die Verwaltung berichtet jährlich/);

		// Sachverhalt
		const facts = page.locator('#resolution-facts .ProseMirror');
		await facts.click();
		await facts.press('Control+End');
		await facts.pressSequentially(' Ergänzt vom Test.');
		await expect(facts).toContainText('Ergänzt vom Test.');

		// Finanzielle Auswirkungen
		await group(page, 'Mittel bereits geplant').getByRole('radio', { name: 'Ja' }).check();
		const planned = page.getByLabel('Höhe der geplanten Mittel');
		await planned.fill('10.000,00');
		await planned.press('Enter');
		const need = await expectedNeed(page, 1_000_000);
		await expect(page.getByTestId('resolution-additional-need')).toHaveText(need);
		// Deckungsvorschlag: a line with Betrag, Kostenträger, Konto and Bezeichnung.
		line = await addCoverageLine(page);
		const lineAmount = page.locator(`#${line}-amountCents`);
		await lineAmount.fill('6.000,00');
		await lineAmount.press('Enter');
		await page.locator(`#${line}-costUnit`).fill('1.1.1.01 Digitalisierung');
		await page.locator(`#${line}-account`).fill('5431000');
		await page.locator(`#${line}-label`).fill('Sachkosten Digitalisierung');
		await expect(page.getByTestId('resolution-covered')).toHaveText(formatEuro(600_000));
		uncovered = formatEuro((parseEuro(need) ?? 0) - 600_000);
		await expect(page.getByTestId('resolution-uncovered')).toHaveText(uncovered);
		await expectAccessible(page);

		// The editor sees all of it within seconds, read-only.
		const them = other.page;
		await expect(them.getByText(OWNERS_ONLY)).toBeVisible();
		await expect(them.getByLabel('Vorlage-Nr.')).toHaveValue('2026/0123');
		await expect(them.getByLabel('Datum', { exact: true })).toHaveValue('2026-03-31');
		await expect(them.getByLabel('Federführung')).toHaveValue('Amt für Digitalisierung');
		await expect(
			group(them, 'Öffentlichkeit').getByRole('radio', { name: 'nicht öffentlich' })
		).toBeChecked();
		await expect(them.locator(`#${first}-votum`)).toHaveValue('einstimmig empfohlen');
		await expect(them.locator(`#${second}-role`)).toHaveValue('entscheidung');
		await expect(them.locator(`#${second}-date`)).toHaveValue('2026-05-07');
		await expect(them.locator('#resolution-proposal')).toHaveValue(proposalText);
		await expect(them.locator('#resolution-facts .ProseMirror')).toContainText('Ergänzt vom Test.');
		await expect(
			group(them, 'Mittel bereits geplant').getByRole('radio', { name: 'Ja' })
		).toBeChecked();
		await expect(them.getByLabel('Höhe der geplanten Mittel')).toHaveValue('10.000,00');
		await expect(them.getByTestId('resolution-additional-need')).toHaveText(need);
		await expect(them.locator(`#${line}-account`)).toHaveValue('5431000');
		await expect(them.getByTestId('resolution-uncovered')).toHaveText(uncovered);
		// Presence: the owner works on the Beschlussvorlage.
		await expect(them.getByRole('list', { name: 'Hier gerade aktiv' }).first()).toContainText(
			'Stabsstelle Digitalisierung'
		);

		// Nothing there lets the editor change the data.
		for (const field of [
			them.getByLabel('Vorlage-Nr.'),
			them.getByLabel('Datum', { exact: true }),
			them.locator('#resolution-proposal'),
			them.locator(`#${first}-body`),
			them.locator('#resolution-facts .ProseMirror'),
			them.getByLabel('Höhe der geplanten Mittel'),
			them.locator(`#${line}-amountCents`)
		]) {
			await expect(field).not.toBeEditable();
		}
		await expect(them.locator(`#${second}-role`)).toBeDisabled();
		await expect(
			group(them, 'Mittel bereits geplant').getByRole('radio', { name: 'Nein' })
		).toBeDisabled();
		await expect(them.getByRole('button', { name: 'Beratung hinzufügen' })).toHaveCount(0);
		await expect(them.getByRole('button', { name: /entfernen$/ })).toHaveCount(0);
		await expect(them.getByRole('button', { name: /nach oben|nach unten/ })).toHaveCount(0);
		const reference = them.getByLabel('Vorlage-Nr.');
		await reference.click();
		await them.keyboard.type('XYZ');
		await expect(reference).toHaveValue('2026/0123');
		const theirFacts = them.locator('#resolution-facts .ProseMirror');
		await theirFacts.click();
		await them.keyboard.type('XYZ');
		await expect(theirFacts).not.toContainText('XYZ');
		await expectAccessible(them);
		expect(other.errors()).toEqual([]);
	} finally {
		await other.context.close();
	}

	// After a reload, everything is still there.
	await page.reload();
	await openResolution(page, agendaId);
	await expect(page.getByLabel('Vorlage-Nr.')).toHaveValue('2026/0123');
	await expect(page.getByLabel('Datum', { exact: true })).toHaveValue('2026-03-31');
	await expect(page.getByLabel('Einreicher')).toHaveValue(
		'Der Bürgermeister, Stabsstelle Digitalisierung'
	);
	await expect(page.getByLabel('Federführung')).toHaveValue('Amt für Digitalisierung');
	await expect(
		group(page, 'Öffentlichkeit').getByRole('radio', { name: 'nicht öffentlich' })
	).toBeChecked();
	await expect(page.locator(`#${first}-body`)).toHaveValue('Ortsbeirat Mitte');
	await expect(page.locator(`#${first}-date`)).toHaveValue('2026-04-14');
	await expect(page.locator(`#${first}-result`)).toHaveValue('empfohlen');
	await expect(page.locator(`#${first}-votum`)).toHaveValue('einstimmig empfohlen');
	await expect(page.locator(`#${first}-time`)).toHaveValue('18:30');
	await expect(page.locator(`#${first}-agendaItem`)).toHaveValue('Ö 7.2');
	await expect(page.locator(`#${second}-body`)).toHaveValue('Stadtvertretung (Sondersitzung)');
	await expect(page.locator(`#${second}-role`)).toHaveValue('entscheidung');
	await expect(page.locator('#resolution-proposal')).toHaveValue(proposalText);
	await expect(page.locator('#resolution-facts .ProseMirror')).toContainText('Ergänzt vom Test.');
	await expect(
		group(page, 'Mittel bereits geplant').getByRole('radio', { name: 'Ja' })
	).toBeChecked();
	await expect(page.getByLabel('Höhe der geplanten Mittel')).toHaveValue('10.000,00');
	await expect(page.locator(`#${line}-amountCents`)).toHaveValue('6.000,00');
	await expect(page.locator(`#${line}-costUnit`)).toHaveValue('1.1.1.01 Digitalisierung');
	await expect(page.locator(`#${line}-account`)).toHaveValue('5431000');
	await expect(page.locator(`#${line}-label`)).toHaveValue('Sachkosten Digitalisierung');
	await expect(page.getByTestId('resolution-uncovered')).toHaveText(uncovered);
	await expect(page.getByTestId('resolution-additional-need')).toHaveText(
		await expectedNeed(page, 1_000_000)
	);
});

test('an invalid date or amount gets a German error and changes nothing', async ({
	page,
	browser
}) => {
	const agendaId = await copyDemo('vorlage-fehler');
	await logIn(page, OWNER);
	await openResolution(page, agendaId);

	const date = page.getByLabel('Datum', { exact: true });
	await date.fill('2026-03-31');
	await date.blur();
	const planned = page.getByLabel('Höhe der geplanten Mittel');
	await planned.fill('2.500,50');
	await planned.press('Enter');
	await expect(planned).toHaveValue('2.500,50');

	// A date without its year: the browser cannot read it, and the field says so (whichever part
	// of the emptied field has the caret, four digits leave at least one part empty).
	await date.fill('');
	await date.pressSequentially('3103');
	await date.press('Enter');
	const dateError = page.locator('#resolution-date-error');
	await expect(dateError).toHaveText(DATE_ERROR);
	await expect(date).toHaveAttribute('aria-invalid', 'true');
	await expect(date).toHaveAttribute('aria-describedby', /resolution-date-error/);
	// A year outside the agenda's range is refused too, here in the Beratungsfolge.
	const meetingDate = page.locator('[id^="consultations-"][id$="-date"]').first();
	const meetingDateId = (await meetingDate.getAttribute('id')) ?? '';
	await meetingDate.fill('1999-12-31');
	await meetingDate.blur();
	await expect(page.locator(`#${meetingDateId}-error`)).toHaveText(DATE_ERROR);

	await planned.fill('zehntausend');
	await planned.press('Enter');
	const amountError = page.locator('#resolution-planned-means-error');
	await expect(amountError).toHaveText(AMOUNT_ERROR);
	await expect(planned).toHaveAttribute('aria-describedby', /resolution-planned-means-error/);
	await planned.fill('1.234,567');
	await planned.press('Enter');
	await expect(amountError).toHaveText(AMOUNT_ERROR);
	// Leaving the field keeps what was typed beside its error, to be corrected, not retyped.
	await planned.blur();
	await expect(planned).toHaveValue('1.234,567');
	await expect(amountError).toHaveText(AMOUNT_ERROR);
	await planned.focus();
	await expect(planned).toHaveValue('1.234,567');
	await expectAccessible(page);

	// Nothing changed, for anyone: another person sees the values from before.
	const other = await openResolutionAs(browser, EDITOR, agendaId);
	try {
		await expect(other.page.getByLabel('Datum', { exact: true })).toHaveValue('2026-03-31');
		await expect(other.page.getByLabel('Höhe der geplanten Mittel')).toHaveValue('2.500,50');
		await expect(other.page.locator(`#${meetingDateId}`)).toHaveValue('');
		expect(other.errors()).toEqual([]);
	} finally {
		await other.context.close();
	}

	// A valid value clears the error; an emptied amount counts as "not known".
	await date.fill('2026-04-01');
	await date.blur();
	await expect(dateError).toHaveCount(0);
	await planned.fill('');
	await planned.press('Enter');
	await expect(amountError).toHaveCount(0);
	await page.reload();
	await openResolution(page, agendaId);
	await expect(page.getByLabel('Datum', { exact: true })).toHaveValue('2026-04-01');
	await expect(page.getByLabel('Höhe der geplanten Mittel')).toHaveValue('');
});
