import { agendaAccess, TEAM_AREA, teamHeader } from '$lib/server/agendas/access';
import type { LayoutServerLoad } from './$types';

/**
 * The team area of an agenda: members (and instance admins) only, with the header data every
 * page there shows. A layout protects neither form actions nor endpoints nor page loads running
 * beside it, so each of those still calls `agendaAccess` for its own action.
 */
export const load: LayoutServerLoad = async (event) =>
	teamHeader((await agendaAccess(event, TEAM_AREA)).agenda);
