import type { ResolvedPathname } from '$app/types';
import type { AgendaVisibility } from '../roles';

/*
 * Plain paths like `participation/links.ts` (no base path; slugs and ids are URL-safe). A page
 * shown for an earlier Stichtag keeps it in its links (`?stichtag=`), so that a reader who looks
 * back stays on that day; null: today.
 */
const progressBase = (slug: string) => `/umsetzung/${slug}`;

const onDay = (path: string, stichtag: string | null) =>
	(stichtag === null ? path : `${path}?stichtag=${stichtag}`) as ResolvedPathname;

/** The public progress page of an agenda under implementation. */
export const progressHref = (slug: string, stichtag: string | null = null) =>
	onDay(progressBase(slug), stichtag);

/** The public progress page of one measure of the resolved plan. */
export const progressMeasureHref = (
	slug: string,
	measureId: string,
	stichtag: string | null = null
) => onDay(`${progressBase(slug)}/${measureId}`, stichtag);

/**
 * Whether an agenda's progress is open to everyone: it is public and the council's decision is
 * recorded. The links to the progress page, following a measure and the followers' mails all
 * ask this one question (an internal agenda's page is for its members; nobody outside hears of it).
 */
export function hasPublicProgress(
	agenda: { visibility: AgendaVisibility },
	hasDecision: boolean
): boolean {
	return hasDecision && agenda.visibility === 'public';
}

/** The link to the progress page where everyone may read it, else null. */
export function publicProgressHref(
	agenda: { slug: string; visibility: AgendaVisibility },
	hasDecision: boolean
): ResolvedPathname | null {
	return hasPublicProgress(agenda, hasDecision) ? progressHref(agenda.slug) : null;
}
