import type { Agenda } from '../../agenda/model/schema';
import type { Db } from '../db/connection';
import {
	addQuestions,
	createInquiry,
	inquiryInputSchema,
	updateQuestion
} from '../monitoring/inquiries';

/**
 * The demo's Anfrage, as a Fraktion asked it in Bremerhaven in 2023: where the Onlinezugangsgesetz,
 * the eAkte, video conferences and E-Payment stand. Each question is linked to the measures and
 * Bestandsaufnahme items it asks about, so its answer is drafted from the approved facts at the
 * Stichtag; the last question is linked to nothing and waits for the clerk's words.
 */
const QUESTIONS: readonly { question: string; items: readonly string[] }[] = [
	{
		question: 'Wie ist der Stand der Umsetzung des Onlinezugangsgesetzes?',
		items: ['Online-Dienste nach dem Onlinezugangsgesetz', 'OZG-Leistungen online']
	},
	{
		question: 'Wann arbeiten alle Fachbereiche mit der elektronischen Akte?',
		items: ['Einführung der elektronischen Akte (eAkte)']
	},
	{
		question: 'Können Ratsmitglieder an Sitzungen per Videokonferenz teilnehmen?',
		items: ['Digitale Gremienarbeit']
	},
	{
		question: 'Wo können Bürgerinnen und Bürger bereits elektronisch bezahlen (E-Payment)?',
		items: ['E-Payment in allen Fachverfahren', 'E-Payment']
	},
	{ question: 'Welche weiteren Schritte plant die Verwaltung bis 2027?', items: [] }
];

export async function seedBeispielhausenInquiry(
	db: Db,
	input: { agendaId: string; ownerId: string; plan: Agenda }
): Promise<void> {
	const { agendaId, ownerId: actorId, plan } = input;
	const now = new Date('2026-11-03T09:00:00Z');
	const fields = inquiryInputSchema.parse({
		title: 'Stand der Umsetzung der Digitalen Agenda',
		reference: 'AF/2026/031',
		askedBy: 'Fraktion Bürgerliste Beispielhausen',
		receivedOn: '2026-10-12',
		stichtag: '2026-10-31',
		oparlUrl: '',
		answerReference: '',
		preamble: ''
	});
	const created = await createInquiry(db, { agendaId, actorId, fields, now });
	if (!created.ok) throw new Error(`Demo-Anfrage: ${created.error}`);
	const target = { agendaId, inquiryId: created.id, actorId, now };
	const added = await addQuestions(db, { ...target, questions: QUESTIONS.map((q) => q.question) });
	if (!added.ok) throw new Error(`Demo-Anfrage: ${added.error}`);
	const idOf = (title: string) => {
		const item = [...plan.measures, ...plan.inventory].find((entry) => entry.title === title);
		if (!item) throw new Error(`Demo-Anfrage: „${title}“ fehlt im Plan`);
		return item.id;
	};
	for (const [index, { question, items }] of QUESTIONS.entries()) {
		const questionId = added.ids[index];
		if (!questionId || items.length === 0) continue;
		const linked = await updateQuestion(db, {
			...target,
			questionId,
			question,
			itemIds: items.map(idOf),
			answer: null
		});
		if (!linked.ok) throw new Error(`Demo-Anfrage: ${linked.error}`);
	}
}
