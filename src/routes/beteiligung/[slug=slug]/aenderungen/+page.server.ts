import { diffAgendas } from '$lib/agenda/model/diff';
import { db } from '$lib/server/db';
import { getVersion, versionAgenda } from '$lib/server/participation/versions';
import { requireParticipation } from '../participation.server';
import type { PageServerLoad } from './$types';

/**
 * „Was hat sich geändert?“: the Fassung of the shown round against the Fassung of the round
 * before it. Fassungen frozen in between never were public (nor is one whose phase
 * has not begun), so they are not compared with (that would publish their text); the diff spans
 * them.
 */
export const load: PageServerLoad = async (event) => {
	const participation = await requireParticipation(event);
	// The round before the shown one (rounds are in order), and its Fassung.
	const before = participation.rounds.filter((round) => round.round < participation.round).at(-1);
	const previous = before
		? (getVersion(db, participation.agenda.id, before.version.number) ?? null)
		: null;
	return {
		previous: previous
			? { number: previous.number, name: previous.name, createdAt: previous.createdAt }
			: null,
		diff: previous ? diffAgendas(versionAgenda(previous), participation.content) : null
	};
};
