import { formatEuro } from '../agenda/model/money';
import type { Agenda, Measure } from '../agenda/model/schema';
import { formatDay } from '../format';
import { decisionResultLabel, implementationStatusLabel, indicatorVerdictLabel } from '../labels';
import { displayPercent } from '../monitoring/indicator-assessment';
import type { InventoryProgress, MeasureProgress, MilestoneProgress } from '../monitoring/progress';
import type { RollUp } from '../monitoring/rollup';
import { IMPLEMENTATION_STATUSES, type DecisionResult } from '../monitoring/vocabulary';
import { block, type Block, type Cell, type ExportDocument, type TableBlock } from './document';
import { measurePeriod } from './resolution-draft';

/**
 * The Sachstandsbericht: where the implementation of a resolved agenda stands at a Stichtag, as
 * the council asks for it. Built only from the monitoring overview (approved facts up to the
 * Stichtag, the resolved plan, the roll-ups), so it says exactly what the progress pages say;
 * pure, like the Vorlage's builder, and rendered by the same DOCX and PDF renderers.
 */
export interface ProgressReportInput {
	decision: { decidedOn: string; number: string; result: DecisionResult; oparlUrl: string | null };
	/** The number of the resolved Fassung. */
	fassung: number;
	plan: Agenda;
	stichtag: string;
	measures: readonly MeasureProgress[];
	inventory: readonly InventoryProgress[];
	agenda: RollUp;
	fields: ReadonlyMap<string, RollUp>;
	weights: ReadonlyMap<string, number>;
}

const DE = 'de';

export function progressReportDocument(input: ProgressReportInput): ExportDocument {
	const { plan, stichtag } = input;
	const day = formatDay(stichtag, DE);
	const agendaTitle = plan.meta.title.trim() || 'Digitale Agenda';
	return {
		title: `Sachstandsbericht zum ${day}`,
		subject: agendaTitle,
		header: `Sachstandsbericht · Stichtag ${day}`,
		footer: [plan.meta.municipality, agendaTitle].filter((part) => part.trim() !== '').join(' · '),
		blocks: [
			block.heading(1, `Sachstandsbericht zum ${day}`),
			block.paragraph(
				`Stand der Umsetzung der „${agendaTitle}“ am Stichtag ${day}. Berücksichtigt sind nur freigegebene Meldungen bis zu diesem Tag.`
			),
			block.heading(2, 'Beschluss'),
			decisionFields(input),
			block.heading(2, 'Gesamtstand'),
			...summaryBlocks(input),
			...fieldSections(input),
			...inventorySection(input)
		]
	};
}

function decisionFields({ decision, fassung }: ProgressReportInput): Block {
	return {
		type: 'fields',
		rows: [
			{ label: 'Beschluss vom', value: [block.value(formatDay(decision.decidedOn, DE))] },
			{ label: 'Beschluss-Nr.', value: [block.value(decision.number)] },
			{ label: 'Ergebnis', value: [block.value(decisionResultLabel(decision.result, DE))] },
			{ label: 'Beschlossene Fassung', value: [block.value(`Fassung ${fassung}`)] },
			...(decision.oparlUrl
				? [{ label: 'Ratsinformationssystem', value: [block.value(decision.oparlUrl)] }]
				: [])
		]
	};
}

const percent = (value: number | null) =>
	value === null ? '–' : `${String(value).replace('.', ',')} %`;

function summaryBlocks({ agenda, fields, plan }: ProgressReportInput): Block[] {
	const counts = IMPLEMENTATION_STATUSES.filter((status) => agenda.statusCounts[status] > 0);
	const byField: Cell[][] = plan.fields.flatMap((field) => {
		const rollUp = fields.get(field.id);
		if (!rollUp || rollUp.weights.length === 0) return [];
		return [
			[
				{ text: field.title },
				{ text: String(rollUp.weights.length) },
				{ text: percent(rollUp.percent) }
			]
		];
	});
	return [
		{
			type: 'fields',
			rows: [
				{ label: 'Fortschritt (gewichtet)', value: [block.value(percent(agenda.percent))] },
				{ label: 'Maßnahmen', value: [block.value(String(agenda.weights.length))] },
				{ label: 'Verspäteter Beginn', value: [block.value(String(agenda.lateStarts))] },
				{ label: 'Verspäteter Abschluss', value: [block.value(String(agenda.lateFinishes))] }
			]
		},
		{
			type: 'table',
			caption: 'Maßnahmen nach Status',
			columns: [{ label: 'Status' }, { label: 'Maßnahmen', align: 'right', width: 1 }],
			rows: counts.map((status) => [
				{ text: implementationStatusLabel(status, DE) },
				{ text: String(agenda.statusCounts[status]) }
			])
		},
		...(byField.length > 0
			? [
					{
						type: 'table',
						caption: 'Fortschritt je Handlungsfeld',
						columns: [
							{ label: 'Handlungsfeld', width: 3 },
							{ label: 'Maßnahmen', align: 'right', width: 1 },
							{ label: 'Fortschritt', align: 'right', width: 1 }
						],
						rows: byField
					} satisfies TableBlock
				]
			: [])
	];
}

/** One section per field of action (in the plan's order), then the measures without one. */
function fieldSections(input: ProgressReportInput): Block[] {
	const { plan } = input;
	const groups: { title: string; measures: Measure[] }[] = [
		...plan.fields.map((field) => ({
			title: `Handlungsfeld: ${field.title}`,
			measures: plan.measures.filter((measure) => measure.fieldId === field.id)
		})),
		{
			title: 'Maßnahmen ohne Handlungsfeld',
			measures: plan.measures.filter(
				(measure) =>
					measure.fieldId === null || !plan.fields.some((field) => field.id === measure.fieldId)
			)
		}
	];
	return groups
		.filter((group) => group.measures.length > 0)
		.flatMap((group) => [
			block.heading(2, group.title),
			...group.measures.flatMap((measure) => measureBlocks(input, measure))
		]);
}

/** Where a progress figure comes from, in words (the Sachstandsbericht and an Anfrage's answer). */
export const PROGRESS_SOURCE = {
	entered: 'gemeldet',
	milestones: 'aus den erreichten Meilensteinen',
	status: 'aus dem Status',
	none: 'noch keine Meldung'
} as const;

function measureBlocks(input: ProgressReportInput, measure: Measure): Block[] {
	const progress = input.measures.find((entry) => entry.measureId === measure.id);
	if (!progress) return [];
	const status = implementationStatusLabel(progress.status, DE);
	const late = (isLate: boolean) => (isLate ? ' (verspätet)' : '');
	const blocks: Block[] = [
		block.heading(3, measure.title.trim() || 'Maßnahme ohne Titel'),
		{
			type: 'fields',
			rows: [
				{
					label: 'Status',
					value: [
						block.value(progress.statusReason ? `${status}: ${progress.statusReason}` : status)
					]
				},
				{
					label: 'Fortschritt',
					value: [
						block.value(
							`${progress.progress.percent} % (${PROGRESS_SOURCE[progress.progress.source]})`
						)
					]
				},
				{ label: 'Geplanter Zeitraum', value: [block.value(measurePeriod(measure))] },
				{
					label: 'Tatsächlicher Beginn',
					value: [
						block.value(
							progress.actualStart === null
								? `noch nicht begonnen${late(progress.lateStart)}`
								: `${formatDay(progress.actualStart, DE)}${late(progress.lateStart)}`
						)
					]
				},
				{
					label: 'Tatsächlicher Abschluss',
					value: [
						block.value(
							progress.actualFinish === null
								? progress.status === 'gestoppt'
									? 'entfällt (gestoppt)'
									: `noch nicht abgeschlossen${late(progress.lateFinish)}`
								: `${formatDay(progress.actualFinish, DE)}${late(progress.lateFinish)}`
						)
					]
				},
				{
					label: 'Gewicht im Gesamtstand',
					value: [block.value(String(input.weights.get(measure.id) ?? 1))]
				}
			]
		}
	];
	if (progress.milestones.length > 0) blocks.push(milestoneTable(progress.milestones));
	if (progress.years.length > 0) blocks.push(financeTable(progress));
	if (progress.indicators.length > 0) blocks.push(indicatorTable(progress));
	const report = progress.latestReport;
	blocks.push(
		report
			? block.paragraph(
					{ text: `Sachstand vom ${formatDay(report.asOf, DE)}: `, bold: true },
					report.text
				)
			: block.note('Bis zum Stichtag liegt kein freigegebener Sachstand vor.')
	);
	return blocks;
}

export function milestoneState(milestone: MilestoneProgress): string {
	if (milestone.reachedOn !== null) return milestone.late ? 'erreicht, verspätet' : 'erreicht';
	return milestone.late ? 'überfällig' : 'offen';
}

function milestoneTable(milestones: readonly MilestoneProgress[]): TableBlock {
	return {
		type: 'table',
		caption: 'Meilensteine',
		columns: [
			{ label: 'Meilenstein', width: 3 },
			{ label: 'Fällig', width: 1 },
			{ label: 'Erreicht am', width: 1 },
			{ label: 'Stand', width: 1 }
		],
		rows: milestones.map((milestone) => [
			{ text: milestone.title },
			{ text: milestone.due === null ? '–' : formatDay(milestone.due, DE) },
			{ text: milestone.reachedOn === null ? '–' : formatDay(milestone.reachedOn, DE) },
			{ text: milestoneState(milestone), bold: milestone.late }
		])
	};
}

function financeTable(progress: MeasureProgress): TableBlock {
	const euro = (cents: number | null) => (cents === null ? '–' : formatEuro(cents));
	return {
		type: 'table',
		caption: 'Kosten und Förderung: Soll und Ist',
		columns: [
			{ label: 'Jahr', width: 1 },
			{ label: 'Kosten Soll', align: 'right', width: 2 },
			{ label: 'Kosten Ist', align: 'right', width: 2 },
			{ label: 'Abweichung', align: 'right', width: 2 },
			{ label: 'Förderung Soll', align: 'right', width: 2 },
			{ label: 'Förderung erhalten', align: 'right', width: 2 }
		],
		rows: progress.years.map((year) => [
			{ text: String(year.year) },
			{ text: euro(year.plannedCostCents) },
			{ text: euro(year.actualCostCents) },
			{
				text:
					year.costDeviationCents === null
						? '–'
						: `${year.costDeviationCents > 0 ? '+' : ''}${formatEuro(year.costDeviationCents)}`
			},
			{ text: euro(year.plannedFundingCents) },
			{ text: euro(year.fundingReceivedCents) }
		])
	};
}

function indicatorTable(progress: MeasureProgress): TableBlock {
	const number = (value: number) => value.toLocaleString('de-DE');
	return {
		type: 'table',
		caption: 'Indikatoren',
		size: 'wide',
		columns: [
			{ label: 'Indikator', width: 3 },
			{ label: 'Ausgangswert', align: 'right', width: 1 },
			{ label: 'Zielwert', align: 'right', width: 1 },
			{ label: 'Zieljahr', width: 1 },
			{ label: 'Letzter Wert', align: 'right', width: 1 },
			{ label: 'Gemessen am', width: 1 },
			{ label: 'Stand', width: 2 }
		],
		rows: progress.indicators.map((indicator) => {
			const unit = indicator.unit.trim() === '' ? '' : `\u00a0${indicator.unit.trim()}`;
			const described = indicator.plannedTarget.trim();
			const { baseline, baselineYear, target, latest, attainment, verdict } = indicator;
			return [
				// The target in words stays beside the numbers: it may say more („… bis 2028“).
				{ text: described ? `${indicator.name} (Ziel: ${described})` : indicator.name },
				block.cell(
					baseline === null
						? null
						: `${number(baseline)}${unit}${baselineYear === null ? '' : ` (${baselineYear})`}`
				),
				block.cell(target === null ? null : `${number(target)}${unit}`),
				block.cell(indicator.targetYear === null ? null : String(indicator.targetYear)),
				{ text: latest ? `${number(latest.value)}${unit}` : '–' },
				{ text: latest ? formatDay(latest.asOf, DE) : '–' },
				block.cell(verdictText(verdict, attainment))
			];
		})
	};
}

/**
 * „auf Kurs, 70 % des Wegs“: the verdict and the capped attainment, as far as there are any. The
 * answer to an Anfrage says it in the same words.
 */
export function verdictText(
	verdict: MeasureProgress['indicators'][number]['verdict'],
	attainment: number | null
): string | null {
	const parts = [
		verdict === null ? null : indicatorVerdictLabel(verdict, DE),
		attainment === null ? null : `${displayPercent(attainment)}\u00a0% des Wegs`
	].filter((part) => part !== null);
	return parts.length === 0 ? null : parts.join(', ');
}

function inventorySection({ plan, inventory }: ProgressReportInput): Block[] {
	if (plan.inventory.length === 0) return [];
	return [
		block.heading(2, 'Bestandsaufnahme'),
		{
			type: 'table',
			caption: 'Stand der Bestandsaufnahme',
			columns: [
				{ label: 'Bereich', width: 2 },
				{ label: 'Status', width: 2 },
				{ label: 'Letzter Sachstand', width: 4 }
			],
			rows: plan.inventory.map((item) => {
				const progress = inventory.find((entry) => entry.itemId === item.id);
				const status = progress ? implementationStatusLabel(progress.status, DE) : '–';
				const report = progress?.latestReport;
				return [
					{ text: item.title },
					{ text: progress?.statusReason ? `${status}: ${progress.statusReason}` : status },
					{ text: report ? `${formatDay(report.asOf, DE)}: ${report.text}` : '–' }
				];
			})
		}
	];
}
