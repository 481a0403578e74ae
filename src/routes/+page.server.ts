import { listVisibleAgendas } from '$lib/server/agendas/agendas';
import { db } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	agendas: listVisibleAgendas(db, locals.user)
});
