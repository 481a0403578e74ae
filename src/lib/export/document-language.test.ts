import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { richTextToPlain } from '../agenda/model/rich-text';
import type { ReportStats } from '../participation/report-stats';
import { reportCells, type ReportRow } from '../participation/report-table';
import { documentText } from './document';
import { roundFigures } from './participation-summary';
import { resolutionDocument } from './resolution-document';
import { buildResolutionDraft } from './resolution-draft';
import { strategyDocument } from './strategy-document';
import { SAMPLE_PARTICIPATION, demoDocument, readDemo } from './testing/demo-agenda';

/**
 * Documents for the council are German whatever language the person downloading them reads the
 * app in: their label calls ask for German, not for the visitor's language.
 */
const visitorsLocale = getLocale;

afterEach(() => overwriteGetLocale(visitorsLocale));

const GENERATED = new Date('2026-11-23T10:00:00Z');
const STATS: ReportStats = {
	participants: 1,
	commentsFromDeletedAccounts: 0,
	comments: { total: 1, replies: 0, visible: 1, pending: 0, hidden: 0, deleted: 0 },
	supportsTotal: 0,
	byMeasure: [],
	byField: [],
	byDay: []
};

describe('export documents under an English UI', () => {
	it('name priorities, statuses, costs, budgets and the Beratungsfolge in German', () => {
		overwriteGetLocale(() => 'en');
		const agenda = readDemo(demoDocument());
		const source = { kind: 'draft' } as const;
		const draft = buildResolutionDraft({
			agenda,
			source,
			participation: SAMPLE_PARTICIPATION,
			decidingBody: null
		});
		expect(draft.consultations.map((entry) => entry.roleLabel)).toContain('Vorberatung');
		expect(draft.consultations.map((entry) => entry.resultLabel)).toContain('noch nicht beraten');

		const vorlage = documentText(resolutionDocument(draft, GENERATED), richTextToPlain);
		expect(vorlage).toContain('Ergebnishaushalt betroffen');
		expect(vorlage).not.toContain('operating budget');

		const strategy = documentText(
			strategyDocument({ agenda, source, participation: null, generatedAt: GENERATED }),
			richTextToPlain
		);
		for (const german of ['hoch', 'in Vorbereitung', 'Sachkosten', 'Finanzhaushalt', 'vorhanden'])
			expect(strategy).toContain(german);
		for (const english of ['high', 'in preparation', 'Goods and services', 'capital budget'])
			expect(strategy).not.toContain(english);
	});

	it('name the AG’s answers in German in the Beteiligungsbericht and its summary', () => {
		overwriteGetLocale(() => 'en');
		const row: ReportRow = {
			number: 1,
			replyTo: null,
			itemKind: 'measure',
			itemLabel: 'Digitales Bürgerbüro',
			fieldLabel: null,
			createdAt: GENERATED,
			author: 'Bürgerin',
			text: 'Text',
			state: 'visible',
			hiddenReason: null,
			itemSupports: 0,
			disposition: 'teilweise-uebernommen',
			reason: 'Geprüft.',
			published: true
		};
		expect(reportCells(row, 'de').disposition).toBe('teilweise übernommen');
		expect(reportCells(row, 'en').disposition).toBe('partly taken up');
		const summary = roundFigures({
			version: { number: 1, name: 'Entwurf' },
			rows: [row],
			stats: STATS
		});
		expect(summary.dispositions).toEqual([{ label: 'teilweise übernommen', count: 1 }]);
	});
});
