import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { measureFinance } from '$lib/agenda/model/finance';
import { richTextParagraphs } from '$lib/agenda/model/rich-text';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import { itemExists, type CommentItem } from '$lib/server/participation/items';
import { setSupport, supportCounts, supportedBy } from '$lib/server/participation/supports';
import { threadActions } from '../../comment-actions.server';
import {
	phaseClosedMessage,
	requireParticipation,
	threadData,
	redirectAfterPost
} from '../../participation.server';
import { addressUnconfirmed } from '$lib/server/forms/address-unconfirmed';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const participation = await requireParticipation(event);
	const { content, viewer } = participation;
	const measure = content.measures.find((candidate) => candidate.id === event.params.measureId);
	if (!measure) error(404, m.public_error_measure_not_found());
	const versionId = participation.participation.version.id;
	const titleOf = <T extends { id: string }>(list: T[], id: string, pick: (item: T) => string) => {
		const found = list.find((item) => item.id === id);
		return found ? pick(found) : null;
	};
	return {
		measure: {
			id: measure.id,
			title: measure.title,
			summary: measure.summary,
			// Paragraph by paragraph, counted as comments on a passage count them.
			description: richTextParagraphs(measure.description),
			field: measure.fieldId ? titleOf(content.fields, measure.fieldId, (f) => f.title) : null,
			goals: measure.goalIds.flatMap((id) => {
				const goal = content.goals.find((candidate) => candidate.id === id);
				return goal ? [{ id: goal.id, title: goal.title }] : [];
			}),
			// Names only: the AG members' links to user accounts stay on the server.
			patrons: measure.patronIds.flatMap((id) => {
				const person = content.people.find((candidate) => candidate.id === id);
				return person
					? [{ id: person.id, name: person.name, organisation: person.organisation }]
					: [];
			}),
			implementationGroup: measure.implementationGroup,
			priority: measure.priority,
			status: measure.status,
			start: { year: measure.startYear, quarter: measure.startQuarter },
			end: { year: measure.endYear, quarter: measure.endQuarter },
			milestones: measure.milestones,
			indicators: measure.indicators,
			costLines: measure.costLines.map((line) => ({
				id: line.id,
				label: line.label,
				year: line.year,
				category: line.category,
				budget: line.budget,
				amountCents: line.amountCents
			})),
			followUpCosts: measure.followUpCosts
		},
		finance: measureFinance(measure, content.fundingSources),
		support: {
			count: supportCounts(db, versionId).get(measure.id) ?? 0,
			mine: viewer.userId !== null && supportedBy(db, versionId, viewer.userId).has(measure.id)
		},
		...threadData(participation, { kind: 'measure', id: measure.id }, event.url),
		supportNotice:
			event.url.searchParams.get('erledigt') === 'support'
				? {
						action: 'support',
						success: supportedBy(db, versionId, viewer.userId ?? '').has(measure.id)
							? m.public_support_saved()
							: m.public_support_withdrawn()
					}
				: null
	};
};

const measureOf = (params: { measureId: string }): CommentItem => ({
	kind: 'measure',
	id: params.measureId
});

const supportSchema = z.object({ supported: z.enum(['true', 'false']) });

export const actions: Actions = {
	...threadActions(measureOf),

	support: async (event) => {
		const participation = await requireParticipation(event);
		const item = measureOf(event.params);
		if (!itemExists(participation.content, item)) error(404, m.public_error_measure_not_found());
		const parsed = parseForm(supportSchema, await readForm(event.request));
		const user = event.locals.user;
		if (!user) return formFailure(401, { form: m.public_error_login_support() }, {}, 'support');
		const unconfirmed = addressUnconfirmed(user, 'support');
		if (unconfirmed) return unconfirmed;
		if (!parsed.ok) {
			return formFailure(400, { form: m.public_error_request() }, parsed.values, 'support');
		}
		const result = setSupport(db, {
			participation: participation.participation,
			measureId: item.id,
			userId: user.id,
			supported: parsed.data.supported === 'true'
		});
		if (!result.ok) {
			return result.error === 'phase-not-open'
				? formFailure(403, { form: phaseClosedMessage(participation) }, {}, 'support')
				: formFailure(404, { form: m.public_error_measure_not_found() }, {}, 'support');
		}
		redirectAfterPost(event, 'support');
	}
};
