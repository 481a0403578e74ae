/**
 * RFC 8058 one-click unsubscribe: the recipient's mail provider POSTs `List-Unsubscribe=One-Click`
 * to the link from the `List-Unsubscribe` header, from its own server, with no cookies and no
 * Origin header. SvelteKit refuses every form POST whose Origin is not the app's own (its CSRF
 * check), which would refuse these too. The production entry lets exactly these POSTs through by
 * giving them the app's origin: CSRF protects what a browser's cookies authorize, and here the
 * secret token in the path authorizes, never a cookie.
 */
const UNSUBSCRIBE_PATH = /^\/abbestellen\/[^/]+\/[^/]+$/;

/** Whether this request is a POST to an unsubscribe link (`/abbestellen/<token>/<kind>`). */
export function isUnsubscribePost(method: string | undefined, url: string | undefined): boolean {
	if (method !== 'POST' || !url) return false;
	// Parsed as Kit parses it, so that `/abbestellen/../konto` counts as the `/konto` it reaches.
	return UNSUBSCRIBE_PATH.test(new URL(url, 'http://localhost').pathname);
}
