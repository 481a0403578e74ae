/**
 * Small helpers for black-box HTTP tests against a running server (see `server.ts`): form posts
 * the way a browser sends them, and the session cookie carried by hand.
 */
import Database from 'better-sqlite3';
import postgres from 'postgres';

export const SESSION_COOKIE = 'agendawerk_session';
export const DEMO_PASSWORD = 'demo-agendawerk';
export const DEMO = {
	admin: 'verwaltung@musterstadt.example',
	editor: 'ag1@musterstadt.example',
	editor2: 'ag2@musterstadt.example',
	viewer: 'rat@musterstadt.example',
	citizen: 'buerger@musterstadt.example'
} as const;

export interface RequestOptions {
	/** A `Cookie` header value, e.g. from `await login()`. */
	cookie?: string;
	/** Defaults to the server's own origin; pass another to act as a cross-site page. */
	origin?: string;
	/** Defaults to `text/html`, so that a failing action re-renders its page. */
	accept?: string;
	headers?: Record<string, string>;
}

/** `GET` without following redirects. */
export function get(base: string, path: string, options: RequestOptions = {}): Promise<Response> {
	return fetch(base + path, {
		redirect: 'manual',
		headers: {
			accept: options.accept ?? 'text/html',
			...(options.cookie ? { cookie: options.cookie } : {}),
			...options.headers
		}
	});
}

/** Downloads one export file of an agenda (`/api/agendas/<id>/export/<file>`), with its bytes. */
export async function downloadExport(
	base: string,
	agendaId: string,
	file: string,
	cookie: string,
	query = '?fassung=1'
): Promise<{ response: Response; body: Buffer }> {
	const response = await get(base, `/api/agendas/${agendaId}/export/${file}${query}`, {
		cookie,
		accept: '*/*'
	});
	return { response, body: Buffer.from(await response.arrayBuffer()) };
}

/**
 * A raw same-site `POST` with any body. With `contentType` null, a string body goes out as
 * fetch's default `text/plain;charset=UTF-8`, and a byte body with no content type at all.
 */
export function post(
	base: string,
	path: string,
	body: BodyInit,
	contentType: string | null,
	options: RequestOptions = {}
): Promise<Response> {
	return fetch(base + path, {
		method: 'POST',
		redirect: 'manual',
		body,
		headers: {
			origin: options.origin ?? base,
			accept: options.accept ?? 'text/html',
			...(contentType ? { 'content-type': contentType } : {}),
			...(options.cookie ? { cookie: options.cookie } : {}),
			...options.headers
		}
	});
}

/** A url-encoded form post, like a plain HTML form. */
export function postForm(
	base: string,
	path: string,
	fields: Record<string, string>,
	options: RequestOptions = {}
): Promise<Response> {
	return post(
		base,
		path,
		new URLSearchParams(fields).toString(),
		'application/x-www-form-urlencoded',
		options
	);
}

/** The session token the response sets, `''` when it deletes the cookie, or null if untouched. */
export function sessionTokenSetBy(response: Response): string | null {
	for (const line of response.headers.getSetCookie()) {
		const match = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(line);
		if (match) return match[1] ?? '';
	}
	return null;
}

/** The whole `Set-Cookie` line for the session cookie, for checking its attributes. */
export function sessionCookieLine(response: Response): string | undefined {
	return response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`));
}

/** Logs in through the form and returns the `Cookie` header value; throws when it fails. */
/** `options.origin`: the page the form is sent from, e.g. ORIGIN when the server has one. */
export async function login(
	base: string,
	email: string,
	password = DEMO_PASSWORD,
	options: Pick<RequestOptions, 'origin'> = {}
) {
	const response = await postForm(base, '/anmelden', { email, password }, options);
	const token = sessionTokenSetBy(response);
	if (response.status !== 303 || !token) {
		throw new Error(`Anmeldung von ${email} fehlgeschlagen: ${response.status}`);
	}
	return `${SESSION_COOKIE}=${token}`;
}

/**
 * Registers through the form, then logs in (registration itself opens no session, so that its
 * answer does not reveal whether the address was new), and returns the `Cookie` header value.
 * The address stays unconfirmed: for tests about confirmation itself.
 */
export async function registerUnconfirmed(
	base: string,
	email: string,
	password = 'ein-langes-passwort',
	displayName = `Testperson ${email.split('@')[0]}`,
	options: Pick<RequestOptions, 'origin'> = {}
) {
	const response = await postForm(base, '/registrieren', { displayName, email, password }, options);
	if (response.status !== 303 || sessionTokenSetBy(response) !== null) {
		throw new Error(`Registrierung von ${email} fehlgeschlagen: ${response.status}`);
	}
	return login(base, email, password, options);
}

/**
 * Registers as a person does: the form, then the link in the confirmation mail (read from the
 * server's outbox in its database), then the log-in. Returns the `Cookie` header value.
 */
export async function register(
	server: { url: string; databasePath: string },
	email: string,
	password = 'ein-langes-passwort',
	displayName = `Testperson ${email.split('@')[0]}`,
	options: Pick<RequestOptions, 'origin'> = {}
) {
	const cookie = await registerUnconfirmed(server.url, email, password, displayName, options);
	await followAddressLink(server, email, 'address-confirm', options);
	return cookie;
}

/** The path of the link in the newest mail of `kind` to `email` (`/adresse-bestaetigen/…`). */
export async function addressLinkPath(
	databasePath: string,
	email: string,
	kind: string
): Promise<string> {
	const [mail] = await queryDatabase<{ text: string }>(
		databasePath,
		'SELECT text FROM mails WHERE "to" = ? AND kind = ? ORDER BY created_at DESC, rowid DESC',
		email.trim().toLowerCase(),
		kind
	);
	const path = /\/adresse-bestaetigen\/[a-z2-7]+/.exec(mail?.text ?? '')?.[0];
	if (!path) throw new Error(`Kein Link in einer Mail „${kind}“ an ${email}`);
	return path;
}

/** Opens the link of the newest mail of `kind` to `email` and presses its button, as a person does. */
export async function followAddressLink(
	server: { url: string; databasePath: string },
	email: string,
	kind: 'address-confirm' | 'address-change',
	options: Pick<RequestOptions, 'origin'> = {}
): Promise<void> {
	const path = await addressLinkPath(server.databasePath, email, kind);
	const page = await get(server.url, path);
	const pressed = await postForm(server.url, path, {}, options);
	if (page.status !== 200 || pressed.status !== 200) {
		throw new Error(`Link ${kind} an ${email}: ${page.status}, dann ${pressed.status}`);
	}
}

let counter = 0;
/** An address no other test uses. */
export function uniqueEmail(prefix = 'test'): string {
	counter += 1;
	return `${prefix}-${Date.now().toString(36)}-${counter}@example.org`;
}

export interface ListedAgenda {
	id: string;
	slug: string;
	title: string;
	role: 'owner' | 'editor' | 'viewer';
}

export async function myAgendas(base: string, cookie: string): Promise<ListedAgenda[]> {
	const response = await get(base, '/api/agendas', { cookie, accept: 'application/json' });
	if (response.status !== 200) throw new Error(`/api/agendas antwortete ${response.status}`);
	return (await response.json()) as ListedAgenda[];
}

/**
 * Reads the server's database without writing to it: its SQLite file (WAL allows that while it
 * runs) or its PostgreSQL URL. The SQL is SQLite's with `?` parameters; on PostgreSQL they become
 * `$1, $2 …`, `rowid` (the tie-breaker of rows made in the same millisecond) becomes `ctid` (the
 * order of insertion in tables that are only appended to), and values come back as SQLite gives
 * them: counts as numbers, JSON columns as their text, points in time as milliseconds.
 */
export async function queryDatabase<T>(
	databasePath: string,
	sql: string,
	...params: unknown[]
): Promise<T[]> {
	if (/^postgres(ql)?:\/\//.test(databasePath)) {
		const client = postgres(databasePath, {
			max: 1,
			onnotice: () => {},
			types: {
				// count(*) is a bigint, which postgres.js returns as a string; SQLite's is a number.
				bigint: { to: 20, from: [20], serialize: String, parse: Number },
				// jsonb, which postgres.js would parse: SQLite's JSON columns are text.
				jsonText: { to: 3802, from: [3802], serialize: String, parse: String },
				// timestamptz, which postgres.js makes a Date: SQLite stores milliseconds.
				milliseconds: {
					to: 1184,
					from: [1184],
					serialize: String,
					parse: (value: string) => new Date(value).getTime()
				}
			}
		});
		let index = 0;
		const text = sql.replace(/\?/g, () => `$${++index}`).replace(/\browid\b/g, 'ctid');
		try {
			return (await client.unsafe(text, params as never[])) as unknown as T[];
		} finally {
			await client.end();
		}
	}
	const db = new Database(databasePath, { readonly: true, fileMustExist: true });
	try {
		return db.prepare(sql).all(...params) as T[];
	} finally {
		db.close();
	}
}

/** The id of the account with this (normalised) address in a server's database. */
export async function userIdOf(databasePath: string, email: string): Promise<string> {
	const [row] = await queryDatabase<{ id: string }>(
		databasePath,
		'SELECT id FROM users WHERE email = ?',
		email
	);
	if (!row) throw new Error(`Kein Konto ${email}`);
	return row.id;
}

/** Decodes the few HTML entities Svelte's SSR escapes, to compare visible text. */
export function decodeHtml(html: string): string {
	return html
		.replaceAll('&quot;', '"')
		.replaceAll('&#39;', "'")
		.replaceAll('&lt;', '<')
		.replaceAll('&gt;', '>')
		.replaceAll('&amp;', '&');
}

/** A page's visible text: scripts and tags gone, entities decoded, whitespace collapsed. */
export function textOf(page: string): string {
	return decodeHtml(
		page.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' ')
	).replace(/\s+/g, ' ');
}
