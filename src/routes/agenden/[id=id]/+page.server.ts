import { agendaAccess } from '$lib/server/agendas/access';
import { listMembers } from '$lib/server/agendas/agendas';
import { db } from '$lib/server/db';
import { participationOverview } from '$lib/server/participation/phases';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { agenda, role, permissions } = await agendaAccess(event, 'agenda.read');
	const members = permissions['agenda.readMembers']
		? (await listMembers(db, agenda.id)).map(({ userId, displayName, role }) => ({
				userId,
				displayName,
				role
			}))
		: null;
	return {
		agenda: {
			id: agenda.id,
			slug: agenda.slug,
			title: agenda.title,
			municipality: agenda.municipality,
			periodStart: agenda.periodStart,
			periodEnd: agenda.periodEnd,
			status: agenda.status,
			visibility: agenda.visibility
		},
		role,
		members,
		// The agenda is readable here (`agenda.read` above), so its next phase may be announced.
		participations: await participationOverview(db, {
			readableAgendaIds: new Set([agenda.id]),
			agendaId: agenda.id
		}),
		canManageMembers: permissions['members.manage'],
		canReadDraft: permissions['draft.read'],
		canEditDraft: permissions['draft.edit'],
		canModerate: permissions['comments.moderate'],
		canExport: permissions['export.download'],
		canMonitor: permissions['monitoring.readAll']
	};
};
