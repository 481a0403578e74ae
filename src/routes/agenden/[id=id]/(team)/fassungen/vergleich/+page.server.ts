import { error } from '@sveltejs/kit';
import { diffAgendas } from '$lib/agenda/model/diff';
import { m } from '$lib/paraglide/messages';
import { agendaAccess } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { readDraftAgenda } from '$lib/server/documents/draft';
import { fassungNumber } from '$lib/server/participation/fassung-number';
import { getVersion, listVersions, versionAgenda } from '$lib/server/participation/versions';
import type { PageServerLoad } from './$types';

/** `bis=entwurf`: the live draft as persisted. */
const DRAFT = 'entwurf';

type Side = number | typeof DRAFT;

/** A Fassung number or the draft; missing: the fallback; anything else: 400. */
function parseSide(value: string | null, fallback: Side, draftAllowed: boolean): Side {
	if (draftAllowed && value === DRAFT) return DRAFT;
	return fassungNumber(value, m.diff_error_param()) ?? fallback;
}

/**
 * The team compares two Fassungen, or a Fassung with the live draft (GET `von`, `bis`). Without
 * parameters: the newest Fassung against the draft.
 */
export const load: PageServerLoad = async (event) => {
	const { agenda } = await agendaAccess(event, 'draft.read');
	const versions = listVersions(db, agenda.id).map(({ number, name, createdAt }) => ({
		number,
		name,
		createdAt
	}));
	const base = { versions };
	const newest = versions[0];
	if (!newest) return { ...base, comparison: null };

	const params = event.url.searchParams;
	const from = parseSide(params.get('von'), newest.number, false) as number;
	const to = parseSide(params.get('bis'), DRAFT, true);
	const load = async (side: Side) => {
		if (side === DRAFT) return readDraftAgenda(db, agenda.id);
		const version = getVersion(db, agenda.id, side);
		if (!version) error(404, m.diff_error_version());
		return versionAgenda(version);
	};
	const before = await load(from);
	const after = await load(to);
	return {
		...base,
		comparison: {
			from,
			to: to === DRAFT ? null : to,
			diff: diffAgendas(before, after)
		}
	};
};
