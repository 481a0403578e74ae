import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { PassageAnchor } from '$lib/participation/anchor';
import PassageQuote from './PassageQuote.svelte';

/** The text without tags and Svelte's markers, whitespace collapsed. */
function textOf(body: string): string {
	return body
		.replace(/<!--[^>]*-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

const anchor: PassageAnchor = {
	paragraph: 1,
	text: 'Anträge können rund um die Uhr gestellt werden.',
	quote: 'rund um die Uhr'
};

describe('PassageQuote', () => {
	it('names the paragraph where it is now, linked, with the quote', () => {
		const { body } = render(PassageQuote, { props: { anchor, located: 3 } });
		expect(body).toContain('href="#absatz-4"');
		expect(textOf(body)).toBe('Zu Absatz 4: „rund um die Uhr“');
	});

	it('quotes the whole paragraph without a selection, shortened when long', () => {
		const long = { paragraph: 0, text: `${'Wort '.repeat(100)}Ende`, quote: null };
		const shown = textOf(render(PassageQuote, { props: { anchor: long, located: 0 } }).body);
		expect(shown).toMatch(/^Zu Absatz 1: „(Wort ){50,}…“$/);
		expect(shown).not.toContain('Ende');
	});

	it('keeps the quoted original of a changed paragraph and says it changed', () => {
		const { body } = render(PassageQuote, { props: { anchor, located: null } });
		expect(body).not.toContain('href=');
		expect(textOf(body)).toBe(
			'Zu Absatz 2 der damaligen Fassung: „rund um die Uhr“ Der Absatz wurde seitdem geändert.'
		);
	});

	it('links nowhere where the page does not show the text (the editor)', () => {
		const { body } = render(PassageQuote, { props: { anchor, located: 1, linked: false } });
		expect(body).not.toContain('href=');
		expect(textOf(body)).toBe('Zu Absatz 2: „rund um die Uhr“');
	});
});
