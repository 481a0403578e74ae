import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { isId } from '$lib/id-format';
import { splitQuestions } from '$lib/monitoring/inquiry-questions';
import { formatNumber } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { agendaAccess } from '$lib/server/agendas/access';
import { db } from '$lib/server/db';
import { confirmationStep } from '$lib/server/forms/confirm';
import { formFailure, parseForm, readForm } from '$lib/server/forms/parse';
import {
	addQuestions,
	answeredInquiry,
	answerTextSchema,
	deleteInquiry,
	deleteQuestion,
	getInquiry,
	inquiryInputSchema,
	moveQuestion,
	pastedTextSchema,
	questionTextSchema,
	updateInquiry,
	updateQuestion,
	type InquiryError
} from '$lib/server/monitoring/inquiries';
import { INQUIRY_LIMITS } from '$lib/monitoring/inquiry-limits';
import type { Actions, PageServerLoad } from './$types';

type InquiryEvent = RequestEvent<{ id: string; inquiryId: string }>;

/**
 * One Anfrage: its fields, its questions with the items of the resolved plan each is linked to
 * (grouped by field of action, then the Bestandsaufnahme), each answer (the clerk's, or the draft
 * from the data at the Stichtag) and the downloads. Members read; `inquiry.write` changes, checked
 * again in every action.
 */
export const load: PageServerLoad = (event) => {
	const { agenda, permissions } = agendaAccess(event, 'monitoring.readAll');
	const answered = answeredInquiry(db, agenda.id, event.params.inquiryId);
	if (!answered) error(404, m.inquiry_error_not_found());
	const { inquiry, plan } = answered;
	const fieldGroups = [
		...plan.fields.map((field) => ({
			title: field.title,
			items: plan.measures.filter((measure) => measure.fieldId === field.id)
		})),
		{
			title: m.inquiry_links_no_field(),
			items: plan.measures.filter(
				(measure) => !plan.fields.some((field) => field.id === measure.fieldId)
			)
		},
		{ title: m.inquiry_links_inventory(), items: plan.inventory }
	];
	return {
		canWrite: permissions['inquiry.write'],
		inquiry: {
			id: inquiry.id,
			title: inquiry.title,
			reference: inquiry.reference,
			askedBy: inquiry.askedBy,
			receivedOn: inquiry.receivedOn ?? '',
			stichtag: inquiry.stichtag,
			oparlUrl: inquiry.oparlUrl ?? '',
			answerReference: inquiry.answerReference,
			preamble: inquiry.preamble
		},
		questions: answered.questions.map((question) => ({
			id: question.id,
			position: question.position,
			question: question.question,
			itemIds: question.itemIds,
			answer: question.text,
			edited: question.answer !== null
		})),
		groups: fieldGroups
			.filter((group) => group.items.length > 0)
			.map((group) => ({
				title: group.title,
				items: group.items.map((item) => ({ id: item.id, title: item.title }))
			}))
	};
};

function writer(event: InquiryEvent) {
	const { agenda, user } = agendaAccess(event, 'inquiry.write');
	const target = { agendaId: agenda.id, inquiryId: event.params.inquiryId, actorId: user.id };
	if (!getInquiry(db, agenda.id, target.inquiryId)) error(404, m.inquiry_error_not_found());
	return target;
}

/** A refusal of the inquiry module, in the form's words; an unknown Anfrage or question is 404. */
function refusal(
	result: { ok: false; error: InquiryError },
	field: string,
	values: Record<string, string>,
	action: string
) {
	const messages: Record<Exclude<InquiryError, 'not-found'>, () => string> = {
		'no-decision': () => m.inquiry_error_no_decision(),
		'unknown-item': () => m.inquiry_error_unknown_item(),
		'too-many-questions': () =>
			m.inquiry_error_too_many_questions({ max: INQUIRY_LIMITS.questions }),
		'too-many-links': () => m.inquiry_error_too_many_links({ max: INQUIRY_LIMITS.links })
	};
	if (result.error === 'not-found') error(404, m.inquiry_error_not_found());
	const status = result.error === 'no-decision' ? 409 : 400;
	return formFailure(status, { [field]: messages[result.error]() }, values, action);
}

const questionId = z.string().refine(isId, { error: () => m.inquiry_error_not_found() });

const questionSchema = z.object({
	questionId,
	question: questionTextSchema,
	answer: answerTextSchema
});

const pastedSchema = z.object({ pasted: pastedTextSchema });

/** The pasted text split into questions, each within the limit, or what is wrong with it. */
function pastedQuestions(
	form: FormData
):
	| { ok: true; questions: string[]; values: Record<string, string> }
	| { ok: false; failure: ReturnType<typeof formFailure> } {
	const parsed = parseForm(pastedSchema, form);
	if (!parsed.ok)
		return { ok: false, failure: formFailure(400, parsed.errors, parsed.values, 'paste') };
	const questions = splitQuestions(parsed.data.pasted);
	const problem =
		questions.length === 0
			? m.inquiry_error_pasted_empty()
			: questions.some((question) => question.length > INQUIRY_LIMITS.question)
				? m.inquiry_error_question_length({ max: formatNumber(INQUIRY_LIMITS.question) })
				: questions.length > INQUIRY_LIMITS.questions
					? m.inquiry_error_too_many_questions({ max: INQUIRY_LIMITS.questions })
					: null;
	if (problem)
		return { ok: false, failure: formFailure(400, { pasted: problem }, parsed.values, 'paste') };
	return { ok: true, questions, values: parsed.values };
}

export const actions: Actions = {
	saveFields: async (event) => {
		const target = writer(event);
		const form = parseForm(inquiryInputSchema, await readForm(event.request));
		if (!form.ok) return formFailure(400, form.errors, form.values, 'saveFields');
		const result = await updateInquiry(db, { ...target, fields: form.data });
		if (!result.ok) return refusal(result, 'title', form.values, 'saveFields');
		return { action: 'saveFields', success: m.inquiry_saved() };
	},

	delete: async (event) => {
		const target = writer(event);
		const form = await readForm(event.request);
		const step = confirmationStep(form, 'delete', {});
		if (step) return step;
		const result = await deleteInquiry(db, target);
		if (!result.ok) error(404, m.inquiry_error_not_found());
		redirect(303, `/agenden/${target.agendaId}/umsetzung/anfragen`);
	},

	addQuestion: async (event) => {
		const target = writer(event);
		const form = parseForm(
			z.object({ question: questionTextSchema }),
			await readForm(event.request)
		);
		if (!form.ok) return formFailure(400, form.errors, form.values, 'addQuestion');
		const result = await addQuestions(db, { ...target, questions: [form.data.question] });
		if (!result.ok) return refusal(result, 'question', form.values, 'addQuestion');
		return { action: 'addQuestion', success: m.inquiry_questions_added({ count: 1 }) };
	},

	/** Shows how the pasted text splits, storing nothing. */
	previewPaste: async (event) => {
		writer(event);
		const pasted = pastedQuestions(await readForm(event.request));
		if (!pasted.ok) return pasted.failure;
		return { action: 'paste', preview: pasted.questions, values: pasted.values };
	},

	addPasted: async (event) => {
		const target = writer(event);
		const pasted = pastedQuestions(await readForm(event.request));
		if (!pasted.ok) return pasted.failure;
		const result = await addQuestions(db, { ...target, questions: pasted.questions });
		if (!result.ok) return refusal(result, 'pasted', pasted.values, 'paste');
		return {
			action: 'paste',
			success: m.inquiry_questions_added({ count: pasted.questions.length })
		};
	},

	saveQuestion: async (event) => {
		const target = writer(event);
		const raw = await readForm(event.request);
		const form = parseForm(questionSchema, raw);
		const itemIds = raw.getAll('itemIds').filter((value) => typeof value === 'string');
		// A refused form shows the links as they were ticked (ids have no spaces; see the page).
		const values = {
			...form.values,
			questionId: String(raw.get('questionId') ?? ''),
			itemIds: itemIds.join(' ')
		};
		if (!form.ok) return formFailure(400, form.errors, values, 'saveQuestion');
		const result = await updateQuestion(db, {
			...target,
			questionId: form.data.questionId,
			question: form.data.question,
			itemIds,
			answer: form.data.answer === '' ? null : form.data.answer
		});
		if (!result.ok) return refusal(result, 'itemIds', values, 'saveQuestion');
		return { action: 'saveQuestion', questionId: form.data.questionId, success: m.inquiry_saved() };
	},

	/** „Entwurf aus den Daten neu erstellen“: the clerk's answer goes, the draft follows the data. */
	resetAnswer: async (event) => {
		const target = writer(event);
		const form = parseForm(z.object({ questionId }), await readForm(event.request));
		const question =
			form.ok &&
			getInquiry(db, target.agendaId, target.inquiryId)?.questions.find(
				(entry) => entry.id === form.data.questionId
			);
		if (!question) error(404, m.inquiry_error_not_found());
		const result = await updateQuestion(db, {
			...target,
			questionId: question.id,
			question: question.question,
			itemIds: question.itemIds,
			answer: null
		});
		if (!result.ok) return refusal(result, 'answer', {}, 'saveQuestion');
		return { action: 'saveQuestion', questionId: question.id, success: m.inquiry_saved() };
	},

	moveQuestion: async (event) => {
		const target = writer(event);
		const form = parseForm(
			z.object({
				questionId,
				direction: z.enum(['up', 'down'], { error: () => m.error_choice_invalid() })
			}),
			await readForm(event.request)
		);
		if (!form.ok) return formFailure(400, form.errors, form.values, 'saveQuestion');
		const result = await moveQuestion(db, { ...target, ...form.data });
		if (!result.ok) return refusal(result, 'questionId', form.values, 'saveQuestion');
		return { action: 'moveQuestion', questionId: form.data.questionId };
	},

	deleteQuestion: async (event) => {
		const target = writer(event);
		const form = parseForm(z.object({ questionId }), await readForm(event.request));
		if (!form.ok) return formFailure(400, form.errors, form.values, 'saveQuestion');
		const result = await deleteQuestion(db, { ...target, questionId: form.data.questionId });
		if (!result.ok) return refusal(result, 'questionId', form.values, 'saveQuestion');
		return { action: 'deleteQuestion' };
	}
};
