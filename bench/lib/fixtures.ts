import * as Y from 'yjs';
import { readAgenda } from '../../src/lib/agenda/read';
import { addEntity } from '../../src/lib/agenda/mutations';
import { users } from '../../src/lib/server/db/schema';
import { appendUpdate, loadDocument } from '../../src/lib/server/documents/update-log';
import { addComment } from '../../src/lib/server/participation/comments';
import { currentPhase } from '../../src/lib/server/participation/phases';
import { copyAgendaWithMembers, openTestParticipation } from '../../tests/support/participation';
import { withDatabase } from '../../tests/support/database';

/*
 * Agendas of the size the issue measures (50 measures, 1,000 comments), written into a running
 * server's SQLite file with the app's own domain functions, as the editor and citizens would.
 */

/** A copy of the demo agenda grown to `measures` measures (each with costs and funding). */
export function bigAgenda(databasePath: string, slug: string, measures: number): string {
	const agendaId = copyAgendaWithMembers(databasePath, 'musterstadt', slug);
	withDatabase(databasePath, (db) => {
		const { doc } = loadDocument(db, agendaId);
		const before = Y.encodeStateVector(doc);
		const { agenda } = readAgenda(doc);
		const source = agenda.fundingSources[0]?.id ?? null;
		doc.transact(() => {
			for (let index = agenda.measures.length; index < measures; index++) {
				const template = agenda.measures[index % agenda.measures.length];
				const id = addEntity(
					doc,
					{ collection: 'measures' },
					{
						title: `${template?.title ?? 'Maßnahme'} (${index + 1})`,
						summary: template?.summary ?? '',
						description: template?.description ?? [],
						fieldId: template?.fieldId ?? null,
						goalIds: template?.goalIds ?? [],
						patronIds: template?.patronIds ?? [],
						implementationGroup: template?.implementationGroup ?? '',
						startYear: 2026 + (index % 3),
						startQuarter: 1 + (index % 4),
						endYear: 2028 + (index % 3),
						endQuarter: 4
					}
				);
				for (const year of [2026, 2027, 2028]) {
					addEntity(
						doc,
						{ collection: 'costLines', measureId: id },
						{
							label: `Sachkosten ${year}`,
							year,
							amountCents: 1_000_000 + index * 10_000,
							fundingSourceId: source
						}
					);
				}
			}
		});
		appendUpdate(db, agendaId, Y.encodeStateAsUpdate(doc, before));
		doc.destroy();
	});
	return agendaId;
}

/** Freezes the agenda into a Fassung, opens a phase on it and writes `count` comments. */
export function commentedParticipation(databasePath: string, slug: string, count: number) {
	const participation = openTestParticipation(databasePath, { slug });
	withDatabase(databasePath, (db) => {
		const phase = currentPhase(db, participation.agendaId);
		if (!phase) throw new Error('Keine Beteiligung');
		const authors = db
			.select({ id: users.id })
			.from(users)
			.all()
			.map((user) => user.id);
		const measures = participation.content.measures;
		for (let index = 0; index < count; index++) {
			const measure = measures[index % measures.length];
			const author = authors[index % authors.length];
			if (!measure || !author) throw new Error('Keine Maßnahme oder kein Konto');
			const result = addComment(db, {
				participation: phase,
				item: { kind: 'measure', id: measure.id },
				parentId: null,
				authorId: author,
				body: `Beitrag ${index + 1}: Bitte auch an die Barrierefreiheit denken – und an die Kosten.`
			});
			if (!result.ok) throw new Error(`Kommentar abgelehnt: ${result.error}`);
		}
	});
	return participation;
}
