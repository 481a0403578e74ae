import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { findResettableAccount, resetPassword } from '$lib/server/accounts/password-reset';
import { setSessionCookie } from '$lib/server/auth/cookie';
import { createSession } from '$lib/server/auth/session';
import { db } from '$lib/server/db';
import { newPasswordField, refuseOwnDataInPassword } from '$lib/server/forms/account-fields';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import { safeRedirectTarget } from '$lib/server/redirect-target';
import type { Actions, PageServerLoad } from './$types';

/** Where a reset ends: the account page, which confirms it. */
const AFTER_RESET_PATH = '/konto?passwort=zurueckgesetzt';

export const load: PageServerLoad = async ({ params, url }) => ({
	// Only looked at, not used up: mail scanners that open links must not spend the token.
	valid: (await findResettableAccount(db, params.token)) !== null,
	next: safeRedirectTarget(url.searchParams.get('weiter'), AFTER_RESET_PATH)
});

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const next = safeRedirectTarget(form.get('weiter'), AFTER_RESET_PATH);
		const account = await findResettableAccount(db, event.params.token);
		if (!account) return formFailure(400, { form: m.reset_invalid_text() }, {});

		// The same rules as registration, with the account's own name and address.
		const schema = z
			.object({ password: newPasswordField })
			.superRefine((values, ctx) =>
				refuseOwnDataInPassword(ctx, 'password', values.password, account)
			);
		const parsed = parseForm(schema, form);
		if (!parsed.ok) return formFailure(400, parsed.errors, {});

		const result = await resetPassword(db, event.params.token, parsed.data.password);
		if (!result) return formFailure(400, { form: m.reset_invalid_text() }, {});
		const { token, session } = await createSession(db, result.userId);
		setSessionCookie(event, token, session.expiresAt);
		redirect(303, next);
	}
};
