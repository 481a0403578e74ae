import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { formatNumber } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import type { Agenda } from '../../agenda/model/schema';
import { draftAnswer } from '../../monitoring/inquiry-answer';
import { INQUIRY_LIMITS } from '../../monitoring/inquiry-limits';
import { cleanMultilineText, cleanSingleLineText } from '../../text/clean';
import { audit } from '../audit';
import { type Db, type Executor, inTransaction } from '../db/connection';
import { inquiries, inquiryQuestions, type Inquiry, type InquiryQuestion } from '../db/schema';
import { generateId } from '../ids';
import { currentDecision, resolvedPlan } from './decisions';
import { monitoringOverview } from './overview';

/**
 * Anfragen of the council and the administration's answers: the clerk enters an Anfrage on an
 * agenda with a resolved plan, its questions (typed or pasted), links each question to measures
 * and Bestandsaufnahme items of that plan, and edits the answer drafted from the monitoring data
 * at the Anfrage's Stichtag. Every change is in the audit log, like the monitoring facts. Who may
 * change anything is decided by the route (`inquiry.write`); here, what a change may do.
 */

const line = (max: number, message: () => string) =>
	z.string({ error: message }).max(max, { error: message }).transform(cleanSingleLineText);
const text = (max: number, message: () => string) =>
	z
		.string({ error: message })
		.max(max, { error: message })
		.transform((value) => cleanMultilineText(value).trim());
const optionalDay = (message: () => string) =>
	z
		.string()
		.trim()
		.transform((value) => (value === '' ? null : value))
		.pipe(z.iso.date({ error: message }).nullable());

/** An Anfrage's own fields as a form sends them (every value a string). */
export const inquiryInputSchema = z.object({
	title: line(INQUIRY_LIMITS.title, () => m.inquiry_error_title()).pipe(
		z.string().min(1, { error: () => m.inquiry_error_title() })
	),
	reference: line(INQUIRY_LIMITS.reference, () => m.inquiry_error_reference()),
	askedBy: line(INQUIRY_LIMITS.askedBy, () => m.inquiry_error_asked_by()),
	receivedOn: optionalDay(() => m.inquiry_error_date()),
	stichtag: z
		.string()
		.trim()
		.pipe(z.iso.date({ error: () => m.inquiry_error_stichtag() }))
		.refine((day) => day >= '1900-01-01', { error: () => m.inquiry_error_stichtag() }),
	oparlUrl: z
		.string()
		.trim()
		.max(INQUIRY_LIMITS.oparlUrl, { error: () => m.inquiry_error_oparl() })
		.transform((value) => (value === '' ? null : value))
		.pipe(z.url({ protocol: /^https?$/, error: () => m.inquiry_error_oparl() }).nullable()),
	answerReference: line(INQUIRY_LIMITS.reference, () => m.inquiry_error_reference()),
	preamble: text(INQUIRY_LIMITS.preamble, () => m.inquiry_error_preamble())
});
export type InquiryInput = z.output<typeof inquiryInputSchema>;

export const questionTextSchema = text(INQUIRY_LIMITS.question, () =>
	m.inquiry_error_question_length({ max: formatNumber(INQUIRY_LIMITS.question) })
).pipe(z.string().min(1, { error: () => m.inquiry_error_question_empty() }));

export const answerTextSchema = text(INQUIRY_LIMITS.answer, () =>
	m.inquiry_error_answer_length({ max: formatNumber(INQUIRY_LIMITS.answer) })
);

export const pastedTextSchema = z
	.string()
	.max(INQUIRY_LIMITS.pasted, { error: () => m.inquiry_error_pasted_length() })
	.transform((value) => cleanMultilineText(value));

export type InquiryError =
	'no-decision' | 'not-found' | 'unknown-item' | 'too-many-questions' | 'too-many-links';

type Result<T = object> = ({ ok: true } & T) | { ok: false; error: InquiryError };
/** What a change inside `changeInquiry` answers: its result, and what the audit log notes. */
type Changed<T = object> =
	({ ok: true; details: Record<string, unknown> } & T) | { ok: false; error: InquiryError };

export interface InquirySummary extends Inquiry {
	questionCount: number;
}

export async function listInquiries(db: Executor, agendaId: string): Promise<InquirySummary[]> {
	const rows = await db
		.select({ inquiry: inquiries, questionCount: count(inquiryQuestions.id) })
		.from(inquiries)
		.leftJoin(inquiryQuestions, eq(inquiryQuestions.inquiryId, inquiries.id))
		.where(eq(inquiries.agendaId, agendaId))
		.groupBy(inquiries.id)
		.orderBy(asc(inquiries.createdAt));
	return rows.map((row) => ({ ...row.inquiry, questionCount: row.questionCount }));
}

export async function getInquiry(
	db: Executor,
	agendaId: string,
	inquiryId: string
): Promise<{ inquiry: Inquiry; questions: InquiryQuestion[] } | null> {
	const [inquiry] = await db
		.select()
		.from(inquiries)
		.where(and(eq(inquiries.id, inquiryId), eq(inquiries.agendaId, agendaId)));
	if (!inquiry) return null;
	return { inquiry, questions: await questionsOf(db, inquiryId) };
}

async function questionsOf(db: Executor, inquiryId: string): Promise<InquiryQuestion[]> {
	return await db
		.select()
		.from(inquiryQuestions)
		.where(eq(inquiryQuestions.inquiryId, inquiryId))
		.orderBy(asc(inquiryQuestions.position));
}

/** One question with the answer the document gives: the clerk's, or the draft from the data. */
export interface AnsweredQuestion extends InquiryQuestion {
	draft: string;
	/** What the answer says: `answer` when the clerk edited it, the draft otherwise. */
	text: string;
}

/**
 * The Anfrage with every question answered from the monitoring overview at its Stichtag
 * (approved facts up to that day only); null for an unknown Anfrage or an agenda without a
 * decision.
 */
export async function answeredInquiry(
	db: Executor,
	agendaId: string,
	inquiryId: string
): Promise<{ inquiry: Inquiry; questions: AnsweredQuestion[]; plan: Agenda } | null> {
	const found = await getInquiry(db, agendaId, inquiryId);
	const overview = found && (await monitoringOverview(db, agendaId, found.inquiry.stichtag));
	if (!found || !overview) return null;
	return {
		inquiry: found.inquiry,
		plan: overview.plan,
		questions: found.questions.map((question) => {
			const draft = draftAnswer(question.itemIds, overview);
			return { ...question, draft, text: question.answer ?? draft };
		})
	};
}

export async function createInquiry(
	db: Db,
	input: { agendaId: string; actorId: string; fields: InquiryInput; now?: Date }
): Promise<Result<{ id: string }>> {
	if (!(await currentDecision(db, input.agendaId))) return { ok: false, error: 'no-decision' };
	const now = input.now ?? new Date();
	const id = generateId();
	await inTransaction(db, async (tx) => {
		await tx.insert(inquiries).values({
			id,
			agendaId: input.agendaId,
			...input.fields,
			createdBy: input.actorId,
			createdAt: now,
			updatedAt: now
		});
		await audit(tx, {
			actorId: input.actorId,
			agendaId: input.agendaId,
			action: 'inquiry.create',
			details: { inquiryId: id, reference: input.fields.reference }
		});
	});
	return { ok: true, id };
}

interface InquiryTarget {
	agendaId: string;
	inquiryId: string;
	actorId: string;
	now?: Date;
}

/**
 * Runs a change of one Anfrage in a transaction: refused when the Anfrage is not the agenda's,
 * audited as `action` with `details` when `change` succeeds, and the Anfrage marked as changed.
 */
async function changeInquiry<T extends object>(
	db: Db,
	target: InquiryTarget,
	action: string,
	change: (tx: Executor) => Promise<Changed<T>>
): Promise<Result<T>> {
	return inTransaction(db, async (tx) => {
		const [found] = await tx
			.select({ id: inquiries.id })
			.from(inquiries)
			.where(and(eq(inquiries.id, target.inquiryId), eq(inquiries.agendaId, target.agendaId)));
		if (!found) return { ok: false, error: 'not-found' } as const;
		const result = await change(tx);
		if (!result.ok) return result;
		await tx
			.update(inquiries)
			.set({ updatedAt: target.now ?? new Date() })
			.where(eq(inquiries.id, target.inquiryId));
		await audit(tx, {
			actorId: target.actorId,
			agendaId: target.agendaId,
			action,
			details: { inquiryId: target.inquiryId, ...result.details }
		});
		return { ...result, details: undefined } as unknown as Result<T>;
	});
}

export function updateInquiry(
	db: Db,
	target: InquiryTarget & { fields: InquiryInput }
): Promise<Result> {
	return changeInquiry(db, target, 'inquiry.edit', async (tx): Promise<Changed> => {
		await tx.update(inquiries).set(target.fields).where(eq(inquiries.id, target.inquiryId));
		return { ok: true, details: { reference: target.fields.reference } };
	});
}

export function deleteInquiry(db: Db, target: InquiryTarget): Promise<Result> {
	return inTransaction(db, async (tx) => {
		const [deleted] = await tx
			.delete(inquiries)
			.where(and(eq(inquiries.id, target.inquiryId), eq(inquiries.agendaId, target.agendaId)))
			.returning({ title: inquiries.title });
		if (!deleted) return { ok: false, error: 'not-found' } as const;
		await audit(tx, {
			actorId: target.actorId,
			agendaId: target.agendaId,
			action: 'inquiry.delete',
			details: { inquiryId: target.inquiryId, title: deleted.title }
		});
		return { ok: true } as const;
	});
}

/** Adds questions (already checked by `questionTextSchema`) after the last one. */
export async function addQuestions(
	db: Db,
	target: InquiryTarget & { questions: readonly string[] }
): Promise<Result<{ ids: string[] }>> {
	return changeInquiry(
		db,
		target,
		'inquiry.question.add',
		async (tx): Promise<Changed<{ ids: string[] }>> => {
			const existing = await questionsOf(tx, target.inquiryId);
			if (existing.length + target.questions.length > INQUIRY_LIMITS.questions) {
				return { ok: false, error: 'too-many-questions' };
			}
			const now = target.now ?? new Date();
			const ids: string[] = [];
			for (const [index, question] of target.questions.entries()) {
				const id = generateId();
				await tx.insert(inquiryQuestions).values({
					id,
					inquiryId: target.inquiryId,
					position: existing.length + index + 1,
					question,
					updatedAt: now
				});
				ids.push(id);
			}
			return { ok: true, ids, details: { questionIds: ids } };
		}
	);
}

/**
 * Changes a question's text, links and answer. The links must name measures or Bestandsaufnahme
 * items of the resolved plan. An answer equal to the draft the page showed (the draft of the
 * links before this change) is no edit: the question keeps following the data.
 */
export async function updateQuestion(
	db: Db,
	target: InquiryTarget & {
		questionId: string;
		question: string;
		itemIds: readonly string[];
		/** The clerk's answer; null: back to the draft from the data. */
		answer: string | null;
	}
): Promise<Result> {
	const decision = await currentDecision(db, target.agendaId);
	if (!decision) return { ok: false, error: 'no-decision' };
	const plan = await resolvedPlan(db, decision);
	const known = new Set([...plan.measures, ...plan.inventory].map((item) => item.id));
	const itemIds = [...new Set(target.itemIds)];
	if (itemIds.length > INQUIRY_LIMITS.links) return { ok: false, error: 'too-many-links' };
	if (itemIds.some((itemId) => !known.has(itemId))) return { ok: false, error: 'unknown-item' };
	return changeInquiry(db, target, 'inquiry.question.edit', async (tx): Promise<Changed> => {
		const row = await questionRow(tx, target.inquiryId, target.questionId);
		if (!row) return { ok: false, error: 'not-found' };
		let answer = target.answer;
		if (answer !== null) {
			const [inquiry] = await tx
				.select({ stichtag: inquiries.stichtag })
				.from(inquiries)
				.where(eq(inquiries.id, target.inquiryId));
			const overview = inquiry && (await monitoringOverview(tx, target.agendaId, inquiry.stichtag));
			const shown = row.answer ?? (overview ? draftAnswer(row.itemIds, overview) : null);
			if (row.answer === null && answer === shown) answer = null;
		}
		await tx
			.update(inquiryQuestions)
			.set({ question: target.question, itemIds, answer, updatedAt: target.now ?? new Date() })
			.where(eq(inquiryQuestions.id, row.id));
		return {
			ok: true,
			details: { questionId: row.id, itemIds, answerEdited: answer !== null }
		};
	});
}

/** Moves a question one place up or down; the others keep their order. */
export async function moveQuestion(
	db: Db,
	target: InquiryTarget & { questionId: string; direction: 'up' | 'down' }
): Promise<Result> {
	return changeInquiry(db, target, 'inquiry.question.move', async (tx): Promise<Changed> => {
		const questions = await questionsOf(tx, target.inquiryId);
		const index = questions.findIndex((question) => question.id === target.questionId);
		if (index === -1) return { ok: false, error: 'not-found' };
		const other = index + (target.direction === 'up' ? -1 : 1);
		if (other >= 0 && other < questions.length) {
			const [moved] = questions.splice(index, 1);
			if (moved) questions.splice(other, 0, moved);
			await renumber(tx, questions);
		}
		return { ok: true, details: { questionId: target.questionId, direction: target.direction } };
	});
}

export function deleteQuestion(
	db: Db,
	target: InquiryTarget & { questionId: string }
): Promise<Result> {
	return changeInquiry(db, target, 'inquiry.question.delete', async (tx): Promise<Changed> => {
		const row = await questionRow(tx, target.inquiryId, target.questionId);
		if (!row) return { ok: false, error: 'not-found' };
		await tx.delete(inquiryQuestions).where(eq(inquiryQuestions.id, row.id));
		await renumber(tx, await questionsOf(tx, target.inquiryId));
		return { ok: true, details: { questionId: row.id, question: row.question } };
	});
}

async function questionRow(
	tx: Executor,
	inquiryId: string,
	questionId: string
): Promise<InquiryQuestion | undefined> {
	const [row] = await tx
		.select()
		.from(inquiryQuestions)
		.where(and(eq(inquiryQuestions.id, questionId), eq(inquiryQuestions.inquiryId, inquiryId)));
	return row;
}

/** Positions 1, 2, 3 … in the given order, as „Zu 1.“ numbers them. */
async function renumber(tx: Executor, questions: readonly InquiryQuestion[]): Promise<void> {
	for (const [index, question] of questions.entries()) {
		if (question.position === index + 1) continue;
		await tx
			.update(inquiryQuestions)
			.set({ position: index + 1 })
			.where(eq(inquiryQuestions.id, question.id));
	}
}
