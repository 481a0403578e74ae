/**
 * The response headers that protect every visitor, in one list: SvelteKit's hook sets them on
 * everything it answers, and the server entry on the static files it serves without SvelteKit
 * (`/_app/…`, `/favicon.svg`). The CSP of pages comes from `kit.csp` in svelte.config.js.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
	'X-Content-Type-Options': 'nosniff',
	// Not `no-referrer`: under it browsers send `Origin: null` with every plain form post, and Kit's
	// CSRF check refuses them all (log-out, language switch, accepting an invitation, any form
	// without JavaScript). `same-origin` still tells other sites nothing, not even the host.
	'Referrer-Policy': 'same-origin',
	'X-Frame-Options': 'DENY',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()'
};

/** For responses without a CSP of their own (JSON, files): nothing in them runs or is framed. */
export const FALLBACK_CSP = "default-src 'none'; frame-ancestors 'none'";

/**
 * The `Cache-Control` of a response to a request with a session: nobody but the browser keeps
 * it, and the browser not either (a shared computer, the back button after logging out). A
 * response that already forbids storing keeps its own value.
 */
export function privateCacheControl(own: string | null): string {
	return own !== null && /(^|[\s,])no-store($|[\s,])/i.test(own) ? own : 'private, no-store';
}
