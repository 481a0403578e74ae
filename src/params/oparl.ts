import type { ParamMatcher } from '@sveltejs/kit';
import { isOparlPath } from '$lib/export/oparl/links';

/** What may follow `/api/agendas/<id>/oparl/`: the body, a list, or one object of a known kind. */
export const match: ParamMatcher = (param) => isOparlPath(param);
