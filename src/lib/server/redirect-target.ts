import { redirect } from '@sveltejs/kit';

/** Longest target followed, before and after percent-encoding; longer ones fall back. */
const MAX_TARGET_LENGTH = 2000;

/** Only the origin of this placeholder is compared; the target's path is all that is kept. */
const PLACEHOLDER_ORIGIN = 'http://agendawerk.invalid';

/**
 * A `weiter` (continue-to) parameter is only followed to a path on this site: "/x" yes,
 * "//evil.example", "/\evil.example" or "https://…" never (open-redirect protection).
 * Control characters are refused as well: browsers drop tabs and line breaks from a URL before
 * parsing it, so "/<TAB>/evil.example" would otherwise arrive as "//evil.example".
 *
 * The result goes into a Location header, which holds bytes, not Unicode: "/€" would make the
 * redirect throw (a 500). The URL parser percent-encodes such characters in path, query and
 * fragment exactly as a browser does, and leaves what is already encoded as it is.
 */
export function safeRedirectTarget(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || value.length > MAX_TARGET_LENGTH) return fallback;
	// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
	if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
	if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
	const url = new URL(value, PLACEHOLDER_ORIGIN);
	if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
	const target = url.pathname + url.search + url.hash;
	return target.length > MAX_TARGET_LENGTH ? fallback : target;
}

/**
 * Sends a visitor who has to log in first to the log-in page, which brings them back here
 * afterwards (`safeRedirectTarget` checks the way back there). After a form post, back to the
 * page itself: a GET of the action's address shows the page again.
 */
export function redirectToLogin(url: URL): never {
	redirect(303, `/anmelden?weiter=${encodeURIComponent(url.pathname)}`);
}
