import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { agendas } from '../../src/lib/server/db/schema';
import { unsubscribeTokenOf } from '../../src/lib/server/notifications/preferences';
import { withDatabase } from '../support/database';
import { resolveAgenda } from '../support/monitoring';
import { copyAgenda, openTestParticipation } from '../support/participation';
import { expect, test } from './support/fixtures';
import { PASSWORD, expectAccessible, registerAndLogIn, uniqueEmail } from './support/helpers';

/**
 * A citizen follows a participation's rounds and a measure of its progress page, chooses their
 * notifications on /konto and unsubscribes from one kind through a mail's link, signed out; axe
 * on the new section and pages.
 */
const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');

test('a citizen follows rounds, sets notifications and unsubscribes from a link', async ({
	page
}) => {
	const slug = `folgen-${Date.now().toString(36)}`;
	await copyAgenda(databasePath, 'musterstadt', slug);
	await openTestParticipation(databasePath, { slug });
	// Public and resolved by the council: its progress page can be read and its measures followed.
	await withDatabase(databasePath, (db) =>
		db.update(agendas).set({ visibility: 'public' }).where(eq(agendas.slug, slug)).run()
	);
	const measure = (await resolveAgenda(databasePath, slug)).plan.measures[0];
	if (!measure) throw new Error('Demo ohne Maßnahme');
	const email = uniqueEmail('folgen');

	await page.goto(`/registrieren?weiter=/beteiligung/${slug}`);
	await registerAndLogIn(page, { displayName: 'Frieda Folgsam', email, password: PASSWORD });
	await expect(page).toHaveURL(new RegExp(`/beteiligung/${slug}$`));
	await page
		.getByRole('button', { name: 'Benachrichtigen, wenn eine Runde beginnt oder endet' })
		.click();
	await expect(page.getByText('Sie verfolgen diese Beteiligung jetzt.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Nicht mehr benachrichtigen' })).toBeVisible();

	await page.getByRole('link', { name: 'Stand der Umsetzung' }).click();
	await expect(page).toHaveURL(new RegExp(`/umsetzung/${slug}$`));
	await page.goto(`/umsetzung/${slug}/${measure.id}`);
	await page.getByRole('button', { name: 'Dieser Maßnahme folgen' }).click();
	await expect(page.getByText('Sie folgen dieser Maßnahme jetzt.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Nicht mehr folgen' })).toBeVisible();
	await expectAccessible(page);

	await page.goto('/konto#benachrichtigungen');
	const section = page.locator('#benachrichtigungen');
	await expect(section.getByRole('heading', { name: 'Benachrichtigungen' })).toBeVisible();
	// A citizen has no agenda digest and no moderation reports to choose.
	await expect(section.getByRole('group')).toHaveCount(5);
	await expect(section.getByRole('group', { name: 'Maßnahmen, denen Sie folgen' })).toBeVisible();
	await section
		.getByRole('group', { name: 'Antworten auf Ihre Kommentare' })
		.getByLabel('Nein')
		.check();
	await section.getByRole('button', { name: 'Benachrichtigungen speichern' }).click();
	await expect(section.getByText('Ihre Benachrichtigungen wurden gespeichert.')).toBeVisible();
	await expect(
		section.getByRole('group', { name: 'Antworten auf Ihre Kommentare' }).getByLabel('Nein')
	).toBeChecked();
	await expect(
		section.getByRole('button', { name: `„Testbeteiligung ${slug}“ nicht mehr verfolgen` })
	).toBeVisible();
	await expect(
		section.getByRole('button', {
			name: `„${measure.title}“ (Testbeteiligung ${slug}) nicht mehr folgen`
		})
	).toBeVisible();
	await expectAccessible(page);

	// The link from a mail's footer, opened signed out.
	const token = await withDatabase(databasePath, async (db) => {
		const row = db.$client.prepare('SELECT id FROM users WHERE email = ?').get(email) as {
			id: string;
		};
		return await unsubscribeTokenOf(db, row.id);
	});
	await page.context().clearCookies();
	await page.goto(`/abbestellen/${token}/comment-answered`);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Benachrichtigungen abbestellen' })
	).toBeVisible();
	await expect(page.getByText('Antwort der AG auf Ihren Kommentar')).toBeVisible();
	await expect(page.getByText(/f\*\*\*@example\.org/)).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Abbestellen' }).click();
	await expect(
		page.getByText(/Abbestellt: An f\*\*\*@example\.org gehen keine Mails zu „Antwort der AG/)
	).toBeVisible();
	await expectAccessible(page);
});
