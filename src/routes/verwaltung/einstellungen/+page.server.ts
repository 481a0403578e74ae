import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import { requireInstanceAdmin } from '$lib/server/instance-admin';
import { isDecidingBody } from '$lib/export/deciding-body';
import { getDecidingBody, getSetting, setSetting, SETTING_MAX_CHARS } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireInstanceAdmin(event);
	return {
		imprint: (await getSetting(db, 'imprint')) ?? '',
		privacy: (await getSetting(db, 'privacy')) ?? '',
		decidingBody: (await getDecidingBody(db)) ?? ''
	};
};

const schema = z.object({
	imprint: z.string().max(SETTING_MAX_CHARS, { error: () => m.settings_error_length() }),
	privacy: z.string().max(SETTING_MAX_CHARS, { error: () => m.settings_error_length() }),
	// Empty: not set, and the documents word it neutrally.
	decidingBody: z.string().refine((value) => value === '' || isDecidingBody(value), {
		error: () => m.settings_error_deciding_body()
	})
});

export const actions: Actions = {
	default: async (event) => {
		const user = requireInstanceAdmin(event);
		const parsed = parseForm(schema, await readForm(event.request));
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values);
		await setSetting(db, 'imprint', parsed.data.imprint.trim(), user.id);
		await setSetting(db, 'privacy', parsed.data.privacy.trim(), user.id);
		await setSetting(db, 'decidingBody', parsed.data.decidingBody, user.id);
		return { success: m.settings_saved() };
	}
};
