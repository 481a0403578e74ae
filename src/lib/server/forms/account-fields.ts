import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import {
	DISPLAY_NAME_MAX_LENGTH,
	EMAIL_MAX_LENGTH,
	PASSWORD_MAX_LENGTH,
	PASSWORD_MIN_LENGTH
} from '$lib/account-rules';

/** Field rules shared by registration, log-in and the account page; messages resolve per request. */
export const emailField = z
	.string({ error: () => m.error_email_invalid() })
	.trim()
	.max(EMAIL_MAX_LENGTH, { error: () => m.error_email_invalid() })
	.pipe(z.email({ error: () => m.error_email_invalid() }));

export const displayNameField = z
	.string({ error: () => m.error_name_required() })
	.trim()
	.min(1, { error: () => m.error_name_required() })
	.max(DISPLAY_NAME_MAX_LENGTH, {
		error: () => m.error_name_too_long({ max: DISPLAY_NAME_MAX_LENGTH })
	});

export const newPasswordField = z
	.string({ error: () => m.error_password_too_short({ min: PASSWORD_MIN_LENGTH }) })
	.min(PASSWORD_MIN_LENGTH, {
		error: () => m.error_password_too_short({ min: PASSWORD_MIN_LENGTH })
	})
	.max(PASSWORD_MAX_LENGTH, {
		error: () => m.error_password_too_long({ max: PASSWORD_MAX_LENGTH })
	});

/** For passwords that are checked, not set: any length up to the bound. */
export const givenPasswordField = z
	.string({ error: () => m.error_password_required() })
	.min(1, { error: () => m.error_password_required() })
	.max(PASSWORD_MAX_LENGTH, {
		error: () => m.error_password_too_long({ max: PASSWORD_MAX_LENGTH })
	});
