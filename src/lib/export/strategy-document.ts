import {
	agendaFinance,
	lineFunding,
	type AgendaFinance,
	type MeasureFinance
} from '../agenda/model/finance';
import type { Agenda, Measure } from '../agenda/model/schema';
import { formatEuro, formatRate } from '../agenda/model/money';
import type { RichText } from '../agenda/model/rich-text';
import {
	budgetLabel,
	costCategoryLabel,
	inventoryStatusLabel,
	measureStatusLabel,
	priorityLabel
} from '../labels';
import { block, type Block, type Cell, type ExportDocument, type TableBlock } from './document';
import { formatGermanDecimal } from '../monitoring/decimal';
import { effectiveTarget } from '../monitoring/indicator-assessment';
import { financePlanBlocks } from './finance-blocks';
import { participationSentences } from './participation-text';
import { periodText } from './proposal';
import { sourceLabel } from './resolution-document';
import { measurePeriod, type DraftSource, type ParticipationSummary } from './resolution-draft';

export interface StrategyInput {
	agenda: Agenda;
	source: DraftSource;
	participation: ParticipationSummary | null;
	generatedAt: Date;
}

/**
 * The Digitale Agenda itself, as Anlage 1 of the Beschlussvorlage: title page, Ausgangslage,
 * Leitbild, Leitlinien, goals, fields of action, every measure in full, the finance plan, a
 * roadmap of the measures over time and the participation summary.
 */
export function strategyDocument(input: StrategyInput): ExportDocument {
	const { agenda, source, generatedAt } = input;
	const finance = agendaFinance(agenda);
	const title = agenda.meta.title.trim() || 'Digitale Agenda';
	return {
		title,
		subject: 'Anlage 1: Digitale Agenda',
		header: `${annexLabel(agenda)} · ${title}`,
		footer: agenda.meta.municipality,
		titlePage: {
			kicker: annexLabel(agenda),
			title,
			subtitle: [agenda.meta.municipality, periodText(agenda.meta)]
				.filter((part): part is string => Boolean(part && part.trim()))
				.join(' · '),
			lines: [sourceLabel(source, generatedAt)]
		},
		blocks: [
			...richChapter('Ausgangslage', agenda.ausgangslage),
			...inventoryBlocks(agenda),
			...richChapter('Leitbild', agenda.leitbild),
			...principleBlocks(agenda),
			...goalBlocks(agenda),
			...fieldBlocks(agenda),
			...measureBlocks(agenda, finance),
			block.pageBreak(),
			block.heading(1, 'Finanzplan'),
			...financePlanBlocks(agenda, finance, 1),
			block.heading(1, 'Umsetzungsfahrplan'),
			...roadmapBlocks(agenda),
			block.heading(1, 'Beteiligung der Bürgerinnen und Bürger'),
			...participationSentences(input.participation).map((text) => block.paragraph(text))
		]
	};
}

function annexLabel(agenda: Agenda): string {
	const reference = agenda.resolution.reference.trim();
	return reference ? `Anlage 1 zur Vorlage ${reference}` : 'Anlage 1 zur Beschlussvorlage';
}

function richChapter(title: string, content: RichText): Block[] {
	return [
		block.heading(1, title),
		content.length > 0
			? { type: 'rich', content, baseLevel: 1 }
			: block.paragraph(block.value(null))
	];
}

function inventoryBlocks(agenda: Agenda): Block[] {
	if (agenda.inventory.length === 0) return [];
	return [
		block.heading(2, 'Bestandsaufnahme'),
		{
			type: 'table',
			caption: 'Stand der Digitalisierung',
			columns: [
				{ label: 'Bereich', width: 3 },
				{ label: 'Stand', width: 2 },
				{ label: 'Anmerkung', width: 4 }
			],
			rows: agenda.inventory.map((item) => [
				block.cell(item.title),
				{ text: inventoryStatusLabel(item.status, 'de') },
				{ text: item.note }
			])
		}
	];
}

function principleBlocks(agenda: Agenda): Block[] {
	return [
		block.heading(1, 'Leitlinien'),
		agenda.principles.length > 0
			? {
					type: 'list',
					ordered: false,
					items: agenda.principles.map((principle) => [
						{ text: principle.title || 'Leitlinie ohne Titel', bold: true },
						...(principle.description.trim() ? [{ text: ` – ${principle.description}` }] : [])
					])
				}
			: block.paragraph(block.value(null))
	];
}

function goalBlocks(agenda: Agenda): Block[] {
	const blocks: Block[] = [block.heading(1, 'Ziele')];
	if (agenda.goals.length === 0) return [...blocks, block.paragraph(block.value(null))];
	agenda.goals.forEach((goal, index) => {
		blocks.push(block.heading(2, `Z${index + 1} ${goal.title || 'Ziel ohne Titel'}`));
		if (goal.description.trim()) blocks.push(block.paragraph(goal.description));
	});
	return blocks;
}

function fieldBlocks(agenda: Agenda): Block[] {
	const blocks: Block[] = [block.heading(1, 'Handlungsfelder')];
	if (agenda.fields.length === 0) return [...blocks, block.paragraph(block.value(null))];
	const numbers = measureNumbers(agenda);
	for (const field of agenda.fields) {
		blocks.push(block.heading(2, field.title || 'Handlungsfeld ohne Titel'));
		if (field.description.trim()) blocks.push(block.paragraph(field.description));
		const measures = agenda.measures.filter((measure) => measure.fieldId === field.id);
		blocks.push(
			measures.length > 0
				? {
						type: 'list',
						ordered: false,
						items: measures.map((measure) => [
							{ text: `${numbers.get(measure.id)} ${measure.title}` }
						])
					}
				: block.note('Diesem Handlungsfeld sind noch keine Maßnahmen zugeordnet.')
		);
	}
	return blocks;
}

/** M1, M2 … in the agenda's order: the numbers every table of the annex refers to. */
function measureNumbers(agenda: Agenda): Map<string, string> {
	return new Map(agenda.measures.map((measure, index) => [measure.id, `M${index + 1}`]));
}

function measureBlocks(agenda: Agenda, finance: AgendaFinance): Block[] {
	const blocks: Block[] = [block.pageBreak(), block.heading(1, 'Maßnahmen')];
	if (agenda.measures.length === 0) return [...blocks, block.paragraph(block.value(null))];
	const numbers = measureNumbers(agenda);
	const fields = new Map(agenda.fields.map((field) => [field.id, field.title]));
	const goals = new Map(
		agenda.goals.map((goal, index) => [goal.id, `Z${index + 1} ${goal.title}`])
	);
	const people = new Map(
		agenda.people.map((person) => [
			person.id,
			person.organisation.trim() ? `${person.name} (${person.organisation})` : person.name
		])
	);
	const sources = new Map(agenda.fundingSources.map((source) => [source.id, source]));
	const financeOf = new Map(finance.measures.map((entry) => [entry.measureId, entry]));
	for (const measure of agenda.measures) {
		const names = (ids: string[], from: Map<string, string>) =>
			ids.flatMap((id) => from.get(id) ?? []).join(', ');
		blocks.push(
			block.heading(2, `${numbers.get(measure.id)} ${measure.title || 'Maßnahme ohne Titel'}`)
		);
		blocks.push({
			type: 'fields',
			rows: [
				{
					label: 'Handlungsfeld',
					value: [block.value(measure.fieldId ? fields.get(measure.fieldId) : null)]
				},
				{ label: 'Ziele', value: [block.value(names(measure.goalIds, goals))] },
				{ label: 'Paten', value: [block.value(names(measure.patronIds, people))] },
				{ label: 'Umsetzungsgruppe', value: [block.value(measure.implementationGroup)] },
				{ label: 'Priorität', value: [{ text: priorityLabel(measure.priority, 'de') }] },
				{ label: 'Status', value: [{ text: measureStatusLabel(measure.status, 'de') }] },
				{ label: 'Zeitraum', value: [block.value(measurePeriod(measure))] }
			]
		});
		if (measure.summary.trim())
			blocks.push(block.paragraph({ text: measure.summary, italic: true }));
		if (measure.description.length > 0) {
			blocks.push({ type: 'rich', content: measure.description, baseLevel: 2 });
		}
		const number = numbers.get(measure.id) ?? '';
		blocks.push(...milestoneBlocks(measure, number), ...indicatorBlocks(measure, number));
		blocks.push(block.heading(3, 'Kosten und Förderung'));
		const totals = financeOf.get(measure.id);
		blocks.push(
			measure.costLines.length > 0 && totals
				? costTable(measure, number, sources, totals)
				: block.paragraph('Für diese Maßnahme sind keine Kosten eingetragen.')
		);
		if (measure.followUpCosts.length > 0) blocks.push(followUpLinesTable(measure, number));
	}
	return blocks;
}

/*
 * The tables of a measure name it in their caption: a screen reader or a table of figures lists
 * „Meilensteine von M3“, not the fifth „Meilensteine“.
 */
function milestoneBlocks(measure: Measure, number: string): Block[] {
	if (measure.milestones.length === 0) return [];
	return [
		block.heading(3, 'Meilensteine'),
		{
			type: 'table',
			caption: `Meilensteine von ${number}`,
			columns: [
				{ label: 'Meilenstein', width: 5 },
				{ label: 'Fällig', width: 2 },
				{ label: 'Erreicht', width: 1, align: 'center' }
			],
			rows: measure.milestones.map((milestone) => [
				block.cell(milestone.title),
				block.cell(
					milestone.dueYear === null
						? null
						: milestone.dueQuarter === null
							? String(milestone.dueYear)
							: `Q${milestone.dueQuarter}/${milestone.dueYear}`
				),
				{ text: milestone.done ? 'ja' : 'nein' }
			])
		}
	];
}

function indicatorBlocks(measure: Measure, number: string): Block[] {
	if (measure.indicators.length === 0) return [];
	return [
		block.heading(3, 'Indikatoren'),
		{
			type: 'table',
			caption: `Indikatoren von ${number}`,
			columns: [
				{ label: 'Indikator', width: 3 },
				{ label: 'Ziel', width: 3 },
				{ label: 'Ausgangswert', width: 2, align: 'right' },
				{ label: 'Zielwert', width: 2, align: 'right' },
				{ label: 'Zieljahr', width: 1 },
				{ label: 'Einheit', width: 2 }
			],
			rows: measure.indicators.map((indicator) => {
				const target = effectiveTarget(indicator);
				const { baseline, baselineYear } = indicator;
				return [
					block.cell(indicator.name),
					block.cell(indicator.target),
					block.cell(
						baseline === null
							? null
							: `${formatGermanDecimal(baseline, 6)}${baselineYear === null ? '' : ` (${baselineYear})`}`
					),
					block.cell(target === null ? null : formatGermanDecimal(target, 6)),
					block.cell(indicator.targetYear === null ? null : String(indicator.targetYear)),
					{ text: indicator.unit }
				];
			})
		}
	];
}

function costTable(
	measure: Measure,
	number: string,
	sources: ReadonlyMap<string, Agenda['fundingSources'][number]>,
	totals: MeasureFinance
): TableBlock {
	return {
		type: 'table',
		caption: `Kostenpositionen von ${number}`,
		size: 'wide',
		columns: [
			{ label: 'Jahr', width: 2 },
			{ label: 'Position', width: 8 },
			{ label: 'Art', width: 4 },
			{ label: 'Haushalt', width: 6 },
			{ label: 'Betrag', width: 5, align: 'right' },
			{ label: 'Förderquelle', width: 7 },
			{ label: 'Förderung', width: 5, align: 'right' }
		],
		rows: measure.costLines.map((line) => {
			const source = line.fundingSourceId ? sources.get(line.fundingSourceId) : undefined;
			const sourceText = !source
				? 'Eigenmittel'
				: `${source.name} (${line.fundingCents === null ? formatRate(source.rateBp) : 'Festbetrag'})`;
			return [
				{ text: String(line.year) },
				block.cell(line.label),
				{ text: costCategoryLabel(line.category, 'de') },
				{ text: budgetLabel(line.budget, 'de') },
				{ text: formatEuro(line.amountCents) },
				{ text: sourceText },
				{ text: formatEuro(lineFunding(line, sources)) }
			];
		}),
		footer: [
			totalRow('Summe', totals.costCents, totals.fundingCents),
			totalRow('Eigenanteil', totals.ownShareCents, null)
		]
	};
}

function totalRow(label: string, costCents: number, fundingCents: number | null): Cell[] {
	return [
		{ text: '' },
		{ text: label, bold: true },
		{ text: '' },
		{ text: '' },
		{ text: formatEuro(costCents), bold: true },
		{ text: '' },
		{ text: fundingCents === null ? '' : formatEuro(fundingCents), bold: true }
	];
}

function followUpLinesTable(measure: Measure, number: string): TableBlock {
	return {
		type: 'table',
		caption: `Folgekosten von ${number}`,
		columns: [
			{ label: 'Position', width: 4 },
			{ label: 'Haushalt', width: 2 },
			{ label: 'Ab', width: 1 },
			{ label: 'Jahre', width: 1, align: 'right' },
			{ label: 'Jährlich', width: 2, align: 'right' }
		],
		rows: measure.followUpCosts.map((line) => [
			block.cell(line.label),
			{ text: budgetLabel(line.budget, 'de') },
			{ text: String(line.fromYear) },
			{ text: String(line.years) },
			{ text: formatEuro(line.annualCents) }
		])
	};
}

/**
 * Measures over time: one column per year of the agenda's period (or of the measures' schedules
 * when that is wider), a filled cell with the active quarters where a measure runs.
 */
export function roadmapBlocks(agenda: Agenda): Block[] {
	const scheduled = agenda.measures.filter(
		(measure) => measure.startYear !== null && measure.endYear !== null
	);
	const years = roadmapYears(agenda, scheduled);
	if (years.length === 0) {
		return [block.paragraph('Für die Maßnahmen ist noch kein Zeitraum eingetragen.')];
	}
	const numbers = measureNumbers(agenda);
	const table: TableBlock = {
		type: 'table',
		caption: 'Maßnahmen im Zeitverlauf',
		size: years.length > 5 ? 'wide' : 'normal',
		columns: [
			{ label: 'Maßnahme', width: 5 },
			...years.map((year) => ({ label: String(year), align: 'center' as const, width: 2 }))
		],
		rows: scheduled.map((measure) => [
			{ text: `${numbers.get(measure.id)} ${measure.title}` },
			...years.map((year) => roadmapCell(measure, year))
		])
	};
	const unscheduled = agenda.measures.length - scheduled.length;
	return unscheduled > 0
		? [
				table,
				block.note(
					`${unscheduled} ${unscheduled === 1 ? 'Maßnahme hat' : 'Maßnahmen haben'} noch keinen Zeitraum.`
				)
			]
		: [table];
}

function roadmapYears(agenda: Agenda, scheduled: Measure[]): number[] {
	const starts = scheduled.map((measure) => measure.startYear as number);
	const ends = scheduled.map((measure) => measure.endYear as number);
	const { periodStart, periodEnd } = agenda.meta;
	const first = Math.min(...starts, ...(periodStart === null ? [] : [periodStart]));
	const last = Math.max(...ends, ...(periodEnd === null ? [] : [periodEnd]));
	if (!Number.isFinite(first) || !Number.isFinite(last) || last < first) return [];
	// A typo such as 2206 must not produce a table of two hundred columns.
	const span = Math.min(last - first, 15);
	return Array.from({ length: span + 1 }, (_, index) => first + index);
}

function roadmapCell(measure: Measure, year: number): Cell {
	const start = (measure.startYear as number) * 4 + (measure.startQuarter ?? 1) - 1;
	const end = (measure.endYear as number) * 4 + (measure.endQuarter ?? 4) - 1;
	const quarters = [1, 2, 3, 4].filter((quarter) => {
		const index = year * 4 + quarter - 1;
		return index >= start && index <= end;
	});
	if (quarters.length === 0) return { text: '' };
	const first = quarters[0] as number;
	const last = quarters[quarters.length - 1] as number;
	return { text: first === last ? `Q${first}` : `Q${first}–Q${last}`, fill: true };
}
