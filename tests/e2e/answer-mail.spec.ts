import Database from 'better-sqlite3';
import { join } from 'node:path';
import { expect, test, watchForErrors } from './support/fixtures';
import { copyAgendaWithMembers, openTestParticipation } from '../support/participation';
import { expectAccessible, logIn } from './support/helpers';

/**
 * A citizen learns of the AG's published answer by mail and follows its link to the comment. The
 * e2e server sends no mail: the mail is read from the queue in the database, as a mail program
 * would show it.
 */
const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');
const CITIZEN = 'buerger@musterstadt.example';

/** The link of the answer mail to `email` about the comment that says `text`. */
function answerLinkFor(email: string, text: string): string | null {
	const db = new Database(databasePath, { readonly: true, fileMustExist: true });
	try {
		const rows = db
			.prepare('SELECT text FROM mails WHERE kind = \'comment-answered\' AND "to" = ?')
			.all(email) as { text: string }[];
		const mail = rows.find((row) => row.text.includes(text));
		return /https?:\/\/\S+#kommentar-[\w-]+/.exec(mail?.text ?? '')?.[0] ?? null;
	} finally {
		db.close();
	}
}

test('a citizen receives the published answer by mail and follows its link to the comment', async ({
	page,
	browser
}) => {
	const suffix = Date.now().toString(36);
	const text = `Bitte auch eine Sprechstunde für Senioren anbieten (${suffix}).`;
	const reason = 'Die Bibliothek bietet ab Herbst eine Sprechstunde an.';
	// An agenda of its own: publishing its answers must not publish those other tests wait with.
	const slug = `antwortmail-${suffix}`;
	const agendaId = await copyAgendaWithMembers(databasePath, 'musterstadt', slug);
	const participation = await openTestParticipation(databasePath, { slug });
	const measure = participation.content.measures[0]?.title ?? '';

	const citizenContext = await browser.newContext();
	const citizenErrors = watchForErrors(citizenContext);
	const citizen = await citizenContext.newPage();
	try {
		// The demo citizen's address is confirmed: she may comment and receives notifications.
		await logIn(citizen, CITIZEN);
		await citizen.goto(`/beteiligung/${slug}`);
		await citizen.getByRole('link', { name: measure }).first().click();
		await citizen.getByLabel(`Kommentar zu „${measure}“`).fill(text);
		await citizen.getByRole('button', { name: 'Kommentar absenden' }).click();
		await expect(citizen.getByRole('paragraph').filter({ hasText: text })).toBeVisible();

		// An AG member answers in the live editor; nothing is mailed before it is published.
		await logIn(page, 'ag1@musterstadt.example');
		await page.goto(`/agenden/${agendaId}/bearbeiten`);
		await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
		await page.getByRole('button', { name: new RegExp(`^${measure}`) }).click();
		const comment = page.locator('.comments-panel__comment', { hasText: text }).first();
		await comment.getByText('Antworten', { exact: true }).click();
		await comment.getByLabel('Umgang mit dem Hinweis').selectOption('teilweise-uebernommen');
		await comment.getByLabel('Begründung').fill(reason);
		await comment.getByRole('button', { name: 'Antwort speichern' }).click();
		await expect(page.locator('.comments-panel__comment', { hasText: text }).first()).toContainText(
			'noch nicht veröffentlicht'
		);
		expect(answerLinkFor(CITIZEN, text)).toBeNull();

		// The owner publishes: the mail to the citizen is queued with the answer.
		const ownerContext = await browser.newContext();
		const owner = await ownerContext.newPage();
		try {
			await logIn(owner, 'verwaltung@musterstadt.example');
			await owner.goto(`/agenden/${agendaId}/fassungen`);
			await owner.getByRole('button', { name: /Antworten veröffentlichen/ }).click();
			await expect(owner.getByText(/Antworten veröffentlicht: \d+/)).toBeVisible();
		} finally {
			await ownerContext.close();
		}

		const link = answerLinkFor(CITIZEN, text);
		expect(link).not.toBeNull();
		await citizen.goto(link ?? '');
		const commentId = new URL(link ?? '').hash.slice(1);
		const landed = citizen.locator(`[id="${commentId}"]`);
		await expect(landed).toContainText(text);
		await expect(landed).toContainText(reason);
		await expect(landed).toContainText('teilweise übernommen');
		await expect(landed).toBeInViewport();
		await expectAccessible(citizen);
		expect(citizenErrors()).toEqual([]);
	} finally {
		await citizenContext.close();
	}
});
