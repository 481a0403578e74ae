import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase, type DemoDatabase } from '../../../../tests/support/database';
import { findUserByEmail } from '../accounts/users';
import { agendas, auditLog, inquiryQuestions } from '../db/schema';
import { currentDecision, resolvedPlan } from './decisions';
import {
	addQuestions,
	answeredInquiry,
	createInquiry,
	deleteQuestion,
	getInquiry,
	inquiryInputSchema,
	listInquiries,
	moveQuestion,
	updateQuestion
} from './inquiries';

/** Anfragen on the decided Beispielhausen demo, on a real SQLite file. */
let t: DemoDatabase;
let agendaId = '';
let actorId = '';

beforeAll(async () => {
	t = await createDemoDatabase();
	const [agenda] = await t.db.select().from(agendas).where(eq(agendas.slug, 'beispielhausen'));
	agendaId = agenda?.id ?? '';
	actorId = (await findUserByEmail(t.db, 'verwaltung@beispielhausen.example'))?.id ?? '';
});

afterAll(() => t.dispose());

const FIELDS = {
	title: '  Stand der\u202e Digitalisierung ',
	reference: 'AF/2027/014',
	askedBy: 'Fraktion Bündnis',
	receivedOn: '2027-01-10',
	stichtag: '2024-01-31',
	oparlUrl: '',
	answerReference: '',
	preamble: ''
};

async function plan() {
	const decision = await currentDecision(t.db, agendaId);
	if (!decision) throw new Error('Kein Beschluss');
	return await resolvedPlan(t.db, decision);
}

async function newInquiry(stichtag = '2024-01-31') {
	const fields = inquiryInputSchema.parse({ ...FIELDS, stichtag });
	const created = await createInquiry(t.db, { agendaId, actorId, fields });
	if (!created.ok) throw new Error(created.error);
	return created.id;
}

describe('Anfragen', () => {
	it('cleans the fields and refuses overlong or malformed ones', () => {
		expect(inquiryInputSchema.parse(FIELDS)).toMatchObject({
			title: 'Stand der Digitalisierung',
			receivedOn: '2027-01-10',
			oparlUrl: null
		});
		const refused = inquiryInputSchema.safeParse({
			...FIELDS,
			title: 'x'.repeat(301),
			stichtag: '2024-02-30',
			oparlUrl: 'javascript:alert(1)'
		});
		expect(refused.success).toBe(false);
		expect(refused.error?.issues.map((issue) => issue.path[0]).sort()).toEqual([
			'oparlUrl',
			'stichtag',
			'title'
		]);
		expect(refused.error?.issues[0]?.message).toMatch(/Betreff/);
	});

	it('links questions to items of the resolved plan only, and audits every step', async () => {
		const inquiryId = await newInquiry();
		const added = await addQuestions(t.db, {
			agendaId,
			inquiryId,
			actorId,
			questions: ['A?', 'B?']
		});
		if (!added.ok) throw new Error(added.error);
		const [first, second] = added.ids;
		if (!first || !second) throw new Error('Fragen fehlen');
		const measureId = (await plan()).measures[0]?.id ?? '';
		const refused = await updateQuestion(t.db, {
			agendaId,
			inquiryId,
			actorId,
			questionId: first,
			question: 'A?',
			itemIds: [measureId, 'unbekannt1234567'],
			answer: null
		});
		expect(refused).toEqual({ ok: false, error: 'unknown-item' });
		expect((await getInquiry(t.db, agendaId, inquiryId))?.questions[0]?.itemIds).toEqual([]);

		const linked = await updateQuestion(t.db, {
			agendaId,
			inquiryId,
			actorId,
			questionId: first,
			question: 'A?',
			itemIds: [measureId],
			answer: '[Antwort ergänzen]'
		});
		expect(linked.ok).toBe(true);
		const answered = await answeredInquiry(t.db, agendaId, inquiryId);
		// The answer shown was the unlinked draft: saving it unchanged keeps following the data.
		expect(answered?.questions[0]?.answer).toBeNull();
		expect(answered?.questions[0]?.text).toContain('Maßnahme „');
		expect(answered?.questions[1]?.text).toBe('[Antwort ergänzen]');

		expect(
			await moveQuestion(t.db, {
				agendaId,
				inquiryId,
				actorId,
				questionId: second,
				direction: 'up'
			})
		).toMatchObject({ ok: true });
		expect((await getInquiry(t.db, agendaId, inquiryId))?.questions.map((q) => q.question)).toEqual(
			['B?', 'A?']
		);
		expect(
			(await deleteQuestion(t.db, { agendaId, inquiryId, actorId, questionId: second })).ok
		).toBe(true);
		expect(
			await t.db
				.select({ position: inquiryQuestions.position })
				.from(inquiryQuestions)
				.where(eq(inquiryQuestions.inquiryId, inquiryId))
		).toEqual([{ position: 1 }]);
		const actions = (
			await t.db
				.select({ action: auditLog.action, details: auditLog.details })
				.from(auditLog)
				.where(and(eq(auditLog.agendaId, agendaId)))
				.orderBy(auditLog.id)
		)
			.filter((row) => JSON.stringify(row.details).includes(inquiryId))
			.map((row) => row.action);
		expect(actions).toEqual([
			'inquiry.create',
			'inquiry.question.add',
			'inquiry.question.edit',
			'inquiry.question.move',
			'inquiry.question.delete'
		]);
	});

	it('keeps an edited answer and drafts from the Stichtag only', async () => {
		const early = await newInquiry('2022-01-31');
		const late = await newInquiry('2026-10-31');
		const measureId = (await plan()).measures[0]?.id ?? '';
		for (const inquiryId of [early, late]) {
			const added = await addQuestions(t.db, {
				agendaId,
				inquiryId,
				actorId,
				questions: ['Stand?']
			});
			if (!added.ok || !added.ids[0]) throw new Error('Frage fehlt');
			await updateQuestion(t.db, {
				agendaId,
				inquiryId,
				actorId,
				questionId: added.ids[0],
				question: 'Stand?',
				itemIds: [measureId],
				answer: null
			});
		}
		const earlyText = (await answeredInquiry(t.db, agendaId, early))?.questions[0]?.text ?? '';
		const lateText = (await answeredInquiry(t.db, agendaId, late))?.questions[0]?.text ?? '';
		expect(earlyText).not.toEqual(lateText);
		const lateReport = /Sachstand vom (\d\d\.\d\d\.\d{4})/.exec(lateText)?.[1];
		expect(lateReport).toBeDefined();
		expect(earlyText).not.toContain(`Sachstand vom ${lateReport}`);

		const question = (await getInquiry(t.db, agendaId, late))?.questions[0];
		if (!question) throw new Error('Frage fehlt');
		await updateQuestion(t.db, {
			agendaId,
			inquiryId: late,
			actorId,
			questionId: question.id,
			question: 'Stand?',
			itemIds: [measureId],
			answer: 'Die Verwaltung antwortet selbst.'
		});
		expect((await answeredInquiry(t.db, agendaId, late))?.questions[0]?.text).toBe(
			'Die Verwaltung antwortet selbst.'
		);
	});

	it('refuses more questions than allowed, storing none', async () => {
		const inquiryId = await newInquiry();
		const questions = Array.from({ length: 101 }, (_, index) => `Frage ${index}?`);
		expect(await addQuestions(t.db, { agendaId, inquiryId, actorId, questions })).toEqual({
			ok: false,
			error: 'too-many-questions'
		});
		expect((await getInquiry(t.db, agendaId, inquiryId))?.questions).toEqual([]);
	});

	it('is in the Beispielhausen demo, answered from its data but for the last question', async () => {
		const [demo] = await listInquiries(t.db, agendaId);
		const answered = demo && (await answeredInquiry(t.db, agendaId, demo.id));
		expect(answered?.inquiry.reference).toBe('AF/2026/031');
		const texts = answered?.questions.map((question) => question.text) ?? [];
		expect(texts).toHaveLength(5);
		expect(texts[0]).toContain('Maßnahme „Online-Dienste nach dem Onlinezugangsgesetz“');
		expect(texts[0]).toContain('Bestandsaufnahme „OZG-Leistungen online“');
		expect(texts[4]).toBe('[Antwort ergänzen]');
	});

	it('refuses an Anfrage on an agenda without a decision', async () => {
		const fields = inquiryInputSchema.parse(FIELDS);
		expect(await createInquiry(t.db, { agendaId: t.agendaId, actorId, fields })).toEqual({
			ok: false,
			error: 'no-decision'
		});
	});
});
