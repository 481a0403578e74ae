import { describe, expect, it } from 'vitest';
import { isPublicReaderPath, PublicPageCache } from './public-page-cache';

const html = (text: string, init: ResponseInit = {}) =>
	new Response(text, {
		status: 200,
		...init,
		headers: { 'content-type': 'text/html; charset=utf-8', ...(init.headers ?? {}) }
	});

describe('PublicPageCache', () => {
	it('serves a stored page until it expires, with the same status, headers and body', async () => {
		const cache = new PublicPageCache(1_000);
		const sent = await cache.store('de /beteiligung/x', html('<p>Seite</p>'), cache.begin(), 0);
		expect(await sent.text()).toBe('<p>Seite</p>');
		const hit = cache.get('de /beteiligung/x', 999);
		expect(hit?.status).toBe(200);
		expect(hit?.headers.get('content-type')).toBe('text/html; charset=utf-8');
		expect(await hit?.text()).toBe('<p>Seite</p>');
		// Every hit is a fresh body: reading one does not use up the next.
		expect(await cache.get('de /beteiligung/x', 999)?.text()).toBe('<p>Seite</p>');
		expect(cache.get('de /beteiligung/x', 1_000)).toBeNull();
		expect(cache.size).toBe(0);
	});

	it('never keeps redirects, errors, other types or responses that set a cookie', async () => {
		const cache = new PublicPageCache(1_000);
		const responses = [
			html('x', { status: 404 }),
			new Response(null, { status: 303, headers: { location: '/anmelden' } }),
			html('x', { headers: { 'set-cookie': 'a=b' } }),
			new Response('x', { headers: { 'content-type': 'application/pdf' } })
		];
		for (const [index, response] of responses.entries()) {
			const sent = await cache.store(`key ${index}`, response, cache.begin(), 0);
			expect(sent).toBe(response);
		}
		expect(cache.size).toBe(0);
	});

	it('forgets everything on clear and keeps at most maxEntries pages', async () => {
		const cache = new PublicPageCache(1_000, 2);
		for (const key of ['a', 'b', 'c']) await cache.store(key, html(key), cache.begin(), 0);
		expect(cache.size).toBe(2);
		expect(cache.get('a', 1)).toBeNull();
		expect(await cache.get('c', 1)?.text()).toBe('c');
		cache.clear();
		expect(cache.get('c', 1)).toBeNull();
		expect(new PublicPageCache(0).enabled).toBe(false);
	});

	it('does not keep a page whose rendering began before a write', async () => {
		const cache = new PublicPageCache(1_000);
		const begun = cache.begin();
		// A form post lands while the page renders: the page may show the state before it.
		cache.clear();
		const sent = await cache.store('stale', html('vorher'), begun, 0);
		expect(await sent.text()).toBe('vorher');
		expect(cache.get('stale', 1)).toBeNull();
	});
});

describe('isPublicReaderPath', () => {
	it('covers the participation and progress pages, nothing else', () => {
		expect(isPublicReaderPath('/beteiligung/musterstadt')).toBe(true);
		expect(isPublicReaderPath('/umsetzung/musterstadt')).toBe(true);
		expect(isPublicReaderPath('/umsetzung/musterstadt/abc?stichtag=2027-01-01')).toBe(true);
		for (const path of ['/', '/umsetzung', '/agenden/x', '/api/umsetzung/x', '/konto']) {
			expect(isPublicReaderPath(path)).toBe(false);
		}
	});
});
