import { measureFinance } from '../agenda/model/finance';
import type { FundingSource, Measure } from '../agenda/model/schema';
import {
	countingFacts,
	type FinanceFact,
	type IndicatorFact,
	type MilestoneFact,
	type MonitoringFact,
	type ReportFact
} from './facts';
import { assessIndicator, type IndicatorAssessment } from './indicator-assessment';
import { periodEnd } from './period';
import { STARTED_STATUSES, type ImplementationStatus } from './vocabulary';

/**
 * How far one measure of the resolved plan has come at a Stichtag: computed from the plan (the
 * Fassung the council resolved) and the approved facts only. Pure, like `finance.ts`: the public
 * progress page, the Sachstandsbericht and the answer to an Anfrage all read these numbers.
 */
export interface MeasureProgress {
	measureId: string;
	status: ImplementationStatus;
	statusReason: string | null;
	/** 0–100, and where the number comes from. */
	progress: { percent: number; source: 'entered' | 'milestones' | 'status' | 'none' };
	/** The latest approved Sachstand, if any. */
	latestReport: ReportFact | null;
	/** Actual start and finish: the first report saying work began, resp. was finished. */
	actualStart: string | null;
	actualFinish: string | null;
	/** Planned start/finish passed without it (or it came after the planned quarter). */
	lateStart: boolean;
	lateFinish: boolean;
	milestones: MilestoneProgress[];
	indicators: IndicatorProgress[];
	/** Soll from the plan's cost lines, Ist from the approved finance statements, per year. */
	years: YearComparison[];
}

export interface MilestoneProgress {
	milestoneId: string;
	title: string;
	/** Last day of the planned quarter (or year); null when the plan gives no date. */
	due: string | null;
	reachedOn: string | null;
	late: boolean;
}

/** Baseline, effective target, direction, latest value, attainment and verdict beside the values. */
export interface IndicatorProgress extends IndicatorAssessment {
	indicatorId: string;
	name: string;
	unit: string;
	/** The plan's target as written (a text in the Fassung). */
	plannedTarget: string;
	/** Approved values up to the Stichtag, oldest first. */
	values: { asOf: string; value: number }[];
}

export interface YearComparison {
	year: number;
	plannedCostCents: number;
	plannedFundingCents: number;
	/** Null while no statement for the year is approved. */
	actualCostCents: number | null;
	fundingReceivedCents: number | null;
	/** Ist − Soll of the costs; null without an Ist. */
	costDeviationCents: number | null;
}

// Kept here too: callers import it with the rest of the progress API.
export { periodEnd };

export function measureProgress(
	measure: Measure,
	sources: readonly FundingSource[],
	facts: readonly MonitoringFact[],
	stichtag: string
): MeasureProgress {
	const own = factsAbout('measure', measure.id, facts, stichtag);
	const { status, statusReason, latestReport, actualStart, actualFinish } = reportedState(own);
	const milestones = milestoneProgress(measure, own, stichtag);
	const plannedStart =
		measure.startYear === null ? null : periodEnd(measure.startYear, measure.startQuarter);
	const plannedFinish =
		measure.endYear === null ? null : periodEnd(measure.endYear, measure.endQuarter);
	return {
		measureId: measure.id,
		status,
		statusReason,
		progress: progressOf(latestReport, milestones),
		latestReport,
		actualStart,
		actualFinish,
		lateStart: isLate(plannedStart, actualStart, stichtag) && status !== 'gestoppt',
		lateFinish: isLate(plannedFinish, actualFinish, stichtag) && status !== 'gestoppt',
		milestones,
		indicators: measure.indicators.map((indicator) => {
			const values = own
				.filter(
					(fact): fact is IndicatorFact =>
						fact.kind === 'indicator' && fact.indicatorId === indicator.id
				)
				.map((fact) => ({ asOf: fact.asOf, value: fact.value }));
			return {
				indicatorId: indicator.id,
				name: indicator.name,
				unit: indicator.unit,
				plannedTarget: indicator.target,
				values,
				...assessIndicator(indicator, values)
			};
		}),
		years: yearComparison(measure, sources, own)
	};
}

/** Where an item of the Bestandsaufnahme stands: it has reports only (no plan dates, no money). */
export interface InventoryProgress extends ReportedState {
	itemId: string;
	progress: MeasureProgress['progress'];
}

export function inventoryProgress(
	itemId: string,
	facts: readonly MonitoringFact[],
	stichtag: string
): InventoryProgress {
	const state = reportedState(factsAbout('inventory', itemId, facts, stichtag));
	return { itemId, ...state, progress: progressOf(state.latestReport, []) };
}

interface ReportedState {
	status: ImplementationStatus;
	statusReason: string | null;
	latestReport: ReportFact | null;
	actualStart: string | null;
	actualFinish: string | null;
}

function factsAbout(
	kind: MonitoringFact['itemKind'],
	itemId: string,
	facts: readonly MonitoringFact[],
	stichtag: string
): MonitoringFact[] {
	return countingFacts(
		facts.filter((fact) => fact.itemKind === kind && fact.itemId === itemId),
		stichtag
	);
}

/** Status from the latest report; actual start and finish from the first reports saying so. */
function reportedState(facts: readonly MonitoringFact[]): ReportedState {
	const reports = facts.filter((fact): fact is ReportFact => fact.kind === 'report');
	const latestReport = reports.at(-1) ?? null;
	return {
		status: latestReport?.status ?? 'unbekannt',
		statusReason: latestReport?.statusReason ?? null,
		latestReport,
		actualStart: reports.find((report) => STARTED_STATUSES.includes(report.status))?.asOf ?? null,
		actualFinish: reports.find((report) => report.status === 'abgeschlossen')?.asOf ?? null
	};
}

/** Late: the planned day has passed without the event, or the event came after it. */
function isLate(planned: string | null, actual: string | null, stichtag: string): boolean {
	if (planned === null) return false;
	return actual === null ? stichtag > planned : actual > planned;
}

function milestoneProgress(
	measure: Measure,
	facts: readonly MonitoringFact[],
	stichtag: string
): MilestoneProgress[] {
	return measure.milestones.map((milestone) => {
		const reached = facts.find(
			(fact): fact is MilestoneFact =>
				fact.kind === 'milestone' && fact.milestoneId === milestone.id
		);
		const due =
			milestone.dueYear === null ? null : periodEnd(milestone.dueYear, milestone.dueQuarter);
		const reachedOn = reached?.asOf ?? null;
		return {
			milestoneId: milestone.id,
			title: milestone.title,
			due,
			reachedOn,
			late: isLate(due, reachedOn, stichtag)
		};
	});
}

/**
 * Entered progress wins; without it, the share of milestones reached; without milestones, 100 %
 * for a finished measure and 0 % otherwise, said to come from the status (or from nothing).
 */
function progressOf(
	report: ReportFact | null,
	milestones: readonly MilestoneProgress[]
): MeasureProgress['progress'] {
	if (report?.progress !== null && report?.progress !== undefined) {
		return { percent: report.progress, source: 'entered' };
	}
	if (report?.status === 'abgeschlossen') return { percent: 100, source: 'status' };
	if (milestones.length > 0) {
		const reached = milestones.filter((milestone) => milestone.reachedOn !== null).length;
		return { percent: Math.round((reached / milestones.length) * 100), source: 'milestones' };
	}
	return { percent: 0, source: report ? 'status' : 'none' };
}

/** Soll per year from the finance module; Ist from the latest approved statement of the year. */
function yearComparison(
	measure: Measure,
	sources: readonly FundingSource[],
	facts: readonly MonitoringFact[]
): YearComparison[] {
	const planned = measureFinance(measure, sources);
	const actual = new Map<number, FinanceFact>();
	for (const fact of facts) if (fact.kind === 'finance') actual.set(fact.year, fact);
	const years = [...new Set([...planned.byYear.map((entry) => entry.year), ...actual.keys()])];
	return years
		.sort((a, b) => a - b)
		.map((year) => {
			const soll = planned.byYear.find((entry) => entry.year === year);
			const ist = actual.get(year);
			const plannedCostCents = soll?.costCents ?? 0;
			return {
				year,
				plannedCostCents,
				plannedFundingCents: soll?.fundingCents ?? 0,
				actualCostCents: ist?.actualCostCents ?? null,
				fundingReceivedCents: ist?.fundingReceivedCents ?? null,
				costDeviationCents: ist ? ist.actualCostCents - plannedCostCents : null
			};
		});
}
