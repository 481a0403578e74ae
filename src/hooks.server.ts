import type { Handle, HandleServerError, RequestEvent } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { m } from '$lib/paraglide/messages';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { readConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { isPublicReaderPath, pageKey, sharedPublicPageCache } from '$lib/server/public-page-cache';
import { FALLBACK_CSP, privateCacheControl, SECURITY_HEADERS } from '$lib/server/security-headers';
import { withoutAppScript, withoutScriptHeaders } from '$lib/server/reader-pages';

const handleParaglide: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const handleSession: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) {
		event.locals.user = null;
		event.locals.session = null;
		return resolve(event);
	}
	const { session, user } = await validateSessionToken(db, token);
	if (session) setSessionCookie(event, token, session.expiresAt);
	else deleteSessionCookie(event);
	event.locals.user = user;
	event.locals.session = session;
	return resolve(event);
};

/** A visitor without a session reading a participation or progress page. */
function isAnonymousRead(event: RequestEvent): boolean {
	return (
		(event.request.method === 'GET' || event.request.method === 'HEAD') &&
		event.cookies.get(SESSION_COOKIE) === undefined &&
		isPublicReaderPath(event.url.pathname)
	);
}

const publicPages = sharedPublicPageCache(readConfig().publicPageCacheMs);

/**
 * Anonymous readers of the participation pages share one rendering for a moment (see
 * PublicPageCache); any write through the app empties it. Signed-in visitors always get their
 * own page: it shows their comments, supports and forms.
 */
const handlePublicPages: Handle = async ({ event, resolve }) => {
	if (!publicPages.enabled) return resolve(event);
	if (event.request.method !== 'GET' && event.request.method !== 'HEAD') {
		const response = await resolve(event);
		publicPages.clear();
		return response;
	}
	if (!isAnonymousRead(event)) return resolve(event);
	const key = pageKey(
		event.request.method,
		event.url.pathname + event.url.search,
		event.request.headers.get('cookie')
	);
	const cached = publicPages.get(key);
	if (cached) return cached;
	const begun = publicPages.begin();
	return publicPages.store(key, await resolve(event), begun);
};

/** Anonymous readers get the participation pages without the app's scripts (reader-pages.ts). */
const handleReaderPages: Handle = async ({ event, resolve }) => {
	if (!isAnonymousRead(event)) return resolve(event);
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => withoutAppScript(html)
	});
	withoutScriptHeaders(response.headers);
	return response;
};

/** Headers Kit does not set itself (security-headers.ts). */
const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const headers = response.headers;
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
	// JSON and file responses get a CSP of their own, so that nothing they contain can run.
	if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', FALLBACK_CSP);
	return response;
};

/**
 * Whatever answers a request with a session (pages, form actions, JSON, files) is that person's:
 * no proxy or browser cache keeps it. Anonymous readers' pages stay shareable on purpose.
 */
const handlePrivateCaching: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (event.cookies.get(SESSION_COOKIE) !== undefined) {
		response.headers.set(
			'Cache-Control',
			privateCacheControl(response.headers.get('Cache-Control'))
		);
	}
	return response;
};

// The cache comes first, so that it stores pages complete with their security headers: the
// server entry answers later hits with those headers as they are.
export const handle = sequence(
	handlePublicPages,
	handleSecurityHeaders,
	handlePrivateCaching,
	handleParaglide,
	handleReaderPages,
	handleSession
);

/**
 * Unexpected errors are logged with an id; the visitor sees a calm German message, no internals.
 * Kit also lands here for requests it refuses itself (405, 413, 415, a malformed URL): those are
 * the client's doing, so they are neither logged as faults nor called a server error.
 */
export const handleError: HandleServerError = ({ error, status, message }) => {
	if (status === 404) return { message: m.error_page_not_found() };
	if (status >= 400 && status < 500) return { message: m.error_request_invalid() };
	const id = crypto.randomUUID();
	console.error(`[${id}] ${message}`, error);
	return { message: `${m.error_server()} (${id.slice(0, 8)})` };
};
