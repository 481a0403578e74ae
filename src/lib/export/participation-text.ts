import { formatDate } from '../format';
import type { ParticipationFigures, ParticipationSummary, RoundSummary } from './resolution-draft';

/**
 * How citizens took part, as sentences for the Sachverhalt and the strategy annex: each round in
 * the tense its dates call for at the time of the export (a running round "liegt vom … bis zum …
 * aus", its people "haben sich bisher beteiligt"), and with several rounds their total. German
 * plural rules by hand: three words are not worth a library.
 */
export function participationSentences(summary: ParticipationSummary | null): string[] {
	if (!summary || summary.rounds.length === 0)
		return ['Eine Beteiligung der Bürgerinnen und Bürger hat noch nicht stattgefunden.'];
	const { rounds, total } = summary;
	const running = rounds.some((round) => round.state === 'open');
	const only = rounds.length === 1 ? rounds[0] : undefined;
	const sentences = only
		? [`Die ${exposure(only)}.`, `${took(only)}.`]
		: [
				...rounds.map((round) => `In Runde ${round.round} ${verbFirst(round)}; ${took(round)}.`),
				`In ${rounds.length} Runden ${totalTook(total, running ? 'open' : 'closed')}.`
			];
	const decided = total.dispositions.map((entry) => `${entry.label}: ${entry.count}`).join(', ');
	sentences.push(
		`Die AG Digitalisierung hat ${count(total.answered, 'Kommentar', 'Kommentare')} ` +
			`öffentlich beantwortet${decided ? ` (${decided})` : ''}; ` +
			`${total.unanswered} ${total.unanswered === 1 ? 'ist' : 'sind'} noch offen.`
	);
	sentences.push('Alle Kommentare und Antworten enthält der Beteiligungsbericht (Anlage 3).');
	return sentences;
}

/** "Fassung 1 „…“ lag vom … bis zum … öffentlich zur Beteiligung aus", in the round's tense. */
function exposure(round: RoundSummary): string {
	const { fassung, verb, period } = exposureParts(round);
	return `${fassung} ${verb} ${period}`;
}

/** The same after "In Runde 2": the verb comes second in German. */
function verbFirst(round: RoundSummary): string {
	const { fassung, verb, period } = exposureParts(round);
	return `${verb} die ${fassung} ${period}`;
}

function exposureParts(round: RoundSummary) {
	const start = formatDate(round.phase.startsAt, 'de');
	const end = formatDate(round.phase.endsAt, 'de');
	const open = round.state === 'open';
	return {
		fassung: `Fassung ${round.version.number} „${round.version.name}“`,
		verb: open ? 'liegt' : 'lag',
		period: `vom ${start} bis zum ${end} öffentlich zur Beteiligung aus`
	};
}

/** Who took part how, in the past tense for a closed round, "bisher" for a running one. */
function took(round: RoundSummary): string {
	const { state, ...figures } = round;
	const people = count(figures.participants, 'Person', 'Personen');
	const one = figures.participants === 1;
	return state === 'open'
		? `${people} ${one ? 'hat' : 'haben'} sich bisher mit ${contributions(figures)} beteiligt`
		: `${people} ${one ? 'beteiligte' : 'beteiligten'} sich mit ${contributions(figures)}`;
}

/** The total after "In 2 Runden": the verb comes first. */
function totalTook(figures: ParticipationFigures, state: 'open' | 'closed'): string {
	const people = count(figures.participants, 'Person', 'Personen');
	const one = figures.participants === 1;
	return state === 'open'
		? `${one ? 'hat' : 'haben'} sich bisher insgesamt ${people} mit ${contributions(figures)} beteiligt`
		: `${one ? 'beteiligte' : 'beteiligten'} sich insgesamt ${people} mit ${contributions(figures)}`;
}

function contributions(figures: ParticipationFigures): string {
	return (
		`${count(figures.comments, 'Kommentar', 'Kommentaren')}, ` +
		`${count(figures.replies, 'Antwort', 'Antworten')} und ` +
		`${count(figures.supports, 'Unterstützung', 'Unterstützungen')} für Maßnahmen`
	);
}

function count(value: number, singular: string, plural: string): string {
	return `${value.toLocaleString('de-DE')} ${value === 1 ? singular : plural}`;
}
