import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectAccessibleWithoutJs } from './support/helpers';
import { agendas } from '../../src/lib/server/db/schema';
import { withDatabase } from '../support/database';
import { addFacts, resolveAgenda } from '../support/monitoring';
import { copyAgenda } from '../support/participation';

/**
 * The public progress page on a phone, without JavaScript: a public copy of the demo agenda
 * (no other spec sees it), resolved by the council, with approved and unapproved facts.
 */
const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');
const slug = `umsetzung-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
const STICHTAG = '2026-12-01';
let measure = { id: '', title: '' };

test.beforeAll(async () => {
	await copyAgenda(databasePath, 'musterstadt', slug);
	await withDatabase(databasePath, (db) =>
		db.update(agendas).set({ visibility: 'public' }).where(eq(agendas.slug, slug)).run()
	);
	const monitoring = await resolveAgenda(databasePath, slug, { decidedOn: '2026-01-20' });
	const first = monitoring.plan.measures[0];
	const milestone = first?.milestones[0];
	const indicator = first?.indicators[0];
	if (!first || !milestone || !indicator) throw new Error('Demo-Maßnahme unvollständig');
	measure = { id: first.id, title: first.title };
	const about = { itemKind: 'measure' as const, itemId: first.id };
	await addFacts(databasePath, monitoring, [
		{
			fact: {
				kind: 'report',
				...about,
				asOf: '2026-10-15',
				status: 'verzoegert',
				statusReason: 'Lieferverzug beim Dienstleister',
				progress: 45,
				text: 'Die Terminvergabe läuft; die Anbindung der Fachverfahren verzögert sich.'
			},
			state: 'approved'
		},
		{
			fact: {
				kind: 'report',
				...about,
				asOf: '2026-11-01',
				status: 'gestoppt',
				statusReason: 'Entwurf',
				progress: null,
				text: 'Noch nicht freigegebener Entwurf.'
			},
			state: 'submitted'
		},
		{
			fact: { kind: 'milestone', ...about, asOf: '2026-09-01', milestoneId: milestone.id },
			state: 'approved'
		},
		...(
			[
				['2026-03-31', 20],
				['2026-09-30', 35]
			] as const
		).map(([asOf, value]) => ({
			fact: { kind: 'indicator' as const, ...about, asOf, indicatorId: indicator.id, value },
			state: 'approved' as const
		})),
		{
			fact: {
				kind: 'finance',
				...about,
				asOf: '2026-11-30',
				year: 2026,
				actualCostCents: 7_000_000,
				fundingReceivedCents: 1_234_500
			},
			state: 'approved'
		}
	]);
});

test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

/** Tabs forward until `target` has the focus; fails when it never does. */
async function tabTo(page: Page, target: Locator, limit = 120) {
	for (let step = 0; step < limit; step++) {
		await page.keyboard.press('Tab');
		if (await target.evaluate((element) => element === document.activeElement)) return;
	}
	throw new Error('Nicht mit der Tastatur erreichbar');
}

async function fitsThePhone(page: Page) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(390);
}

test('a citizen follows the implementation on a phone without JavaScript', async ({
	page,
	browser
}) => {
	await page.goto(`/umsetzung/${slug}?stichtag=${STICHTAG}`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Testbeteiligung');
	await expect(page.getByTestId('stichtag')).toHaveText('Stand: 01.12.2026');
	await expect(page.getByRole('columnheader', { name: 'Gewicht' }).first()).toBeAttached();
	await expect(page.getByTestId('roadmap-row').first()).toBeVisible();
	await expect(page.locator('[data-testid="roadmap-row"][data-late="true"]').first()).toContainText(
		/verspätet/
	);
	await expect(page.getByText('Lieferverzug beim Dienstleister').first()).toBeVisible();
	await expect(page.getByRole('table', { name: /je Haushaltsjahr/ })).toContainText('70.000,00');
	await fitsThePhone(page);
	await expectAccessibleWithoutJs(page, browser);

	// Another Stichtag through the form, without scripts.
	await page.getByLabel('Stand an einem anderen Tag').fill('2026-05-01');
	await page.getByRole('button', { name: 'Anzeigen' }).click();
	await expect(page).toHaveURL(/stichtag=2026-05-01/);
	await expect(page.getByTestId('stichtag')).toHaveText('Stand: 01.05.2026');
	await page.goto(`/umsetzung/${slug}?stichtag=${STICHTAG}`);

	// The roadmap's table and the measure's page are reached with the keyboard.
	await tabTo(page, page.locator('summary', { hasText: 'Zeitplan als Tabelle' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('table', { name: 'Zeitplan als Tabelle' })).toBeVisible();
	await page.goto(`/umsetzung/${slug}?stichtag=${STICHTAG}`);
	const link = page.getByRole('link', { name: measure.title }).first();
	await tabTo(page, link);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(
		new RegExp(`/umsetzung/${slug}/${measure.id}\\?stichtag=${STICHTAG}`)
	);

	await expect(page.getByRole('heading', { level: 1 })).toHaveText(measure.title);
	await expect(page.getByTestId('measure-status')).toHaveText('verzögert');
	await expect(page.getByTestId('milestone').first()).toContainText('verspätet');
	await expect(page.getByRole('img', { name: /Online gestellte Anträge/ })).toBeVisible();
	await expect(page.getByTestId('target-line').first()).toBeAttached();
	await expect(page.getByTestId('report')).toHaveCount(1);
	await expect(page.getByTestId('report')).toContainText('Anbindung der Fachverfahren');
	await expect(page.getByText('Noch nicht freigegebener Entwurf.')).toHaveCount(0);
	await fitsThePhone(page);
	await expectAccessibleWithoutJs(page, browser);
});
