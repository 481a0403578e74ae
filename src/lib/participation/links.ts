import type { ResolvedPathname } from '$app/types';
import type { CommentableSection, CommentItemKind } from './vocabulary';

/*
 * Plain paths rather than `resolve` from `$app/paths`: server code that runs outside Vite (the
 * demo seed and the notification jobs that `server/index.ts` starts) builds the links of its mails
 * here too, and `$app/paths` exists only inside Kit. The app has no base path (svelte.config.js),
 * so these are the paths `resolve` would give; slugs and ids are URL-safe (src/params).
 */
const participationBase = (slug: string) => `/beteiligung/${slug}`;

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
	inRound(participationBase(slug), fassung);

/** The public page of one measure of a participation. */
export const measureHref = (slug: string, measureId: string, fassung: RoundFassung = null) =>
	inRound(`${participationBase(slug)}/massnahmen/${measureId}`, fassung);

/** The public page of one goal of a participation. */
export const goalHref = (slug: string, goalId: string, fassung: RoundFassung = null) =>
	inRound(`${participationBase(slug)}/ziele/${goalId}`, fassung);

/** The public page of one long text of a participation (Ausgangslage, Leitbild). */
export const sectionHref = (
	slug: string,
	section: CommentableSection,
	fassung: RoundFassung = null
) => inRound(`${participationBase(slug)}/abschnitte/${section}`, fassung);

/** „Was hat sich geändert?“ of a round. */
export const changesHref = (slug: string, fassung: RoundFassung = null) =>
	inRound(`${participationBase(slug)}/aenderungen`, fassung);

/** The public page of any item citizens comment on. */
export function itemHref(
	slug: string,
	item: { kind: CommentItemKind; id: string },
	fassung: RoundFassung = null
): ResolvedPathname {
	switch (item.kind) {
		case 'measure':
			return measureHref(slug, item.id, fassung);
		case 'goal':
			return goalHref(slug, item.id, fassung);
		case 'section':
			return sectionHref(slug, item.id as CommentableSection, fassung);
	}
}

/** One comment in its thread on the item's public page, in the round it was written in. */
export const commentHref = (
	slug: string,
	item: { kind: CommentItemKind; id: string },
	commentId: string,
	fassung: RoundFassung = null
) => `${itemHref(slug, item, fassung)}#kommentar-${commentId}` as ResolvedPathname;
