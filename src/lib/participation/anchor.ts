import { z } from 'zod';
import { RICH_TEXT_MAX_CHARS } from '../agenda/model/limits';

/**
 * Where in an item's text a comment points: one paragraph of a measure's description, as it read
 * when the comment was written, and optionally the words the citizen selected in it. The text is
 * kept so that the comment can find its paragraph again in a later Fassung, or, where that
 * paragraph changed, show what it referred to.
 *
 * Paragraphs are counted from 0 here and in forms; people read "Absatz 1" (`#absatz-1`).
 */
export const passageAnchorSchema = z.object({
	/** 0-based position among the description's paragraphs (`richTextParagraphs`) then */
	paragraph: z.number().int().min(0),
	/** the paragraph's plain text then, taken from the Fassung, never from the client */
	text: z.string().max(RICH_TEXT_MAX_CHARS),
	/** the selected part of it (whitespace collapsed), or null for the whole paragraph */
	quote: z.string().max(RICH_TEXT_MAX_CHARS).nullable()
});

export type PassageAnchor = z.infer<typeof passageAnchorSchema>;

/**
 * Text as a reader sees it: line breaks, tabs and runs of spaces are one space, no space at the
 * ends, normal form C. A browser's selection and the stored text differ in exactly these ways.
 */
export function normalizePassageText(value: string): string {
	return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export type AnchorError = 'unknown-paragraph' | 'quote-not-in-paragraph';

/**
 * The anchor of a new comment on paragraph `paragraph` (0-based) of `paragraphs`, the texts of
 * the Fassung's description. The paragraph's text comes from there; a quote must be part of it.
 * An empty quote means the whole paragraph.
 */
export function anchorFor(
	paragraphs: readonly string[],
	paragraph: number,
	quote: string | null
): { ok: true; anchor: PassageAnchor } | { ok: false; error: AnchorError } {
	const text = Number.isInteger(paragraph) ? paragraphs[paragraph] : undefined;
	if (text === undefined) return { ok: false, error: 'unknown-paragraph' };
	const selected = quote === null ? '' : normalizePassageText(quote);
	if (selected !== '' && !normalizePassageText(text).includes(selected)) {
		return { ok: false, error: 'quote-not-in-paragraph' };
	}
	return { ok: true, anchor: { paragraph, text, quote: selected === '' ? null : selected } };
}

/**
 * Where an anchor's paragraph is in a (later) Fassung's description, or null when it changed.
 * The same text (whitespace aside) anywhere is that paragraph, moved or not; failing that, a
 * paragraph that still holds the quoted words. Among several candidates (a duplicated paragraph)
 * the one nearest the old position wins, the earlier one on a tie.
 */
export function locateAnchor(anchor: PassageAnchor, paragraphs: readonly string[]): number | null {
	const texts = paragraphs.map(normalizePassageText);
	const same = normalizePassageText(anchor.text);
	const byText = nearest(texts, anchor.paragraph, (text) => text === same);
	if (byText !== null) return byText;
	const quote = anchor.quote === null ? '' : normalizePassageText(anchor.quote);
	if (quote === '') return null;
	return nearest(texts, anchor.paragraph, (text) => text.includes(quote));
}

function nearest(
	texts: readonly string[],
	around: number,
	matches: (text: string) => boolean
): number | null {
	let best: number | null = null;
	texts.forEach((text, index) => {
		if (!matches(text)) return;
		if (best === null || Math.abs(index - around) < Math.abs(best - around)) best = index;
	});
	return best;
}
