import type { Measure } from '../agenda/model/schema';
import type { MeasureProgress } from './progress';
import { IMPLEMENTATION_STATUSES, type ImplementationStatus } from './vocabulary';

/**
 * Progress of a group of measures (a field of action, a goal, the whole agenda): the weighted
 * mean of the measures' progress, with the weights it used, so a page can show them. A measure
 * weighs 1 unless an owner set another weight; weight 0 leaves it out of the mean (but not out
 * of the status counts). A measure serving two goals counts in both.
 */
export interface RollUp {
	/** Weighted mean progress, 0–100 with one decimal; null when no measure has weight. */
	percent: number | null;
	/** The measures counted, with the weight each had. */
	weights: { measureId: string; weight: number }[];
	statusCounts: Record<ImplementationStatus, number>;
	lateStarts: number;
	lateFinishes: number;
}

export const DEFAULT_WEIGHT = 1;

export function rollUp(
	progress: readonly MeasureProgress[],
	weights: ReadonlyMap<string, number> = new Map()
): RollUp {
	const statusCounts = Object.fromEntries(
		IMPLEMENTATION_STATUSES.map((status) => [status, 0])
	) as Record<ImplementationStatus, number>;
	let weighted = 0;
	let total = 0;
	const used: RollUp['weights'] = [];
	for (const entry of progress) {
		statusCounts[entry.status] += 1;
		const weight = weights.get(entry.measureId) ?? DEFAULT_WEIGHT;
		used.push({ measureId: entry.measureId, weight });
		weighted += weight * entry.progress.percent;
		total += weight;
	}
	return {
		percent: total > 0 ? Math.round((weighted / total) * 10) / 10 : null,
		weights: used,
		statusCounts,
		lateStarts: progress.filter((entry) => entry.lateStart).length,
		lateFinishes: progress.filter((entry) => entry.lateFinish).length
	};
}

/** One roll-up per group key (field id, goal id), in the order the keys are given. */
export function rollUpBy(
	measures: readonly Pick<Measure, 'id' | 'fieldId' | 'goalIds'>[],
	progress: readonly MeasureProgress[],
	groupsOf: (measure: Pick<Measure, 'id' | 'fieldId' | 'goalIds'>) => readonly string[],
	keys: readonly string[],
	weights: ReadonlyMap<string, number> = new Map()
): Map<string, RollUp> {
	const byMeasure = new Map(progress.map((entry) => [entry.measureId, entry]));
	return new Map(
		keys.map((key) => {
			const members = measures
				.filter((measure) => groupsOf(measure).includes(key))
				.flatMap((measure) => byMeasure.get(measure.id) ?? []);
			return [key, rollUp(members, weights)];
		})
	);
}
