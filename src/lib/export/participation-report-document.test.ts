import { describe, expect, it } from 'vitest';
import type { ReportRow } from '../participation/report-table';
import { documentText, type Block, type TableBlock } from './document';
import {
	participationReportDocument,
	type ReportForDocument,
	type RoundsForDocument
} from './participation-report-document';

const GENERATED = new Date('2026-11-23T10:00:00Z');

function row(overrides: Partial<ReportRow>): ReportRow {
	return {
		number: 1,
		replyTo: null,
		itemKind: 'measure',
		itemLabel: 'Bürgerportal',
		fieldLabel: 'Verwaltung',
		createdAt: new Date('2026-11-02T09:30:00Z'),
		author: 'Anna A.',
		text: 'Bitte auch telefonisch.',
		state: 'visible',
		hiddenReason: null,
		itemSupports: 2,
		disposition: 'teilweise-uebernommen',
		reason: 'Die Hotline bleibt.',
		published: true,
		...overrides
	};
}

const REPORT: ReportForDocument & { phase: { startsAt: Date; endsAt: Date } } = {
	version: { number: 2, name: 'Entwurf für die Beteiligung', createdAt: GENERATED },
	phase: {
		startsAt: new Date('2026-11-01T08:00:00Z'),
		endsAt: new Date('2026-11-30T22:59:00Z')
	},
	rows: [
		row({}),
		row({ number: 2, replyTo: 1, author: null, disposition: null, reason: null, published: null }),
		row({
			number: 3,
			itemKind: 'goal',
			itemLabel: 'Offene Verwaltung',
			fieldLabel: null,
			text: null,
			state: 'hidden',
			hiddenReason: 'Beleidigung',
			itemSupports: null,
			disposition: null,
			reason: null,
			published: null
		})
	],
	stats: {
		participants: 3,
		commentsFromDeletedAccounts: 1,
		comments: { total: 3, replies: 1, visible: 2, pending: 0, hidden: 1, deleted: 0 },
		supportsTotal: 5,
		byMeasure: [
			{ id: 'm1', label: 'Bürgerportal', comments: 2, supports: 4 },
			{ id: 'm2', label: '', comments: 0, supports: 1 }
		],
		byField: [
			{ id: 'f1', label: 'Verwaltung', comments: 2, supports: 5 },
			{ id: null, label: '', comments: 1, supports: 0 }
		],
		byDay: [
			{ day: '2026-11-02', comments: 3, supports: 2 },
			{ day: '2026-11-03', comments: 0, supports: 3 }
		]
	}
};

const AGENDA = { title: 'Digitale Agenda Musterstadt', municipality: 'Stadt Musterstadt' };

/** One round: the report above as round 2 of the agenda (round 1 had no comments to show here). */
const ONE_ROUND: RoundsForDocument = {
	agenda: AGENDA,
	version: { number: 2 },
	rounds: [{ ...REPORT, round: 2, state: 'open' }],
	total: {
		participants: 3,
		comments: 2,
		replies: 1,
		supports: 5,
		answered: 1,
		unanswered: 0,
		dispositions: [{ label: 'teilweise übernommen', count: 1 }]
	}
};

const tables = (blocks: Block[]) =>
	blocks.filter((block): block is TableBlock => block.type === 'table');

describe('participationReportDocument', () => {
	const document = participationReportDocument(ONE_ROUND, GENERATED);
	const text = documentText(document, () => '');

	it('names the report, the agenda and the Fassung in the title, header and footer', () => {
		expect(document.title).toBe('Beteiligungsbericht: Digitale Agenda Musterstadt');
		expect(document.subject).toBe('Beteiligungsbericht · Fassung 2');
		expect(document.header).toBe('Beteiligungsbericht · Fassung 2');
		expect(document.footer).toBe('Beteiligungsbericht · Digitale Agenda Musterstadt');
	});

	it('says in the order of the council document what came in and what the AG made of it', () => {
		const expected = [
			'Beteiligungsbericht',
			'Digitale Agenda Musterstadt',
			'Stadt Musterstadt',
			'Stand: 23.11.2026, 11:00',
			'Beteiligungsrunden im Überblick',
			'Runde\tFassung\tZeitraum\tStand\tTeilnehmende\tKommentare\tAntworten\tUnterstützungen\tbeantwortet\toffen',
			'2\t2: „Entwurf für die Beteiligung“\t01.11.2026 – 30.11.2026\tläuft\t3\t2\t1\t5\t1\t0',
			'Alle Runden\t\t\t\t3\t2\t1\t5\t1\t0',
			'Runde 2 · Fassung 2 „Entwurf für die Beteiligung“',
			'Fassung 2: „Entwurf für die Beteiligung“ vom 23.11.2026',
			'Beteiligungszeitraum: 01.11.2026, 09:00 bis 30.11.2026, 23:59',
			'Zahlen im Überblick',
			'Teilnehmende\t3',
			'Beiträge insgesamt\t3',
			'– davon Antworten auf Beiträge\t1',
			'– ausgeblendet\t1',
			'Unterstützungen von Maßnahmen\t5',
			'Dazu kommt 1 Beitrag von einem inzwischen gelöschten Konto',
			'Beiträge und Unterstützungen je Maßnahme',
			'Maßnahme\tBeiträge\tUnterstützungen',
			'Bürgerportal\t2\t4',
			'(ohne Titel)\t0\t1',
			'Summe\t2\t5',
			'Beiträge und Unterstützungen je Handlungsfeld',
			'Verwaltung\t2\t5',
			'Ohne Handlungsfeld (Ziele, Ausgangslage, Leitbild, Maßnahmen ohne Handlungsfeld)\t1\t0',
			'Summe\t3\t5',
			'Beiträge und Unterstützungen je Tag',
			'02.11.2026\t3\t2',
			'03.11.2026\t0\t3',
			'Alle Beiträge mit Abwägung',
			'Beiträge zur Fassung 2, nach Bezug geordnet',
			'1\tMaßnahme: Bürgerportal\nVerwaltung\t02.11.2026, 10:30\tAnna A.\tBitte auch telefonisch.\tsichtbar\t2\tteilweise übernommen\tDie Hotline bleibt.\tja',
			'2\nAntwort auf Nr. 1\tMaßnahme: Bürgerportal\nVerwaltung\t02.11.2026, 10:30\tgelöschtes Konto',
			'3\tZiel: Offene Verwaltung\t02.11.2026, 10:30\tAnna A.\t(ausgeblendet; der Text steht nicht im Bericht)\tausgeblendet: Beleidigung\t\t\t\t'
		];
		let from = 0;
		for (const part of expected) {
			const at = text.indexOf(part, from);
			expect(at, part).toBeGreaterThanOrEqual(from);
			from = at + part.length;
		}
	});

	it('puts the comment table on landscape pages and sets withheld texts in italics', () => {
		const breakAt = document.blocks.findIndex(
			(block) => block.type === 'pageBreak' && block.orientation === 'landscape'
		);
		const comments = tables(document.blocks.slice(breakAt));
		expect(comments).toHaveLength(1);
		const cells = comments[0]?.rows.map((cells) => cells[4]);
		expect(cells?.map((cell) => cell?.italic === true)).toEqual([false, false, true]);
		// The overview of the rounds, then the round's figures, measures, fields and days.
		expect(tables(document.blocks.slice(0, breakAt))).toHaveLength(5);
	});

	it('says so when no comment came in, and leaves out the days when nothing happened', () => {
		const quiet = participationReportDocument(
			{
				...ONE_ROUND,
				rounds: [
					{ ...REPORT, round: 1, state: 'closed', rows: [], stats: { ...REPORT.stats, byDay: [] } }
				]
			},
			GENERATED
		);
		const quietText = documentText(quiet, () => '');
		expect(quietText).toContain('Zu dieser Fassung sind keine Beiträge eingegangen.');
		expect(quietText).not.toContain('je Tag');
		expect(tables(quiet.blocks)).toHaveLength(4);
	});

	it('says so when no round has begun up to the Fassung asked for', () => {
		const none = participationReportDocument({ ...ONE_ROUND, rounds: [] }, GENERATED);
		expect(documentText(none, () => '')).toContain(
			'Eine Beteiligungsrunde hat noch nicht begonnen.'
		);
		expect(tables(none.blocks)).toHaveLength(0);
	});

	it('shows every round and their total first, then each round under its own heading', () => {
		const first = {
			...REPORT,
			round: 1,
			state: 'closed' as const,
			version: { number: 1, name: 'Erster Entwurf', createdAt: new Date('2026-09-01T08:00:00Z') },
			phase: {
				startsAt: new Date('2026-09-01T08:00:00Z'),
				endsAt: new Date('2026-09-30T21:59:00Z')
			},
			rows: [row({ author: 'Anna A.', text: 'Aus Runde eins.' })]
		};
		const two = participationReportDocument(
			{
				...ONE_ROUND,
				rounds: [first, { ...REPORT, round: 2, state: 'open' }],
				total: { ...ONE_ROUND.total, participants: 4, comments: 3 }
			},
			GENERATED
		);
		const twoText = documentText(two, () => '');
		const expected = [
			'Beteiligungsrunden im Überblick',
			'1\t1: „Erster Entwurf“\t01.09.2026 – 30.09.2026\tabgeschlossen\t3\t2\t1\t5\t1\t0',
			'2\t2: „Entwurf für die Beteiligung“\t01.11.2026 – 30.11.2026\tläuft\t3\t2\t1\t5\t1\t0',
			// People active in both rounds count once: the caller's distinct count, not 3 + 3.
			'Alle Runden\t\t\t\t4\t3',
			'Runde 1 · Fassung 1 „Erster Entwurf“',
			'Aus Runde eins.',
			'Runde 2 · Fassung 2 „Entwurf für die Beteiligung“',
			'Bitte auch telefonisch.'
		];
		let from = 0;
		for (const part of expected) {
			const at = twoText.indexOf(part, from);
			expect(at, part).toBeGreaterThanOrEqual(from);
			from = at + part.length;
		}
		// Each round starts on a portrait page; its comments stand on landscape ones.
		expect(
			two.blocks.filter((block) => block.type === 'pageBreak').map((block) => block.orientation)
		).toEqual(['portrait', 'landscape', 'portrait', 'landscape']);
	});
});
