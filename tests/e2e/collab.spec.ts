import type { Browser, Page } from '@playwright/test';
import { join } from 'node:path';
import { copyAgendaWithMembers } from '../support/participation';
import { expect, test } from './support/fixtures';
import { demoAgendaId, expectAccessible, logIn } from './support/helpers';
import { watchForErrors } from './support/fixtures';

const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');

/** A second person in their own browser context, with the same error watch as `page`. */
async function openEditorAs(browser: Browser, email: string, agendaId: string) {
	const context = await browser.newContext();
	const errors = watchForErrors(context);
	const page = await context.newPage();
	await logIn(page, email);
	await page.goto(`/agenden/${agendaId}/bearbeiten`);
	await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
	return { page, context, errors };
}

async function openMeasure(page: Page, title: string) {
	await page.getByRole('button', { name: new RegExp(`^${title}`) }).click();
	await expect(page.locator('#measure-title')).toHaveValue(title);
}

test('two editors type into the same title and rich text at once and end identical', async ({
	page,
	browser
}) => {
	await logIn(page, 'ag1@musterstadt.example');
	const agendaId = await demoAgendaId(page);
	await page.goto(`/agenden/${agendaId}/bearbeiten`);
	await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
	await expectAccessible(page);

	// A fresh measure of our own, so parallel tests never type into the same one.
	const title = `Test ${Date.now().toString(36)}`;
	await page.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();
	await page.locator('#measure-title').pressSequentially(title);

	const other = await openEditorAs(browser, 'ag2@musterstadt.example', agendaId);
	try {
		await openMeasure(other.page, title);

		// Presence: each sees the other, and where.
		await expect(page.getByTestId('presence-list')).toContainText('Deniz Yılmaz (AG)');
		await expect(other.page.getByTestId('presence-list')).toContainText('Anna Berger (AG)');

		// Both type into the same title at the same time: one at the end, one at the start.
		const mine = page.locator('#measure-title');
		const theirs = other.page.locator('#measure-title');
		await mine.click();
		await mine.press('End');
		await theirs.click();
		await theirs.press('Home');
		await Promise.all([
			mine.pressSequentially(' Ende', { delay: 30 }),
			theirs.pressSequentially('Anfang ', { delay: 30 })
		]);
		const merged = `Anfang ${title} Ende`;
		await expect(mine).toHaveValue(merged);
		await expect(theirs).toHaveValue(merged);

		// The same in the rich text of the description.
		const myText = page.locator('#measure-description .ProseMirror');
		const theirText = other.page.locator('#measure-description .ProseMirror');
		await myText.click();
		await myText.pressSequentially('Gemeinsam geschrieben.');
		await expect(theirText).toContainText('Gemeinsam geschrieben.');
		await myText.press('End');
		await theirText.click();
		await theirText.press('Home');
		await Promise.all([
			myText.pressSequentially(' Von Anna.', { delay: 30 }),
			theirText.pressSequentially('Von Deniz: ', { delay: 30 })
		]);
		const expected = 'Von Deniz: Gemeinsam geschrieben. Von Anna.';
		await expect(myText).toHaveText(expected);
		await expect(theirText).toHaveText(expected);

		// A reload shows what was persisted on the server.
		await other.page.reload();
		await expect(other.page.getByTestId('connection-status')).toHaveText(/Verbunden/);
		await openMeasure(other.page, merged);
		await expect(other.page.locator('#measure-description .ProseMirror')).toHaveText(expected);
		expect(other.errors()).toEqual([]);
	} finally {
		await other.context.close();
	}
});

test('a council member watches live but cannot change anything', async ({ page, browser }) => {
	await logIn(page, 'rat@musterstadt.example');
	const agendaId = await demoAgendaId(page);
	await page.goto(`/agenden/${agendaId}/bearbeiten`);
	await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
	await expect(page.getByText('Nur Lesezugriff')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Maßnahme hinzufügen' })).toHaveCount(0);
	await expectAccessible(page);

	const title = page.locator('#measure-title');
	const before = await title.inputValue();
	await expect(title).toHaveAttribute('readonly', '');
	await title.click();
	await title.pressSequentially('XYZ');
	await expect(title).toHaveValue(before);
	await expect(page.locator('#measure-description .ProseMirror')).toHaveAttribute(
		'contenteditable',
		'false'
	);

	// An editor's change arrives live at the viewer.
	const editor = await openEditorAs(browser, 'ag2@musterstadt.example', agendaId);
	try {
		const summary = editor.page.locator('#measure-summary');
		await summary.click();
		await summary.press('End');
		const marker = ` (${Date.now().toString(36)})`;
		await summary.pressSequentially(marker);
		await expect(page.locator('#measure-summary')).toHaveValue(
			new RegExp(`${marker.replace(/[()]/g, '\\$&')}$`)
		);
		expect(editor.errors()).toEqual([]);
	} finally {
		await editor.context.close();
	}
});

test('edits made without a connection are kept and merged when it returns', async ({
	page,
	browser
}) => {
	await logIn(page, 'ag1@musterstadt.example');
	const agendaId = await demoAgendaId(page);
	await page.goto(`/agenden/${agendaId}/bearbeiten`);
	await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
	const title = `Offline ${Date.now().toString(36)}`;
	await page.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();
	await page.locator('#measure-title').pressSequentially(title);

	const other = await openEditorAs(browser, 'ag2@musterstadt.example', agendaId);
	try {
		await openMeasure(other.page, title);
		// The server becomes unreachable for the second editor; the draft comes from IndexedDB.
		let serverReachable = false;
		await other.page.routeWebSocket(/\/collab\//, (socket) => {
			if (serverReachable) socket.connectToServer();
			else void socket.close();
		});
		await other.page.reload();
		await expect(other.page.getByTestId('connection-status')).not.toHaveText(/Verbunden/);
		await openMeasure(other.page, title);
		await other.page.locator('#measure-title').press('End');
		await other.page.locator('#measure-title').pressSequentially(' (offline ergänzt)');
		// The edit is in the offline editor's document while its sockets are turned away: the
		// first editor still has the title as it was.
		await expect(other.page.locator('#measure-title')).toHaveValue(`${title} (offline ergänzt)`);
		await expect(other.page.getByTestId('connection-status')).not.toHaveText(/Verbunden/);
		await expect(page.locator('#measure-title')).toHaveValue(title);

		serverReachable = true;
		await expect(other.page.getByTestId('connection-status')).toHaveText(/Verbunden/, {
			timeout: 15_000
		});
		await expect(page.locator('#measure-title')).toHaveValue(`${title} (offline ergänzt)`);
		expect(other.errors()).toEqual([]);
	} finally {
		await other.context.close();
	}
});

test('a browser without a local copy shows the document only once the server sent it', async ({
	page
}) => {
	await logIn(page, 'ag2@musterstadt.example');
	const agendaId = await demoAgendaId(page);
	// The socket opens but the server's document never comes (a slow link, frozen): the page
	// must not offer an empty list to add to, or the new measure lands among the real ones.
	let frozen = true;
	await page.routeWebSocket(/\/collab\//, (socket) => {
		if (!frozen) socket.connectToServer();
	});
	await page.goto(`/agenden/${agendaId}/bearbeiten`);
	await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
	// Once the browser's store has answered (empty), only the server's document could open it.
	const editor = page.locator('.editor');
	await expect(editor).toHaveAttribute('data-local-copy', 'none');
	await expect(editor).toHaveAttribute('data-synced', 'false');
	await expect(page.getByRole('status').filter({ hasText: 'wird geladen' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Maßnahme hinzufügen' })).toHaveCount(0);

	frozen = false;
	await page.reload();
	await expect(page.getByRole('button', { name: 'Maßnahme hinzufügen' })).toBeVisible();
	await expect(page.locator('.measure-list__title')).not.toHaveCount(0);
});

test('undo and redo take back only the own edits, and every part is accessible', async ({
	page
}) => {
	// The browser's clock runs as usual, but the test can move it on: the undo history groups
	// what happens within half a second into one step.
	await page.clock.install();
	await logIn(page, 'ag2@musterstadt.example');
	const agendaId = await demoAgendaId(page);
	await page.goto(`/agenden/${agendaId}/bearbeiten`);
	await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);

	const title = `Undo ${Date.now().toString(36)}`;
	await page.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();
	const field = page.locator('#measure-title');
	await field.pressSequentially(title);
	await expect(field).toHaveValue(title);
	await page.clock.fastForward(600);
	await page.getByLabel('Priorität').selectOption('hoch');
	await page.keyboard.press('Control+z');
	await expect(page.getByLabel('Priorität')).toHaveValue('mittel');
	// The same within one frame (a quick hand): the list must show what the document holds.
	await page.getByLabel('Priorität').evaluate((select: HTMLSelectElement) => {
		select.value = 'niedrig';
		select.dispatchEvent(new Event('change', { bubbles: true }));
		select.dispatchEvent(new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true }));
	});
	await expect(page.getByLabel('Priorität')).toHaveValue('mittel');
	await field.focus();
	await page.keyboard.press('Control+z');
	await expect(field).toHaveValue('');
	await page.keyboard.press('Control+Shift+z');
	await expect(field).toHaveValue(title);

	for (const section of [
		'Überblick',
		'Ausgangslage',
		'Leitbild und Leitlinien',
		'Ziele und Handlungsfelder',
		'AG-Mitglieder',
		'Fördermittel',
		'Finanzen',
		'Maßnahmen'
	]) {
		await page
			.getByRole('navigation', { name: 'Teile der Agenda' })
			.getByRole('button', { name: section })
			.click();
		await expect(page.getByRole('heading', { level: 2, name: section })).toBeVisible();
		await expectAccessible(page);
	}
});

test('going from one agenda’s editor to another’s opens the other agenda afresh', async ({
	page
}) => {
	const suffix = Date.now().toString(36);
	const first = await copyAgendaWithMembers(databasePath, 'musterstadt', `first-${suffix}`);
	const second = await copyAgendaWithMembers(databasePath, 'musterstadt', `second-${suffix}`);
	await logIn(page, 'ag1@musterstadt.example');
	await page.goto(`/agenden/${first}/bearbeiten`);
	await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
	const title = `Nur in der ersten ${suffix}`;
	await page.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();
	await page.locator('#measure-title').pressSequentially(title);
	await expect(page.locator('.measure-list__title').filter({ hasText: title })).toHaveCount(1);
	const undo = page.getByRole('button', { name: 'Rückgängig' });
	await expect(undo).toBeEnabled();

	// A link within the app: the router keeps the page component and hands it the other agenda.
	await page.evaluate((href) => {
		const link = document.createElement('a');
		link.href = href;
		link.id = 'to-second';
		link.textContent = 'Zur zweiten Agenda';
		document.querySelector('main')?.append(link);
	}, `/agenden/${second}/bearbeiten`);
	await page.locator('#to-second').click();
	// Once its document is there, the editor writes its section into the address.
	await expect(page).toHaveURL(
		new RegExp(`/agenden/${second}/bearbeiten(\\?abschnitt=massnahmen)?$`)
	);
	await expect(page.getByTestId('connection-status')).toHaveText(/Verbunden/);
	// Its own document, without the first one's new measure, and a history of its own.
	await expect(page.locator('.measure-list__title').first()).toBeVisible();
	await expect(page.locator('.measure-list__title').filter({ hasText: title })).toHaveCount(0);
	await expect(undo).toBeDisabled();
	// Disabled, it stays readable: its text keeps 3:1 against the (white) editor bar.
	expect(await undo.evaluate(contrastOnWhite)).toBeGreaterThanOrEqual(3);
});

/**
 * The contrast ratio of a control's text, with the opacity of it and its ancestors, on white. The
 * browser turns the computed colour (KERN's tokens are oklch) into sRGB on a 1×1 canvas.
 */
function contrastOnWhite(element: Element): number {
	const text = element.querySelector('.kern-label') ?? element;
	let opacity = 1;
	for (let node: Element | null = element; node; node = node.parentElement) {
		opacity *= Number(getComputedStyle(node).opacity);
	}
	const canvas = document.createElement('canvas');
	canvas.width = canvas.height = 1;
	const context = canvas.getContext('2d');
	if (!context) throw new Error('no canvas');
	context.fillStyle = 'white';
	context.fillRect(0, 0, 1, 1);
	context.globalAlpha = opacity;
	context.fillStyle = getComputedStyle(text).color;
	context.fillRect(0, 0, 1, 1);
	const [r = 0, g = 0, b = 0] = context.getImageData(0, 0, 1, 1).data;
	const linear = (channel: number) => {
		const c = channel / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	};
	const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
	return 1.05 / (luminance + 0.05);
}
