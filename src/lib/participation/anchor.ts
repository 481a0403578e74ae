import { z } from 'zod';

/**
 * Where in an item's text a comment points: one paragraph of a measure's description, as it read
 * when the comment was written, and optionally the words the citizen selected in it. The text is
 * kept so that the comment can find its paragraph again in a later Fassung, or, where that
 * paragraph changed, show what it referred to.
 */
export const PASSAGE_ANCHOR_MAX_CHARS = 2_000;

export const passageAnchorSchema = z.object({
	/** 0-based position among the description's paragraphs when the comment was written */
	paragraph: z.number().int().min(0).max(10_000),
	/** the paragraph's plain text then */
	text: z.string().max(PASSAGE_ANCHOR_MAX_CHARS),
	/** the selected part of it, or null for the whole paragraph */
	quote: z.string().max(PASSAGE_ANCHOR_MAX_CHARS).nullable()
});

export type PassageAnchor = z.infer<typeof passageAnchorSchema>;
