/**
 * The confirmation of a destructive form (remove a member, revoke an invitation, delete a
 * comment): one field that only the confirm button sends. The server acts only on a post that
 * carries it (`confirmationStep` in `$lib/server/forms/confirm`); `ConfirmForm.svelte` sends it
 * from its dialog, or from the confirmation step the server answers with when JavaScript is off.
 */
export const CONFIRM_FIELD = 'bestaetigt';
export const CONFIRM_VALUE = 'ja';

/** The server's answer to an unconfirmed post: ask first, nothing changed. */
export interface ConfirmationRequest {
	/** the form action that asks */
	action: string;
	/** the submitted fields, which name what would be removed */
	values: Record<string, string>;
	errors: Record<string, never>;
	confirm: true;
}

/**
 * Whether the page's last form result asks to confirm `action` on exactly the thing that `fields`
 * name (a page lists many forms of one action, one per member or comment).
 */
export function asksToConfirm(
	form: { action?: string; values?: Record<string, string>; confirm?: boolean } | null | undefined,
	action: string,
	fields: Record<string, string>
): boolean {
	if (!form?.confirm || form.action !== action) return false;
	return Object.entries(fields).every(([name, value]) => form.values?.[name] === value);
}
