import { formatDate } from '../format';
import type { ParticipationSummary } from './resolution-draft';

/**
 * How citizens took part, as sentences for the Sachverhalt and the strategy annex. German
 * plural rules by hand: three words are not worth a library.
 */
export function participationSentences(summary: ParticipationSummary | null): string[] {
	if (!summary)
		return ['Eine Beteiligung der Bürgerinnen und Bürger hat noch nicht stattgefunden.'];
	const { version, phase } = summary;
	const fassung = `Fassung ${version.number} „${version.name}“`;
	const sentences = [
		phase
			? `Die ${fassung} lag vom ${formatDate(phase.startsAt, 'de')} bis zum ${formatDate(phase.endsAt, 'de')} ` +
				'öffentlich zur Beteiligung aus.'
			: `Die ${fassung} wurde öffentlich zur Beteiligung gestellt.`,
		`${count(summary.participants, 'Person', 'Personen')} ` +
			`${summary.participants === 1 ? 'beteiligte' : 'beteiligten'} sich mit ` +
			`${count(summary.comments, 'Kommentar', 'Kommentaren')}, ` +
			`${count(summary.replies, 'Antwort', 'Antworten')} und ` +
			`${count(summary.supports, 'Unterstützung', 'Unterstützungen')} für Maßnahmen.`
	];
	const decided = summary.dispositions.map((entry) => `${entry.label}: ${entry.count}`).join(', ');
	sentences.push(
		`Die AG Digitalisierung hat ${count(summary.answered, 'Kommentar', 'Kommentare')} ` +
			`öffentlich beantwortet${decided ? ` (${decided})` : ''}; ` +
			`${summary.unanswered} ${summary.unanswered === 1 ? 'ist' : 'sind'} noch offen.`
	);
	sentences.push('Alle Kommentare und Antworten enthält der Beteiligungsbericht (Anlage 3).');
	return sentences;
}

function count(value: number, singular: string, plural: string): string {
	return `${value.toLocaleString('de-DE')} ${value === 1 ? singular : plural}`;
}
