import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { CommentItem } from '$lib/server/participation/items';
import { threadActions } from '../../comment-actions.server';
import { requireParticipation, threadData } from '../../participation.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const participation = await requireParticipation(event);
	const { content } = participation;
	const goal = content.goals.find((candidate) => candidate.id === event.params.goalId);
	if (!goal) error(404, m.public_error_goal_not_found());
	return {
		goal: { id: goal.id, title: goal.title, description: goal.description },
		measures: content.measures
			.filter((measure) => measure.goalIds.includes(goal.id))
			.map((measure) => ({ id: measure.id, title: measure.title })),
		...threadData(participation, { kind: 'goal', id: goal.id }, event.url)
	};
};

const goalOf = (params: { goalId: string }): CommentItem => ({ kind: 'goal', id: params.goalId });

export const actions: Actions = threadActions(goalOf);
