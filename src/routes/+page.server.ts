import { publicProgressHref } from '$lib/monitoring/links';
import { listVisibleAgendas } from '$lib/server/agendas/agendas';
import { db } from '$lib/server/db';
import { currentDecision } from '$lib/server/monitoring/decisions';
import { participationOverview } from '$lib/server/participation/phases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const agendas = await listVisibleAgendas(db, locals.user);
	return {
		agendas: await Promise.all(
			agendas.map(async (agenda) => ({
				...agenda,
				progressHref: publicProgressHref(
					agenda,
					(await currentDecision(db, agenda.id)) !== undefined
				)
			}))
		),
		participations: await participationOverview(db, {
			readableAgendaIds: new Set(agendas.map((agenda) => agenda.id))
		})
	};
};
