import { readFile } from 'node:fs/promises';
import { expect, test } from './support/fixtures';
import { demoAgendaId, expectAccessible, logIn } from './support/helpers';

/**
 * The Beschlussvorlage preview: a member sees the draft with its warnings and downloads every
 * file from the page; a citizen is refused. Reads the demo agenda only, changes nothing.
 */
const FILES = [
	{ link: /Beschlussvorlage als Word/, name: /^Beschlussvorlage-.*\.docx$/, magic: 'PK' },
	{ link: /Beschlussvorlage als PDF/, name: /^Beschlussvorlage-.*\.pdf$/, magic: '%PDF-' },
	{
		link: /Anlage 1: Digitale Agenda als Word/,
		name: /^Anlage-1-Digitale-Agenda-.*\.docx$/,
		magic: 'PK'
	},
	{
		link: /Anlage 1: Digitale Agenda als PDF/,
		name: /^Anlage-1-Digitale-Agenda-.*\.pdf$/,
		magic: '%PDF-'
	},
	{
		link: /Anlage 3: Beteiligungsbericht als Word/,
		name: /^Beteiligungsbericht-.*\.docx$/,
		magic: 'PK'
	},
	{ link: /Anlage 2: Finanzplan als Word/, name: /^Anlage-2-Finanzplan-.*\.docx$/, magic: 'PK' },
	{ link: /Anlage 2: Finanzplan als PDF/, name: /^Anlage-2-Finanzplan-.*\.pdf$/, magic: '%PDF-' },
	{ link: /OParl-Datensatz/, name: /^Beschlussvorlage-.*\.oparl\.json$/, magic: '{' },
	{
		link: /Paket für das Ratsinformationssystem/,
		name: /^Paket-Beschlussvorlage-.*\.zip$/,
		magic: 'PK'
	},
	{ link: /^Gesamtdokument/, name: /^Gesamtdokument-Beschlussvorlage-.*\.pdf$/, magic: '%PDF-' }
];

test('a council member previews the Beschlussvorlage and downloads every file from it', async ({
	page
}) => {
	await logIn(page, 'rat@musterstadt.example');
	const id = await demoAgendaId(page);
	await page.goto(`/agenden/${id}`);
	await page.getByRole('link', { name: 'Beschlussvorlage' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Beschlussvorlage' })).toBeVisible();

	const preview = page.getByRole('region', { name: 'Vorschau der Beschlussvorlage' });
	for (const section of [
		'Beratungsfolge',
		'Beschlussvorschlag',
		'Sachverhalt',
		'Finanzielle Auswirkungen',
		'Anlagen'
	]) {
		await expect(preview.getByRole('heading', { name: section, exact: true })).toBeVisible();
	}
	const totalCost = preview.getByRole('term').filter({ hasText: /^Gesamtkosten$/ });
	await expect(totalCost).toBeVisible();
	await expect(totalCost.locator('+ dd')).toHaveText('800.000,00 €');
	// The demo has no Vorlage-Nr. yet: the page says so, and so does the document.
	await expect(page.getByTestId('resolution-warnings')).toContainText('Die Vorlage-Nr. fehlt.');
	await expect(preview.getByText('— fehlt —').first()).toBeVisible();
	await expectAccessible(page);

	for (const file of FILES) {
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: file.link }).click()
		]);
		expect(download.suggestedFilename()).toMatch(file.name);
		const path = await download.path();
		const bytes = await readFile(path);
		expect(bytes.length).toBeGreaterThan(100);
		expect(bytes.subarray(0, file.magic.length).toString('latin1')).toBe(file.magic);
	}

	// Printing shows the Vorlage alone.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByTestId('downloads')).toBeHidden();
	await expect(preview.getByRole('heading', { name: 'Beschlussvorschlag' })).toBeVisible();
});

test('the preview switches to a Fassung without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await logIn(page, 'rat@musterstadt.example');
	const id = await demoAgendaId(page);
	await page.goto(`/agenden/${id}/beschlussvorlage`);
	await page.getByLabel('Grundlage').selectOption('1');
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/\?fassung=1$/);
	await expect(page.getByText(/Fassung 1 „/).first()).toBeVisible();
	await expect(page.getByRole('link', { name: /Beschlussvorlage als PDF/ })).toHaveAttribute(
		'href',
		new RegExp(`/api/agendas/${id}/export/beschlussvorlage\\.pdf\\?fassung=1$`)
	);
	// And back to the live draft.
	await page.getByLabel('Grundlage').selectOption('');
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page.getByText(/Entwurf, Stand/).first()).toBeVisible();
	await context.close();
});

test('a citizen cannot open the preview of the draft', async ({ page }) => {
	await logIn(page, 'buerger@musterstadt.example');
	const id = await demoAgendaId(page);
	const response = await page.goto(`/agenden/${id}/beschlussvorlage`);
	expect(response?.status()).toBe(403);
	const download = await page.request.get(`/api/agendas/${id}/export/beschlussvorlage.pdf`);
	expect(download.status()).toBe(403);
});
