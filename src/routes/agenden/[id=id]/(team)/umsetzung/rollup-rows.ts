import type { RollUp } from '$lib/monitoring/rollup';
import type { ImplementationStatus } from '$lib/monitoring/vocabulary';
import type { MonitoringOverview } from '$lib/server/monitoring/overview';

/**
 * One row of a roll-up table on the team's monitoring page: a field of action, a goal or the
 * whole agenda, with the numbers exactly as `monitoringOverview` rolled them up (nothing is
 * recomputed here, only the weights summed for display).
 */
export interface RollUpRow {
	id: string;
	title: string;
	percent: number | null;
	measures: number;
	weightSum: number;
	statusCounts: Record<ImplementationStatus, number>;
	lateStarts: number;
	lateFinishes: number;
}

function row(id: string, title: string, rollUp: RollUp): RollUpRow {
	return {
		id,
		title,
		percent: rollUp.percent,
		measures: rollUp.weights.length,
		weightSum: rollUp.weights.reduce((sum, entry) => sum + entry.weight, 0),
		statusCounts: rollUp.statusCounts,
		lateStarts: rollUp.lateStarts,
		lateFinishes: rollUp.lateFinishes
	};
}

/** The three levels of the roll-up, fields and goals in the plan's order. */
export function rollUpRows(
	overview: Pick<MonitoringOverview, 'plan' | 'agenda' | 'fields' | 'goals'>,
	agendaTitle: string
): { agenda: RollUpRow; fields: RollUpRow[]; goals: RollUpRow[] } {
	const level = (
		entries: readonly { id: string; title: string }[],
		rollUps: ReadonlyMap<string, RollUp>
	) =>
		entries.flatMap((entry) => {
			const rollUp = rollUps.get(entry.id);
			return rollUp ? [row(entry.id, entry.title, rollUp)] : [];
		});
	return {
		agenda: row('agenda', agendaTitle, overview.agenda),
		fields: level(overview.plan.fields, overview.fields),
		goals: level(overview.plan.goals, overview.goals)
	};
}
