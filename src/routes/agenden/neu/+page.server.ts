import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { canInstance } from '$lib/permissions';
import { createAgenda } from '$lib/server/agendas/agendas';
import { db } from '$lib/server/db';
import { newAgendaSchema } from '$lib/server/forms/agenda-fields';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import { redirectToLogin } from '$lib/server/redirect-target';
import type { Actions, PageServerLoad } from './$types';

function requireAgendaCreator(locals: App.Locals, url: URL) {
	if (!locals.user) redirectToLogin(url);
	if (!canInstance(locals.user, 'agendas.create')) error(403, m.error_admin_only());
	return locals.user;
}

export const load: PageServerLoad = ({ locals, url }) => {
	requireAgendaCreator(locals, url);
	const year = new Date().getFullYear();
	return { defaults: { periodStart: year, periodEnd: year + 4 } };
};

export const actions: Actions = {
	default: async ({ locals, request, url }) => {
		const user = requireAgendaCreator(locals, url);
		const parsed = parseForm(newAgendaSchema, await readForm(request));
		if (!parsed.ok) return formFailure(400, parsed.errors, parsed.values);
		const result = await createAgenda(db, parsed.data, user.id);
		if (!result.ok) {
			return formFailure(400, { slug: m.error_slug_taken() }, parsed.values);
		}
		redirect(303, `/agenden/${result.agenda.id}`);
	}
};
