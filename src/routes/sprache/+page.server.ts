import { redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/paraglide/runtime';
import { setAccountLocale } from '$lib/server/accounts/account-locale';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/forms/parse';
import { setLocaleCookie } from '$lib/server/locale-cookie';
import { safeRedirectTarget } from '$lib/server/redirect-target';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	/** The footer's language switch: a plain form post, so that it works without JavaScript. */
	default: async ({ request, cookies, locals }) => {
		const form = await readForm(request);
		const locale = String(form.get('locale') ?? '');
		if (isLocale(locale)) {
			setLocaleCookie(cookies, locale);
			// Signed in, the choice is the account's too: its mails follow it.
			if (locals.user) await setAccountLocale(db, locals.user.id, locale);
		}
		redirect(303, safeRedirectTarget(form.get('weiter')));
	}
};
