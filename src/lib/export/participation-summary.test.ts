import { describe, expect, it } from 'vitest';
import type { ReportStats } from '../participation/report-stats';
import type { ReportRow } from '../participation/report-table';
import { participationSummary } from './participation-summary';
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

describe('participationSummary', () => {
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
		const summary = participationSummary({
			version: { number: 1, name: 'Entwurf' },
			phase: null,
			rows,
			stats: STATS
		});
		expect(summary).toMatchObject({
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

	it('reads as German sentences, singular and plural', () => {
		const sentences = participationSentences({
			version: { number: 2, name: 'Zweiter Entwurf' },
			phase: {
				startsAt: new Date('2026-09-01T06:00:00Z'),
				endsAt: new Date('2026-10-27T22:59:00Z')
			},
			participants: 1,
			comments: 1,
			replies: 0,
			supports: 1234,
			answered: 1,
			unanswered: 1,
			dispositions: [{ label: 'übernommen', count: 1 }]
		});
		expect(sentences).toEqual([
			'Die Fassung 2 „Zweiter Entwurf“ lag vom 01.09.2026 bis zum 27.10.2026 öffentlich zur Beteiligung aus.',
			'1 Person beteiligte sich mit 1 Kommentar, 0 Antworten und 1.234 Unterstützungen für Maßnahmen.',
			'Die AG Digitalisierung hat 1 Kommentar öffentlich beantwortet (übernommen: 1); 1 ist noch offen.',
			'Alle Kommentare und Antworten enthält der Beteiligungsbericht (Anlage 3).'
		]);
		expect(participationSentences(null)).toEqual([
			'Eine Beteiligung der Bürgerinnen und Bürger hat noch nicht stattgefunden.'
		]);
	});
});
