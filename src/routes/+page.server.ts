import { listVisibleAgendas } from '$lib/server/agendas/agendas';
import { db } from '$lib/server/db';
import { participationOverview } from '$lib/server/participation/phases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const agendas = listVisibleAgendas(db, locals.user);
	return {
		agendas,
		participations: participationOverview(db, {
			readableAgendaIds: new Set(agendas.map((agenda) => agenda.id))
		})
	};
};
