import { expect, test, watchForErrors } from './support/fixtures';
import {
	PASSWORD,
	expectAccessible,
	logIn,
	registerAndLogIn,
	uniqueEmail
} from './support/helpers';

test('the admin creates an agenda and invites a new editor, who accepts', async ({
	page,
	browser
}) => {
	const suffix = Date.now().toString(36);
	const title = `Digitale Agenda Teststadt ${suffix}`;

	// The administration creates the agenda.
	await logIn(page, 'verwaltung@musterstadt.example');
	await page.getByRole('link', { name: 'Neue Agenda' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Neue Agenda anlegen' })).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('Titel').fill(title);
	await page.getByLabel('Kurzname für Adressen').fill(`teststadt-${suffix}`);
	await page.getByLabel('Kommune').fill('Teststadt');
	await page.getByLabel('Laufzeit von (Jahr)').fill('2027');
	await page.getByLabel('Laufzeit bis (Jahr)').fill('2031');
	await page.getByLabel('Sichtbarkeit').selectOption('internal');
	await page.getByRole('button', { name: 'Agenda anlegen' }).click();

	await expect(page).toHaveURL(/\/agenden\/[a-z2-7]{16}$/);
	const agendaUrl = page.url();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.getByText('Intern (nur Mitglieder)')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Mitglieder (1)' })).toBeVisible();
	await expectAccessible(page);

	// … opens its members page and makes an invitation link for an editor.
	await page.getByRole('link', { name: 'Mitglieder und Einladungen verwalten' }).click();
	await expect(page).toHaveURL(`${agendaUrl}/mitglieder`);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Mitglieder und Einladungen' })
	).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('Rolle der eingeladenen Person').selectOption('editor');
	await page.getByRole('button', { name: 'Einladungslink erzeugen' }).click();
	const linkBox = page.getByTestId('invitation-link');
	await expect(linkBox).toHaveValue(/\/einladung\/[a-z2-7]{32}$/);
	const invitationLink = await linkBox.inputValue();
	expect(new URL(invitationLink).origin).toBe(new URL(agendaUrl).origin);
	await expect(page.getByText('Einladungslink für die Rolle „Bearbeitung“ erzeugt')).toBeVisible();
	const invitations = page.getByRole('listitem').filter({ hasText: /Bearbeitung, erstellt am/ });
	await expect(invitations).toHaveCount(1);
	await expect(invitations).toContainText('offen bis');
	await expectAccessible(page);

	// Someone else, in their own browser, opens the link, registers and accepts.
	const guestContext = await browser.newContext();
	const guestErrors = watchForErrors(guestContext);
	try {
		const guest = await guestContext.newPage();
		const email = uniqueEmail('eingeladen');
		await guest.goto(invitationLink);
		await expect(guest.getByRole('heading', { level: 1, name: 'Einladung' })).toBeVisible();
		await expect(
			guest.getByText(
				`Sie wurden eingeladen, an „${title}“ mitzuarbeiten, in der Rolle „Bearbeitung“.`
			)
		).toBeVisible();
		await expectAccessible(guest);

		await guest.getByRole('main').getByRole('link', { name: 'Registrieren' }).click();
		await expect(guest).toHaveURL(/\/registrieren\?weiter=%2Feinladung%2F[a-z2-7]{32}$/);
		await registerAndLogIn(guest, { displayName: 'Neue Kollegin', email, password: PASSWORD });

		// Back on the invitation, now signed in.
		await expect(guest).toHaveURL(invitationLink);
		const accept = guest.getByRole('button', { name: 'Einladung annehmen' });
		await expect(accept).toBeVisible();
		await expectAccessible(guest);
		await accept.click();

		await expect(guest).toHaveURL(agendaUrl);
		await expect(guest.getByRole('heading', { level: 1, name: title })).toBeVisible();
		const role = guest.locator('.kern-description-list-item', { hasText: 'Ihre Rolle' });
		await expect(role).toContainText('Bearbeitung');
		await expect(guest.getByText('Neue Kollegin – Bearbeitung')).toBeVisible();
		// Editors do not manage members.
		await expect(
			guest.getByRole('link', { name: 'Mitglieder und Einladungen verwalten' })
		).toHaveCount(0);
		await expectAccessible(guest);

		// The internal agenda is on the new member's start page, with the role.
		await guest.getByRole('navigation').getByRole('link', { name: 'Start' }).click();
		const card = guest.getByRole('listitem').filter({ hasText: title });
		await expect(card.getByRole('link', { name: title })).toBeVisible();
		await expect(card.getByText('Ihre Rolle: Bearbeitung')).toBeVisible();
		await expectAccessible(guest);

		// The link was for one person only.
		await guest.goto(invitationLink);
		await expect(
			guest.getByText('Diese Einladung wurde schon verwendet. Bitten Sie um eine neue.')
		).toBeVisible();
		await expectAccessible(guest);
		expect(guestErrors(), 'script or console errors in the guest browser').toEqual([]);
	} finally {
		await guestContext.close();
	}

	// The admin sees the new member and the used invitation.
	// A fresh GET, not a reload: that could re-send the invite post had it gone out unenhanced.
	await page.goto(`${agendaUrl}/mitglieder`);
	await expect(page.getByRole('rowheader', { name: 'Neue Kollegin' })).toBeVisible();
	await expect(invitations).toContainText('angenommen am');
	await expect(invitations.getByRole('button', { name: 'Zurückziehen' })).toHaveCount(0);
	await expectAccessible(page);
});
