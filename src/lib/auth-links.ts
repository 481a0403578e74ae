import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

/** Links to log-in and registration that bring the person back to `next` afterwards. */
export function loginHref(next: string): ResolvedPathname {
	return `${resolve('/anmelden')}?weiter=${encodeURIComponent(next)}` as ResolvedPathname;
}

export function registerHref(next: string): ResolvedPathname {
	return `${resolve('/registrieren')}?weiter=${encodeURIComponent(next)}` as ResolvedPathname;
}
