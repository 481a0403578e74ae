import { resolve } from '$app/paths';

/** The public page of one measure of a participation. */
export const measureHref = (slug: string, measureId: string) =>
	resolve('/beteiligung/[slug=slug]/massnahmen/[measureId=id]', { slug, measureId });

/** The public page of one goal of a participation. */
export const goalHref = (slug: string, goalId: string) =>
	resolve('/beteiligung/[slug=slug]/ziele/[goalId=id]', { slug, goalId });
