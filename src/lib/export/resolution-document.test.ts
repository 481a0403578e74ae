import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { agendaFinance } from '../agenda/model/finance';
import { formatEuro } from '../agenda/model/money';
import {
	addEntity,
	setResolutionText,
	setResolutionValue,
	setText,
	setValue
} from '../agenda/ydoc/mutations';
import { richTextToPlain } from '../agenda/model/rich-text';
import { CHECKED, MISSING, UNCHECKED, documentText, type ExportDocument } from './document';
import { resolutionDocument } from './resolution-document';
import { buildResolutionDraft } from './resolution-draft';
import { strategyDocument } from './strategy-document';
import { SAMPLE_PARTICIPATION, demoDocument, readDemo } from './testing/demo-agenda';

const GENERATED = new Date('2026-11-23T10:00:00Z');
const text = (document: ExportDocument) => documentText(document, richTextToPlain);

function vorlage(doc: Y.Doc) {
	const draft = buildResolutionDraft({
		agenda: readDemo(doc),
		source: { kind: 'draft' },
		participation: SAMPLE_PARTICIPATION,
		decidingBody: null
	});
	return resolutionDocument(draft, GENERATED);
}

/** Positions of the lines in the text, to check their order. */
function positions(haystack: string, needles: string[]) {
	return needles.map((needle) => {
		const at = haystack.indexOf(needle);
		if (at < 0) throw new Error(`„${needle}“ fehlt im Text`);
		return at;
	});
}

describe('resolutionDocument', () => {
	it('has every part of a Beschlussvorlage, in order', () => {
		const content = text(vorlage(demoDocument()));
		const order = positions(content, [
			'Beschlussvorlage',
			'Vorlage-Nr.:',
			'Beratungsfolge',
			'Beschlussvorschlag',
			'Sachverhalt',
			'Ziele der Digitalen Agenda',
			'Maßnahmen mit Kosten und Förderung',
			'Beteiligung der Bürgerinnen und Bürger',
			'Finanzielle Zusammenfassung',
			'Votum der Ausschüsse',
			'Finanzielle Auswirkungen',
			'Anlagen',
			'Anlage 1: Digitale Agenda'
		]);
		expect(order).toEqual([...order].sort((a, b) => a - b));
	});

	it('writes „— fehlt —“ where data is missing, and the values once filled in', () => {
		const doc = demoDocument();
		const before = text(vorlage(doc));
		expect(before).toContain(`Vorlage-Nr.: ${MISSING}`);
		expect(before).toContain(`Datum: ${MISSING}`);
		// Without a number, title and header say what the document is; the number line says what is missing.
		expect(vorlage(doc).title).toBe('Beschlussvorlage');
		expect(vorlage(doc).header).toBe('Beschlussvorlage · öffentlich');
		setResolutionText(doc, 'reference', '2026/0123');
		setResolutionValue(doc, 'date', '2026-12-01');
		setResolutionValue(doc, 'public', false);
		const after = vorlage(doc);
		expect(text(after)).toContain('Vorlage-Nr.: 2026/0123');
		expect(text(after)).toContain('Datum: 01.12.2026');
		expect(after.header).toBe('Vorlage 2026/0123 · nicht öffentlich');
		expect(after.title).toBe('Beschlussvorlage 2026/0123');
		// Undecided is not „öffentlich“: the status is missing, and the header says nothing of it.
		setResolutionValue(doc, 'public', null);
		const undecided = vorlage(doc);
		expect(text(undecided)).toContain(`Status: ${MISSING}`);
		expect(undecided.header).toBe('Vorlage 2026/0123');
	});

	it('shows the finance figures of the finance module, in German format', () => {
		const doc = demoDocument();
		setResolutionValue(doc, 'meansPlanned', true);
		setResolutionValue(doc, 'plannedMeansCents', 3_000_000);
		const finance = agendaFinance(readDemo(doc));
		const content = text(vorlage(doc));
		expect(content).toContain(`Gesamtkosten: ${formatEuro(finance.costCents)}`);
		expect(content).toContain('Gesamtkosten: 800.000,00\u00a0€');
		expect(content).toContain(`Fördermittel: ${formatEuro(finance.fundingCents)}`);
		expect(content).toContain(`Eigenanteil: ${formatEuro(finance.ownShareCents)}`);
		expect(content).toContain('Höhe der geplanten Mittel: 30.000,00\u00a0€');
		expect(content).toContain('Mehrbedarf: 50.000,00\u00a0€');
		expect(content).toContain('Folgekosten: 70.000,00\u00a0€');
		// The Ja/Nein grid: a box for Ja and one for Nein in each row.
		expect(content).toContain(`Die Vorlage hat finanzielle Auswirkungen\t${CHECKED}\t${UNCHECKED}`);
		expect(content).toContain(`Mittel sind bereits im Haushalt geplant\t${CHECKED}\t${UNCHECKED}`);
		expect(content).toContain(`Deckungsvorschlag\n${MISSING}`);
		for (const year of finance.byYear) {
			expect(content).toContain(
				[year.year, year.costCents, year.fundingCents, year.ownShareCents]
					.map((value, index) => (index === 0 ? String(value) : formatEuro(value)))
					.join('\t')
			);
		}
	});

	it('lists each Sitzung of the Beratungsfolge with its time and TOP-Nr. once known', () => {
		const doc = demoDocument();
		const ref = { collection: 'consultations' } as const;
		const [first] = readDemo(doc).resolution.consultations;
		if (!first) throw new Error('Demo ohne Beratungsfolge');
		setValue(doc, ref, first.id, 'date', '2027-01-12');
		expect(text(vorlage(doc))).toContain(
			'12.01.2027\tAusschuss für Digitalisierung und Verwaltung\t\t'
		);
		setValue(doc, ref, first.id, 'time', '18:00');
		setText(doc, ref, first.id, 'agendaItem', 'Ö 7.2');
		expect(text(vorlage(doc))).toContain(
			'12.01.2027, 18:00 Uhr\tAusschuss für Digitalisierung und Verwaltung\tÖ 7.2\tVorberatung'
		);
	});

	it('leaves Mittel bereits geplant unticked and missing until answered', () => {
		const content = text(vorlage(demoDocument()));
		expect(content).toContain(
			`Mittel sind bereits im Haushalt geplant ${MISSING}\t${UNCHECKED}\t${UNCHECKED}`
		);
		expect(content).toContain(`Mehrbedarf: ${MISSING}`);
	});

	it('describes a running participation in the present tense only', () => {
		const [round] = SAMPLE_PARTICIPATION.rounds;
		if (!round) throw new Error('Beispielrunde fehlt');
		const draft = buildResolutionDraft({
			agenda: readDemo(demoDocument()),
			source: { kind: 'draft' },
			participation: { ...SAMPLE_PARTICIPATION, rounds: [{ ...round, state: 'open' }] },
			decidingBody: null
		});
		const content = text(resolutionDocument(draft, GENERATED));
		expect(content).toContain('öffentlich zur Beteiligung aus');
		expect(content).toContain('haben sich bisher');
		// The demo's Sachverhalt must not tell it in the past tense beside the generated sentences.
		expect(content).not.toMatch(/\b(konnten|lag|beteiligten)\b/);
	});

	it('keeps markup characters, quotes and emoji as they are', () => {
		const doc = demoDocument();
		const tricky = 'Ausschuss <Digitales> & „Smart City“ "Test" \'x\' 🚀';
		addEntity(doc, { collection: 'consultations' }, { body: tricky, votum: 'einstimmig 👍' });
		setResolutionText(doc, 'proposal', `Die Stadtvertretung beschließt ${tricky}.`);
		const content = text(vorlage(doc));
		expect(content).toContain(tricky);
		expect(content).toContain(`Die Stadtvertretung beschließt ${tricky}.`);
	});
});

describe('strategyDocument', () => {
	it('is the whole strategy: every chapter and every measure in full', () => {
		const doc = demoDocument();
		const agenda = readDemo(doc);
		const document = strategyDocument({
			agenda,
			source: { kind: 'fassung', number: 2, name: 'Beschlussfassung', frozenAt: GENERATED },
			participation: SAMPLE_PARTICIPATION,
			generatedAt: GENERATED
		});
		const content = text(document);
		expect(document.titlePage?.kicker).toBe('Anlage 1 zur Beschlussvorlage');
		expect(document.titlePage?.lines).toEqual(['Fassung 2 „Beschlussfassung“ vom 23.11.2026']);
		const order = positions(content, [
			'Ausgangslage',
			'Bestandsaufnahme',
			'Leitbild',
			'Leitlinien',
			'Ziele',
			'Handlungsfelder',
			'Maßnahmen',
			'Finanzplan',
			'Umsetzungsfahrplan',
			'Beteiligung der Bürgerinnen und Bürger'
		]);
		expect(order).toEqual([...order].sort((a, b) => a - b));
		agenda.measures.forEach((measure, index) => {
			expect(content).toContain(`M${index + 1} ${measure.title}`);
		});
		for (const label of ['Paten:', 'Umsetzungsgruppe:', 'Zeitraum:', 'Kostenpositionen']) {
			expect(content.split(label).length - 1).toBeGreaterThanOrEqual(agenda.measures.length);
		}
		expect(content).toContain('Kosten je Maßnahme und Haushaltsjahr');
		expect(content).toContain('Maßnahmen im Zeitverlauf');
		expect(content).toContain('37 Personen beteiligten sich');
	});

	it('lists each indicator with its target in words, Ausgangswert, Zielwert and Zieljahr', () => {
		const agenda = readDemo(demoDocument());
		for (const indicator of agenda.measures.flatMap((measure) => measure.indicators)) {
			expect(indicator, indicator.name).toMatchObject({
				baseline: expect.any(Number),
				baselineYear: expect.any(Number),
				targetValue: expect.any(Number),
				targetYear: expect.any(Number)
			});
		}
		const content = text(
			strategyDocument({
				agenda,
				source: { kind: 'draft' },
				participation: null,
				generatedAt: GENERATED
			})
		);
		expect(content).toContain('Indikator\tZiel\tAusgangswert\tZielwert\tZieljahr\tEinheit');
		expect(content).toContain(
			'Wartezeit im Bürgerbüro\thöchstens 10 Minuten bis 2027\t25 (2025)\t10\t2027\tMinuten'
		);
	});

	it('names the Vorlage on the title page once it has a number', () => {
		const doc = demoDocument();
		setResolutionText(doc, 'reference', '2026/0123');
		const document = strategyDocument({
			agenda: readDemo(doc),
			source: { kind: 'draft' },
			participation: null,
			generatedAt: GENERATED
		});
		expect(document.titlePage?.kicker).toBe('Anlage 1 zur Vorlage 2026/0123');
		expect(document.header).toContain('Anlage 1 zur Vorlage 2026/0123');
		expect(text(document)).toContain('Eine Beteiligung der Bürgerinnen und Bürger hat noch nicht');
	});

	it('draws the roadmap from the schedules: filled years with their quarters', () => {
		const agenda = readDemo(demoDocument());
		const document = strategyDocument({
			agenda,
			source: { kind: 'draft' },
			participation: null,
			generatedAt: GENERATED
		});
		const roadmap = document.blocks.find(
			(entry) => entry.type === 'table' && entry.caption === 'Maßnahmen im Zeitverlauf'
		);
		if (roadmap?.type !== 'table') throw new Error('kein Fahrplan');
		expect(roadmap.columns.map((column) => column.label)).toEqual(
			['Maßnahme', '2026', '2027', '2028', '2029', '2030', '2031'].slice(0, roadmap.columns.length)
		);
		const first = agenda.measures[0];
		if (!first || first.startYear === null || first.endYear === null)
			throw new Error('Demo ohne Zeitraum');
		const row = roadmap.rows[0] ?? [];
		const startColumn = roadmap.columns.findIndex(
			(column) => column.label === String(first.startYear)
		);
		expect(row[startColumn]).toMatchObject({ fill: true, text: expect.stringMatching(/^Q\d/) });
		const filled = row.slice(1).filter((cell) => cell.fill).length;
		expect(filled).toBe(first.endYear - first.startYear + 1);
	});
});
