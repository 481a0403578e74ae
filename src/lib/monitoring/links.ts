import type { ResolvedPathname } from '$app/types';

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
