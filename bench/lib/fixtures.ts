import * as Y from 'yjs';
import { resolutionFacts, richSection, topCollection } from '../../src/lib/agenda/ydoc/layout';
import { RICH_TEXT_MAX_CHARS, textFieldMax } from '../../src/lib/agenda/model/limits';
import { readAgenda } from '../../src/lib/agenda/ydoc/read';
import { paragraphs } from '../../src/lib/agenda/model/rich-text';
import { richTextToXml } from '../../src/lib/agenda/ydoc/rich-text-xml';
import { addEntity } from '../../src/lib/agenda/ydoc/mutations';
import { eq } from 'drizzle-orm';
import type { FactInput } from '../../src/lib/monitoring/fact-input';
import { agendas, users } from '../../src/lib/server/db/schema';
import { appendUpdate, loadDocument } from '../../src/lib/server/documents/update-log';
import { addComment } from '../../src/lib/server/participation/comments';
import { currentPhase } from '../../src/lib/server/participation/phases';
import { versionNumberOf } from '../../src/lib/server/participation/versions';
import { copyAgendaWithMembers, openTestParticipation } from '../../tests/support/participation';
import { withDatabase } from '../../tests/support/database';
import { addFacts, resolveAgenda } from '../../tests/support/monitoring';
import { editDocument } from '../../tests/support/documents';

/*
 * Agendas of the size the issue measures (50 measures, 1,000 comments), written into a running
 * server's SQLite file with the app's own domain functions, as the editor and citizens would.
 */

/** A copy of the demo agenda grown to `measures` measures (each with costs and funding). */
export async function bigAgenda(
	databasePath: string,
	slug: string,
	measures: number
): Promise<string> {
	const agendaId = await copyAgendaWithMembers(databasePath, 'musterstadt', slug);
	await withDatabase(databasePath, async (db) => {
		const { doc } = await loadDocument(db, agendaId);
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
		await appendUpdate(db, agendaId, Y.encodeStateAsUpdate(doc, before));
		doc.destroy();
	});
	return agendaId;
}

/** Freezes the agenda into a Fassung, opens a phase on it and writes `count` comments. */
export async function commentedParticipation(databasePath: string, slug: string, count: number) {
	const participation = await openTestParticipation(databasePath, { slug });
	await withDatabase(databasePath, async (db) => {
		const phase = await currentPhase(db, participation.agendaId);
		if (!phase) throw new Error('Keine Beteiligung');
		// In a fixed order, so that both dialects spread the comments over the same authors.
		const authors = (await db.select({ id: users.id }).from(users).orderBy(users.id)).map(
			(user) => user.id
		);
		const measures = participation.content.measures;
		for (let index = 0; index < count; index++) {
			const measure = measures[index % measures.length];
			const author = authors[index % authors.length];
			if (!measure || !author) throw new Error('Keine Maßnahme oder kein Konto');
			const result = await addComment(db, {
				origin: null,
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

/**
 * The agenda made public and its Fassung `versionId` resolved by the council, with approved
 * facts on every measure as two years of monitoring would leave them: four Sachstand reports,
 * the first milestone reached, six values of each indicator and an Ist for each planned year.
 */
export async function monitoredAgenda(databasePath: string, slug: string, versionId: string) {
	const versionNumber = await withDatabase(databasePath, async (db) => {
		await db.update(agendas).set({ visibility: 'public' }).where(eq(agendas.slug, slug));
		return await versionNumberOf(db, versionId);
	});
	if (versionNumber === undefined) throw new Error('Keine Fassung');
	const monitoring = await resolveAgenda(databasePath, slug, {
		versionNumber,
		decidedOn: '2026-01-20'
	});
	const facts: FactInput[] = monitoring.plan.measures.flatMap((measure, index) => {
		const about = { itemKind: 'measure' as const, itemId: measure.id };
		const milestone = measure.milestones[0];
		return [
			...['2026-03-31', '2026-06-30', '2026-09-30', '2026-11-30'].map((asOf, step): FactInput => ({
				kind: 'report',
				...about,
				asOf,
				status: index % 7 === 0 && step === 3 ? 'verzoegert' : 'in-arbeit',
				statusReason: index % 7 === 0 && step === 3 ? 'Ausschreibung ohne Angebot' : null,
				progress: 10 + step * 15,
				text: `Sachstand ${step + 1}: Die Umsetzung läuft; nächste Schritte sind abgestimmt.`
			})),
			...(milestone
				? [{ kind: 'milestone', ...about, asOf: '2026-08-15', milestoneId: milestone.id } as const]
				: []),
			...measure.indicators.flatMap((indicator) =>
				[1, 3, 5, 7, 9, 11].map((month, step): FactInput => ({
					kind: 'indicator',
					...about,
					asOf: `2026-${String(month).padStart(2, '0')}-15`,
					indicatorId: indicator.id,
					value: 5 + step * 4
				}))
			),
			...[...new Set(measure.costLines.map((line) => line.year))]
				.filter((year) => year <= 2026)
				.map((year): FactInput => ({
					kind: 'finance',
					...about,
					asOf: '2026-11-30',
					year,
					actualCostCents: 1_100_000 + index * 10_000,
					fundingReceivedCents: 500_000
				}))
		];
	});
	await addFacts(
		databasePath,
		monitoring,
		facts.map((fact) => ({ fact, state: 'approved' as const }))
	);
	return monitoring;
}

/**
 * A copy of the demo agenda as big as the limits allow where exports spend their time: the
 * Ausgangslage, the Leitbild, the Sachverhalt and every measure's description at
 * `RICH_TEXT_MAX_CHARS` (paragraphs of ordinary sentences), every summary at its limit.
 */
export async function atLimitAgenda(databasePath: string, slug: string): Promise<string> {
	const agendaId = await copyAgendaWithMembers(databasePath, 'musterstadt', slug);
	const sentence = 'Die Stadt baut ihre digitalen Dienste für alle Bürgerinnen und Bürger aus. ';
	const paragraph = sentence.repeat(10);
	const longText = paragraphs(
		...Array.from({ length: Math.floor(RICH_TEXT_MAX_CHARS / paragraph.length) }, () => paragraph)
	);
	const summaryMax = textFieldMax('measures', 'summary');
	await editDocument(databasePath, agendaId, (doc) => {
		const fragments = [richSection(doc, 'ausgangslage'), richSection(doc, 'leitbild')];
		const facts = resolutionFacts(doc);
		if (facts) fragments.push(facts);
		for (const measure of topCollection(doc, 'measures').values()) {
			const description = measure.get('description');
			if (description instanceof Y.XmlFragment) fragments.push(description);
			const summary = measure.get('summary');
			if (summary instanceof Y.Text) {
				summary.delete(0, summary.length);
				summary.insert(0, sentence.repeat(summaryMax / sentence.length + 1).slice(0, summaryMax));
			}
		}
		for (const fragment of fragments) {
			fragment.delete(0, fragment.length);
			fragment.insert(0, richTextToXml(longText));
		}
	});
	return agendaId;
}
