import { CHANNELS, clusterBus } from './redis/bus';

/**
 * Rendered participation pages for anonymous readers, kept for a moment. Citizens read far more
 * than they write, and every anonymous reader of a page gets the same HTML (no session, no
 * personal state; the CSP uses hashes, not nonces), so one rendering can serve everyone who
 * asks within `ttlMs`. A write through the app (any non-GET request) empties the cache at once,
 * so a reader never waits for a comment that was just approved or hidden; the TTL bounds what
 * changes by time alone (a phase opening or closing) and writes from outside the app. With several
 * processes (`REDIS_URL`), a write on one empties the caches of all (docs/architecture.md §6).
 */
export interface CachedPage {
	body: Uint8Array;
	status: number;
	headers: [string, string][];
	expiresAt: number;
}

/**
 * The pages anonymous readers share and get without the app's scripts: the participation pages
 * and the progress pages of agendas under implementation. Both are read-only for an anonymous
 * visitor and the same for every one of them.
 */
const PUBLIC_READER_PREFIXES = ['/beteiligung/', '/umsetzung/'] as const;

export function isPublicReaderPath(path: string): boolean {
	return PUBLIC_READER_PREFIXES.some((prefix) => path.startsWith(prefix));
}

/**
 * What a page is stored under: method, path with query, and the whole `Cookie` header. Pages are
 * stored for visitors without a session only, so a visitor with one never matches; the header
 * also fixes the language (a cookie). The production server computes the same key from the raw
 * request to answer a hit before SvelteKit is involved (server/index.ts).
 */
export function pageKey(method: string, pathAndQuery: string, cookie: string | null | undefined) {
	return `${method} ${pathAndQuery} ${cookie ?? ''}`;
}

const SHARED = Symbol.for('agendawerk.public-page-cache');

/**
 * The one cache of this process. The SvelteKit bundle and the server entry are separate module
 * graphs; both reach the same instance through `globalThis`.
 */
export function sharedPublicPageCache(ttlMs: number): PublicPageCache {
	const scope = globalThis as { [SHARED]?: PublicPageCache };
	return (scope[SHARED] ??= new PublicPageCache(ttlMs));
}

/** For a write in another process: empties this process's cache, if it has one yet. */
export function clearSharedPublicPagesHere(): void {
	(globalThis as { [SHARED]?: PublicPageCache })[SHARED]?.clearHere();
}

/** Only complete pages: no redirects, errors or responses that set a cookie. */
const CACHEABLE_TYPES = ['text/html', 'application/json'];

export class PublicPageCache {
	private readonly pages = new Map<string, CachedPage>();
	/** Counts `clear()`s: a page rendered before one must not be stored after it. */
	private generation = 0;

	constructor(
		readonly ttlMs: number,
		private readonly maxEntries = 1_000
	) {}

	get enabled(): boolean {
		return this.ttlMs > 0;
	}

	get size(): number {
		return this.pages.size;
	}

	/** The cached page, or null when there is none or it expired. Its body must not be changed. */
	lookup(key: string, now = Date.now()): Readonly<CachedPage> | null {
		const page = this.pages.get(key);
		if (!page) return null;
		if (page.expiresAt <= now) {
			this.pages.delete(key);
			return null;
		}
		return page;
	}

	/** A fresh copy of the cached response, or null when there is none or it expired. */
	get(key: string, now = Date.now()): Response | null {
		const page = this.lookup(key, now);
		if (!page) return null;
		return new Response(page.body.slice(), { status: page.status, headers: page.headers });
	}

	/** Call before rendering a page that may be stored; pass the result to `store`. */
	begin(): number {
		return this.generation;
	}

	/**
	 * Keeps `response` if it may be shared and returns what to send: the same response, rebuilt
	 * from its body when it was read for caching. A page whose rendering began before a write
	 * (`clear()`) may show the state before it, so it is sent but not kept.
	 */
	async store(key: string, response: Response, begun: number, now = Date.now()): Promise<Response> {
		const type = response.headers.get('content-type') ?? '';
		const shareable =
			response.status === 200 &&
			!response.headers.has('set-cookie') &&
			CACHEABLE_TYPES.some((cacheable) => type.startsWith(cacheable));
		if (!shareable || begun !== this.generation) return response;
		const body = new Uint8Array(await response.arrayBuffer());
		const headers = [...response.headers.entries()];
		if (this.pages.size >= this.maxEntries) {
			// Oldest first: a Map iterates in insertion order.
			const oldest = this.pages.keys().next().value;
			if (oldest !== undefined) this.pages.delete(oldest);
		}
		this.pages.set(key, { body, status: response.status, headers, expiresAt: now + this.ttlMs });
		return new Response(body.slice(), { status: response.status, headers });
	}

	/** A write in this process: empties this cache and tells the other processes to empty theirs. */
	clear(): void {
		this.clearHere();
		clusterBus().publish(CHANNELS.publicPagesClear, '');
	}

	/** Another process wrote: empties this cache only (telling on would echo between processes). */
	clearHere(): void {
		this.generation++;
		this.pages.clear();
	}
}
