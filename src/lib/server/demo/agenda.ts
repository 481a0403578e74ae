import type * as Y from 'yjs';
import { resolutionFacts } from '../../agenda/ydoc/layout';
import { addEntity, setResolutionText, setResolutionValue } from '../../agenda/ydoc/mutations';
import { paragraphs, type RichText } from '../../agenda/model/rich-text';
import { richTextToXml } from '../../agenda/ydoc/rich-text-xml';
import { fillDemoContent, type DemoMeasure } from './content';

/**
 * The content of the Musterstadt demo: the shape of a real small-town strategy (7 measures,
 * about 0.8 M€ over 2026–2030, 90 % from "Modellprojekte Smart Cities", about 70 k€ follow-up
 * costs). The figures are invented.
 */
const GOALS = [
	[
		'Zukunftssicherung des Wirtschaftsstandortes',
		'Unternehmen finden in Musterstadt digitale Infrastruktur und eine schnelle, digitale Verwaltung.'
	],
	[
		'Bürgernahe, digitale Verwaltung',
		'Anliegen lassen sich online, barrierefrei und ohne Medienbruch erledigen.'
	],
	[
		'Teilhabe und digitale Kompetenz für alle',
		'Niemand wird abgehängt: Angebote für alle Generationen.'
	],
	[
		'Nachhaltige, lebenswerte Stadt durch Daten',
		'Offene Daten helfen, Energie zu sparen und die Stadt besser zu planen.'
	]
] as const;

const FIELDS = [
	['Verwaltung und Service', 'Digitale Leistungen, interne Abläufe, eAkte.'],
	['Bildung und Teilhabe', 'Lernorte, Medienkompetenz, Angebote für Seniorinnen und Senioren.'],
	['Wirtschaft und Arbeit', 'Standortmarketing, Gründungen, Fachkräfte.'],
	['Umwelt, Mobilität und Energie', 'Sensorik, Energiemonitoring, Mobilitätsangebote.'],
	['Infrastruktur und Daten', 'Netze, Datenplattform, IT-Sicherheit.']
] as const;

/** Index 0 and 1 are linked to the demo accounts ag1@ and ag2@. */
const PEOPLE = [
	['Anna Berger', 'Hauptamt, Stabsstelle Digitalisierung'],
	['Deniz Yılmaz', 'Bürgerbüro'],
	['Dr. Petra Lange', 'Fachbereich Bildung, Kultur und Soziales'],
	['Michael Hoffmann', 'IT-Dienstleister des Kreises'],
	['Sabine Krüger', 'Stadtbibliothek'],
	['Jonas Weber', 'Wirtschaftsförderung'],
	['Leyla Demir', 'Seniorenbeirat'],
	['Thomas Schmitt', 'Stadtwerke Musterstadt']
] as const;

const MEASURES: Omit<DemoMeasure, 'source'>[] = [
	{
		title: 'Digitales Bürgerbüro',
		summary: 'Online-Termine, Bürgerkonto und die wichtigsten OZG-Leistungen Ende-zu-Ende digital.',
		description: paragraphs(
			'Das Bürgerbüro bietet seine häufigsten Leistungen online an: Meldebescheinigung, Anwohnerparkausweis, Gewerbeanmeldung und Terminvergabe. Anträge werden ohne Medienbruch in die Fachverfahren übernommen.',
			'Ein Service-Terminal im Rathaus und Beratung vor Ort helfen allen, die nicht online gehen möchten.'
		),
		field: 0,
		goals: [1, 0],
		patrons: [1, 0],
		group: 'Bürgerbüro, Hauptamt, IT-Dienstleister des Kreises',
		priority: 'hoch',
		status: 'in-vorbereitung',
		start: [2026, 1],
		end: [2028, 4],
		costs: [
			[2026, 'sach', 'ergebnis', 45_000, 'Lizenzen und Einrichtung Terminvergabe, Formularserver'],
			[2026, 'investition', 'finanz', 15_000, 'Service-Terminal im Rathaus'],
			[2027, 'sach', 'ergebnis', 40_000, 'Anbindung der Fachverfahren'],
			[2028, 'sach', 'ergebnis', 20_000, 'Weitere OZG-Leistungen']
		],
		followUp: ['Lizenzen und Wartung', 6_000, 2031, 3],
		milestones: [
			['Online-Terminvergabe in Betrieb', 2026, 2],
			['10 OZG-Leistungen Ende-zu-Ende digital', 2027, 4]
		],
		indicators: [
			{
				name: 'Online gestellte Anträge',
				target: '60 % aller Anträge bis 2028',
				unit: '% aller Anträge',
				baseline: 12,
				baselineYear: 2025,
				targetValue: 60,
				targetYear: 2028
			},
			{
				name: 'Wartezeit im Bürgerbüro',
				target: 'höchstens 10 Minuten bis 2027',
				unit: 'Minuten',
				baseline: 25,
				baselineYear: 2025,
				targetValue: 10,
				targetYear: 2027,
				direction: 'fallend'
			}
		]
	},
	{
		title: 'Bibliothek als digitaler Lernort',
		summary: 'Die Stadtbibliothek wird Makerspace und Lernort für Medienkompetenz.',
		description: paragraphs(
			'Die Stadtbibliothek richtet einen Makerspace mit 3D-Druck, Laptops und Tablets ein und bietet Kurse für Schulen, Familien und Ältere an.'
		),
		field: 1,
		goals: [2],
		patrons: [4, 2],
		group: 'Stadtbibliothek, Volkshochschule, Schulen',
		priority: 'mittel',
		status: 'geplant',
		start: [2026, 3],
		end: [2029, 4],
		costs: [
			[2026, 'investition', 'finanz', 35_000, 'Ausstattung Makerspace'],
			[2027, 'sach', 'ergebnis', 25_000, 'Kursprogramm und Honorare'],
			[2028, 'sach', 'ergebnis', 15_000, 'Kursprogramm'],
			[2029, 'sach', 'ergebnis', 10_000, 'Kursprogramm']
		],
		followUp: ['Ersatzbeschaffung und Verbrauchsmaterial', 4_000, 2030, 3],
		indicators: [
			{
				name: 'Kursteilnahmen pro Jahr',
				target: '800 Teilnahmen im Jahr 2029',
				unit: 'Teilnahmen',
				baseline: 150,
				baselineYear: 2025,
				targetValue: 800,
				targetYear: 2029
			}
		]
	},
	{
		title: 'Stelle Digitalisierung und IT-Administration (5 Jahre)',
		summary: 'Eine befristete Vollzeitstelle steuert die Umsetzung der Agenda und betreut die IT.',
		description: paragraphs(
			'Die Stelle (E 11 TVöD, 5 Jahre) koordiniert die Maßnahmen, betreut Ausschreibungen und Förderanträge und verantwortet die IT-Administration im Rathaus.'
		),
		field: 4,
		goals: [1, 0],
		patrons: [0],
		group: 'Hauptamt, Personalamt',
		priority: 'hoch',
		status: 'in-umsetzung',
		start: [2026, 1],
		end: [2030, 4],
		costs: [2026, 2027, 2028, 2029, 2030].map(
			(year) => [year, 'personal', 'ergebnis', 62_000, 'Personalkosten E 11 TVöD'] as const
		) as DemoMeasure['costs'],
		milestones: [['Stelle besetzt', 2026, 2]]
	},
	{
		title: 'Externes Digitalisierungsmanagement (6 Monate)',
		summary: 'Ein externes Büro begleitet den Start: Prozessanalyse, Förderanträge, Projektplan.',
		description: paragraphs(
			'Für sechs Monate unterstützt ein externes Beratungsbüro die Verwaltung beim Aufbau des Projektmanagements und bei der Priorisierung der Maßnahmen.'
		),
		field: 0,
		goals: [1],
		patrons: [0, 5],
		group: 'Hauptamt',
		priority: 'hoch',
		status: 'abgeschlossen',
		start: [2026, 1],
		end: [2026, 2],
		costs: [[2026, 'sach', 'ergebnis', 48_000, 'Beratungsleistung, 6 Monate']]
	},
	{
		title: 'Offene Datenplattform Musterstadt',
		summary:
			'Städtische Daten werden offen, maschinenlesbar und datenschutzkonform bereitgestellt.',
		description: paragraphs(
			'Eine Open-Data-Plattform veröffentlicht Haushalts-, Umwelt- und Mobilitätsdaten. Sie beruht auf Open-Source-Software und wird gemeinsam mit dem Kreis betrieben.'
		),
		field: 4,
		goals: [3, 0],
		patrons: [3, 7],
		group: 'IT-Dienstleister des Kreises, Stadtwerke',
		priority: 'mittel',
		status: 'geplant',
		start: [2027, 1],
		end: [2029, 4],
		costs: [
			[2027, 'investition', 'finanz', 40_000, 'Aufbau der Plattform'],
			[2028, 'sach', 'ergebnis', 30_000, 'Datenaufbereitung'],
			[2029, 'sach', 'ergebnis', 20_000, 'Schnittstellen und Betrieb']
		],
		followUp: ['Betrieb und Hosting', 10_000, 2030, 2],
		indicators: [
			{
				name: 'Veröffentlichte Datensätze',
				target: '40 offene Datensätze bis 2029',
				unit: 'Datensätze',
				baseline: 3,
				baselineYear: 2025,
				targetValue: 40,
				targetYear: 2029
			}
		]
	},
	{
		title: 'Sensornetz für Klima und Energie',
		summary:
			'Ein LoRaWAN-Netz misst Temperatur, Luftqualität und Energieverbrauch städtischer Gebäude.',
		description: paragraphs(
			'Die Stadtwerke bauen ein LoRaWAN-Funknetz auf. Sensoren in Schulen und Kitas helfen, Energie zu sparen; Klimadaten fließen in die Datenplattform.'
		),
		field: 3,
		goals: [3],
		patrons: [7],
		group: 'Stadtwerke, Gebäudemanagement',
		priority: 'mittel',
		status: 'geplant',
		start: [2027, 2],
		end: [2028, 4],
		costs: [
			[2027, 'investition', 'finanz', 45_000, 'Gateways und Sensoren'],
			[2028, 'investition', 'finanz', 30_000, 'Ausbau auf alle Schulen']
		],
		followUp: ['Wartung und Batterietausch', 5_000, 2029, 2]
	},
	{
		title: 'Digitallotsen für Seniorinnen und Senioren',
		summary:
			'Ehrenamtliche Digitallotsen helfen Älteren beim Umgang mit Smartphone und Online-Diensten.',
		description: paragraphs(
			'Gemeinsam mit dem Seniorenbeirat werden Ehrenamtliche geschult, die regelmäßige Sprechstunden in Bibliothek und Begegnungsstätten anbieten.'
		),
		field: 1,
		goals: [2],
		patrons: [6, 4],
		group: 'Seniorenbeirat, Stadtbibliothek, Volkshochschule',
		priority: 'mittel',
		status: 'in-vorbereitung',
		start: [2026, 2],
		end: [2030, 4],
		costs: [
			[2026, 'sach', 'ergebnis', 15_000, 'Schulung der Lotsen, Material'],
			[2027, 'sach', 'ergebnis', 15_000, 'Sprechstunden, Aufwandsentschädigungen'],
			[2028, 'sach', 'ergebnis', 15_000, 'Sprechstunden, Aufwandsentschädigungen'],
			[2029, 'sach', 'ergebnis', 15_000, 'Sprechstunden, Aufwandsentschädigungen'],
			[2030, 'sach', 'ergebnis', 12_000, 'Sprechstunden, Aufwandsentschädigungen']
		],
		followUp: ['Aufwandsentschädigungen', 5_000, 2031, 2]
	}
];

const INVENTORY = [
	['OZG-Leistungen online', 'teilweise', '23 von 115 Leistungen online beantragbar'],
	['Elektronische Akte (eAkte)', 'in-planung', 'Ausschreibung 2026'],
	['E-Payment', 'vorhanden', 'Online-Bezahlung seit 2023'],
	['Glasfaser in Gewerbegebieten', 'teilweise', 'Gewerbegebiet Nord angeschlossen'],
	['WLAN in öffentlichen Gebäuden', 'teilweise', 'Rathaus und Bibliothek']
] as const;

const PRINCIPLES = [
	[
		'Der Mensch steht im Mittelpunkt',
		'Digitale Angebote sind freiwillig, verständlich und barrierefrei.'
	],
	[
		'Offenheit und Transparenz',
		'Offene Daten, offene Standards und Open Source, wo immer möglich.'
	],
	[
		'Datensouveränität',
		'Daten der Bürgerinnen und Bürger bleiben geschützt und in kommunaler Hand.'
	],
	[
		'Nachhaltigkeit',
		'Jede Maßnahme wird auf ihren Beitrag zu Klima- und Ressourcenschutz geprüft.'
	],
	['Zusammenarbeit', 'Wir arbeiten mit Kreis, Nachbarkommunen und Zivilgesellschaft zusammen.']
] as const;

const SOURCE = [
	'Modellprojekte Smart Cities',
	9000,
	'Bundesprogramm (BMWSB/KfW), Förderquote 90 % für Haushaltsnotlagenkommunen, sonst 65 %'
] as const;

export function fillDemoAgenda(doc: Y.Doc, linkedUserIds: [string | null, string | null]): void {
	doc.transact(() => {
		const section = (name: 'ausgangslage' | 'leitbild', text: RichText) => addRich(doc, name, text);
		section('ausgangslage', [
			{
				type: 'heading',
				attrs: { level: 2 },
				content: [{ type: 'text', text: 'Wo Musterstadt heute steht' }]
			},
			...paragraphs(
				'Musterstadt (12.400 Einwohnerinnen und Einwohner) hat in den letzten Jahren erste digitale Angebote geschaffen: Online-Bezahlung, ein Ratsinformationssystem und WLAN im Rathaus. Viele Leistungen sind aber noch nicht Ende-zu-Ende digital, und die Verwaltung hat keine eigene Stelle für Digitalisierung.',
				'Mit der Aufnahme in das Förderprogramm „Modellprojekte Smart Cities" kann die Stadt ihre Digitale Agenda zu 90 % gefördert umsetzen.'
			)
		]);
		section(
			'leitbild',
			paragraphs(
				'Musterstadt nutzt Digitalisierung, um das Leben in der Stadt einfacher, gerechter und nachhaltiger zu machen. Wir digitalisieren nicht um der Technik willen, sondern für die Menschen, die hier leben und arbeiten.'
			)
		);
		fillDemoContent(doc, {
			inventory: INVENTORY,
			principles: PRINCIPLES,
			goals: GOALS,
			fields: FIELDS,
			people: PEOPLE.map(([name, organisation], index) => [
				name,
				organisation,
				index < 2 ? (linkedUserIds[index] ?? null) : null
			]),
			sources: [SOURCE],
			// Every measure is funded from the one programme.
			measures: MEASURES.map((measure) => ({ ...measure, source: 0 }))
		});
		addDemoResolution(doc);
	});
}

/**
 * The Beschlussvorlage as an administration starts it: who submits it, that it is discussed in
 * public, the Beratungsfolge and the background. Vorlage-Nr., dates and the finance fields are
 * left for the owner to fill in.
 */
function addDemoResolution(doc: Y.Doc) {
	setResolutionText(doc, 'submitter', 'Der Bürgermeister');
	setResolutionValue(doc, 'public', true);
	setResolutionText(doc, 'leadDepartment', 'Stabsstelle Digitalisierung');
	for (const [body, role] of [
		['Ausschuss für Digitalisierung und Verwaltung', 'vorberatung'],
		['Hauptausschuss', 'vorberatung'],
		['Stadtvertretung', 'entscheidung']
	] as const) {
		addEntity(doc, { collection: 'consultations' }, { body, role });
	}
	resolutionFacts(doc)?.insert(
		0,
		richTextToXml(
			paragraphs(
				'Die Stadtvertretung hat die Verwaltung im März 2025 beauftragt, gemeinsam mit Bürgerschaft, Wirtschaft und Vereinen eine Digitale Agenda zu erarbeiten. Die AG Digitalisierung hat den Entwurf in sechs Sitzungen erstellt.',
				'Mit der Digitalen Agenda legt die Stadt fest, welche Ziele sie bis 2030 verfolgt, mit welchen Maßnahmen sie diese erreichen will und wie die Maßnahmen finanziert werden.'
			)
		)
	);
}

function addRich(doc: Y.Doc, name: 'ausgangslage' | 'leitbild', text: RichText) {
	const fragment = doc.getXmlFragment(name);
	fragment.insert(fragment.length, richTextToXml(text));
}
