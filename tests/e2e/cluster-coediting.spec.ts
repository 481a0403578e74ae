import type { Browser, Page } from '@playwright/test';
import { startAppCluster, type AppCluster } from '../support/cluster';
import { DEMO } from '../support/http';
import type { TestServer } from '../support/server';
import { expect, test, watchForErrors } from './support/fixtures';
import { demoAgendaId, expectAccessible, logIn } from './support/helpers';

/**
 * Two browsers on two app processes of one PostgreSQL database and one redis-server (issue 18,
 * docs/architecture.md §3): they co-edit one measure and see each other's text and carets. The
 * config's web server is not used; the spec starts a cluster of its own (a few seconds, once).
 * Text would converge even without Redis (every room compares the log heads once a second), but
 * presence travels only over Redis: the carets prove the fan-out between the processes.
 */

const ANNA = 'Anna Berger (AG)';
const DENIZ = 'Deniz Yılmaz (AG)';

let cluster: AppCluster;

test.beforeAll(async () => {
	// PostgreSQL, Redis and two production servers, one after the other, on two busy cores.
	test.setTimeout(120_000);
	cluster = await startAppCluster({ processes: 2 });
});

test.afterAll(async () => {
	await cluster?.stop();
});

/** A person in their own browser context, logged in on `server`, in the demo agenda's editor. */
async function openEditorOn(browser: Browser, server: TestServer, email: string) {
	const context = await browser.newContext({ baseURL: server.url });
	const errors = watchForErrors(context);
	const page = await context.newPage();
	await logIn(page, email);
	await page.goto(`/agenden/${await demoAgendaId(page)}/bearbeiten`);
	await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
	return { page, context, errors };
}

/**
 * The remote caret of `name` in the measure's description: the text before it and the label its
 * CSS draws from `data-name` (the label is no text of the document).
 */
function caretOf(page: Page, name: string) {
	return page
		.locator(`#measure-description .collab-caret[data-name="${name}"]`)
		.evaluate((caret) => {
			const range = document.createRange();
			range.setStart(caret.closest('.ProseMirror') ?? caret, 0);
			range.setEndBefore(caret);
			return { before: range.toString(), label: getComputedStyle(caret, '::after').content };
		});
}

test('two editors on two processes co-edit one measure and see each other’s carets', async ({
	browser
}) => {
	const [a, b] = cluster.servers as [TestServer, TestServer];
	const anna = await openEditorOn(browser, a, DEMO.editor);
	const deniz = await openEditorOn(browser, b, DEMO.editor2);
	try {
		// A new measure made on A appears in B's list and opens there.
		const title = 'Gemeinsam über zwei Prozesse';
		await anna.page.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();
		await anna.page.locator('#measure-title').pressSequentially(title);
		await deniz.page.getByRole('button', { name: new RegExp(`^${title}`) }).click();
		await expect(deniz.page.locator('#measure-title')).toHaveValue(title);

		// Presence: each sees the other, and at which measure.
		await expect(anna.page.getByTestId('presence-list')).toContainText(`${DENIZ}: ${title}`);
		await expect(deniz.page.getByTestId('presence-list')).toContainText(`${ANNA}: ${title}`);

		// Both type into the same description at once: one at the end, one at the start.
		const annaText = anna.page.locator('#measure-description .ProseMirror');
		const denizText = deniz.page.locator('#measure-description .ProseMirror');
		await annaText.click();
		await annaText.pressSequentially('Gemeinsam geschrieben.');
		await expect(denizText).toHaveText('Gemeinsam geschrieben.');
		await annaText.press('End');
		await denizText.click();
		await denizText.press('Home');
		await Promise.all([
			annaText.pressSequentially(' Von Anna.', { delay: 30 }),
			denizText.pressSequentially('Von Deniz: ', { delay: 30 })
		]);
		const expected = 'Von Deniz: Gemeinsam geschrieben. Von Anna.';
		await expect(annaText).toHaveText(expected);
		await expect(denizText).toHaveText(expected);

		// Each sees the other's caret where the other typed, with the other's name on it.
		await expect
			.poll(() => caretOf(anna.page, DENIZ))
			.toEqual({ before: 'Von Deniz: ', label: `"${DENIZ}"` });
		await expect
			.poll(() => caretOf(deniz.page, ANNA))
			.toEqual({ before: expected, label: `"${ANNA}"` });
		await expect(anna.page.locator(`.collab-caret[data-name="${DENIZ}"]`)).toBeVisible();
		await expect(deniz.page.locator(`.collab-caret[data-name="${ANNA}"]`)).toBeVisible();
		await expectAccessible(anna.page);

		expect(anna.errors()).toEqual([]);
		expect(deniz.errors()).toEqual([]);
	} finally {
		await anna.context.close();
		await deniz.context.close();
	}
});
