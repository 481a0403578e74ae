import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

/**
 * Participation pages of one round: the current round's have no parameter, an earlier round's
 * carry its Fassung (`?fassung=<n>`), so that a reader who went back stays in that round.
 * `fassung` null: the current round.
 */
export type RoundFassung = number | null;

// A query on a resolved path is still a path of this app.
const inRound = (path: string, fassung: RoundFassung) =>
	(fassung === null ? path : `${path}?fassung=${fassung}`) as ResolvedPathname;

/** The overview of a participation. */
export const participationHref = (slug: string, fassung: RoundFassung = null) =>
	inRound(resolve('/beteiligung/[slug=slug]', { slug }), fassung);

/** The public page of one measure of a participation. */
export const measureHref = (slug: string, measureId: string, fassung: RoundFassung = null) =>
	inRound(
		resolve('/beteiligung/[slug=slug]/massnahmen/[measureId=id]', { slug, measureId }),
		fassung
	);

/** The public page of one goal of a participation. */
export const goalHref = (slug: string, goalId: string, fassung: RoundFassung = null) =>
	inRound(resolve('/beteiligung/[slug=slug]/ziele/[goalId=id]', { slug, goalId }), fassung);

/** The public page of the Ausgangslage or the Leitbild. */
export const sectionHref = (
	slug: string,
	section: 'ausgangslage' | 'leitbild',
	fassung: RoundFassung = null
) =>
	inRound(
		resolve('/beteiligung/[slug=slug]/abschnitte/[section=section]', { slug, section }),
		fassung
	);

/** „Was hat sich geändert?“ of a round. */
export const changesHref = (slug: string, fassung: RoundFassung = null) =>
	inRound(`${resolve('/beteiligung/[slug=slug]', { slug })}/aenderungen`, fassung);
