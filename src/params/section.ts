import type { ParamMatcher } from '@sveltejs/kit';
import { COMMENTABLE_SECTIONS, type CommentableSection } from '$lib/participation/vocabulary';

/** The long texts citizens comment on as a whole (`/beteiligung/<slug>/abschnitte/<section>`). */
export const match = ((param: string): param is CommentableSection =>
	(COMMENTABLE_SECTIONS as readonly string[]).includes(param)) satisfies ParamMatcher;
