import type { Agenda } from '../agenda/model/schema';

/**
 * The accounts linked to a measure's patrons (*Paten*) in the resolved plan: who besides the
 * writers may report on it (`canReportOn`). An inventory item has no patrons.
 */
export function patronUserIds(
	plan: Pick<Agenda, 'measures' | 'people'>,
	measureId: string
): string[] {
	const measure = plan.measures.find((entry) => entry.id === measureId);
	if (!measure) return [];
	return plan.people
		.filter((person) => measure.patronIds.includes(person.id) && person.userId !== null)
		.map((person) => person.userId as string);
}
