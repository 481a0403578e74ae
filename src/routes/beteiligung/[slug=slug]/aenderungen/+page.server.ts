import { diffAgendas } from '$lib/agenda/model/diff';
import { db } from '$lib/server/db';
import { publicPhases } from '$lib/server/participation/phases';
import { versionAgenda } from '$lib/server/participation/versions';
import { requireParticipation } from '../participation.server';
import type { PageServerLoad } from './$types';

/**
 * „Was hat sich geändert?“: the Fassung under participation against the Fassung that was under
 * participation before it. Fassungen frozen in between never were public (nor is one whose phase
 * has not begun), so they are not compared with (that would publish their text); the diff spans
 * them.
 */
export const load: PageServerLoad = (event) => {
	const participation = requireParticipation(event);
	const current = participation.participation.version;
	const previous =
		publicPhases(db, participation.agenda.id)
			.map(({ version }) => version)
			.filter((version) => version.number < current.number)
			.sort((a, b) => b.number - a.number)[0] ?? null;
	return {
		previous: previous
			? { number: previous.number, name: previous.name, createdAt: previous.createdAt }
			: null,
		diff: previous ? diffAgendas(versionAgenda(previous), participation.content) : null
	};
};
