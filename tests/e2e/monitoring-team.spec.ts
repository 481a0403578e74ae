import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { freezeVersion } from '../../src/lib/server/participation/versions';
import { withDatabase } from '../support/database';
import { copyAgendaWithMembers } from '../support/participation';
import { expect, test } from './support/fixtures';
import { expectAccessible, logIn } from './support/helpers';

/**
 * The monitoring cycle in the browser, keyboard only, on a copy of the demo agenda with a Fassung
 * of its own: the owner records the council's decision, an editor writes and submits a Sachstand,
 * the owner returns it with a remark, the editor changes and submits it again, the owner approves
 * it, and the progress shows.
 */
const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');
const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** Types into a field the way a keyboard user does: focus it, clear it, type. */
async function type(field: Locator, text: string): Promise<void> {
	await field.focus();
	await field.press('ControlOrMeta+a');
	await field.press('Backspace');
	await field.pressSequentially(text);
}

/** Presses a button or follows a link from the keyboard. */
async function press(target: Locator, key = 'Enter'): Promise<void> {
	await target.focus();
	await target.press(key);
}

async function openItem(page: Page, agendaId: string, title: string): Promise<void> {
	await page.goto(`/agenden/${agendaId}/umsetzung`);
	await press(page.getByTestId('measures').getByRole('link', { name: title }));
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
}

test('decision, Sachstand returned, changed, approved: the progress shows', async ({
	page,
	browser
}) => {
	const slug = `monitor-${unique()}`;
	const agendaId = await copyAgendaWithMembers(databasePath, 'musterstadt', slug);
	await withDatabase(
		databasePath,
		async (db) => await freezeVersion(db, { agendaId, name: 'Beschlussfassung', actorId: null })
	);

	// The owner finds the page from the agenda and records the decision.
	await logIn(page, 'verwaltung@musterstadt.example');
	await page.goto(`/agenden/${agendaId}`);
	await press(page.getByRole('link', { name: 'Umsetzung', exact: true }));
	await expect(page.getByRole('heading', { name: 'Ratsbeschluss erfassen' })).toBeVisible();
	await expectAccessible(page);
	await press(page.getByRole('button', { name: 'Beschluss erfassen' }));
	await expect(page.getByText('Bitte geben Sie die Beschluss-Nr. an')).toBeVisible();
	await type(page.getByLabel('Beschluss-Nr.'), '2026/0815');
	await press(page.getByRole('button', { name: 'Beschluss erfassen' }));
	await expect(page.getByText('Fassung 1 ist jetzt der beschlossene Plan.')).toBeVisible();
	await expect(page.getByTestId('decision')).toContainText('Beschluss-Nr. 2026/0815');
	await expectAccessible(page);
	const title = (await page.getByTestId('measures').getByRole('link').first().textContent()) ?? '';
	expect(title).not.toBe('');

	// An editor writes a Sachstand and submits it.
	const editorContext = await browser.newContext();
	try {
		const editor = await editorContext.newPage();
		await logIn(editor, 'ag1@musterstadt.example');
		await openItem(editor, agendaId, title);
		await expectAccessible(editor);
		const form = editor.locator('form', { has: editor.getByLabel('Sachstand', { exact: true }) });
		await type(form.getByLabel('Fortschritt in Prozent'), '30');
		await type(
			form.getByLabel('Sachstand', { exact: true }),
			'Die Ausschreibung ist veröffentlicht.'
		);
		await press(form.getByRole('button', { name: 'Als Entwurf speichern' }));
		await expect(editor.getByText('Die Meldung ist als Entwurf gespeichert.')).toBeVisible();
		const card = editor.locator('article', { hasText: 'Die Ausschreibung ist veröffentlicht.' });
		await expect(card.getByTestId('fact-state')).toHaveText('Entwurf');
		await press(card.getByRole('button', { name: 'Einreichen' }));
		await expect(card.getByTestId('fact-state')).toHaveText('eingereicht');

		// The owner returns it: first without the remark it needs, then with one.
		await openItem(page, agendaId, title);
		const submitted = page.locator('article', { hasText: 'Die Ausschreibung ist veröffentlicht.' });
		await press(submitted.getByRole('button', { name: 'Zurückgeben' }));
		await expect(
			submitted.getByText('Bitte schreiben Sie beim Zurückgeben eine Bemerkung.')
		).toBeVisible();
		await expectAccessible(page);
		await type(submitted.getByLabel('Bemerkung'), 'Bitte den Zeitplan der Vergabe nennen.');
		await press(submitted.getByRole('button', { name: 'Zurückgeben' }));
		await expect(submitted.getByTestId('fact-state')).toHaveText('zurückgegeben');

		// The editor reads the remark, changes the Sachstand and submits it again.
		await editor.reload();
		const returned = editor.locator('article', {
			hasText: 'Die Ausschreibung ist veröffentlicht.'
		});
		await expect(returned).toContainText('Bitte den Zeitplan der Vergabe nennen.');
		await press(returned.getByText('Bearbeiten', { exact: true }));
		await type(returned.getByLabel('Fortschritt in Prozent'), '45');
		await type(
			returned.getByLabel('Sachstand', { exact: true }),
			'Die Ausschreibung ist veröffentlicht, die Vergabe folgt im März.'
		);
		await expectAccessible(editor);
		await press(returned.getByRole('button', { name: 'Änderungen speichern' }));
		await expect(editor.getByText('Die Meldung ist als Entwurf gespeichert.')).toBeVisible();
		const changed = editor.locator('article', { hasText: 'die Vergabe folgt im März' });
		await press(changed.getByRole('button', { name: 'Einreichen' }));
		await expect(changed.getByTestId('fact-state')).toHaveText('eingereicht');
	} finally {
		await editorContext.close();
	}

	// The owner approves it; the measure and the overview show the progress.
	await page.reload();
	const final = page.locator('article', { hasText: 'die Vergabe folgt im März' });
	await press(final.getByRole('button', { name: 'Freigeben' }));
	await expect(final.getByTestId('fact-state')).toHaveText('freigegeben');
	await expect(page.getByTestId('item-progress')).toHaveText('45 %');
	await expectAccessible(page);
	await press(page.getByRole('link', { name: 'Zur Übersicht der Umsetzung' }));
	const row = page.getByTestId('measures').getByRole('row', { name: new RegExp(title) });
	await expect(row).toContainText('45 %');
	await expect(row).toContainText('in Arbeit');
});
