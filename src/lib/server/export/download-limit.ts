import type { RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { RateLimiter } from '../auth/rate-limit';
import { readConfig } from '../config';

const MINUTE = 60 * 1000;

const anonymousDownloads = new RateLimiter(readConfig().exportDownloadsPerIp, MINUTE, {
	name: 'export-download-ip'
});

/**
 * Visitors without a session may download so many export files per address and minute; members
 * are not counted. Beyond that: the seconds to wait, else 0, and the download is counted.
 */
export async function downloadWait(event: RequestEvent): Promise<number> {
	if (event.locals.user) return 0;
	const address = event.getClientAddress();
	const wait = await anonymousDownloads.retryAfter(address);
	if (wait === 0) await anonymousDownloads.hit(address);
	return wait;
}

/** `downloadWait` as the 429 to answer (with `Retry-After`), else null. */
export async function refuseTooManyDownloads(event: RequestEvent): Promise<Response | null> {
	const wait = await downloadWait(event);
	if (wait === 0) return null;
	return new Response(m.export_error_too_many(), {
		status: 429,
		headers: {
			'content-type': 'text/plain; charset=utf-8',
			'retry-after': String(wait),
			'cache-control': 'no-store'
		}
	});
}
