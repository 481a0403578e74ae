import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { MONITORING_COLUMNS } from '../../src/lib/monitoring/format';
import { copyAgendaWithMembers } from '../support/participation';
import { resolveAgenda } from '../support/monitoring';
import { expect, test } from './support/fixtures';
import { expectAccessible, logIn } from './support/helpers';

/**
 * The monitoring import in the browser, keyboard only, on a copy of the demo agenda resolved by
 * the council: the owner chooses a CSV file, the dry run lists every row's result, the import
 * writes the accepted rows, and the pages pass axe on the way.
 */
const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');
const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** Presses a button or follows a link from the keyboard. */
async function press(target: Locator, key = 'Enter'): Promise<void> {
	await target.focus();
	await target.press(key);
}

test('choose a file, see the dry run, import the accepted rows', async ({ page }) => {
	const slug = `import-${unique()}`;
	await copyAgendaWithMembers(databasePath, 'musterstadt', slug);
	const monitoring = await resolveAgenda(databasePath, slug);
	const [first, second] = monitoring.plan.measures;
	if (!first || !second) throw new Error('Maßnahmen fehlen');
	const row = (id: string, progress: string) =>
		`sachstand;massnahme;${id};;31.03.2027;in-arbeit;;${progress};Die Vergabe läuft.;;;;;;;`;
	const csv = [
		MONITORING_COLUMNS.join(';'),
		row(first.id, '30'),
		row(second.id, '130') // more than 100 %: listed with its error, not imported
	].join('\r\n');

	await logIn(page, 'verwaltung@musterstadt.example');
	await page.goto(`/agenden/${monitoring.agendaId}/umsetzung`);
	await press(page.getByRole('link', { name: 'CSV oder XLSX importieren (mit Probelauf)' }));
	await expect(
		page.getByRole('heading', { level: 1, name: 'Umsetzungsdaten importieren' })
	).toBeVisible();
	await expectAccessible(page);

	// The file input opens the chooser from the keyboard.
	const chooser = page.waitForEvent('filechooser');
	await press(page.getByLabel('CSV- oder XLSX-Datei'), 'Space');
	await (
		await chooser
	).setFiles({
		name: 'umsetzung.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(csv, 'utf-8')
	});
	await press(page.getByRole('button', { name: 'Datei prüfen' }));

	await expect(page.getByTestId('import-summary')).toHaveText(
		'1 neu, 0 übersprungen, 1 mit Fehler.'
	);
	const rows = page.getByTestId('import-rows').locator('tbody tr');
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0)).toHaveAttribute('data-outcome', 'new');
	await expect(rows.nth(1)).toHaveAttribute('data-outcome', 'error');
	await expectAccessible(page);

	await press(page.getByRole('button', { name: 'Import ausführen' }));
	await expect(page.getByText('1 Angaben importiert und zur Freigabe eingereicht.')).toBeVisible();
	await expectAccessible(page);
	await page.goto(`/agenden/${monitoring.agendaId}/umsetzung`);
	const measureRow = page
		.getByTestId('measures')
		.getByRole('row', { name: new RegExp(first.title) });
	// Imported as submitted: one fact waits for the owner's approval.
	await expect(measureRow.getByRole('cell').last()).toHaveText('1');
});
