/**
 * The fixed terms of citizen participation. Their names come from `labels.ts`; the dispositions
 * are the wording councils expect in a Beteiligungsbericht, so its files ask for the German ones.
 */
export const MODERATION_MODES = ['pre', 'post'] as const;
export type ModerationMode = (typeof MODERATION_MODES)[number];

export const COMMENT_ITEM_KINDS = ['measure', 'goal', 'section'] as const;
export type CommentItemKind = (typeof COMMENT_ITEM_KINDS)[number];

/** The long texts citizens can comment on as a whole. */
export const COMMENTABLE_SECTIONS = ['ausgangslage', 'leitbild'] as const;
export type CommentableSection = (typeof COMMENTABLE_SECTIONS)[number];

export const COMMENT_STATUSES = ['pending', 'visible', 'hidden'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const DISPOSITIONS = [
	'uebernommen',
	'teilweise-uebernommen',
	'nicht-uebernommen',
	'zur-kenntnis'
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** Longest comment, reply or answer reason. */
export const COMMENT_MAX_CHARS = 5_000;
/** How long an author may still correct a comment. */
export const COMMENT_EDIT_WINDOW_MS = 15 * 60 * 1000;
/** Longest moderation or report reason. */
export const REASON_MAX_CHARS = 500;
