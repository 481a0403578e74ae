import type * as Y from 'yjs';
import type { Agenda, Measure } from '../../agenda/model/schema';
import { paragraphs } from '../../agenda/model/rich-text';
import type { FactInput } from '../../monitoring/fact-input';
import type { AgendaRole } from '../../roles';
import type { Db } from '../db/connection';
import { recordDecision, resolvedPlan, type CouncilDecision } from '../monitoring/decisions';
import { decideFact, saveFact, submitFact } from '../monitoring/facts';
import { freezeVersion } from '../participation/versions';
import { seedBeispielhausenInquiry } from './beispielhausen-inquiry';
import { fillDemoContent, type DemoMeasure } from './content';

/**
 * The second demo: Beispielhausen, a smaller town whose council resolved its Digitale Agenda in
 * November 2021 and which has reported on it since, so that monitoring shows at once. Its
 * approved facts are designed to cover every case the monitoring pages and the
 * Sachstandsbericht show: measures finished on time, a late start, late finishes, one delayed
 * and one stopped measure (each with a reason), indicators behind and ahead of their targets,
 * Ist costs over and under Soll; and one submitted and one returned fact for the team's
 * workflow. Names and figures are invented.
 */
export const BEISPIELHAUSEN_ACCOUNTS: readonly {
	email: string;
	displayName: string;
	role: AgendaRole;
}[] = [
	{
		email: 'verwaltung@beispielhausen.example',
		displayName: 'Hauptamt Beispielhausen',
		role: 'owner'
	},
	{ email: 'ag@beispielhausen.example', displayName: 'Katrin Vogel (Hauptamt)', role: 'editor' }
];

export const BEISPIELHAUSEN_AGENDA = {
	slug: 'beispielhausen',
	title: 'Digitale Agenda Beispielhausen 2022–2027',
	municipality: 'Beispielhausen',
	periodStart: 2022,
	periodEnd: 2027,
	visibility: 'public',
	status: 'implementation'
} as const;

/** The day the AG froze Fassung 1 for the council, a month before its vote. */
export const BEISPIELHAUSEN_FASSUNG_FROZEN_ON = '2021-10-14';

/** The council's vote on Fassung 1. */
export const BEISPIELHAUSEN_DECISION = {
	versionNumber: 1,
	decidedOn: '2021-11-18',
	number: 'BV 2021/087',
	result: 'beschlossen',
	oparlUrl: null
} as const;

const GOALS = [
	['Bürgerfreundliche digitale Verwaltung', 'Anliegen lassen sich online und ohne Wege erledigen.'],
	['Gute digitale Bildung', 'Die Grundschulen lernen mit zeitgemäßer Ausstattung.'],
	['Leistungsfähige Infrastruktur', 'Schnelles Netz für Betriebe und öffentliches WLAN.']
] as const;

const FIELDS = [
	['Verwaltung und Bürgerservice', 'Online-Dienste, eAkte, Bezahlen, Gremienarbeit.'],
	['Schule und Bildung', 'Ausstattung der Grundschulen.'],
	['Netze und Infrastruktur', 'Glasfaser und öffentliches WLAN.']
] as const;

/** Index 0 is linked to ag@beispielhausen.example (a patron may report on her measures). */
const PEOPLE = [
	['Katrin Vogel', 'Hauptamt'],
	['Markus Brandt', 'Bürgerservice'],
	['Ute Scholz', 'Schulverwaltung'],
	['Ralf Neumann', 'Kämmerei'],
	['Svenja Koch', 'Bauamt und Wirtschaftsförderung'],
	['Holger Fischer', 'Kommunaler IT-Zweckverband']
] as const;

const SOURCES = [
	['DigitalPakt Schule', 9000, 'Bund und Land, Förderquote 90 %'],
	['Breitbandförderung des Landes', 7500, 'Landesprogramm, Förderquote 75 %']
] as const;

/** The plan's measures, each with the funding source (index in SOURCES) of its cost lines. */
const MEASURES: DemoMeasure[] = [
	{
		title: 'Online-Dienste nach dem Onlinezugangsgesetz',
		summary: 'Die häufigsten Leistungen der Stadt lassen sich online beantragen.',
		description: paragraphs(
			'Mit dem IT-Zweckverband bindet die Stadt das Bürgerkonto des Landes an und stellt ihre Leistungen schrittweise online bereit.'
		),
		field: 0,
		goals: [0],
		patrons: [0, 5],
		group: 'Hauptamt, Bürgerservice, IT-Zweckverband',
		priority: 'hoch',
		status: 'geplant',
		start: [2022, 1],
		end: [2024, 4],
		costs: [
			[2022, 'sach', 'ergebnis', 30_000, 'Anbindung Bürgerkonto, Formularserver'],
			[2023, 'sach', 'ergebnis', 25_000, 'Weitere Online-Leistungen'],
			[2024, 'sach', 'ergebnis', 20_000, 'Weitere Online-Leistungen']
		],
		milestones: [
			['Bürgerkonto angebunden', 2022, 3],
			['25 Leistungen online', 2023, 4],
			['50 Leistungen online', 2024, 4]
		],
		indicators: [
			{
				name: 'Online beantragbare Leistungen',
				target: '50 Leistungen online bis Ende 2024',
				unit: 'Leistungen',
				baseline: 0,
				baselineYear: 2021,
				targetValue: 50,
				targetYear: 2024
			}
		],
		source: null
	},
	{
		title: 'Einführung der elektronischen Akte (eAkte)',
		summary: 'Alle Fachbereiche führen ihre Akten elektronisch.',
		description: paragraphs(
			'Ein Dokumentenmanagementsystem ersetzt die Papierakte, zuerst im Hauptamt, dann in allen Fachbereichen.'
		),
		field: 0,
		goals: [0],
		patrons: [0, 3],
		group: 'Hauptamt, Kämmerei, IT-Zweckverband',
		priority: 'hoch',
		status: 'geplant',
		start: [2022, 2],
		end: [2025, 4],
		costs: [
			[2022, 'investition', 'finanz', 40_000, 'Dokumentenmanagementsystem'],
			[2023, 'sach', 'ergebnis', 35_000, 'Einführung und Schulung'],
			[2024, 'sach', 'ergebnis', 30_000, 'Ausrollen in die Fachbereiche'],
			[2025, 'sach', 'ergebnis', 25_000, 'Ausrollen in die Fachbereiche']
		],
		milestones: [
			['Auftrag vergeben', 2022, 4],
			['Pilotbetrieb im Hauptamt', 2023, 4],
			['Alle Fachbereiche arbeiten mit der eAkte', 2025, 4]
		],
		source: null
	},
	{
		title: 'E-Payment in allen Fachverfahren',
		summary: 'Gebühren lassen sich online mit gängigen Verfahren bezahlen.',
		description: paragraphs(
			'Die Fachverfahren werden an die E-Payment-Plattform des Landes angebunden.'
		),
		field: 0,
		goals: [0],
		patrons: [3],
		group: 'Kämmerei, Bürgerservice',
		priority: 'mittel',
		status: 'geplant',
		start: [2022, 1],
		end: [2022, 4],
		costs: [[2022, 'sach', 'ergebnis', 12_000, 'Anbindung E-Payment-Plattform']],
		source: null
	},
	{
		title: 'Digitale Ausstattung der Grundschulen',
		summary: 'WLAN in allen Klassenräumen und Tablets für die Klassen 3 und 4.',
		description: paragraphs(
			'Beide Grundschulen erhalten flächendeckendes WLAN, Präsentationstechnik und Tablets; der IT-Zweckverband übernimmt den Support.'
		),
		field: 1,
		goals: [1],
		patrons: [2],
		group: 'Schulverwaltung, Schulleitungen, IT-Zweckverband',
		priority: 'hoch',
		status: 'geplant',
		start: [2022, 1],
		end: [2023, 4],
		costs: [
			[2022, 'investition', 'finanz', 85_000, 'WLAN und Präsentationstechnik'],
			[2023, 'investition', 'finanz', 40_000, 'Tablets']
		],
		milestones: [
			['WLAN in allen Klassenräumen', 2022, 4],
			['Tablets für die Klassen 3 und 4', 2023, 3]
		],
		indicators: [
			{
				name: 'Klassenräume mit WLAN',
				target: 'alle 24 Klassenräume bis Ende 2022',
				unit: 'Räume',
				baseline: 0,
				baselineYear: 2021,
				targetValue: 24,
				targetYear: 2022
			},
			{
				name: 'Geräte für Schülerinnen und Schüler',
				target: '180 Tablets für die Klassen 3 und 4',
				unit: 'Geräte',
				baseline: 0,
				baselineYear: 2021,
				targetValue: 180,
				targetYear: 2023
			}
		],
		source: 0
	},
	{
		title: 'Glasfaser für das Gewerbegebiet Am Mühlbach',
		summary: 'Die Betriebe im Gewerbegebiet erhalten einen Glasfaseranschluss.',
		description: paragraphs(
			'Die Stadt beantragt Landesförderung und schreibt den Ausbau des Gewerbegebiets aus.'
		),
		field: 2,
		goals: [2],
		patrons: [4],
		group: 'Bauamt, Wirtschaftsförderung',
		priority: 'mittel',
		status: 'geplant',
		start: [2023, 1],
		end: [2024, 4],
		costs: [
			[2023, 'investition', 'finanz', 60_000, 'Planung und erster Bauabschnitt'],
			[2024, 'investition', 'finanz', 120_000, 'Zweiter Bauabschnitt']
		],
		source: 1
	},
	{
		title: 'Bürger-WLAN in der Ortsmitte',
		summary: 'Freies WLAN am Marktplatz, im Rathaus und in der Bücherei.',
		description: paragraphs('Zugangspunkte am Marktplatz, im Rathaus und in der Bücherei.'),
		field: 2,
		goals: [2, 0],
		patrons: [4],
		group: 'Bauamt, IT-Zweckverband',
		priority: 'niedrig',
		status: 'geplant',
		start: [2023, 3],
		end: [2024, 2],
		costs: [
			[2023, 'investition', 'finanz', 18_000, 'Zugangspunkte und Verkabelung'],
			[2024, 'sach', 'ergebnis', 4_000, 'Betrieb']
		],
		indicators: [
			{
				name: 'Nutzungen pro Monat',
				target: '2.000 Sitzungen im Monat ab 2025',
				unit: 'Sitzungen',
				baseline: 0,
				baselineYear: 2023,
				targetValue: 2000,
				targetYear: 2025
			}
		],
		source: null
	},
	{
		title: 'Digitale Gremienarbeit',
		summary: 'Rat und Ausschüsse arbeiten papierlos mit dem Ratsinformationssystem.',
		description: paragraphs(
			'Die Mitglieder des Rates erhalten Tablets; Einladungen und Vorlagen kommen nur noch digital.'
		),
		field: 0,
		goals: [0],
		patrons: [0],
		group: 'Hauptamt, Ratsbüro',
		priority: 'mittel',
		status: 'geplant',
		start: [2024, 1],
		end: [2027, 4],
		costs: [
			[2024, 'investition', 'finanz', 22_000, 'Tablets für den Rat'],
			[2026, 'sach', 'ergebnis', 6_000, 'Lizenzen Ratsinformationssystem']
		],
		milestones: [
			['Tablets für den Rat ausgegeben', 2024, 2],
			['Sitzungen papierlos', 2026, 4]
		],
		indicators: [
			{
				name: 'Sitzungsunterlagen nur digital',
				target: 'alle Sitzungen papierlos bis Ende 2027',
				unit: '% der Sitzungen',
				baseline: 0,
				baselineYear: 2023,
				targetValue: 100,
				targetYear: 2027
			}
		],
		source: null
	}
];

const INVENTORY = [
	['OZG-Leistungen online', 'fehlt', 'Noch keine Leistung online beantragbar'],
	['Elektronische Akte (eAkte)', 'fehlt', 'Papierakte in allen Fachbereichen'],
	['E-Payment', 'in-planung', 'Landesplattform verfügbar, nicht angebunden'],
	['WLAN in den Grundschulen', 'teilweise', 'Nur in den Lehrerzimmern']
] as const;

export function fillBeispielhausenAgenda(doc: Y.Doc, linkedUserId: string | null): void {
	doc.transact(() =>
		fillDemoContent(doc, {
			inventory: INVENTORY,
			principles: [],
			goals: GOALS,
			fields: FIELDS,
			people: PEOPLE.map(([name, organisation], index) => [
				name,
				organisation,
				index === 0 ? linkedUserId : null
			]),
			sources: SOURCES,
			measures: MEASURES
		})
	);
}

/**
 * Fassung 1 resolved by the council, then six years of reports: each written by the AG, handed
 * in and approved by the Hauptamt a fortnight after the day it speaks of, through the same
 * functions the pages use, so every row is one the forms could have made.
 */
export async function seedBeispielhausenMonitoring(
	db: Db,
	input: { agendaId: string; ownerId: string; editorId: string }
): Promise<CouncilDecision> {
	const { agendaId, ownerId, editorId } = input;
	await freezeVersion(db, {
		agendaId,
		name: 'Beschlussfassung',
		actorId: ownerId,
		now: new Date(`${BEISPIELHAUSEN_FASSUNG_FROZEN_ON}T10:00:00Z`)
	});
	const recorded = await recordDecision(db, {
		...BEISPIELHAUSEN_DECISION,
		agendaId,
		actorId: ownerId
	});
	if (!recorded.ok) throw new Error(`Demo-Beschluss: ${recorded.error}`);
	const decision = recorded.decision;
	const plan = resolvedPlan(db, decision);
	const facts = demoFacts(plan);

	const write = async (fact: FactInput, at: Date) => {
		const saved = await saveFact(db, { decision, plan, fact, actorId: editorId, now: at });
		if (!saved.ok) throw new Error(`Demo-Meldung: ${saved.error}`);
		const submitted = await submitFact(db, {
			decision,
			factId: saved.id,
			actorId: editorId,
			now: at
		});
		if (!submitted.ok) throw new Error(`Demo-Meldung: ${submitted.error}`);
		return saved.id;
	};
	const decide = async (
		factId: string,
		verdict: 'approve' | 'return',
		remark: string,
		at: Date
	) => {
		const decided = await decideFact(db, {
			decision,
			factId,
			verdict,
			remark,
			actorId: ownerId,
			now: at
		});
		if (!decided.ok) throw new Error(`Demo-Freigabe: ${decided.error}`);
	};
	for (const fact of facts.approved) {
		const id = await write(fact, dayAfter(fact.asOf, 7));
		await decide(id, 'approve', '', dayAfter(fact.asOf, 14));
	}
	await write(facts.submitted, dayAfter(facts.submitted.asOf, 7));
	const returned = await write(facts.returned, dayAfter(facts.returned.asOf, 7));
	await decide(
		returned,
		'return',
		'Bitte die erhaltene Förderung getrennt von den Kosten angeben; die Zahlen stimmen nicht mit dem Kassenabschluss überein.',
		dayAfter(facts.returned.asOf, 14)
	);
	await seedBeispielhausenInquiry(db, { agendaId, ownerId, plan });
	return decision;
}

function dayAfter(isoDay: string, days: number): Date {
	return new Date(Date.parse(`${isoDay}T10:00:00Z`) + days * 86_400_000);
}

/** The designed facts, found in the resolved plan by their titles. */
export function demoFacts(plan: Agenda): {
	approved: FactInput[];
	submitted: FactInput;
	returned: FactInput;
} {
	const measure = (title: string): Measure => {
		const found = plan.measures.find((candidate) => candidate.title.startsWith(title));
		if (!found) throw new Error(`Demo-Maßnahme ${title} fehlt`);
		return found;
	};
	const inventory = (title: string) => {
		const found = plan.inventory.find((item) => item.title.startsWith(title));
		if (!found) throw new Error(`Demo-Bestand ${title} fehlt`);
		return found.id;
	};
	const on = (target: Measure) => ({ itemKind: 'measure' as const, itemId: target.id });
	const report = (
		target: Measure,
		asOf: string,
		status: Extract<FactInput, { kind: 'report' }>['status'],
		progress: number | null,
		text: string,
		statusReason: string | null = null
	): FactInput => ({ kind: 'report', ...on(target), asOf, status, statusReason, progress, text });
	const milestone = (target: Measure, title: string, asOf: string): FactInput => {
		const found = target.milestones.find((entry) => entry.title.startsWith(title));
		if (!found) throw new Error(`Demo-Meilenstein ${title} fehlt`);
		return { kind: 'milestone', ...on(target), asOf, milestoneId: found.id };
	};
	const indicator = (target: Measure, name: string, asOf: string, value: number): FactInput => {
		const found = target.indicators.find((entry) => entry.name.startsWith(name));
		if (!found) throw new Error(`Demo-Indikator ${name} fehlt`);
		return { kind: 'indicator', ...on(target), asOf, indicatorId: found.id, value };
	};
	const finance = (
		target: Measure,
		year: number,
		costEuros: number,
		fundingEuros = 0
	): FactInput => ({
		kind: 'finance',
		...on(target),
		asOf: `${year + 1}-03-31`,
		year,
		actualCostCents: costEuros * 100,
		fundingReceivedCents: fundingEuros * 100
	});
	const inventoryReport = (
		title: string,
		asOf: string,
		status: Extract<FactInput, { kind: 'report' }>['status'],
		text: string,
		statusReason: string | null = null
	): FactInput => ({
		kind: 'report',
		itemKind: 'inventory',
		itemId: inventory(title),
		asOf,
		status,
		statusReason,
		progress: null,
		text
	});

	const ozg = measure('Online-Dienste');
	const eakte = measure('Einführung der elektronischen Akte');
	const payment = measure('E-Payment');
	const schools = measure('Digitale Ausstattung');
	const fibre = measure('Glasfaser');
	const wifi = measure('Bürger-WLAN');
	const council = measure('Digitale Gremienarbeit');

	return {
		approved: [
			// Online-Dienste: the last milestone and the finish come a quarter late.
			report(
				ozg,
				'2022-03-31',
				'in-arbeit',
				15,
				'Der Vertrag mit dem IT-Zweckverband ist geschlossen; die Anbindung an das Bürgerkonto läuft.'
			),
			milestone(ozg, 'Bürgerkonto angebunden', '2022-09-15'),
			indicator(ozg, 'Online beantragbare Leistungen', '2022-12-31', 12),
			finance(ozg, 2022, 28_400),
			milestone(ozg, '25 Leistungen online', '2023-11-30'),
			indicator(ozg, 'Online beantragbare Leistungen', '2023-12-31', 27),
			finance(ozg, 2023, 31_200),
			indicator(ozg, 'Online beantragbare Leistungen', '2024-12-31', 44),
			finance(ozg, 2024, 19_500),
			milestone(ozg, '50 Leistungen online', '2025-03-20'),
			report(
				ozg,
				'2025-03-31',
				'abgeschlossen',
				100,
				'52 Leistungen sind online beantragbar, darunter Meldebescheinigung, Hundesteuer und Gewerbeanmeldung. Die letzten Formulare kamen ein Quartal später als geplant.'
			),
			indicator(ozg, 'Online beantragbare Leistungen', '2025-12-31', 52),
			// eAkte: delayed by the interface to the finance system.
			report(
				eakte,
				'2022-06-30',
				'in-arbeit',
				10,
				'Die Ausschreibung des Dokumentenmanagementsystems ist veröffentlicht.'
			),
			milestone(eakte, 'Auftrag vergeben', '2022-12-12'),
			finance(eakte, 2022, 42_300),
			finance(eakte, 2023, 29_800),
			milestone(eakte, 'Pilotbetrieb im Hauptamt', '2024-05-31'),
			finance(eakte, 2024, 36_100),
			report(
				eakte,
				'2025-06-30',
				'verzoegert',
				55,
				'Hauptamt und Bürgerservice arbeiten mit der eAkte, die Kämmerei noch nicht.',
				'Die Schnittstelle zum Finanzverfahren liefert der Hersteller erst 2026.'
			),
			finance(eakte, 2025, 18_000),
			report(
				eakte,
				'2026-06-30',
				'verzoegert',
				75,
				'Die Schnittstelle ist im Test; Bauamt und Kämmerei folgen im ersten Quartal 2027.',
				'Die Schnittstelle zum Finanzverfahren ist erst seit Mai 2026 verfügbar.'
			),
			// E-Payment: on time, a little cheaper.
			report(
				payment,
				'2022-03-31',
				'in-arbeit',
				30,
				'Die Kasse ist an die E-Payment-Plattform des Landes angebunden.'
			),
			report(
				payment,
				'2022-11-30',
				'abgeschlossen',
				100,
				'Alle Fachverfahren mit Gebühren bieten Bezahlen mit Girocard, Kreditkarte und PayPal an.'
			),
			finance(payment, 2022, 11_200),
			// Schools: on time, more devices than planned.
			report(
				schools,
				'2022-03-31',
				'in-arbeit',
				20,
				'Die Ausleuchtung beider Grundschulen ist abgeschlossen, der Auftrag für das WLAN vergeben.'
			),
			milestone(schools, 'WLAN in allen Klassenräumen', '2022-12-01'),
			indicator(schools, 'Klassenräume mit WLAN', '2022-12-31', 24),
			finance(schools, 2022, 81_000, 72_900),
			milestone(schools, 'Tablets für die Klassen 3 und 4', '2023-08-31'),
			indicator(schools, 'Geräte für Schülerinnen und Schüler', '2023-09-30', 210),
			report(
				schools,
				'2023-12-15',
				'abgeschlossen',
				100,
				'Beide Grundschulen sind ausgestattet; dank günstigerer Rahmenverträge gab es 210 statt 180 Tablets.'
			),
			finance(schools, 2023, 44_000, 39_600),
			// Glasfaser: stopped, a company builds it on its own account.
			report(
				fibre,
				'2023-06-30',
				'in-arbeit',
				10,
				'Der Förderantrag ist gestellt, die Planung beauftragt.'
			),
			finance(fibre, 2023, 8_500),
			report(
				fibre,
				'2024-02-29',
				'gestoppt',
				10,
				'Die Maßnahme ist beendet; die Planungskosten trägt die Stadt.',
				'Ein Telekommunikationsunternehmen baut das Gewerbegebiet eigenwirtschaftlich aus; eine Förderung ist damit ausgeschlossen.'
			),
			// Bürger-WLAN: started two quarters late, finished late, used less than hoped.
			report(
				wifi,
				'2024-03-31',
				'in-arbeit',
				40,
				'Die Zugangspunkte sind bestellt; der Start verschob sich, weil der Denkmalschutz die Montage am Rathaus erst prüfen musste.'
			),
			finance(wifi, 2023, 0),
			report(
				wifi,
				'2024-10-31',
				'abgeschlossen',
				100,
				'Das Bürger-WLAN ist am Marktplatz, im Rathaus und in der Bücherei in Betrieb.'
			),
			finance(wifi, 2024, 23_600),
			indicator(wifi, 'Nutzungen pro Monat', '2025-06-30', 1_150),
			indicator(wifi, 'Nutzungen pro Monat', '2026-06-30', 1_420),
			// Gremienarbeit: running, on time; progress from the milestones.
			report(
				council,
				'2024-03-31',
				'in-arbeit',
				null,
				'Die Tablets sind bestellt, die Schulung der Ratsmitglieder ist geplant.'
			),
			milestone(council, 'Tablets für den Rat ausgegeben', '2024-06-20'),
			finance(council, 2024, 21_300),
			// Ahead of the straight line from 2023 to 2027 (62 % of the way by mid-2026).
			indicator(council, 'Sitzungsunterlagen nur digital', '2026-06-30', 70),
			report(
				council,
				'2026-06-30',
				'in-arbeit',
				null,
				'Ausschüsse tagen papierlos; der Rat folgt nach der Sommerpause.'
			),
			// The Bestandsaufnahme since.
			inventoryReport(
				'OZG-Leistungen online',
				'2025-03-31',
				'abgeschlossen',
				'52 Leistungen sind online beantragbar.'
			),
			inventoryReport(
				'Elektronische Akte',
				'2026-06-30',
				'verzoegert',
				'Hauptamt und Bürgerservice arbeiten elektronisch.',
				'Die Schnittstelle zum Finanzverfahren fehlte bis Mai 2026.'
			),
			inventoryReport(
				'E-Payment',
				'2022-11-30',
				'abgeschlossen',
				'Online-Bezahlen in allen Fachverfahren.'
			),
			inventoryReport(
				'WLAN in den Grundschulen',
				'2022-12-31',
				'abgeschlossen',
				'Alle 24 Klassenräume haben WLAN.'
			)
		],
		submitted: report(
			council,
			'2026-09-30',
			'in-arbeit',
			70,
			'Der Rat hat im September erstmals papierlos getagt; die Ortsräte folgen.'
		),
		returned: finance(council, 2025, 3_000, 1_000)
	};
}
