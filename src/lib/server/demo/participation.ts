import { addComment } from '../participation/comments';
import { publishAnswers, saveAnswer } from '../participation/answers';
import { openPhase, type PhaseWithVersion } from '../participation/phases';
import { setSupport } from '../participation/supports';
import { freezeVersion, versionAgenda } from '../participation/versions';
import type { Db } from '../db/connection';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The Musterstadt demo's citizen participation: Fassung 1 of the seeded draft, open from the moment
 * of seeding for eight weeks, with a few comments, supports and one published AG answer.
 */
export async function seedDemoParticipation(
	db: Db,
	input: {
		agendaId: string;
		ownerId: string;
		editorId: string;
		citizens: [string, string, string];
		now?: number;
	}
): Promise<void> {
	const now = input.now ?? Date.now();
	const version = await freezeVersion(db, {
		agendaId: input.agendaId,
		name: 'Entwurf zur Bürgerbeteiligung',
		actorId: input.ownerId
	});
	const opened = await openPhase(db, {
		agendaId: input.agendaId,
		versionId: version.id,
		startsAt: new Date(now - 60_000),
		endsAt: new Date(now + 8 * WEEK_MS),
		intro:
			'Die AG Digitalisierung hat einen Entwurf der Digitalen Agenda erarbeitet. Bis zum Ende der Beteiligung können Sie jede Maßnahme, jedes Ziel und das Leitbild kommentieren und Maßnahmen unterstützen.\n\nDie AG beantwortet jeden Hinweis; die Antworten erscheinen hier und im Beteiligungsbericht für den Stadtrat.',
		moderation: 'post',
		actorId: input.ownerId
	});
	if (!opened.ok) throw new Error(`Demo-Beteiligung: ${opened.reason}`);
	const participation: PhaseWithVersion = { phase: opened.phase, version };
	const content = versionAgenda(version);
	const measure = (title: string) => {
		const found = content.measures.find((candidate) => candidate.title.startsWith(title));
		if (!found) throw new Error(`Demo-Maßnahme ${title} fehlt`);
		return found.id;
	};
	const [meier, jonas, oeztuerk] = input.citizens;
	const comment = async (
		authorId: string,
		item: { kind: 'measure' | 'goal' | 'section'; id: string },
		body: string,
		parentId: string | null = null
	) => {
		// Seeding is no event anybody is told about by mail: origin null.
		const result = await addComment(db, {
			origin: null,
			participation,
			item,
			parentId,
			authorId,
			body,
			now
		});
		if (!result.ok) throw new Error(`Demo-Kommentar: ${result.error}`);
		return result.comment.id;
	};

	const buergerbuero = measure('Digitales Bürgerbüro');
	const bibliothek = measure('Bibliothek');
	const daten = measure('Offene Datenplattform');
	const lotsen = measure('Digitallotsen');
	const telephone = await comment(
		meier,
		{ kind: 'measure', id: buergerbuero },
		'Bitte denken Sie an ältere Menschen ohne Smartphone: Termine sollten auch weiterhin telefonisch vergeben werden.'
	);
	const saturday = await comment(
		jonas,
		{ kind: 'measure', id: bibliothek },
		'Gute Idee! Könnte der Makerspace auch samstags geöffnet sein? Unter der Woche arbeiten viele Eltern.'
	);
	await comment(meier, { kind: 'measure', id: bibliothek }, 'Dem schließe ich mich an.', saturday);
	await comment(
		oeztuerk,
		{ kind: 'measure', id: daten },
		'Welche Daten werden veröffentlicht? Wir wünschen uns Daten zu freien Parkplätzen und zur Luftqualität, wie es andere Städte auf https://www.govdata.de zeigen.'
	);
	const teilhabe = content.goals.find((goal) => goal.title.startsWith('Teilhabe'));
	if (teilhabe) {
		await comment(
			jonas,
			{ kind: 'goal', id: teilhabe.id },
			'Das Ziel ist wichtig. Bitte bieten Sie Informationen auch in Leichter Sprache an.'
		);
	}
	await comment(
		oeztuerk,
		{ kind: 'section', id: 'leitbild' },
		'Das Leitbild gefällt uns, besonders dass Technik kein Selbstzweck sein soll.'
	);

	for (const [userId, measureId] of [
		[meier, buergerbuero],
		[meier, lotsen],
		[jonas, bibliothek],
		[jonas, buergerbuero],
		[oeztuerk, daten],
		[oeztuerk, bibliothek]
	] as const) {
		setSupport(db, { participation, measureId, userId, supported: true, now });
	}

	await saveAnswer(db, {
		agendaId: input.agendaId,
		commentId: telephone,
		disposition: 'teilweise-uebernommen',
		reason:
			'Die telefonische Terminvergabe bleibt erhalten. Zusätzlich gibt es im Rathaus ein Service-Terminal mit Beratung; das haben wir in der Maßnahme ergänzt.',
		actorId: input.editorId,
		now
	});
	await publishAnswers(db, {
		origin: null,
		agendaId: input.agendaId,
		versionId: version.id,
		actorId: input.ownerId,
		now
	});
}
