import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { threadActions } from '../../comment-actions.server';
import { resolveSection } from '../../items.server';
import { headerData, requireParticipation, threadData } from '../../participation.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const participation = requireParticipation(event);
	const item = resolveSection(participation, event.params);
	if (!item) error(404, m.public_error_section_not_found());
	const section = item.id as 'ausgangslage' | 'leitbild';
	return {
		...headerData(participation),
		section,
		content: participation.content[section],
		...threadData(participation, item, event.url)
	};
};

export const actions: Actions = threadActions(resolveSection);
