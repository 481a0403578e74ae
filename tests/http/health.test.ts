import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { DEMO, decodeHtml, get, login, postForm } from '../support/http';

let server: TestServer;

beforeAll(async () => {
	server = await startTestServer();
});

afterAll(async () => {
	await server?.stop();
});

/** The directives of a CSP header, by name. */
function cspDirectives(header: string | null): Map<string, string[]> {
	const directives = new Map<string, string[]>();
	for (const part of (header ?? '').split(';')) {
		const [name, ...values] = part.trim().split(/\s+/);
		if (name) directives.set(name.toLowerCase(), values);
	}
	return directives;
}

describe('health check', () => {
	it('answers 200 {"status":"ok"} without caching', async () => {
		const response = await get(server.url, '/healthz', { accept: 'application/json' });
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toMatch(/^application\/json/);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.json()).toEqual({ status: 'ok' });
	});

	it('gives JSON a CSP that allows nothing to run', async () => {
		const response = await get(server.url, '/healthz', { accept: 'application/json' });
		const csp = cspDirectives(response.headers.get('content-security-policy'));
		expect(csp.get('default-src')).toEqual(["'none'"]);
		expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
	});
});

describe('security headers of HTML pages', () => {
	// A plain page, a form page and Kit's error page must all carry them.
	for (const [path, status] of [
		['/', 200],
		['/anmelden', 200],
		['/registrieren', 200],
		['/gibt-es-nicht', 404]
	] as const) {
		it(`${path} → ${status} with CSP, nosniff and referrer policy`, async () => {
			const response = await get(server.url, path);
			expect(response.status).toBe(status);
			expect(response.headers.get('content-type')).toMatch(/^text\/html/);

			const csp = cspDirectives(response.headers.get('content-security-policy'));
			expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
			const scriptSrc = csp.get('script-src') ?? csp.get('default-src');
			expect(scriptSrc).toBeDefined();
			expect(scriptSrc).toContain("'self'");
			expect(scriptSrc).not.toContain("'unsafe-inline'");
			expect(scriptSrc).not.toContain("'unsafe-eval'");
			expect(scriptSrc).not.toContain('*');
			expect(csp.get('object-src')).toEqual(["'none'"]);
			expect(csp.get('form-action')).toEqual(["'self'"]);

			expect(response.headers.get('x-content-type-options')).toBe('nosniff');
			// Tells other sites nothing, yet keeps the `Origin` header on the app's own form posts:
			// under `no-referrer` browsers send `Origin: null` and Kit's CSRF check refuses them.
			expect(response.headers.get('referrer-policy')).toBe('same-origin');
			expect(response.headers.get('x-frame-options')).toBe('DENY');
		});
	}

	it('marks the page as German by default, with the same referrer policy in a meta tag', async () => {
		const html = await (await get(server.url, '/')).text();
		expect(html).toMatch(/<html lang="de">/);
		expect(html).toContain('<meta name="referrer" content="same-origin" />');
		expect(html).not.toMatch(/no-referrer/);
	});
});

describe('start page for anonymous visitors', () => {
	it('lists the public Musterstadt demo agenda with a link to its overview', async () => {
		const response = await get(server.url, '/');
		expect(response.status).toBe(200);
		expect(response.headers.getSetCookie()).toEqual([]);
		const html = decodeHtml(await response.text());
		expect(html).toContain('Digitale Agenda Musterstadt 2026–2030');
		expect(html).toMatch(/href="[^"]*agenden\/[a-z2-7]{16}"/);
		// Anonymous visitors are offered log-in and registration, not the account menu.
		expect(html).toContain('Anmelden');
		expect(html).toContain('Registrieren');
		expect(html).not.toContain('Abmelden');
	});

	it('lets anonymous visitors open the public agenda overview', async () => {
		const home = decodeHtml(await (await get(server.url, '/')).text());
		// The start page lists both public demos; this is Musterstadt's link.
		const id = /agenden\/([a-z2-7]{16})"[^>]*>[^<]*Musterstadt/.exec(home)?.[1];
		expect(id).toBeDefined();
		const response = await get(server.url, `/agenden/${id}`);
		expect(response.status).toBe(200);
		const html = decodeHtml(await response.text());
		expect(html).toContain('Digitale Agenda Musterstadt 2026–2030');
		expect(html).toContain('Musterstadt');
		// The member list is for members only.
		expect(html).not.toContain('Anna Berger');
	});
});

/** The headers every response carries, pages and static files alike. */
function expectSecurityHeaders(response: Response, what: string) {
	expect(response.headers.get('x-content-type-options'), what).toBe('nosniff');
	expect(response.headers.get('referrer-policy'), what).toBe('same-origin');
	expect(response.headers.get('x-frame-options'), what).toBe('DENY');
	expect(response.headers.get('permissions-policy'), what).toContain('camera=()');
}

describe('static files', () => {
	it('carry the security headers; immutable ones keep their long cache', async () => {
		const home = await (await get(server.url, '/')).text();
		const asset = /\/_app\/immutable\/[^"]+\.js/.exec(home)?.[0];
		expect(asset).toBeDefined();
		for (const path of [asset ?? '', '/_app/version.json', '/favicon.svg']) {
			const response = await get(server.url, path, { accept: '*/*' });
			expect(response.status, path).toBe(200);
			expectSecurityHeaders(response, path);
		}
		const immutable = await get(server.url, asset ?? '', { accept: '*/*' });
		expect(immutable.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable/);
	});
});

describe('revalidated pages', () => {
	it('answer 304 without a Content-Security-Policy of their own', async () => {
		// Browsers merge a 304's headers into the page they kept: a CSP on it (e.g. the strict one
		// for files) would replace the page's own and block its styles and scripts.
		const first = await get(server.url, '/');
		const etag = first.headers.get('etag');
		expect(etag).toBeTruthy();
		const again = await get(server.url, '/', { headers: { 'if-none-match': etag ?? '' } });
		expect(again.status).toBe(304);
		const policy = again.headers.get('content-security-policy');
		expect(policy === null || policy === first.headers.get('content-security-policy')).toBe(true);
	});
});

describe('caching of responses to a session', () => {
	it('marks every response to a signed-in visitor private, no-store', async () => {
		const cookie = await login(server.url, DEMO.editor);
		const [agenda] = (await (
			await get(server.url, '/api/agendas', { cookie, accept: 'application/json' })
		).json()) as { id: string }[];
		const responses: [string, Response][] = [
			['/', await get(server.url, '/', { cookie })],
			[`/agenden/${agenda?.id}`, await get(server.url, `/agenden/${agenda?.id}`, { cookie })],
			['/beteiligung/musterstadt', await get(server.url, '/beteiligung/musterstadt', { cookie })],
			[
				'bearbeiten/__data.json',
				await get(server.url, `/agenden/${agenda?.id}/bearbeiten/__data.json`, {
					cookie,
					accept: 'application/json'
				})
			],
			['/gibt-es-nicht', await get(server.url, '/gibt-es-nicht', { cookie })],
			['/anmelden (redirect)', await get(server.url, '/anmelden', { cookie })],
			[
				'form action',
				await postForm(server.url, `/agenden/${agenda?.id}/bearbeiten?/answer`, {}, { cookie })
			]
		];
		for (const [what, response] of responses) {
			expect(response.headers.get('cache-control'), `${what} ${response.status}`).toBe(
				'private, no-store'
			);
		}
		// A response's own stricter value stays.
		const own = await get(server.url, '/konto/daten.json', { cookie, accept: 'application/json' });
		expect(own.headers.get('cache-control')).toBe('no-store');
	});

	it('leaves the public pages of anonymous readers shareable', async () => {
		const response = await get(server.url, '/beteiligung/musterstadt');
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBeNull();
	});
});
