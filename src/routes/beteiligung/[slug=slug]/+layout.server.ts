import { headerData, requireParticipation } from './participation.server';
import type { LayoutServerLoad } from './$types';

/**
 * Every participation page: the Fassung under participation (404 when there is none) and the
 * header data, once. Pages and their form actions take the participation from
 * `requireParticipation`, which reads it only once per request.
 */
export const load: LayoutServerLoad = async (event) =>
	headerData(await requireParticipation(event));
