import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { isAgendaSlug } from '$lib/agenda-slug';
import { AGENDA_VISIBILITIES } from '$lib/roles';

const year = z.coerce
	.number({ error: () => m.error_year_invalid() })
	.int({ error: () => m.error_year_invalid() })
	.min(2000, { error: () => m.error_year_invalid() })
	.max(2100, { error: () => m.error_year_invalid() });

export const newAgendaSchema = z
	.object({
		title: z
			.string()
			.trim()
			.min(3, { error: () => m.error_title_length({ min: 3, max: 200 }) })
			.max(200, { error: () => m.error_title_length({ min: 3, max: 200 }) }),
		slug: z
			.string()
			.trim()
			.refine(isAgendaSlug, { error: () => m.error_slug_invalid() }),
		municipality: z
			.string()
			.trim()
			.min(2, { error: () => m.error_municipality_required() })
			.max(120, { error: () => m.error_municipality_required() }),
		periodStart: year,
		periodEnd: year,
		visibility: z.enum(AGENDA_VISIBILITIES, { error: () => m.error_choice_invalid() })
	})
	.refine((agenda) => agenda.periodEnd >= agenda.periodStart, {
		path: ['periodEnd'],
		error: () => m.error_period_order()
	});
