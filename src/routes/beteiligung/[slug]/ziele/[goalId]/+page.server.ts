import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { threadActions } from '../../comment-actions.server';
import { resolveGoal } from '../../items.server';
import { headerData, requireParticipation, threadData } from '../../participation.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const participation = requireParticipation(event);
	const { content } = participation;
	const goal = content.goals.find((candidate) => candidate.id === event.params.goalId);
	if (!goal) error(404, m.public_error_goal_not_found());
	return {
		...headerData(participation),
		goal: { id: goal.id, title: goal.title, description: goal.description },
		measures: content.measures
			.filter((measure) => measure.goalIds.includes(goal.id))
			.map((measure) => ({ id: measure.id, title: measure.title })),
		...threadData(participation, { kind: 'goal', id: goal.id }, event.url)
	};
};

export const actions: Actions = threadActions(resolveGoal);
