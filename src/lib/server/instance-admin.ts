import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { canInstance } from '$lib/permissions';
import type { SessionUser } from './auth/session';
import { redirectToLogin } from './redirect-target';

/**
 * The instance administration's pages (`/verwaltung/…`): anonymous visitors log in first, anyone
 * else gets 403. Every load and action there calls it itself (a layout would not guard actions).
 */
export function requireInstanceAdmin(event: Pick<RequestEvent, 'locals' | 'url'>): SessionUser {
	const user = event.locals.user;
	if (!user) redirectToLogin(event.url);
	if (!canInstance(user, 'instance.settings')) error(403, m.error_forbidden());
	return user;
}
