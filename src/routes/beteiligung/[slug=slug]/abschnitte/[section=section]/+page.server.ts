import type { CommentItem } from '$lib/server/participation/items';
import { threadActions } from '../../comment-actions.server';
import { requireParticipation, threadData } from '../../participation.server';
import type { Actions, PageServerLoad } from './$types';

/** The section matcher lets only the commentable sections through. */
const sectionOf = (params: { section: string }): CommentItem => ({
	kind: 'section',
	id: params.section
});

export const load: PageServerLoad = async (event) => {
	const participation = await requireParticipation(event);
	const section = event.params.section;
	return {
		section,
		content: participation.content[section],
		...threadData(participation, sectionOf(event.params), event.url)
	};
};

export const actions: Actions = threadActions(sectionOf);
