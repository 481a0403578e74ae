import { m } from '$lib/paraglide/messages';
import { followAddressLink, openAddressLink } from '$lib/server/accounts/email-addresses';
import { db } from '$lib/server/db';
import { formFailure } from '$lib/server/forms/parse';
import type { Actions, PageServerLoad } from './$types';

// Only looked at, not used up: mail scanners open links, so the button's POST does the work.
export const load: PageServerLoad = async ({ params }) => ({
	link: await openAddressLink(db, params.token)
});

export const actions: Actions = {
	default: async ({ params }) => {
		const result = await followAddressLink(db, params.token);
		if (!result.ok) return formFailure(400, { form: m.address_link_invalid_intro() }, {});
		const { email } = result;
		return {
			success:
				result.purpose === 'change'
					? m.address_change_done({ email })
					: m.address_confirm_done({ email })
		};
	}
};
