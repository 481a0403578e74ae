import { expect, test, watchForErrors } from './support/fixtures';
import { expectAccessible, expectAccessibleWithoutJs, logIn } from './support/helpers';

/**
 * Two rounds of participation on one agenda of its own (the demo's running round stays as the
 * other journeys expect it): the administration ends round 1 early and opens round 2; a citizen
 * on a phone without JavaScript still reads round 1, and sees what was said in it beside the same
 * section in round 2; the AG answers round 1's comment in the editor.
 */
test('a second round keeps the first readable, beside the same item, and answerable', async ({
	page,
	browser
}) => {
	const stamp = Date.now().toString(36);
	const slug = `runden-${stamp}`;
	const said = `Im Leitbild fehlt die Barrierefreiheit (${stamp}).`;

	// The administration creates a public agenda and opens round 1 on Fassung 1.
	await logIn(page, 'verwaltung@musterstadt.example');
	await page.goto('/agenden/neu');
	await page.getByLabel('Titel').fill(`Runden-Agenda ${stamp}`);
	await page.getByLabel('Kurzname für Adressen').fill(slug);
	await page.getByLabel('Kommune').fill('Musterstadt');
	await page.getByLabel('Sichtbarkeit').selectOption('public');
	await page.getByRole('button', { name: 'Agenda anlegen' }).click();
	await page.waitForURL((url) => /^\/agenden\/(?!neu$)[^/]+$/.test(url.pathname));
	const agendaId = new URL(page.url()).pathname.split('/')[2] ?? '';
	const fassungen = `/agenden/${agendaId}/fassungen`;

	await page.goto(fassungen);
	await page.getByLabel('Name der Fassung').fill('Erster Entwurf');
	await page.getByRole('button', { name: 'Fassung festhalten' }).click();
	await expect(page.getByText('Fassung 1 „Erster Entwurf“ wurde festgehalten.')).toBeVisible();
	await page.getByText('Beteiligung zu dieser Fassung eröffnen').click();
	await page.getByRole('button', { name: 'Beteiligung eröffnen' }).click();
	await expect(page.getByText('Die Beteiligung ist eingerichtet.')).toBeVisible();

	// A citizen on a phone, without JavaScript, comments on the Leitbild in round 1.
	const citizenContext = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 390, height: 844 }
	});
	const citizenErrors = watchForErrors(citizenContext);
	const citizen = await citizenContext.newPage();
	try {
		await logIn(citizen, 'buerger@musterstadt.example');
		await citizen.goto(`/beteiligung/${slug}`);
		await citizen.getByRole('link', { name: 'Leitbild kommentieren' }).click();
		await citizen.getByLabel('Kommentar zu „Leitbild“').fill(said);
		await citizen.getByRole('button', { name: 'Kommentar absenden' }).click();
		await expect(citizen.getByRole('paragraph').filter({ hasText: said })).toBeVisible();

		// Fassung 2: a round overlapping the running one is refused; round 1 ends early, round 2 opens.
		await page.getByLabel('Name der Fassung').fill('Überarbeiteter Entwurf');
		await page.getByRole('button', { name: 'Fassung festhalten' }).click();
		await expect(
			page.getByText('Fassung 2 „Überarbeiteter Entwurf“ wurde festgehalten.')
		).toBeVisible();
		const second = page.getByRole('article', { name: 'Fassung 2: Überarbeiteter Entwurf' });
		await second.getByText('Beteiligung zu dieser Fassung eröffnen').click();
		await second.getByRole('button', { name: 'Beteiligung eröffnen' }).click();
		await expect(
			second.getByText(/überschneidet sich mit der Beteiligung zu Fassung 1/)
		).toBeVisible();
		await expectAccessible(page);

		const first = page.getByRole('article', { name: 'Fassung 1: Erster Entwurf' });
		await first.getByRole('button', { name: 'Beteiligung jetzt beenden' }).click();
		const asked = page.getByRole('dialog', { name: 'Beteiligung zu Fassung 1 jetzt beenden?' });
		await expect(asked.getByText(/Danach kann niemand mehr kommentieren/)).toBeVisible();
		await expectAccessible(page);
		await asked.getByRole('button', { name: 'Ja, jetzt beenden' }).click();
		await expect(page.getByText('Die Beteiligung ist beendet.')).toBeVisible();
		await second.getByText('Beteiligung zu dieser Fassung eröffnen').click();
		await second.getByRole('button', { name: 'Beteiligung eröffnen' }).click();
		await expect(page.getByText('Die Beteiligung ist eingerichtet.')).toBeVisible();
		await expect(first).toContainText('Runde 1');
		await expect(second).toContainText('Runde 2');
		// Round 2 is extended; its start stays as citizens saw it.
		await second.getByText('Zeitraum und Einleitung ändern').click();
		await second.getByLabel('Ende (Ortszeit Berlin)').fill('2099-01-15T18:00');
		await second.getByRole('button', { name: 'Änderungen speichern' }).click();
		await expect(page.getByText('Die Beteiligung ist geändert.')).toBeVisible();
		await expect(second).toContainText('bis 15.01.2099, 18:00');
		await expect(
			first.getByRole('link', { name: 'Beteiligungsseite dieser Runde' })
		).toHaveAttribute('href', /\?fassung=1$/);

		// Round 2 is current; round 1 is one link away, read only.
		await citizen.goto(`/beteiligung/${slug}`);
		await expect(citizen.getByText('„Überarbeiteter Entwurf“').first()).toBeVisible();
		const rounds = citizen.getByRole('navigation', { name: 'Beteiligungsrunden' });
		await rounds.getByRole('link', { name: /Runde 1: Fassung 1 „Erster Entwurf“/ }).click();
		await expect(citizen).toHaveURL(/\?fassung=1$/);
		await expect(citizen.getByText(/Sie lesen Runde 1 \(Fassung 1\)/)).toBeVisible();
		await expectAccessibleWithoutJs(citizen, browser);
		await citizen.getByRole('link', { name: 'Kommentare zu: Leitbild' }).click();
		await expect(citizen).toHaveURL(/abschnitte\/leitbild\?fassung=1$/);
		await expect(citizen.getByRole('paragraph').filter({ hasText: said })).toBeVisible();
		await expect(citizen.getByRole('button', { name: 'Kommentar absenden' })).toHaveCount(0);
		await expect(citizen.locator('summary', { hasText: 'Löschen' })).toHaveCount(0);

		// In round 2, what was said in round 1 stands beside the same section.
		await citizen.getByRole('link', { name: /Zur aktuellen Runde \(Fassung 2\)/ }).click();
		await citizen.getByRole('link', { name: 'Leitbild kommentieren' }).click();
		const earlier = citizen.getByRole('region', { name: 'Aus früheren Runden' });
		await expect(earlier).toContainText('Runde 1 · Fassung 1 „Erster Entwurf“');
		await expect(earlier.getByRole('paragraph').filter({ hasText: said })).toBeVisible();
		await expect(citizen.getByRole('button', { name: 'Kommentar absenden' })).toBeVisible();
		await expectAccessibleWithoutJs(citizen, browser);

		// The AG answers round 1's comment in the editor, where it is marked with its round.
		await page.goto(`/agenden/${agendaId}/bearbeiten`);
		await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
		await page.getByRole('button', { name: 'Leitbild und Leitlinien' }).click();
		const comment = page.locator('.comments-panel__comment', { hasText: said });
		await expect(comment).toContainText('Runde 1 · Fassung 1 „Erster Entwurf“');
		await comment.getByText('Antworten', { exact: true }).click();
		await comment.getByLabel('Umgang mit dem Hinweis').selectOption('uebernommen');
		await comment.getByLabel('Begründung').fill('Die Barrierefreiheit steht jetzt im Leitbild.');
		await comment.getByRole('button', { name: 'Antwort speichern' }).click();
		await expect(page.locator('.comments-panel__comment', { hasText: said }).first()).toContainText(
			'noch nicht veröffentlicht'
		);
		await expectAccessible(page);
		expect(citizenErrors()).toEqual([]);
	} finally {
		await citizenContext.close();
	}
});
