import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import type { CommentableSection, CommentItemKind } from '$lib/participation/vocabulary';

/** The public page of one measure of a participation. */
export const measureHref = (slug: string, measureId: string) =>
	resolve('/beteiligung/[slug=slug]/massnahmen/[measureId=id]', { slug, measureId });

/** The public page of one goal of a participation. */
export const goalHref = (slug: string, goalId: string) =>
	resolve('/beteiligung/[slug=slug]/ziele/[goalId=id]', { slug, goalId });

/** The public page of one long text of a participation (Ausgangslage, Leitbild). */
export const sectionHref = (slug: string, section: CommentableSection) =>
	resolve('/beteiligung/[slug=slug]/abschnitte/[section=section]', { slug, section });

/** The public page of any item citizens comment on. */
export function itemHref(
	slug: string,
	item: { kind: CommentItemKind; id: string }
): ResolvedPathname {
	switch (item.kind) {
		case 'measure':
			return measureHref(slug, item.id);
		case 'goal':
			return goalHref(slug, item.id);
		case 'section':
			return sectionHref(slug, item.id as CommentableSection);
	}
}

/** One comment in its thread on the item's public page. */
export const commentHref = (
	slug: string,
	item: { kind: CommentItemKind; id: string },
	commentId: string
) => `${itemHref(slug, item)}#kommentar-${commentId}` as ResolvedPathname;
