import type { FactState, ImplementationStatus, MonitoredKind } from './vocabulary';

/**
 * A dated fact about one monitored item, as the monitoring maths reads it. Each kind carries its
 * own values; `asOf` is the day the fact speaks of (the Stichtag of a report, the day a milestone
 * was reached, the day an indicator was measured, the day of a finance statement).
 */
interface FactBase {
	id: string;
	itemKind: MonitoredKind;
	/** The measure's or inventory item's id in the resolved Fassung. */
	itemId: string;
	/** ISO date `YYYY-MM-DD`. */
	asOf: string;
	state: FactState;
	/** When an owner approved it; orders facts of the same day. */
	decidedAt: Date | null;
}

export interface ReportFact extends FactBase {
	kind: 'report';
	status: ImplementationStatus;
	/** Why a measure is late or stopped; null otherwise. */
	statusReason: string | null;
	/** 0–100 as entered; null: derived from the milestones. */
	progress: number | null;
	/** The Sachstand in words. */
	text: string;
}

export interface MilestoneFact extends FactBase {
	kind: 'milestone';
	milestoneId: string;
}

export interface IndicatorFact extends FactBase {
	kind: 'indicator';
	indicatorId: string;
	value: number;
}

export interface FinanceFact extends FactBase {
	kind: 'finance';
	year: number;
	actualCostCents: number;
	fundingReceivedCents: number;
}

export type MonitoringFact = ReportFact | MilestoneFact | IndicatorFact | FinanceFact;

/**
 * The facts that count at a Stichtag: approved, and about a day up to it, in the order they
 * happened (by day, then by approval). Everything shown or summed starts here, so a draft or a
 * returned fact never reaches a number.
 */
export function countingFacts<F extends MonitoringFact>(
	facts: readonly F[],
	stichtag: string
): F[] {
	return facts
		.filter((fact) => fact.state === 'approved' && fact.asOf <= stichtag)
		.sort(
			(a, b) =>
				a.asOf.localeCompare(b.asOf) ||
				(a.decidedAt?.getTime() ?? 0) - (b.decidedAt?.getTime() ?? 0) ||
				a.id.localeCompare(b.id)
		);
}
