import { m } from '$lib/paraglide/messages';
import { oparlAnswer, oparlErrorResponse } from '$lib/server/export/oparl';
import type { RequestHandler } from './$types';

/**
 * What the OParl interface (`[id=id]/oparl/[...path=oparl]`) does not know, an agenda id of the
 * wrong shape or a path no OParl object has: 404 as an OParl error object, like an unknown
 * object, rather than SvelteKit's error page, which an OParl client cannot read.
 */
export const GET: RequestHandler = (event) =>
	oparlAnswer(event, () => oparlErrorResponse(404, m.export_error_oparl_not_found()));
