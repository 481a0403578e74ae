/** Which item of the Fassung a page's URL names; null when the Fassung has no such item. */
import { COMMENTABLE_SECTIONS } from '$lib/participation/vocabulary';
import type { ItemResolver } from './comment-actions.server';

export const resolveMeasure: ItemResolver = ({ content }, params) => {
	const measure = content.measures.find((candidate) => candidate.id === params.measureId);
	return measure ? { kind: 'measure', id: measure.id } : null;
};

export const resolveGoal: ItemResolver = ({ content }, params) => {
	const goal = content.goals.find((candidate) => candidate.id === params.goalId);
	return goal ? { kind: 'goal', id: goal.id } : null;
};

export const resolveSection: ItemResolver = (_participation, params) => {
	const section = COMMENTABLE_SECTIONS.find((candidate) => candidate === params.section);
	return section ? { kind: 'section', id: section } : null;
};
