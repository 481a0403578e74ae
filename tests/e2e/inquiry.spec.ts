import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { agendas } from '../../src/lib/server/db/schema';
import { withDatabase } from '../support/database';
import { expect, test } from './support/fixtures';
import { expectAccessible, logIn } from './support/helpers';

/**
 * Answering an Anfrage in the browser, keyboard only, on the decided Beispielhausen demo: the
 * clerk enters an Anfrage, pastes its questions, sees the split, links a question to a measure,
 * edits the drafted answer and finds the downloads.
 */
const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');

async function type(field: Locator, text: string): Promise<void> {
	await field.focus();
	await field.press('ControlOrMeta+a');
	await field.press('Backspace');
	await field.pressSequentially(text);
}

async function press(target: Locator, key = 'Enter'): Promise<void> {
	await target.focus();
	await target.press(key);
}

test('an Anfrage: create, paste questions, link, edit the answer, download', async ({ page }) => {
	const agendaId = await withDatabase(
		databasePath,
		(db) => db.select().from(agendas).where(eq(agendas.slug, 'beispielhausen')).get()?.id ?? ''
	);
	const title = `Stand der Digitalisierung ${Date.now().toString(36)}`;

	await logIn(page, 'verwaltung@beispielhausen.example');
	await page.goto(`/agenden/${agendaId}/umsetzung`);
	await press(page.getByRole('link', { name: 'Anfragen beantworten' }));
	await press(page.getByRole('link', { name: 'Neue Anfrage erfassen' }));
	await type(page.getByLabel('Betreff'), title);
	await type(page.getByLabel('Drucksache-Nr. der Anfrage'), 'AF/2026/099');
	await press(page.getByRole('button', { name: 'Anfrage anlegen' }));
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expectAccessible(page);

	await type(
		page.getByLabel('Text der Anfrage einfügen'),
		'1. Wie steht es um das Onlinezugangsgesetz?\n2. Was kostet die eAkte?'
	);
	await press(page.getByRole('button', { name: 'Aufteilung ansehen' }));
	await expect(page.getByTestId('paste-preview').getByRole('listitem')).toHaveCount(2);
	await press(page.getByRole('button', { name: 'Diese Fragen hinzufügen' }));
	await expect(page.getByTestId('question')).toHaveCount(2);

	const first = page.getByTestId('question').first();
	await expect(first.getByLabel('Zu 1.: Antwort')).toHaveValue('[Antwort ergänzen]');
	await press(first.getByLabel('Online-Dienste nach dem Onlinezugangsgesetz'), 'Space');
	await press(first.getByRole('button', { name: 'Frage speichern' }));
	const linked = page.getByTestId('question').first();
	await expect(linked.getByLabel('Zu 1.: Antwort')).toHaveValue(
		/Maßnahme „Online-Dienste nach dem Onlinezugangsgesetz“/
	);

	await type(linked.getByLabel('Zu 1.: Antwort'), 'Zwölf Leistungen sind online.');
	await press(linked.getByRole('button', { name: 'Frage speichern' }));
	await expect(page.getByTestId('question').first().getByLabel('Zu 1.: Antwort')).toHaveValue(
		'Zwölf Leistungen sind online.'
	);
	await expect(page.getByText('Bearbeitete Antwort.')).toBeVisible();

	const downloads = page.getByTestId('downloads');
	await expect(downloads.getByRole('link', { name: 'PDF' })).toHaveAttribute(
		'href',
		/\/anfragen\/[a-z2-7]{16}\/antwort\.pdf$/
	);
	await expect(downloads.getByRole('link', { name: 'Word' })).toHaveAttribute(
		'href',
		/antwort\.docx$/
	);
	await expectAccessible(page);
});
