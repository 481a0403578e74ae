import { publicProgressHref } from '$lib/monitoring/links';
import { listVisibleAgendas } from '$lib/server/agendas/agendas';
import { db } from '$lib/server/db';
import { currentDecision } from '$lib/server/monitoring/decisions';
import { participationOverview } from '$lib/server/participation/phases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const agendas = await listVisibleAgendas(db, locals.user);
	return {
		agendas: agendas.map((agenda) => ({
			...agenda,
			progressHref: publicProgressHref(agenda, currentDecision(db, agenda.id) !== undefined)
		})),
		participations: participationOverview(db, {
			readableAgendaIds: new Set(agendas.map((agenda) => agenda.id))
		})
	};
};
