import { redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime';
import { readForm } from '$lib/server/forms/parse';
import { safeRedirectTarget } from '$lib/server/redirect-target';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	/** The footer's language switch: a plain form post, so that it works without JavaScript. */
	default: async ({ request, cookies }) => {
		const form = await readForm(request);
		const locale = String(form.get('locale') ?? '');
		if (isLocale(locale)) {
			// Paraglide reads this cookie in the browser too, so it cannot be HttpOnly.
			cookies.set(cookieName, locale, {
				path: '/',
				maxAge: cookieMaxAge,
				sameSite: 'lax',
				httpOnly: false
			});
		}
		redirect(303, safeRedirectTarget(form.get('weiter')));
	}
};
