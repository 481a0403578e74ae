/**
 * The texts of participation (comments, replies, the AG's answers, report and moderation
 * reasons) pass here on their way in and on their way out, so that no page, CSV or Word file shows
 * control characters or reversed text (see `cleanMultilineText`).
 */
import { cleanMultilineText } from '../../text/clean';

/** A text as it is checked and stored: cleaned and trimmed. */
export function participationText(value: string): string {
	return cleanMultilineText(value).trim();
}

/**
 * A stored text as it is shown. Rows written before the texts were cleaned on the way in (or by
 * anything but the app) may still hold controls; cleaning them here on every read costs a regular
 * expression per text and needs no migration, which SQLite could not do (no NFC, no regex).
 */
export function shownText<T extends string | null>(stored: T): T {
	return (stored === null ? null : cleanMultilineText(stored)) as T;
}
