import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import {
	DISPLAY_NAME_MAX_LENGTH,
	EMAIL_MAX_LENGTH,
	PASSWORD_MAX_LENGTH,
	PASSWORD_MIN_LENGTH
} from '$lib/account-rules';
import { cleanSingleLineText } from '$lib/text/clean';
import type { NameRefusal } from '../accounts/users';
import { containsOwnData, isGuessablePassword } from '../auth/guessable-password';

/** C0 and C1 controls, and the bidi embeddings, overrides and isolates (U+202A–E, U+2066–9). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** Field rules shared by registration, log-in and the account page; messages resolve per request. */
export const emailField = z
	.string({ error: () => m.error_email_invalid() })
	.trim()
	.max(EMAIL_MAX_LENGTH, { error: () => m.error_email_invalid() })
	.pipe(z.email({ error: () => m.error_email_invalid() }));

export const displayNameField = z
	.string({ error: () => m.error_name_required() })
	// Other people see the name: no NUL, line breaks or bidi overrides that garble or disguise it.
	.refine((name) => !CONTROL_CHARACTERS.test(name), {
		error: () => m.error_name_control_characters()
	})
	// Invisible characters go, spaces collapse: "Anna\u200BBerger" is stored, shown and compared
	// as "AnnaBerger". The limits apply to what is stored.
	.transform(cleanSingleLineText)
	.pipe(
		z
			.string()
			.min(1, { error: () => m.error_name_required() })
			.max(DISPLAY_NAME_MAX_LENGTH, {
				error: () => m.error_name_too_long({ max: DISPLAY_NAME_MAX_LENGTH })
			})
	);

/** The message for a display name that is reserved or another team member's (display-names.ts). */
export function nameRefusalMessage(reason: NameRefusal): string {
	return reason === 'name-reserved' ? m.error_name_reserved() : m.error_name_taken();
}

export const newPasswordField = z
	.string({ error: () => m.error_password_too_short({ min: PASSWORD_MIN_LENGTH }) })
	.min(PASSWORD_MIN_LENGTH, {
		error: () => m.error_password_too_short({ min: PASSWORD_MIN_LENGTH })
	})
	.max(PASSWORD_MAX_LENGTH, {
		error: () => m.error_password_too_long({ max: PASSWORD_MAX_LENGTH })
	})
	.refine((password) => !isGuessablePassword(password), {
		error: () => m.error_password_guessable()
	});

/**
 * The one rule of a new password that needs its owner: it must not contain their e-mail address
 * or name. For the `superRefine` of a form, which knows both; the message goes to `field`.
 */
export function refuseOwnDataInPassword(
	ctx: z.RefinementCtx,
	field: string,
	password: string,
	owner: { email: string; displayName?: string }
): void {
	if (containsOwnData(password, owner)) {
		ctx.addIssue({ code: 'custom', path: [field], message: m.error_password_own_data() });
	}
}

/** For passwords that are checked, not set: any length up to the bound. */
export const givenPasswordField = z
	.string({ error: () => m.error_password_required() })
	.min(1, { error: () => m.error_password_required() })
	.max(PASSWORD_MAX_LENGTH, {
		error: () => m.error_password_too_long({ max: PASSWORD_MAX_LENGTH })
	});
