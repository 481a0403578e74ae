import { expect, test } from './support/fixtures';
import { demoAgendaId, expectAccessible, logIn } from './support/helpers';
import { watchForErrors } from './support/fixtures';

/**
 * The demo's promise end to end: a citizen comments without JavaScript, an AG member answers in
 * the live editor, the owner publishes, the answer appears publicly and in the Beteiligungsbericht.
 */
test('a citizen comment is answered in the editor, published, and reported', async ({
	page,
	browser
}) => {
	const text = `Bitte auch Kurse am Abend anbieten (${Date.now().toString(36)}).`;
	const measure = 'Bibliothek als digitaler Lernort';

	// The citizen, with JavaScript off.
	const citizenContext = await browser.newContext({ javaScriptEnabled: false });
	const citizenErrors = watchForErrors(citizenContext);
	const citizen = await citizenContext.newPage();
	try {
		await logIn(citizen, 'buerger@musterstadt.example');
		await citizen.goto('/beteiligung/musterstadt');
		await citizen.getByRole('link', { name: measure }).first().click();
		await citizen.getByLabel(`Kommentar zu „${measure}“`).fill(text);
		await citizen.getByRole('button', { name: 'Kommentar absenden' }).click();
		await expect(citizen.getByRole('paragraph').filter({ hasText: text })).toBeVisible();
		// POST/redirect/GET: reloading the page shows the comment again but never sends it twice.
		await citizen.reload();
		await expect(citizen.getByRole('paragraph').filter({ hasText: text })).toHaveCount(1);
		// Within its first 15 minutes the author may still correct the comment …
		const own = citizen.locator('.comment', { hasText: text }).first();
		await expect(own.locator('summary', { hasText: 'Bearbeiten' })).toHaveCount(1);

		// An AG member answers beside the measure in the live editor.
		await logIn(page, 'ag1@musterstadt.example');
		const agendaId = await demoAgendaId(page);
		await page.goto(`/agenden/${agendaId}/bearbeiten`);
		await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
		await page.getByRole('button', { name: new RegExp(`^${measure}`) }).click();
		const comment = page.locator('.comments-panel__comment', { hasText: text }).first();
		await expect(comment).toBeVisible();
		await comment.getByText('Antworten', { exact: true }).click();
		// No disposition is chosen for the AG: saving without one is refused in German.
		const disposition = comment.getByLabel('Umgang mit dem Hinweis');
		await expect(disposition).toHaveValue('');
		await comment.getByLabel('Begründung').fill('Die Bibliothek öffnet donnerstags bis 20 Uhr.');
		await comment.getByRole('button', { name: 'Antwort speichern' }).click();
		await expect(comment).toContainText('Bitte wählen Sie, wie mit dem Hinweis umgegangen wird.');
		await expect(comment).not.toContainText('noch nicht veröffentlicht');
		await disposition.selectOption('uebernommen');
		await comment.getByRole('button', { name: 'Antwort speichern' }).click();
		await expect(page.locator('.comments-panel__comment', { hasText: text }).first()).toContainText(
			'noch nicht veröffentlicht'
		);
		await expectAccessible(page);

		// Not public before the owner publishes.
		await citizen.goto(new URL(citizen.url()).pathname);
		// … but not once the AG has answered it: the answer never refers to a changed text.
		await expect(own).toBeVisible();
		await expect(own.locator('summary', { hasText: 'Bearbeiten' })).toHaveCount(0);
		await expect(citizen.getByText('Die Bibliothek öffnet donnerstags bis 20 Uhr.')).toHaveCount(0);

		// The owner publishes.
		const ownerContext = await browser.newContext();
		const owner = await ownerContext.newPage();
		try {
			await logIn(owner, 'verwaltung@musterstadt.example');
			await owner.goto(`/agenden/${agendaId}/fassungen`);
			await owner.getByRole('button', { name: /Antworten veröffentlichen/ }).click();
			await expect(owner.getByText(/Antworten veröffentlicht: \d+/)).toBeVisible();
			await expectAccessible(owner);

			await citizen.goto(new URL(citizen.url()).pathname);
			await expect(
				citizen.getByText('Die Bibliothek öffnet donnerstags bis 20 Uhr.')
			).toBeVisible();

			await owner.goto(`/agenden/${agendaId}/beteiligungsbericht`);
			const row = owner.getByRole('row').filter({ hasText: text });
			await expect(row).toContainText('übernommen');
			await expectAccessible(owner);
		} finally {
			await ownerContext.close();
		}
		expect(citizenErrors()).toEqual([]);
	} finally {
		await citizenContext.close();
	}
});
