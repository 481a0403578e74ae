import { m } from '$lib/paraglide/messages';
import { EMAIL_TOKEN_LIFETIME_HOURS } from '$lib/server/accounts/account-mails';
import { resendAddressConfirmation } from '$lib/server/accounts/email-addresses';
import { requireUser } from '$lib/server/agendas/access';
import { addressMailsByUser, minutesToWait } from '$lib/server/auth/limits';
import { db } from '$lib/server/db';
import { formFailure, readForm } from '$lib/server/forms/parse';
import { mailLinkOrigin } from '$lib/server/mail/link-origin';
import { redirectToLogin, safeRedirectTarget } from '$lib/server/redirect-target';
import type { Actions, PageServerLoad } from './$types';

/** The page of "Link erneut senden": where the notice's form lands, with the way back. */
export const load: PageServerLoad = ({ locals, url }) => {
	if (!locals.user) redirectToLogin(url);
	return {
		email: locals.user.email,
		confirmed: locals.user.emailConfirmedAt !== null,
		back: safeRedirectTarget(url.searchParams.get('weiter'), '/konto')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const form = await readForm(event.request);
		const back = safeRedirectTarget(form.get('weiter'), '/konto');
		const wait = await addressMailsByUser.retryAfter(user.id);
		if (wait > 0) {
			const message = m.address_resend_too_many({ minutes: minutesToWait(wait) });
			return formFailure(429, { form: message }, { back });
		}
		const result = await resendAddressConfirmation(db, user.id, mailLinkOrigin(event.url));
		if (!result.ok) return { back, success: m.address_resend_already_confirmed() };
		await addressMailsByUser.hit(user.id);
		const hours = EMAIL_TOKEN_LIFETIME_HOURS;
		return { back, success: m.address_resend_done({ email: result.email, hours }) };
	}
};
