import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { normalizeEmail } from '$lib/server/accounts/users';
import { requestPasswordReset } from '$lib/server/accounts/password-reset';
import { passwordResetsByEmail, passwordResetsByIp } from '$lib/server/auth/limits';
import { mailLinkOrigin } from '$lib/server/mail/link-origin';
import { db } from '$lib/server/db';
import { emailField } from '$lib/server/forms/account-fields';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import type { Actions, PageServerLoad } from './$types';

const requestSchema = z.object({ email: emailField });

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/konto');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const parsed = parseForm(requestSchema, await readForm(event.request));
		// A malformed address is refused for what it is, the same for every account.
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values);

		const ip = event.getClientAddress();
		const email = normalizeEmail(parsed.data.email);
		// Over a limit the answer stays the same (it must not tell whether the account exists, nor
		// that someone else is asking for it); only the mail is left out.
		const overLimit =
			(await passwordResetsByIp.retryAfter(ip)) > 0
				? 'je Adresse'
				: (await passwordResetsByEmail.retryAfter(email)) > 0
					? 'je Konto'
					: null;
		if (overLimit) {
			// Without the e-mail address: the log is read by more people than the mails are.
			console.warn(`Passwort vergessen: Limit ${overLimit} erreicht, keine Mail verschickt`);
		} else {
			await passwordResetsByIp.hit(ip);
			await passwordResetsByEmail.hit(email);
			await requestPasswordReset(db, email, mailLinkOrigin(event.url));
		}
		return { sent: true };
	}
};
