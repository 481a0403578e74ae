import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { unsubscribe, unsubscribeTarget } from '$lib/server/notifications/unsubscribe';
import type { Actions, PageServerLoad } from './$types';

/**
 * The link in every notification's footer and `List-Unsubscribe` header. Whoever has the link may
 * turn this kind off for its person, without signing in: the token in the path authorizes it.
 * GET only shows what a click would do (mail scanners prefetch links); POST unsubscribes, from the
 * page's button or as RFC 8058's one-click POST that the mail provider sends without cookies.
 */
export const load: PageServerLoad = async ({ params, setHeaders }) => {
	// The page names an address (masked) and carries a secret in its path: no search engine.
	setHeaders({ 'X-Robots-Tag': 'noindex' });
	const target = await unsubscribeTarget(db, params.token, params.kind);
	if (!target) error(404, m.unsubscribe_not_found());
	return { kind: target.kind, maskedEmail: target.maskedEmail };
};

export const actions: Actions = {
	// The body (`List-Unsubscribe=One-Click` or the button's empty form) says nothing more.
	default: async ({ params }) => {
		const target = await unsubscribe(db, params.token, params.kind);
		if (!target) error(404, m.unsubscribe_not_found());
		return { unsubscribed: true };
	}
};
