import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import { RICH_TEXT_MAX_DEPTH } from '$lib/agenda/model/limits';
import {
	DEEP_TEXT,
	nestedListsAtLimit,
	nestedRichText
} from '$lib/agenda/ydoc/testing/deep-rich-text';
import { deepDemoAgenda } from '$lib/export/testing/demo-agenda';
import RichTextView from './RichTextView.svelte';

describe('RichTextView with long texts nested deep', () => {
	it('renders a text nested exactly to the limit', () => {
		const body = render(RichTextView, {
			props: {
				content: [
					...nestedRichText(RICH_TEXT_MAX_DEPTH),
					...nestedListsAtLimit(),
					...nestedRichText(RICH_TEXT_MAX_DEPTH, 'bulletList')
				]
			}
		}).body;
		expect(body.split(DEEP_TEXT)).toHaveLength(4);
		expect(body.split('<blockquote>')).toHaveLength(RICH_TEXT_MAX_DEPTH);
	});

	it('renders a text read from 100,000 levels (clamped when read)', () => {
		const agenda = deepDemoAgenda(100_000);
		const body = render(RichTextView, { props: { content: agenda.ausgangslage } }).body;
		expect(body).toContain(DEEP_TEXT);
		// Every level up to the limit is a quote; the text below it stands in the deepest one.
		expect(body.split('<blockquote>')).toHaveLength(RICH_TEXT_MAX_DEPTH + 1);
	});
});
