import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

/** Links to log-in and registration that bring the person back to `next` afterwards. */
export function loginHref(next: string): ResolvedPathname {
	return `${resolve('/anmelden')}?weiter=${encodeURIComponent(next)}` as ResolvedPathname;
}

export function registerHref(next: string): ResolvedPathname {
	return `${resolve('/registrieren')}?weiter=${encodeURIComponent(next)}` as ResolvedPathname;
}

/**
 * Where every registration ends, whether the address was new or not: the log-in page with a note
 * that says neither, so that registering tells nobody which addresses have an account.
 */
export function loginAfterRegistrationPath(next: string): string {
	// For the server's redirect: an absolute path (resolve() answers a relative one during SSR).
	return `/anmelden?konto=angelegt&weiter=${encodeURIComponent(next)}`;
}

export function isAfterRegistration(url: URL): boolean {
	return url.searchParams.get('konto') === 'angelegt';
}
