import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { additionalNeedCents, agendaFinance } from '../agenda/model/finance';
import {
	addEntity,
	initialiseAgenda,
	removeEntity,
	setMembers,
	setResolutionText,
	setResolutionValue,
	setValue
} from '../agenda/ydoc/mutations';
import { readAgenda } from '../agenda/ydoc/read';
import { buildResolutionDraft, measurePeriod, type DraftInput } from './resolution-draft';
import { SAMPLE_PARTICIPATION, demoDocument, readDemo } from './testing/demo-agenda';

function draftOf(doc: Y.Doc, participation: DraftInput['participation'] = SAMPLE_PARTICIPATION) {
	return buildResolutionDraft({
		agenda: readDemo(doc),
		source: { kind: 'draft' },
		participation,
		decidingBody: null
	});
}

function fillHeader(doc: Y.Doc) {
	setResolutionText(doc, 'reference', '2026/0123');
	setResolutionValue(doc, 'date', '2026-12-01');
	const ref = { collection: 'consultations' } as const;
	for (const [index, entry] of readAgenda(doc).agenda.resolution.consultations.entries()) {
		setValue(doc, ref, entry.id, 'date', `2027-01-${String(10 + index)}`);
	}
}

describe('buildResolutionDraft: money', () => {
	it('takes every amount from the finance module', () => {
		const doc = demoDocument();
		const agenda = readDemo(doc);
		const finance = agendaFinance(agenda);
		const draft = draftOf(doc);
		expect(draft.finance.totals).toEqual({
			costCents: finance.costCents,
			fundingCents: finance.fundingCents,
			ownShareCents: finance.ownShareCents
		});
		expect(draft.facts.totals).toEqual(draft.finance.totals);
		expect(draft.finance.bySource).toEqual(finance.bySource);
		expect(draft.finance.byYear).toEqual(finance.byYear);
		expect(draft.finance.byBudget).toEqual(finance.byBudget);
		expect(draft.finance.followUp).toEqual(finance.followUp);
		expect(draft.facts.measures.map((m) => [m.id, m.costCents, m.fundingCents])).toEqual(
			finance.measures.map((m) => [m.measureId, m.costCents, m.fundingCents])
		);
		// The demo's figures, as the editor shows them.
		expect(draft.finance.totals).toEqual({
			costCents: 80_000_000,
			fundingCents: 72_000_000,
			ownShareCents: 8_000_000
		});
		expect(draft.finance.followUp.totalCents).toBe(7_000_000);
	});

	it('computes the Mehrbedarf from the own share and the planned means', () => {
		const doc = demoDocument();
		const own = draftOf(doc).finance.totals.ownShareCents;
		expect(draftOf(doc).finance.additionalNeedCents).toBeNull();
		setResolutionValue(doc, 'meansPlanned', false);
		expect(draftOf(doc).finance.additionalNeedCents).toBe(own);
		setResolutionValue(doc, 'meansPlanned', true);
		expect(draftOf(doc).finance.additionalNeedCents).toBeNull();
		setResolutionValue(doc, 'plannedMeansCents', 5_000_000);
		expect(draftOf(doc).finance.additionalNeedCents).toBe(own - 5_000_000);
		setResolutionValue(doc, 'plannedMeansCents', own + 1);
		expect(draftOf(doc).finance.additionalNeedCents).toBe(0);
	});

	it('Mehrbedarf is own share minus planned means, never negative', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 10_000_000_000 }),
				fc.integer({ min: 0, max: 10_000_000_000 }),
				(own, planned) => {
					const need = additionalNeedCents(own, true, planned);
					expect(need).toBe(Math.max(0, own - planned));
					expect(additionalNeedCents(own, false, planned)).toBe(own);
					expect(additionalNeedCents(own, null, planned)).toBeNull();
				}
			)
		);
	});
});

describe('buildResolutionDraft: Ja/Nein', () => {
	it('ticks the budgets the costs touch', () => {
		const doc = demoDocument();
		const finance = agendaFinance(readDemo(doc));
		const { hasImpact, budgets } = draftOf(doc).finance;
		expect(hasImpact).toBe(true);
		expect(budgets).toEqual({
			ergebnis: finance.byBudget.ergebnis.costCents > 0,
			finanz: finance.byBudget.finanz.costCents > 0
		});
	});

	it('says Nein everywhere for an agenda without costs', () => {
		const doc = new Y.Doc();
		initialiseAgenda(doc, { title: 'Leer', municipality: 'M', periodStart: 2026, periodEnd: 2030 });
		const measure = addEntity(doc, { collection: 'measures' }, { title: 'Ohne Kosten' });
		const draft = buildResolutionDraft({
			agenda: readAgenda(doc).agenda,
			source: { kind: 'draft' },
			participation: null,
			decidingBody: null
		});
		expect(draft.finance.hasImpact).toBe(false);
		expect(draft.finance.budgets).toEqual({ ergebnis: false, finanz: false });
		expect(draft.warnings).not.toContainEqual({ code: 'means-planned-missing' });

		// Only an investment: the Finanzhaushalt alone.
		addEntity(
			doc,
			{ collection: 'costLines', measureId: measure },
			{ label: 'Server', year: 2027, budget: 'finanz', amountCents: 1_000_00 }
		);
		const invested = buildResolutionDraft({
			agenda: readAgenda(doc).agenda,
			source: { kind: 'draft' },
			participation: null,
			decidingBody: null
		});
		expect(invested.finance.hasImpact).toBe(true);
		expect(invested.finance.budgets).toEqual({ ergebnis: false, finanz: true });
	});

	it('follows the owner on Mittel bereits geplant, and leaves it open until answered', () => {
		const doc = demoDocument();
		expect(draftOf(doc).finance.meansPlanned).toBeNull();
		setResolutionValue(doc, 'meansPlanned', true);
		expect(draftOf(doc).finance.meansPlanned).toBe(true);
		setResolutionValue(doc, 'meansPlanned', false);
		expect(draftOf(doc).finance.meansPlanned).toBe(false);
	});
});

describe('buildResolutionDraft: content', () => {
	it('uses the default Beschlussvorschlag until the owner writes one', () => {
		const doc = demoDocument();
		expect(draftOf(doc).proposal).toEqual({
			text: 'Das Beschlussgremium beschließt die „Digitale Agenda Musterstadt 2026–2030“ für den Zeitraum 2026 bis 2030 (Anlage 1).',
			isDefault: true
		});
		const gemeinderat = buildResolutionDraft({
			agenda: readDemo(doc),
			source: { kind: 'draft' },
			participation: null,
			decidingBody: 'Gemeinderat'
		});
		expect(gemeinderat.proposal.text).toMatch(/^Der Gemeinderat beschließt die „Digitale Agenda/);
		setResolutionText(
			doc,
			'proposal',
			'  1. Die Stadtvertretung beschließt …\n2. Sie beauftragt …  '
		);
		expect(draftOf(doc).proposal).toEqual({
			text: '1. Die Stadtvertretung beschließt …\n2. Sie beauftragt …',
			isDefault: false
		});
	});

	it('lists measures with field, patrons, period and money, and the Beratungsfolge in order', () => {
		const doc = demoDocument();
		const agenda = readDemo(doc);
		const draft = draftOf(doc);
		const first = agenda.measures[0];
		if (!first) throw new Error('Demo ohne Maßnahme');
		expect(draft.facts.measures[0]).toMatchObject({
			id: first.id,
			title: first.title,
			field: agenda.fields.find((field) => field.id === first.fieldId)?.title,
			patrons: first.patronIds.map((id) => agenda.people.find((p) => p.id === id)?.name),
			period: measurePeriod(first)
		});
		expect(
			draft.consultations.map((entry) => [entry.body, entry.roleLabel, entry.authoritative])
		).toEqual([
			['Ausschuss für Digitalisierung und Verwaltung', 'Vorberatung', false],
			['Hauptausschuss', 'Vorberatung', false],
			['Stadtvertretung', 'Entscheidung', true]
		]);
		expect(draft.header).toMatchObject({
			reference: null,
			submitter: 'Der Bürgermeister',
			leadDepartment: 'Stabsstelle Digitalisierung',
			public: true,
			subject: 'Digitale Agenda Musterstadt 2026–2030'
		});
		expect(draft.annexes.map((annex) => [annex.number, annex.kind])).toEqual([
			[1, 'strategy'],
			[2, 'finance-plan'],
			[3, 'participation-report']
		]);
		expect(draftOf(doc, null).annexes.map((annex) => annex.kind)).toEqual([
			'strategy',
			'finance-plan'
		]);
	});

	it('counts as Votum only consultations with a result or a Votum text', () => {
		const doc = demoDocument();
		expect(draftOf(doc).votes).toEqual([]);
		const ref = { collection: 'consultations' } as const;
		const [first, second] = readAgenda(doc).agenda.resolution.consultations;
		if (!first || !second) throw new Error('Demo ohne Beratungsfolge');
		setValue(doc, ref, first.id, 'result', 'empfohlen');
		addEntity(doc, ref, { body: 'Ortsbeirat', role: 'kenntnisnahme' });
		const votes = draftOf(doc).votes;
		expect(votes.map((vote) => [vote.body, vote.resultLabel])).toEqual([
			['Ausschuss für Digitalisierung und Verwaltung', 'empfohlen']
		]);
	});

	it('writes schedules as council documents do', () => {
		const period = (
			startYear: number | null,
			startQuarter: number | null,
			endYear: number | null,
			endQuarter: number | null
		) => measurePeriod({ startYear, startQuarter, endYear, endQuarter });
		expect(period(2026, 1, 2027, 4)).toBe('Q1/2026 – Q4/2027');
		expect(period(2026, null, 2028, null)).toBe('2026 – 2028');
		expect(period(2026, 2, 2026, 2)).toBe('Q2/2026');
		expect(period(2026, null, null, null)).toBe('ab 2026');
		expect(period(null, null, 2030, 4)).toBe('bis Q4/2030');
		expect(period(null, null, null, null)).toBeNull();
		// The team's pages in English say the open end in English; the quarters read the same.
		expect(
			measurePeriod({ startYear: 2026, startQuarter: 3, endYear: null, endQuarter: null }, 'en')
		).toBe('from Q3/2026');
		expect(
			measurePeriod({ startYear: null, startQuarter: null, endYear: 2030, endQuarter: null }, 'en')
		).toBe('until 2030');
	});
});

describe('buildResolutionDraft: warnings', () => {
	const codes = (doc: Y.Doc, participation: DraftInput['participation'] = SAMPLE_PARTICIPATION) =>
		draftOf(doc, participation).warnings.map((warning) => warning.code);

	it('warns about what the demo still lacks', () => {
		const doc = demoDocument();
		const warnings = draftOf(doc).warnings;
		expect(warnings.map((warning) => warning.code)).toEqual(
			expect.arrayContaining(['reference-missing', 'date-missing', 'means-planned-missing'])
		);
		expect(warnings.filter((warning) => warning.code === 'consultation-incomplete')).toHaveLength(
			3
		);
		expect(warnings.map((warning) => warning.code)).not.toContain('decision-missing');
		expect(warnings.map((warning) => warning.code)).not.toContain('submitter-missing');
	});

	it('has no header warnings once the owner filled everything in', () => {
		const doc = demoDocument();
		fillHeader(doc);
		setResolutionValue(doc, 'meansPlanned', true);
		setResolutionValue(doc, 'plannedMeansCents', 100_000_00);
		expect(codes(doc)).toEqual(
			codes(doc).filter(
				(code) => code === 'measure-without-patron' || code === 'costs-without-source'
			)
		);
	});

	it('names the measure without patron and the costs without a funding source', () => {
		const doc = demoDocument();
		const agenda = readAgenda(doc).agenda;
		const measure = agenda.measures[1];
		if (!measure) throw new Error('Demo ohne zweite Maßnahme');
		setMembers(doc, { collection: 'measures' }, measure.id, 'patronIds', []);
		addEntity(
			doc,
			{ collection: 'costLines', measureId: measure.id },
			{ label: 'Eigenleistung', year: 2027, amountCents: 5_000_00 }
		);
		const about = { measureId: measure.id, measureTitle: measure.title };
		expect(draftOf(doc).warnings).toEqual(
			expect.arrayContaining([
				{ code: 'measure-without-patron', ...about },
				{ code: 'costs-without-source', ...about }
			])
		);
	});

	it('warns without a deciding body, without participation, and without a Deckungsvorschlag', () => {
		const doc = demoDocument();
		const ref = { collection: 'consultations' } as const;
		const decision = readAgenda(doc).agenda.resolution.consultations.find(
			(entry) => entry.role === 'entscheidung'
		);
		if (!decision) throw new Error('Demo ohne Entscheidung');
		removeEntity(doc, ref, decision.id);
		setResolutionValue(doc, 'meansPlanned', false);
		expect(codes(doc, null)).toEqual(
			expect.arrayContaining(['decision-missing', 'participation-missing', 'coverage-missing'])
		);
		setResolutionText(doc, 'coverageProposal', 'Haushaltsstelle 1.2.3');
		expect(codes(doc)).not.toContain('coverage-missing');
		for (const entry of readAgenda(doc).agenda.resolution.consultations)
			removeEntity(doc, ref, entry.id);
		expect(codes(doc)).toContain('consultations-missing');
		expect(codes(doc)).not.toContain('decision-missing');
	});

	it('sums the Deckungsvorschlag lines and warns about what they leave uncovered', () => {
		const doc = demoDocument();
		setResolutionValue(doc, 'meansPlanned', true);
		setResolutionValue(doc, 'plannedMeansCents', 3_000_000);
		const need = draftOf(doc).finance.additionalNeedCents;
		expect(need).toBe(5_000_000);
		const lines = { collection: 'coverageLines' } as const;
		addEntity(doc, lines, { amountCents: 3_000_000, costUnit: '11.1.01', account: '5431000' });
		addEntity(doc, lines, { label: 'Betrag folgt' });
		const { coverage } = draftOf(doc).finance;
		expect(coverage).toMatchObject({ coveredCents: 3_000_000, uncoveredCents: 2_000_000 });
		expect(coverage.lines.map((line) => [line.amountCents, line.account, line.label])).toEqual([
			[3_000_000, '5431000', null],
			[null, null, 'Betrag folgt']
		]);
		expect(draftOf(doc).warnings).toContainEqual({
			code: 'coverage-short',
			uncoveredCents: 2_000_000
		});
		expect(codes(doc)).not.toContain('coverage-missing');
		addEntity(doc, lines, { amountCents: 2_000_000 });
		expect(codes(doc)).not.toContain('coverage-short');
	});

	it('warns while nobody has decided whether the Vorlage is öffentlich', () => {
		const doc = demoDocument();
		expect(codes(doc)).not.toContain('public-missing');
		setResolutionValue(doc, 'public', null);
		expect(draftOf(doc).header.public).toBeNull();
		expect(codes(doc)).toContain('public-missing');
		setResolutionValue(doc, 'public', false);
		expect(codes(doc)).not.toContain('public-missing');
	});
});
