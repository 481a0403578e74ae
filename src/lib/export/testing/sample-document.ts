import { CHECKED, MISSING, UNCHECKED, block, type Block, type ExportDocument } from '../document';

/** Text that must survive every format unchanged: markup characters, quotes, umlauts, emoji. */
export const TRICKY_TEXT = 'Kosten <Netz> & „Glasfaser“ "WLAN" \'Cloud\' – Straße 🚀 ✓';

/**
 * One document with every kind of block, for the renderers' tests: what a renderer draws from it
 * is compared with `documentText(SAMPLE_DOCUMENT, …)`.
 */
export const SAMPLE_DOCUMENT: ExportDocument = {
	title: 'Beschlussvorlage 2026/0123',
	subject: 'Digitale Agenda Musterstadt 2026–2030',
	header: 'Vorlage 2026/0123 · öffentlich',
	footer: 'Stadt Musterstadt',
	titlePage: {
		kicker: 'Anlage 1 zur Vorlage 2026/0123',
		title: 'Digitale Agenda Musterstadt',
		subtitle: '2026 bis 2030',
		lines: ['Stadt Musterstadt', 'Fassung 2 vom 23.11.2026']
	},
	blocks: [
		block.heading(1, 'Beschlussvorlage'),
		{
			type: 'fields',
			rows: [
				{ label: 'Vorlage-Nr.', value: [{ text: '2026/0123' }] },
				{ label: 'Datum', value: [{ text: '23.11.2026' }] },
				{ label: 'Einreicher', value: [block.value('')] },
				{ label: 'Betreff', value: [{ text: TRICKY_TEXT }] }
			]
		},
		block.heading(2, 'Beschlussvorschlag'),
		block.paragraph(
			'Die Stadtvertretung beschließt die Digitale Agenda ',
			{ text: '„Musterstadt digital“', bold: true },
			' für den Zeitraum 2026 bis 2030 ',
			{ text: '(Anlage 1)', italic: true },
			'.'
		),
		block.note('Der Beschlussvorschlag wurde aus Titel und Zeitraum erzeugt.'),
		block.heading(2, 'Sachverhalt'),
		{
			type: 'rich',
			baseLevel: 2,
			content: [
				{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Anlass' }] },
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'Die Stadt will ' },
						{ type: 'text', text: 'digitaler', marks: [{ type: 'bold' }] },
						{ type: 'text', text: ' werden, siehe ' },
						{
							type: 'text',
							text: 'musterstadt.example',
							marks: [{ type: 'link', attrs: { href: 'https://musterstadt.example' } }]
						},
						{ type: 'text', text: '.' }
					]
				},
				{
					type: 'bulletList',
					content: [
						{
							type: 'listItem',
							content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Glasfaser' }] }]
						},
						{
							type: 'listItem',
							content: [{ type: 'paragraph', content: [{ type: 'text', text: TRICKY_TEXT }] }]
						}
					]
				}
			]
		},
		{
			type: 'list',
			ordered: true,
			items: [
				[{ text: 'Erstes Ziel' }],
				[{ text: 'Zweites Ziel mit ' }, { text: 'Betonung', bold: true }]
			]
		},
		block.heading(3, 'Finanzielle Auswirkungen'),
		{
			type: 'table',
			caption: 'Finanzielle Auswirkungen: Ja oder Nein',
			columns: [
				{ label: 'Angabe', width: 6 },
				{ label: 'Ja', align: 'center', width: 1 },
				{ label: 'Nein', align: 'center', width: 1 }
			],
			rows: [
				[{ text: 'Ergebnishaushalt' }, { text: CHECKED }, { text: UNCHECKED }],
				[{ text: 'Finanzhaushalt' }, { text: UNCHECKED }, { text: CHECKED }],
				[
					{ text: `Mittel bereits geplant ${MISSING}`, missing: true },
					{ text: UNCHECKED },
					{ text: UNCHECKED }
				]
			]
		},
		{
			type: 'table',
			caption: 'Kosten und Förderung je Haushaltsjahr',
			columns: [
				{ label: 'Jahr', width: 1 },
				{ label: 'Gesamtkosten', align: 'right', width: 2 },
				{ label: 'Fördermittel', align: 'right', width: 2 },
				{ label: 'Eigenanteil', align: 'right', width: 2 }
			],
			rows: [
				[
					{ text: '2026' },
					{ text: '100.000,00 €' },
					{ text: '90.000,00 €' },
					{ text: '10.000,00 €' }
				],
				[{ text: '2027' }, { text: '1.234,56 €' }, block.cell(''), { text: '1.234,56 €' }]
			],
			footer: [
				[
					{ text: 'Summe', bold: true },
					{ text: '101.234,56 €', bold: true },
					{ text: '90.000,00 €', bold: true },
					{ text: '11.234,56 €', bold: true }
				]
			]
		},
		block.pageBreak(),
		block.heading(2, 'Umsetzungsfahrplan'),
		{
			type: 'table',
			caption: 'Maßnahmen im Zeitverlauf',
			size: 'wide',
			columns: [
				{ label: 'Maßnahme', width: 4 },
				...[
					'2026 Q1',
					'2026 Q2',
					'2026 Q3',
					'2026 Q4',
					'2027 Q1',
					'2027 Q2',
					'2027 Q3',
					'2027 Q4'
				].map((label) => ({ label, align: 'center' as const, width: 1 }))
			],
			rows: [
				[
					{ text: 'Digitales Bürgerbüro' },
					...[false, true, true, true, true, false, false, false].map((fill) => ({
						text: '',
						fill
					}))
				]
			]
		}
	]
};

/**
 * A portrait heading, then a landscape page break, a heading and a wide table (its second column
 * five times as wide, one italic cell): for the renderers' tests of the page orientation.
 */
export const LANDSCAPE_BLOCKS: Block[] = [
	block.heading(1, 'Hochformat'),
	block.pageBreak('landscape'),
	block.heading(1, 'Querformat'),
	{
		type: 'table',
		caption: 'Breite Tabelle',
		columns: [{ label: 'Nr.' }, { label: 'Beitrag', width: 5 }],
		rows: [[{ text: '1' }, { text: 'zurückgehalten', italic: true }]]
	}
];
