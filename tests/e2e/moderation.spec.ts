import Database from 'better-sqlite3';
import { join } from 'node:path';
import * as Y from 'yjs';
import { entityText } from '../../src/lib/agenda/ydoc/layout';
import { readAgenda } from '../../src/lib/agenda/ydoc/read';
import { copyAgendaWithMembers, openTestParticipation } from '../support/participation';
import { expect, test } from './support/fixtures';
import { expectAccessible, logIn } from './support/helpers';

/**
 * The team's side in the browser, each on a copy of the demo agenda of its own: pre-moderation,
 * report → hide → restore, and "Was hat sich geändert?" after a second Fassung.
 */
const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');
const unique = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

test('pre-moderation, then report, hide with a reason and restore', async ({ page, browser }) => {
	const slug = `mod-${unique()}`;
	const agendaId = await copyAgendaWithMembers(databasePath, 'musterstadt', slug);
	const participation = await openTestParticipation(databasePath, { slug, moderation: 'pre' });
	const measure = participation.content.measures[0];
	if (!measure) throw new Error('keine Maßnahme');
	const measurePath = `/beteiligung/${slug}/massnahmen/${measure.id}`;
	const text = `Mehr Sitzbänke mit WLAN (${unique()}).`;

	const citizenContext = await browser.newContext();
	const anonymousContext = await browser.newContext();
	try {
		const citizen = await citizenContext.newPage();
		await logIn(citizen, 'buerger@musterstadt.example');
		await citizen.goto(measurePath);
		await citizen.getByLabel(`Kommentar zu „${measure.title}“`).fill(text);
		await citizen.getByRole('button', { name: 'Kommentar absenden' }).click();
		await expect(citizen.locator('.comment__text', { hasText: text })).toBeVisible();

		const anonymous = await anonymousContext.newPage();
		await anonymous.goto(measurePath);
		await expect(anonymous.getByText(text)).toHaveCount(0);

		// The AG approves it in the moderation queue.
		await logIn(page, 'ag1@musterstadt.example');
		await page.goto(`/agenden/${agendaId}/moderation`);
		const entry = page.locator('article', { hasText: text });
		await expect(entry).toContainText('wartet auf Freigabe');
		await expectAccessible(page);
		await entry.getByRole('button', { name: 'Freigeben' }).click();
		await expect(page.getByText('Ihre Entscheidung ist gespeichert.')).toBeVisible();
		await anonymous.reload();
		await expect(anonymous.locator('.comment__text', { hasText: text })).toBeVisible();

		// Another citizen reports it.
		const reporter = await citizenContext.browser()!.newContext();
		try {
			const reporterPage = await reporter.newPage();
			await logIn(reporterPage, 'buerger2@musterstadt.example');
			await reporterPage.goto(measurePath);
			const card = reporterPage.locator('article.comment__card', { hasText: text });
			await card.getByText('Melden', { exact: true }).click();
			await card.getByLabel('Grund der Meldung').fill('Werbung für ein Café');
			await card.getByRole('button', { name: 'Meldung absenden' }).click();
			await expect(reporterPage.getByText('Danke für Ihre Meldung.')).toBeVisible();
			// Reported once, it is not offered for reporting again, also after a reload.
			await reporterPage.reload();
			await expect(card.getByText('Von Ihnen gemeldet')).toBeVisible();
			await expect(card.getByText('Melden', { exact: true })).toHaveCount(0);
		} finally {
			await reporter.close();
		}

		// The AG sees the report, hides the comment with a reason, then restores it.
		await page.goto(`/agenden/${agendaId}/moderation`);
		await expect(entry).toContainText('Offene Meldungen: 1');
		await expect(entry).toContainText('Werbung für ein Café');
		await entry.getByLabel(/Begründung für das Ausblenden/).fill('Werbung ist hier nicht erlaubt');
		await entry.getByRole('button', { name: 'Ausblenden' }).click();
		await expect(page.getByText('Ihre Entscheidung ist gespeichert.')).toBeVisible();
		await anonymous.reload();
		await expect(anonymous.getByText(text)).toHaveCount(0);
		await expect(anonymous.getByText(/Werbung ist hier nicht erlaubt/)).toBeVisible();
		await expectAccessible(anonymous);

		await page.goto(`/agenden/${agendaId}/moderation`);
		await entry.getByRole('button', { name: 'Wiederherstellen' }).click();
		await expect(page.getByText('Ihre Entscheidung ist gespeichert.')).toBeVisible();
		await anonymous.reload();
		await expect(anonymous.locator('.comment__text', { hasText: text })).toBeVisible();
	} finally {
		await citizenContext.close();
		await anonymousContext.close();
	}
});

test('"Was hat sich geändert?" shows a measure changed between two Fassungen', async ({ page }) => {
	const slug = `diff-${unique()}`;
	const agendaId = await copyAgendaWithMembers(databasePath, 'musterstadt', slug);
	const first = await openTestParticipation(databasePath, { slug, name: 'Erster Entwurf' });
	const measure = first.content.measures[0];
	if (!measure) throw new Error('keine Maßnahme');

	// The AG renames the measure in the live document (as the editor would).
	const db = new Database(databasePath);
	try {
		const rows = db
			.prepare('SELECT "update" FROM doc_updates WHERE agenda_id = ? ORDER BY seq')
			.all(agendaId) as { update: Buffer }[];
		const doc = new Y.Doc();
		for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.update));
		const before = Y.encodeStateVector(doc);
		entityText(doc, { collection: 'measures' }, measure.id, 'title')?.insert(
			measure.title.length,
			' mit Videoberatung'
		);
		expect(readAgenda(doc).agenda.measures[0]?.title).toBe(`${measure.title} mit Videoberatung`);
		// The next number of the agenda's log, as the app's append takes it (update-log.ts).
		db.prepare(
			`INSERT INTO doc_updates (agenda_id, seq, "update") VALUES (@agendaId,
			 (SELECT coalesce(max(seq), 0) + 1 FROM doc_updates WHERE agenda_id = @agendaId), @update)`
		).run({ agendaId, update: Buffer.from(Y.encodeStateAsUpdate(doc, before)) });
	} finally {
		db.close();
	}
	await openTestParticipation(databasePath, { slug, name: 'Überarbeiteter Entwurf' });

	await page.goto(`/beteiligung/${slug}`);
	await page.getByRole('link', { name: 'Was hat sich geändert?' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Was hat sich geändert?' })
	).toBeVisible();
	const main = page.getByRole('main');
	await expect(main).toContainText('Erster Entwurf');
	await expect(main).toContainText('Videoberatung');
	await expectAccessible(page);
});

test('the Beteiligungsbericht opens with both rounds and their total, each linking to its report', async ({
	page
}) => {
	const slug = `runden-${unique()}`;
	const agendaId = await copyAgendaWithMembers(databasePath, 'musterstadt', slug);
	const day = 24 * 60 * 60 * 1000;
	await openTestParticipation(databasePath, {
		slug,
		name: 'Erster Entwurf',
		startsAt: new Date(Date.now() - 30 * day),
		endsAt: new Date(Date.now() - 10 * day)
	});
	await openTestParticipation(databasePath, { slug, name: 'Zweiter Entwurf' });

	await logIn(page, 'verwaltung@musterstadt.example');
	await page.goto(`/agenden/${agendaId}/beteiligungsbericht`);
	const overview = page.getByTestId('report-rounds');
	await expect(overview.getByRole('row')).toHaveCount(4);
	await expect(overview.getByRole('row', { name: /Runde 1/ })).toContainText('abgeschlossen');
	await expect(overview.getByRole('row', { name: /Runde 2/ })).toContainText('läuft');
	await expect(overview.getByRole('row', { name: /Alle Runden/ })).toBeVisible();
	await expectAccessible(page);

	await overview.getByRole('link', { name: 'Runde 1' }).click();
	await expect(page).toHaveURL(/\?fassung=1$/);
	await expect(page.getByText('Fassung 1: „Erster Entwurf“')).toBeVisible();
});
