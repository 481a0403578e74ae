import { agendaAccess } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { currentDecision } from '$lib/server/monitoring/decisions';
import { listInquiries } from '$lib/server/monitoring/inquiries';
import type { PageServerLoad } from './$types';

/** The Anfragen of an agenda, for its members; writers may enter new ones once it is decided. */
export const load: PageServerLoad = async (event) => {
	const { agenda, permissions } = await agendaAccess(event, 'monitoring.readAll');
	return {
		decided: (await currentDecision(db, agenda.id)) !== undefined,
		canWrite: permissions['inquiry.write'],
		inquiries: (await listInquiries(db, agenda.id)).map((inquiry) => ({
			id: inquiry.id,
			title: inquiry.title,
			reference: inquiry.reference,
			askedBy: inquiry.askedBy,
			stichtag: inquiry.stichtag,
			questionCount: inquiry.questionCount
		}))
	};
};
