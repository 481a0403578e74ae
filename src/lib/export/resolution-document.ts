import { formatEuro } from '../agenda/model/money';
import {
	CHECKED,
	MISSING,
	UNCHECKED,
	block,
	type Block,
	type ExportDocument,
	type Run,
	type TableBlock
} from './document';
import { budgetTable, followUpTable, sourceTable, yearTable } from './finance-blocks';
import { formatDate, formatDay } from '../format';
import { budgetLabel } from '../labels';
import { participationSentences } from './participation-text';
import type { DraftConsultation, DraftSource, ResolutionDraft } from './resolution-draft';

/**
 * The Beschlussvorlage as a printable document, in the order of a council information system:
 * header, Beratungsfolge, Beschlussvorschlag, Sachverhalt, Votum, Finanzielle Auswirkungen,
 * Anlagen. Missing data is written as „— fehlt —“, never left out, so the gap is visible.
 */
export function resolutionDocument(draft: ResolutionDraft, generatedAt: Date): ExportDocument {
	const { header } = draft;
	// Without a number the document is just „Beschlussvorlage“: the Vorlage-Nr. line below says
	// that the number is missing, a title need not.
	const name = header.reference === null ? 'Beschlussvorlage' : `Vorlage ${header.reference}`;
	return {
		title: header.reference === null ? 'Beschlussvorlage' : `Beschlussvorlage ${header.reference}`,
		subject: header.subject,
		header: header.public === null ? name : `${name} · ${publicLabel(header.public)}`,
		footer: [draft.agenda.municipality, `Beschlussvorlage „${header.subject}“`]
			.filter((part) => part.trim() !== '')
			.join(' · '),
		blocks: [
			block.heading(1, 'Beschlussvorlage'),
			headerFields(draft, generatedAt),
			block.heading(2, 'Beratungsfolge'),
			consultationTable(draft),
			block.heading(2, 'Beschlussvorschlag'),
			...proposalBlocks(draft),
			block.heading(2, 'Sachverhalt'),
			...factsBlocks(draft),
			block.heading(2, 'Votum der Ausschüsse'),
			...votumBlocks(draft),
			block.heading(2, 'Finanzielle Auswirkungen'),
			...financeBlocks(draft),
			block.heading(2, 'Anlagen'),
			{
				type: 'list',
				ordered: false,
				items: draft.annexes.map((annex) => [{ text: `Anlage ${annex.number}: ${annex.title}` }])
			}
		]
	};
}

/** „Entwurf, Stand 23.11.2026“ or „Fassung 2 „Beschlussfassung“ vom 20.11.2026“. */
export function sourceLabel(source: DraftSource, generatedAt: Date): string {
	return source.kind === 'draft'
		? `Entwurf, Stand ${formatDate(generatedAt, 'de')}`
		: `Fassung ${source.number} „${source.name}“ vom ${formatDate(source.frozenAt, 'de')}`;
}

const publicLabel = (isPublic: boolean) => (isPublic ? 'öffentlich' : 'nicht öffentlich');

function headerFields(draft: ResolutionDraft, generatedAt: Date): Block {
	const { header } = draft;
	return {
		type: 'fields',
		rows: [
			{ label: 'Vorlage-Nr.', value: [block.value(header.reference)] },
			{ label: 'Datum', value: [block.value(header.date && formatDay(header.date, 'de'))] },
			{ label: 'Betreff', value: [block.value(header.subject)] },
			{ label: 'Einreicher', value: [block.value(header.submitter)] },
			{ label: 'Federführung', value: [block.value(header.leadDepartment)] },
			{
				label: 'Status',
				value: [block.value(header.public === null ? null : publicLabel(header.public))]
			},
			{ label: 'Grundlage', value: [{ text: sourceLabel(draft.source, generatedAt) }] }
		]
	};
}

function consultationTable(draft: ResolutionDraft): Block {
	if (draft.consultations.length === 0) return block.paragraph(block.value(null));
	const table: TableBlock = {
		type: 'table',
		caption: 'Gremien, Sitzungstermine und Ergebnisse',
		columns: [
			{ label: 'Sitzung', width: 2 },
			{ label: 'Gremium', width: 4 },
			{ label: 'TOP', width: 1 },
			{ label: 'Zuständigkeit', width: 2 },
			{ label: 'Ergebnis', width: 3 }
		],
		rows: draft.consultations.map((entry) => [
			block.cell(meetingTime(entry)),
			block.cell(entry.body),
			// Known only once the body publishes its Tagesordnung: not missing before.
			{ text: entry.agendaItem ?? '' },
			{ text: entry.roleLabel },
			{ text: entry.resultLabel }
		])
	};
	return table;
}

/** `12.01.2027, 18:00 Uhr`, or the day alone while the time is not known; null without a day. */
function meetingTime(entry: DraftConsultation): string | null {
	if (entry.date === null) return null;
	const day = formatDay(entry.date, 'de');
	return entry.time === null ? day : `${day}, ${entry.time} Uhr`;
}

function proposalBlocks(draft: ResolutionDraft): Block[] {
	const paragraphs = draft.proposal.text
		.split(/\n+/)
		.map((line) => line.trim())
		.filter((line) => line !== '')
		.map((line) => block.paragraph(line));
	return paragraphs.length > 0 ? paragraphs : [block.paragraph(block.value(null))];
}

function factsBlocks(draft: ResolutionDraft): Block[] {
	const { facts } = draft;
	const blocks: Block[] =
		facts.text.length > 0
			? [{ type: 'rich', content: facts.text, baseLevel: 2 }]
			: [block.paragraph(block.value(null))];

	blocks.push(block.heading(3, 'Ziele der Digitalen Agenda'));
	blocks.push(
		facts.goals.length > 0
			? {
					type: 'list',
					ordered: true,
					items: facts.goals.map((goal): Run[] => [
						{ text: goal.title || 'Ziel ohne Titel', bold: true },
						...(goal.description.trim() ? [{ text: ` – ${goal.description.trim()}` }] : [])
					])
				}
			: block.paragraph(block.value(null))
	);

	blocks.push(block.heading(3, 'Maßnahmen'));
	blocks.push(
		block.paragraph(
			`Die Digitale Agenda umfasst ${facts.measures.length} ` +
				`${facts.measures.length === 1 ? 'Maßnahme' : 'Maßnahmen'}. ` +
				'Einzelheiten enthält Anlage 1.'
		)
	);
	if (facts.measures.length > 0) blocks.push(measureTable(draft));

	blocks.push(block.heading(3, 'Beteiligung der Bürgerinnen und Bürger'));
	blocks.push(...participationSentences(facts.participation).map((text) => block.paragraph(text)));

	blocks.push(block.heading(3, 'Finanzielle Zusammenfassung'));
	const { totals } = facts;
	blocks.push(
		block.paragraph(
			`Die Maßnahmen kosten insgesamt ${formatEuro(totals.costCents)}. Davon werden ` +
				`${formatEuro(totals.fundingCents)} durch Fördermittel gedeckt; der Eigenanteil beträgt ` +
				`${formatEuro(totals.ownShareCents)}. Nach dem Förderzeitraum fallen Folgekosten von ` +
				`${formatEuro(draft.finance.followUp.totalCents)} an.`
		)
	);
	return blocks;
}

function measureTable(draft: ResolutionDraft): TableBlock {
	const { measures, totals } = draft.facts;
	return {
		type: 'table',
		caption: 'Maßnahmen mit Kosten und Förderung',
		size: 'wide',
		columns: [
			{ label: 'Nr.', width: 1 },
			{ label: 'Maßnahme', width: 5 },
			{ label: 'Handlungsfeld', width: 3 },
			{ label: 'Paten', width: 3 },
			{ label: 'Zeitraum', width: 3 },
			{ label: 'Gesamtkosten', align: 'right', width: 3 },
			{ label: 'Fördermittel', align: 'right', width: 3 }
		],
		rows: measures.map((measure, index) => [
			{ text: `M${index + 1}` },
			block.cell(measure.title),
			block.cell(measure.field),
			block.cell(measure.patrons.join(', ')),
			block.cell(measure.period),
			{ text: formatEuro(measure.costCents) },
			{ text: formatEuro(measure.fundingCents) }
		]),
		footer: [
			[
				{ text: '' },
				{ text: 'Summe', bold: true },
				{ text: '' },
				{ text: '' },
				{ text: '' },
				{ text: formatEuro(totals.costCents), bold: true },
				{ text: formatEuro(totals.fundingCents), bold: true }
			]
		]
	};
}

function votumBlocks(draft: ResolutionDraft): Block[] {
	if (draft.votes.length === 0) {
		return [block.paragraph('Die Ausschüsse haben noch nicht beraten.')];
	}
	return [
		{
			type: 'list',
			ordered: false,
			items: draft.votes.map((vote): Run[] => [
				block.value(vote.body, { bold: true }),
				{ text: vote.date ? ` (${formatDay(vote.date, 'de')})` : '' },
				{ text: `: ${vote.resultLabel}` },
				...(vote.votum ? [{ text: ` – ${vote.votum}` }] : [])
			])
		}
	];
}

function financeBlocks(draft: ResolutionDraft): Block[] {
	const { finance } = draft;
	const amount = (cents: number | null): Run =>
		block.value(cents === null ? null : formatEuro(cents));
	const blocks: Block[] = [
		yesNoTable('Finanzielle Auswirkungen: Ja oder Nein', [
			['Die Vorlage hat finanzielle Auswirkungen', finance.hasImpact],
			[`${budgetLabel('ergebnis', 'de')} betroffen`, finance.budgets.ergebnis],
			[`${budgetLabel('finanz', 'de')} betroffen`, finance.budgets.finanz],
			['Mittel sind bereits im Haushalt geplant', finance.meansPlanned]
		]),
		{
			type: 'fields',
			rows: [
				{ label: 'Gesamtkosten', value: [{ text: formatEuro(finance.totals.costCents) }] },
				{ label: 'Fördermittel', value: [{ text: formatEuro(finance.totals.fundingCents) }] },
				{ label: 'Eigenanteil', value: [{ text: formatEuro(finance.totals.ownShareCents) }] },
				{
					label: 'Höhe der geplanten Mittel',
					value: [
						finance.meansPlanned === false
							? { text: formatEuro(0) }
							: amount(finance.plannedMeansCents)
					]
				},
				{ label: 'Mehrbedarf', value: [amount(finance.additionalNeedCents)] },
				{ label: 'Folgekosten', value: [{ text: formatEuro(finance.followUp.totalCents) }] }
			]
		},
		block.heading(3, 'Deckungsvorschlag'),
		...coverageBlocks(draft)
	];
	if (finance.bySource.length > 0) {
		blocks.push(sourceTable(finance.bySource, finance.totals.fundingCents));
	}
	if (finance.byYear.length > 0) blocks.push(yearTable(finance.byYear, finance.totals));
	blocks.push(budgetTable(finance.byBudget, finance.totals));
	if (finance.followUp.byYear.length > 0) blocks.push(followUpTable(finance.followUp));
	// The Vorlage keeps the section even when empty, as the council's form does.
	blocks.push(block.heading(3, 'Raum für zusätzliche Eintragungen'));
	blocks.push(
		...(finance.notes
			? finance.notes.split(/\n+/).map((line) => block.paragraph(line))
			: [block.paragraph('Keine.')])
	);
	return blocks;
}

/**
 * The Ja/Nein grid of the council's form: a box for each answer, so „Nein“ (☐ ☒) and „not
 * answered“ (☐ ☐, marked „— fehlt —“) look different.
 */
function yesNoTable(caption: string, rows: [label: string, answer: boolean | null][]): TableBlock {
	const box = (checked: boolean) => ({ text: checked ? CHECKED : UNCHECKED });
	return {
		type: 'table',
		caption,
		columns: [
			{ label: 'Angabe', width: 6 },
			{ label: 'Ja', align: 'center', width: 1 },
			{ label: 'Nein', align: 'center', width: 1 }
		],
		rows: rows.map(([label, answer]) => [
			answer === null ? { text: `${label} ${MISSING}`, missing: true } : { text: label },
			box(answer === true),
			box(answer === false)
		])
	};
}

/**
 * The Deckungsvorschlag in words and as lines (Betrag, Kostenträger, Konto, Bezeichnung), with
 * what the lines leave uncovered. Without a Mehrbedarf and without a proposal it is „entfällt“.
 */
function coverageBlocks(draft: ResolutionDraft): Block[] {
	const { coverage, additionalNeedCents } = draft.finance;
	if (coverage.proposal === null && coverage.lines.length === 0) {
		return [
			block.paragraph(
				additionalNeedCents === 0 ? { text: 'Entfällt (kein Mehrbedarf).' } : block.value(null)
			)
		];
	}
	const blocks: Block[] = coverage.proposal
		? coverage.proposal.split(/\n+/).map((line) => block.paragraph(line))
		: [];
	if (coverage.lines.length > 0) {
		const amount = (cents: number | null) => block.cell(cents === null ? null : formatEuro(cents));
		blocks.push({
			type: 'table',
			caption: 'Deckung nach Konten',
			columns: [
				{ label: 'Betrag', align: 'right', width: 2 },
				{ label: 'Kostenträger', width: 2 },
				{ label: 'Konto', width: 2 },
				{ label: 'Bezeichnung', width: 4 }
			],
			rows: coverage.lines.map((line) => [
				amount(line.amountCents),
				block.cell(line.costUnit),
				block.cell(line.account),
				block.cell(line.label)
			]),
			...(coverage.lines.length > 1
				? {
						footer: [
							[
								{ text: formatEuro(coverage.coveredCents), bold: true },
								{ text: 'Summe', bold: true },
								{ text: '' },
								{ text: '' }
							]
						]
					}
				: {})
		});
	}
	if ((coverage.uncoveredCents ?? 0) > 0) {
		blocks.push(
			block.paragraph({
				text: `Ohne Deckung bleiben ${formatEuro(coverage.uncoveredCents ?? 0)} des Mehrbedarfs.`,
				missing: true
			})
		);
	}
	return blocks;
}
