import { error, json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { listMemberAgendas } from '$lib/server/agendas/agendas';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** The agendas of the signed-in user with the role in each. */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user) error(401, m.error_login_required());
	const agendas = (await listMemberAgendas(db, locals.user.id)).map(
		({ id, slug, title, role }) => ({
			id,
			slug,
			title,
			role
		})
	);
	return json(agendas, { headers: { 'Cache-Control': 'private, no-store' } });
};
