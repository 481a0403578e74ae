import type { Cookies } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, type Locale } from '$lib/paraglide/runtime';

/** Shows the pages in `locale` from the next request on (Paraglide's cookie strategy). */
export function setLocaleCookie(cookies: Cookies, locale: Locale): void {
	// Paraglide reads this cookie in the browser too, so it cannot be HttpOnly.
	cookies.set(cookieName, locale, {
		path: '/',
		maxAge: cookieMaxAge,
		sameSite: 'lax',
		httpOnly: false
	});
}
