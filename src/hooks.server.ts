import type { Handle, HandleServerError, RequestEvent } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { deleteSessionCookie, setSessionCookie } from '$lib/server/auth/cookie';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { readConfig } from '$lib/server/config';
import { db } from '$lib/server/db';
import { reportIfUnreachable, RETRY_AFTER_SECONDS } from '$lib/server/db/unavailable';
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

/**
 * While the database is unreachable (a PostgreSQL restart), every request that needs it gets a
 * 503 with Retry-After instead of a 500: a page, an action, a JSON route alike (architecture §3.2).
 * Kit renders the failure of a load, action or endpoint itself, with the German message from
 * `handleError`, which marks the request; here it only gets its status. The session lookup fails
 * before Kit can render anything: that request is answered here.
 */
const handleDatabaseOutage: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (error) {
		if (!reportIfUnreachable(db, error)) throw error;
		return databaseUnavailable(event);
	}
	if (response.status !== 500 || !event.locals.databaseUnreachable) return response;
	return new Response(response.body, {
		status: 503,
		headers: unavailableHeaders(response.headers)
	});
};

function unavailableHeaders(init?: HeadersInit): Headers {
	const headers = new Headers(init);
	headers.set('Retry-After', String(RETRY_AFTER_SECONDS));
	// No proxy may keep the outage for longer than it lasts.
	headers.set('Cache-Control', 'no-store');
	return headers;
}

/** The 503 in the form the request expects: an enhanced form's result, JSON, or a page. */
function databaseUnavailable(event: RequestEvent): Response {
	const message = m.error_database_unavailable();
	const headers = unavailableHeaders();
	const accept = event.request.headers.get('accept') ?? '';
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		// What `use:enhance` reads: it shows the error page with this message and the status.
		return Response.json({ type: 'error', error: { message } }, { status: 503, headers });
	}
	if (
		event.isDataRequest ||
		event.url.pathname.startsWith('/api/') ||
		accept.includes('application/json')
	) {
		return Response.json({ message }, { status: 503, headers });
	}
	headers.set('Content-Type', 'text/html; charset=utf-8');
	const title = escapeHtml(m.error_page_unavailable());
	const page =
		`<!doctype html><html lang="${getLocale()}"><head><meta charset="utf-8">` +
		`<meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>${title} – Agendawerk</title></head>` +
		`<body><h1>${title}</h1><p>${escapeHtml(message)}</p></body></html>`;
	return new Response(page, { status: 503, headers });
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

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
	handleDatabaseOutage,
	handleReaderPages,
	handleSession
);

/**
 * Unexpected errors are logged with an id; the visitor sees a calm German message, no internals.
 * Kit also lands here for requests it refuses itself (405, 413, 415, a malformed URL): those are
 * the client's doing, so they are neither logged as faults nor called a server error.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message: m.error_page_not_found() };
	if (status >= 400 && status < 500) return { message: m.error_request_invalid() };
	// Not a fault to log with a stack: the outage is logged once (unavailable.ts), and
	// handleDatabaseOutage answers 503.
	if (reportIfUnreachable(db, error)) {
		event.locals.databaseUnreachable = true;
		return { message: m.error_database_unavailable(), status: 503 };
	}
	const id = crypto.randomUUID();
	console.error(`[${id}] ${message}`, error);
	return { message: `${m.error_server()} (${id.slice(0, 8)})` };
};
