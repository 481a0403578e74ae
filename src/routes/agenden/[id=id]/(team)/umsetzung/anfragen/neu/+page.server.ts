import { redirect } from '@sveltejs/kit';
import { berlinDay } from '$lib/berlin-time';
import { m } from '$lib/paraglide/messages';
import { agendaAccess } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import { createInquiry, inquiryInputSchema } from '$lib/server/monitoring/inquiries';
import type { Actions, PageServerLoad } from './$types';

/** A new Anfrage: its fields; the questions follow on its own page. */
export const load: PageServerLoad = (event) => {
	agendaAccess(event, 'inquiry.write');
	return { today: berlinDay(new Date()) };
};

export const actions: Actions = {
	create: async (event) => {
		const { agenda, user } = agendaAccess(event, 'inquiry.write');
		const form = parseForm(inquiryInputSchema, await readForm(event.request));
		if (!form.ok) return formFailure(400, form.errors, form.values, 'create');
		const created = await createInquiry(db, {
			agendaId: agenda.id,
			actorId: user.id,
			fields: form.data
		});
		if (!created.ok) {
			return formFailure(409, { form: m.inquiry_error_no_decision() }, form.values, 'create');
		}
		redirect(303, `/agenden/${agenda.id}/umsetzung/anfragen/${created.id}`);
	}
};
