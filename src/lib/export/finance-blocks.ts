import type { AgendaFinance, SourceTotals, Totals, YearTotals } from '../agenda/model/finance';
import type { Agenda } from '../agenda/model/schema';
import { formatEuro, formatRate } from '../agenda/model/money';
import { BUDGETS, type Budget } from '../agenda/model/vocabulary';
import { budgetLabel } from '../labels';
import { block, type Block, type Cell, type Column, type TableBlock } from './document';

/**
 * The finance tables of the exports, one builder each: the Beschlussvorlage, the strategy annex
 * and the finance plan show the same figures in the same tables. Every amount comes from
 * `agendaFinance`; these functions only lay them out.
 */

const money = (cents: number, options: Omit<Cell, 'text'> = {}): Cell => ({
	text: formatEuro(cents),
	...options
});
const bold = (text: string): Cell => ({ text, bold: true });
const amountColumn = (label: string): Column => ({ label, align: 'right', width: 2 });

/** Cost, funding and own share per row (a year, a budget), with the total. */
function totalsTable(
	caption: string,
	labelHeader: string,
	rows: readonly { label: string; totals: Totals }[],
	totals: Totals
): TableBlock {
	return {
		type: 'table',
		caption,
		columns: [
			{ label: labelHeader, width: 2 },
			amountColumn('Gesamtkosten'),
			amountColumn('Fördermittel'),
			amountColumn('Eigenanteil')
		],
		rows: rows.map((row) => [{ text: row.label }, ...amounts(row.totals)]),
		footer: [[bold('Summe'), ...amounts(totals, { bold: true })]]
	};
}

/** Cost, funding and own share per budget year, with the total. */
export function yearTable(byYear: readonly YearTotals[], totals: Totals): TableBlock {
	const rows = byYear.map((year) => ({ label: String(year.year), totals: year }));
	return totalsTable('Kosten und Förderung je Haushaltsjahr', 'Haushaltsjahr', rows, totals);
}

/** Cost, funding and own share in the Ergebnishaushalt and the Finanzhaushalt. */
export function budgetTable(byBudget: Record<Budget, Totals>, totals: Totals): TableBlock {
	const rows = BUDGETS.map((budget) => ({
		label: budgetLabel(budget, 'de'),
		totals: byBudget[budget]
	}));
	return totalsTable('Kosten und Förderung je Haushalt', 'Haushalt', rows, totals);
}

/** Funding per source: the rate, the cost it co-funds and the grant. */
export function sourceTable(bySource: readonly SourceTotals[], fundingCents: number): TableBlock {
	return {
		type: 'table',
		caption: 'Fördermittel je Förderquelle',
		columns: [
			{ label: 'Förderquelle', width: 3 },
			{ label: 'Fördersatz', align: 'right', width: 1 },
			amountColumn('Geförderte Kosten'),
			amountColumn('Fördermittel')
		],
		rows: bySource.map((source) => [
			block.cell(source.name),
			{ text: formatRate(source.rateBp) },
			money(source.fundedCostCents),
			money(source.fundingCents)
		]),
		footer: [[bold('Summe'), { text: '' }, { text: '' }, money(fundingCents, { bold: true })]]
	};
}

/** Follow-up costs (Folgekosten) per year after the funding, with the total. */
export function followUpTable(followUp: AgendaFinance['followUp']): TableBlock {
	return {
		type: 'table',
		caption: 'Folgekosten je Haushaltsjahr',
		columns: [{ label: 'Haushaltsjahr', width: 2 }, amountColumn('Folgekosten')],
		rows: followUp.byYear.map((year) => [{ text: String(year.year) }, money(year.cents)]),
		footer: [[bold('Summe'), money(followUp.totalCents, { bold: true })]]
	};
}

/** Every measure's cost per budget year: the finance plan proper. */
export function measureYearTable(
	agenda: Pick<Agenda, 'measures'>,
	finance: AgendaFinance
): TableBlock {
	const years = finance.byYear.map((year) => year.year);
	const titles = new Map(agenda.measures.map((measure) => [measure.id, measure.title]));
	return {
		type: 'table',
		caption: 'Kosten je Maßnahme und Haushaltsjahr',
		size: years.length > 4 ? 'wide' : 'normal',
		columns: [
			{ label: 'Maßnahme', width: 4 },
			...years.map((year) => amountColumn(String(year))),
			amountColumn('Summe')
		],
		rows: finance.measures.map((measure) => {
			const byYear = new Map(measure.byYear.map((year) => [year.year, year.costCents]));
			return [
				block.cell(titles.get(measure.measureId)),
				...years.map((year) => money(byYear.get(year) ?? 0)),
				money(measure.costCents, { bold: true })
			];
		}),
		footer: [
			[
				bold('Summe'),
				...finance.byYear.map((year) => money(year.costCents, { bold: true })),
				money(finance.costCents, { bold: true })
			]
		]
	};
}

/** The finance plan: per measure and year, per year, per budget, per source, follow-up costs. */
export function financePlanBlocks(
	agenda: Pick<Agenda, 'measures'>,
	finance: AgendaFinance,
	headingLevel: 1 | 2
): Block[] {
	const sub = (headingLevel + 1) as 2 | 3;
	const blocks: Block[] = [
		block.paragraph(
			`Gesamtkosten ${formatEuro(finance.costCents)}, davon Fördermittel ` +
				`${formatEuro(finance.fundingCents)} und Eigenanteil ${formatEuro(finance.ownShareCents)}; ` +
				`Folgekosten ${formatEuro(finance.followUp.totalCents)}.`
		),
		block.heading(sub, 'Kosten je Maßnahme'),
		measureYearTable(agenda, finance),
		block.heading(sub, 'Kosten je Haushaltsjahr'),
		yearTable(finance.byYear, finance),
		block.heading(sub, 'Kosten je Haushalt'),
		budgetTable(finance.byBudget, finance),
		block.heading(sub, 'Fördermittel'),
		finance.bySource.length > 0
			? sourceTable(finance.bySource, finance.fundingCents)
			: block.paragraph('Für die Maßnahmen sind keine Fördermittel eingeplant.'),
		block.heading(sub, 'Folgekosten')
	];
	blocks.push(
		finance.followUp.byYear.length > 0
			? followUpTable(finance.followUp)
			: block.paragraph('Es sind keine Folgekosten eingetragen.')
	);
	return blocks;
}

function amounts(totals: Totals, options: Omit<Cell, 'text'> = {}): Cell[] {
	return [
		money(totals.costCents, options),
		money(totals.fundingCents, options),
		money(totals.ownShareCents, options)
	];
}
