import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { loginAfterRegistrationPath } from '$lib/auth-links';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { normalizeEmail, registerUser } from '$lib/server/accounts/users';
import { minutesToWait, registrationsByEmail, registrationsByIp } from '$lib/server/auth/limits';
import { db } from '$lib/server/db';
import { mailLinkOrigin } from '$lib/server/mail/link-origin';
import {
	displayNameField,
	emailField,
	nameRefusalMessage,
	newPasswordField,
	refuseOwnDataInPassword
} from '$lib/server/forms/account-fields';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import { safeRedirectTarget } from '$lib/server/redirect-target';
import type { Actions, PageServerLoad } from './$types';

const registrationSchema = z
	.object({
		displayName: displayNameField,
		email: emailField,
		password: newPasswordField
	})
	.superRefine((form, ctx) => refuseOwnDataInPassword(ctx, 'password', form.password, form));

export const load: PageServerLoad = ({ locals, url }) => {
	const next = safeRedirectTarget(url.searchParams.get('weiter'));
	if (locals.user) redirect(303, next);
	return { next };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const next = safeRedirectTarget(form.get('weiter'));
		const parsed = parseForm(registrationSchema, form);
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values);

		const values = { displayName: parsed.data.displayName, email: parsed.data.email };
		const ip = event.getClientAddress();
		const email = normalizeEmail(parsed.data.email);
		const wait = Math.max(
			await registrationsByIp.retryAfter(ip),
			await registrationsByEmail.retryAfter(email)
		);
		if (wait > 0) {
			const message = m.error_too_many_registrations({ minutes: minutesToWait(wait) });
			return formFailure(429, { form: message }, values);
		}
		await registrationsByIp.hit(ip);
		await registrationsByEmail.hit(email);

		// A known address creates nothing (its owner gets a mail), but gets the same answer as a new
		// one, and neither opens a session (a cookie would tell them apart): otherwise this form
		// would tell anyone which addresses have an account. registerUser hashes the password in
		// both cases, so both take as long. The account's mails are in the language of this page.
		const result = await registerUser(
			db,
			{ ...parsed.data, locale: getLocale() },
			mailLinkOrigin(event.url)
		);
		if (!result.ok && result.reason !== 'email-taken') {
			// Decided before the address is looked at: the same for a known and a new one.
			return formFailure(400, { displayName: nameRefusalMessage(result.reason) }, values);
		}
		redirect(303, loginAfterRegistrationPath(next));
	}
};
