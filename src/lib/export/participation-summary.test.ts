import { describe, expect, it } from 'vitest';
import type { ReportStats } from '../participation/report-stats';
import type { ReportRow } from '../participation/report-table';
import { participationSummary, roundFigures, totalFigures } from './participation-summary';
import type { ParticipationFigures, RoundSummary } from './resolution-draft';
import { participationSentences } from './participation-text';

function row(number: number, overrides: Partial<ReportRow> = {}): ReportRow {
	return {
		number,
		replyTo: null,
		itemKind: 'measure',
		itemLabel: 'Digitales Bürgerbüro',
		fieldLabel: null,
		createdAt: new Date('2026-09-02T10:00:00Z'),
		author: 'Bürgerin',
		text: 'Text',
		state: 'visible',
		hiddenReason: null,
		itemSupports: 3,
		disposition: null,
		reason: null,
		published: null,
		...overrides
	};
}

const STATS: ReportStats = {
	participants: 4,
	commentsFromDeletedAccounts: 0,
	comments: { total: 7, replies: 2, visible: 5, pending: 1, hidden: 1, deleted: 0 },
	supportsTotal: 9,
	byMeasure: [],
	byField: [],
	byDay: []
};

describe('roundFigures', () => {
	it('counts comments, replies and supports as the report does, and how comments were answered', () => {
		const rows = [
			row(1, { disposition: 'uebernommen', published: true }),
			row(2, { replyTo: 1 }),
			row(3, { disposition: 'nicht-uebernommen', published: true }),
			row(4, { disposition: 'uebernommen', published: false }),
			row(5),
			row(6, { state: 'hidden', text: null }),
			row(7, { replyTo: 3, disposition: 'uebernommen', published: true })
		];
		const summary = roundFigures({ version: { number: 1, name: 'Entwurf' }, rows, stats: STATS });
		expect(summary).toEqual({
			participants: 4,
			comments: 5,
			replies: 2,
			supports: 9,
			answered: 2,
			// An unpublished answer is no answer yet; a hidden comment needs none.
			unanswered: 2,
			dispositions: [
				{ label: 'übernommen', count: 1 },
				{ label: 'nicht übernommen', count: 1 }
			]
		});
	});
});

const FIGURES: ParticipationFigures = {
	participants: 1,
	comments: 1,
	replies: 0,
	supports: 1234,
	answered: 1,
	unanswered: 1,
	dispositions: [{ label: 'übernommen', count: 1 }]
};

function round(number: number, state: 'open' | 'closed', figures = FIGURES): RoundSummary {
	return {
		round: number,
		version: { number: number + 1, name: number === 1 ? 'Erster Entwurf' : 'Zweiter Entwurf' },
		phase:
			number === 1
				? { startsAt: new Date('2026-09-01T06:00:00Z'), endsAt: new Date('2026-10-27T22:59:00Z') }
				: { startsAt: new Date('2026-12-01T07:00:00Z'), endsAt: new Date('2027-01-15T22:59:00Z') },
		state,
		...figures
	};
}

describe('totalFigures', () => {
	it('adds up the rounds, dispositions in their order, and takes the people as counted', () => {
		const first: ParticipationFigures = {
			...FIGURES,
			participants: 2,
			dispositions: [{ label: 'nicht übernommen', count: 1 }]
		};
		const second: ParticipationFigures = {
			...FIGURES,
			participants: 2,
			replies: 3,
			answered: 2,
			dispositions: [
				{ label: 'übernommen', count: 1 },
				{ label: 'nicht übernommen', count: 1 }
			]
		};
		// Two people in each round, one of them in both: three, not four.
		expect(totalFigures([first, second], 3)).toEqual({
			participants: 3,
			comments: 2,
			replies: 3,
			supports: 2468,
			answered: 3,
			unanswered: 2,
			dispositions: [
				{ label: 'übernommen', count: 1 },
				{ label: 'nicht übernommen', count: 2 }
			]
		});
		expect(totalFigures([], 0)).toMatchObject({ participants: 0, comments: 0, dispositions: [] });
	});
});

describe('participationSummary', () => {
	it('summarises each round with its number, Fassung, period and state, and keeps the total', () => {
		const stats = { ...STATS, participants: 2 };
		const phase = round(1, 'closed').phase;
		const total = { ...FIGURES, participants: 3 };
		const summary = participationSummary({
			rounds: [
				{ round: 1, version: { number: 1, name: 'A' }, phase, state: 'closed', rows: [], stats },
				{ round: 2, version: { number: 3, name: 'B' }, phase, state: 'open', rows: [], stats }
			],
			total
		});
		expect(summary.rounds.map(({ round, version, state }) => [round, version, state])).toEqual([
			[1, { number: 1, name: 'A' }, 'closed'],
			[2, { number: 3, name: 'B' }, 'open']
		]);
		expect(summary.rounds[0]).toMatchObject({ participants: 2, comments: 5, phase });
		expect(summary.total).toBe(total);
	});
});

describe('participationSentences', () => {
	it('tells of a round that is over in the past tense, singular and plural', () => {
		const sentences = participationSentences({
			rounds: [round(1, 'closed')],
			total: FIGURES
		});
		expect(sentences).toEqual([
			'Die Fassung 2 „Erster Entwurf“ lag vom 01.09.2026 bis zum 27.10.2026 öffentlich zur Beteiligung aus.',
			'1 Person beteiligte sich mit 1 Kommentar, 0 Antworten und 1.234 Unterstützungen für Maßnahmen.',
			'Die AG Digitalisierung hat 1 Kommentar öffentlich beantwortet (übernommen: 1); 1 ist noch offen.',
			'Alle Kommentare und Antworten enthält der Beteiligungsbericht (Anlage 3).'
		]);
		expect(participationSentences(null)).toEqual([
			'Eine Beteiligung der Bürgerinnen und Bürger hat noch nicht stattgefunden.'
		]);
	});

	it('tells of a running round in the present, and of its people "bisher"', () => {
		const figures = { ...FIGURES, participants: 4, comments: 2 };
		const sentences = participationSentences({
			rounds: [round(1, 'open', figures)],
			total: figures
		});
		expect(sentences.slice(0, 2)).toEqual([
			'Die Fassung 2 „Erster Entwurf“ liegt vom 01.09.2026 bis zum 27.10.2026 öffentlich zur Beteiligung aus.',
			'4 Personen haben sich bisher mit 2 Kommentaren, 0 Antworten und 1.234 Unterstützungen für Maßnahmen beteiligt.'
		]);
	});

	it('tells of two rounds one by one and of their total, counting a person in both once', () => {
		const first = { ...FIGURES, participants: 2, comments: 3 };
		const second = { ...FIGURES, participants: 1, supports: 1 };
		// The one person of round 2 took part in round 1 too.
		const total = { ...totalFigures([first, second], 2) };
		const sentences = participationSentences({
			rounds: [round(1, 'closed', first), round(2, 'open', second)],
			total
		});
		expect(sentences).toEqual([
			'In Runde 1 lag die Fassung 2 „Erster Entwurf“ vom 01.09.2026 bis zum 27.10.2026 öffentlich zur Beteiligung aus; ' +
				'2 Personen beteiligten sich mit 3 Kommentaren, 0 Antworten und 1.234 Unterstützungen für Maßnahmen.',
			'In Runde 2 liegt die Fassung 3 „Zweiter Entwurf“ vom 01.12.2026 bis zum 15.01.2027 öffentlich zur Beteiligung aus; ' +
				'1 Person hat sich bisher mit 1 Kommentar, 0 Antworten und 1 Unterstützung für Maßnahmen beteiligt.',
			'In 2 Runden haben sich bisher insgesamt 2 Personen mit 4 Kommentaren, 0 Antworten und 1.235 Unterstützungen für Maßnahmen beteiligt.',
			'Die AG Digitalisierung hat 2 Kommentare öffentlich beantwortet (übernommen: 2); 2 sind noch offen.',
			'Alle Kommentare und Antworten enthält der Beteiligungsbericht (Anlage 3).'
		]);
		const over = participationSentences({
			rounds: [round(1, 'closed', first), round(2, 'closed', second)],
			total
		});
		expect(over[2]).toBe(
			'In 2 Runden beteiligten sich insgesamt 2 Personen mit 4 Kommentaren, 0 Antworten und 1.235 Unterstützungen für Maßnahmen.'
		);
	});
});
