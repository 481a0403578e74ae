import { requireSignedInAgendaPermission } from '$lib/server/agendas/access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { agenda, role, user, permissions } = requireSignedInAgendaPermission(
		event,
		event.params.id,
		'draft.read'
	);
	return {
		agenda: { id: agenda.id, title: agenda.title },
		role,
		user: { id: user.id, displayName: user.displayName },
		canEdit: permissions['draft.edit']
	};
};
