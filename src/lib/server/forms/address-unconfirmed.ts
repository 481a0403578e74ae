import { m } from '$lib/paraglide/messages';
import type { SessionUser } from '../auth/session';
import { formFailure } from './parse';

/**
 * What a citizen does that may bring mail or shows their name (commenting, replying, reporting,
 * supporting, following a measure) needs a confirmed address (reading does not): the one check
 * every such action makes, before it changes anything. Null when the user may go on.
 */
export function addressUnconfirmed(
	user: SessionUser,
	action: string,
	values: Record<string, string> = {}
) {
	if (user.emailConfirmedAt !== null) return null;
	return formFailure(403, { form: m.error_address_unconfirmed() }, values, action);
}
