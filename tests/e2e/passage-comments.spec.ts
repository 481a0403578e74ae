import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import {
	PASSWORD,
	expectAccessible,
	expectAccessibleWithoutJs,
	registerAndLogIn,
	uniqueEmail
} from './support/helpers';
import { richTextParagraphs } from '../../src/lib/agenda/model/rich-text';
import { copyAgenda, openTestParticipation } from '../support/participation';

/**
 * Comments on one paragraph of a measure's description, on a phone: without JavaScript through
 * the paragraph's own link, with JavaScript and touch by selecting words (the selection API fires
 * `selectionchange`, as a finger's selection does). On a participation of its own.
 */
const databasePath = join(process.env.AGENDAWERK_E2E_DIR ?? '', 'agendawerk.db');
const slug = `absatz-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
let measure = { id: '', title: '' };
let secondParagraph = '';

test.beforeAll(async () => {
	await copyAgenda(databasePath, 'musterstadt', slug);
	const participation = await openTestParticipation(databasePath, { slug });
	const found = participation.content.measures.find(
		(candidate) => richTextParagraphs(candidate.description).length >= 2
	);
	if (!found) throw new Error('Keine Maßnahme mit zwei Absätzen in der Demo');
	measure = { id: found.id, title: found.title };
	secondParagraph = richTextParagraphs(found.description)[1]?.text.replace(/\s+/g, ' ') ?? '';
});

const measurePath = () => `/beteiligung/${slug}/massnahmen/${measure.id}`;

test.use({ viewport: { width: 390, height: 844 } });

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a citizen follows a paragraph’s link, logs in on the way, comments and sees the quote', async ({
		page,
		browser
	}) => {
		await page.goto(measurePath());
		const paragraph = page.locator('#absatz-2');
		await paragraph.getByRole('link', { name: 'Diesen Absatz kommentieren (Absatz 2)' }).click();
		await expect(page).toHaveURL(/\?absatz=2#kommentar-schreiben$/);

		// Registration brings the citizen back to the same paragraph's form.
		await page
			.locator('#kommentar-schreiben')
			.getByRole('link', { name: 'registrieren Sie sich' })
			.click();
		await registerAndLogIn(page, {
			displayName: 'Absatz ohne Skript',
			email: uniqueEmail('absatz-ohne-js'),
			password: PASSWORD
		});
		await expect(page).toHaveURL(/\?absatz=2#kommentar-schreiben$/);
		const reference = page.getByTestId('comment-passage');
		await expect(reference).toContainText('Ihr Kommentar bezieht sich auf:');
		await expect(reference).toContainText(`„${secondParagraph}“`);
		await expectAccessibleWithoutJs(page, browser);

		await page.getByLabel(`Kommentar zu „${measure.title}“`).fill('Genau dieser Absatz fehlt mir.');
		await page.getByRole('button', { name: 'Kommentar absenden' }).click();
		await expect(page.getByText('Vielen Dank! Ihr Kommentar ist veröffentlicht.')).toBeVisible();
		const card = page.locator('article.comment__card', { hasText: 'Genau dieser Absatz' });
		await expect(card.getByRole('link', { name: 'Zu Absatz 2:' })).toHaveAttribute(
			'href',
			'#absatz-2'
		);
		await expect(card).toContainText(`„${secondParagraph.slice(0, 40)}`);
		await expect(
			paragraph.getByRole('link', { name: '1 Kommentar zu diesem Absatz' })
		).toBeVisible();
		await expect(page.getByTestId('comment-passage')).toHaveCount(0);
		await expectAccessibleWithoutJs(page, browser);

		// The reference can be taken away again.
		await page.goto(`${measurePath()}?absatz=2`);
		await page.getByRole('link', { name: 'Bezug entfernen' }).click();
		await expect(page.getByTestId('comment-passage')).toHaveCount(0);
	});
});

test.describe('with JavaScript on a touch screen', () => {
	test.use({ hasTouch: true, isMobile: true });

	test('a citizen selects words in a paragraph, taps „Auswahl kommentieren“ and comments on them', async ({
		page
	}) => {
		await page.goto(`/registrieren?weiter=${encodeURIComponent(measurePath())}`);
		await registerAndLogIn(page, {
			displayName: 'Absatz mit Finger',
			email: uniqueEmail('absatz-touch'),
			password: PASSWORD
		});
		await expect(page).toHaveURL(new RegExp(`${measurePath()}$`));
		await expect(page.locator('#svelte-announcer')).toBeAttached();

		const selected = await page.evaluate(() => {
			const target = document.querySelector('#absatz-2 .passage__text p');
			const walker = document.createTreeWalker(target ?? document.body, NodeFilter.SHOW_TEXT);
			const node = walker.nextNode();
			if (!node?.textContent) throw new Error('Kein Text im zweiten Absatz');
			const words = node.textContent.split(' ').slice(0, 3).join(' ');
			const range = document.createRange();
			range.setStart(node, 0);
			range.setEnd(node, words.length);
			const selection = document.getSelection();
			selection?.removeAllRanges();
			selection?.addRange(range);
			return words;
		});
		const button = page.locator('#absatz-2').getByRole('button', { name: 'Auswahl kommentieren' });
		await expect(button).toBeVisible();
		await expectAccessible(page);
		await button.tap();

		const field = page.getByLabel(`Kommentar zu „${measure.title}“`);
		await expect(field).toBeFocused();
		await expect(page.getByTestId('comment-passage')).toContainText(`„${selected}“`);
		await expectAccessible(page);
		await field.fill('Diese Worte bitte ändern.');
		await page.getByRole('button', { name: 'Kommentar absenden' }).click();
		await expect(page.getByText('Vielen Dank! Ihr Kommentar ist veröffentlicht.')).toBeVisible();
		const card = page.locator('article.comment__card', { hasText: 'Diese Worte bitte ändern.' });
		await expect(card).toContainText(`Zu Absatz 2: „${selected}“`);
		await expect(page.getByTestId('comment-passage')).toHaveCount(0);
		await expectAccessible(page);
	});
});
