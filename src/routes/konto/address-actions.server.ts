/**
 * The /konto actions about the account's address and language: asking for a new address (which
 * applies once its link is followed) and the language of the account's mails.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { setAccountLocale } from '$lib/server/accounts/account-locale';
import { requestAddressChange } from '$lib/server/accounts/email-addresses';
import { normalizeEmail } from '$lib/server/accounts/users';
import { requireUser } from '$lib/server/agendas/access';
import { addressMailsByUser, minutesToWait } from '$lib/server/auth/limits';
import type { SessionUser } from '$lib/server/auth/session';
import { db } from '$lib/server/db';
import { ACCOUNT_LOCALES } from '$lib/server/db/schema';
import { emailField, givenPasswordField } from '$lib/server/forms/account-fields';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import { setLocaleCookie } from '$lib/server/locale-cookie';
import { mailLinkOrigin } from '$lib/server/mail/link-origin';

const emailSchema = z.object({ email: emailField, currentPassword: givenPasswordField });
const languageSchema = z.object({
	locale: z.enum(ACCOUNT_LOCALES, { error: () => m.error_language_unknown() })
});

/** What the address and language sections show. */
export function addressData(user: SessionUser) {
	return {
		unconfirmedEmail: user.emailConfirmedAt === null ? user.email : null,
		locale: user.locale
	};
}

export const addressActions = {
	email: async (event: RequestEvent) => {
		const user = requireUser(event);
		const parsed = parseForm(emailSchema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, 'email');
		const wait = await addressMailsByUser.retryAfter(user.id);
		if (wait > 0) {
			const message = m.address_resend_too_many({ minutes: minutesToWait(wait) });
			return formFailure(429, { form: message }, parsed.values, 'email');
		}
		const result = await requestAddressChange(
			db,
			user.id,
			{ currentPassword: parsed.data.currentPassword, newEmail: parsed.data.email },
			mailLinkOrigin(event.url)
		);
		if (!result.ok) {
			const errors: Record<string, string> =
				result.reason === 'unchanged'
					? { email: m.error_email_unchanged() }
					: { currentPassword: m.error_current_password_wrong() };
			return formFailure(400, errors, parsed.values, 'email');
		}
		await addressMailsByUser.hit(user.id);
		const email = normalizeEmail(parsed.data.email);
		return { action: 'email', success: m.account_email_requested({ email }) };
	},

	language: async (event: RequestEvent) => {
		const user = requireUser(event);
		const parsed = parseForm(languageSchema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values, 'language');
		const { locale } = parsed.data;
		await setAccountLocale(db, user.id, locale);
		// The person chose a language: the pages follow, as with the footer's switch.
		setLocaleCookie(event.cookies, locale);
		return { action: 'language', success: m.account_language_saved({}, { locale }) };
	}
};
