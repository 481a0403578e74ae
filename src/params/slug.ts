import type { ParamMatcher } from '@sveltejs/kit';
import { isAgendaSlug } from '$lib/agenda-slug';

export const match: ParamMatcher = (param) => isAgendaSlug(param);
