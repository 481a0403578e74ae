import { roadmap } from '$lib/monitoring/roadmap';
import { sollIstByYear, sumSollIst } from '$lib/monitoring/soll-ist';
import { requireProgress } from './progress.server';
import type { PageServerLoad } from './$types';

/**
 * The overview of an agenda under implementation: status counts and progress of the whole
 * agenda, progress per field of action with the weights it used, the roadmap and Soll/Ist. Only
 * the numbers the page shows travel (no facts, no plan).
 */
export const load: PageServerLoad = async (event) => {
	const { overview } = await requireProgress(event);
	const { plan, measures: progress } = overview;
	const progressOf = new Map(progress.map((entry) => [entry.measureId, entry]));
	const fieldTitles = new Map(plan.fields.map((field) => [field.id, field.title]));
	const measures = plan.measures.flatMap((measure) => {
		const entry = progressOf.get(measure.id);
		if (!entry) return [];
		return [
			{
				id: measure.id,
				title: measure.title,
				fieldId: measure.fieldId,
				field: measure.fieldId === null ? null : (fieldTitles.get(measure.fieldId) ?? null),
				status: entry.status,
				statusReason: entry.statusReason,
				percent: entry.progress.percent,
				source: entry.progress.source,
				lateStart: entry.lateStart,
				lateFinish: entry.lateFinish,
				sollIst: sumSollIst(entry.years)
			}
		];
	});
	const titleOf = new Map(measures.map((measure) => [measure.id, measure.title]));
	const percentOf = new Map(measures.map((measure) => [measure.id, measure.percent]));
	return {
		agendaProgress: overview.agenda,
		fields: plan.fields.flatMap((field) => {
			const rolled = overview.fields.get(field.id);
			if (!rolled || rolled.weights.length === 0) return [];
			return [
				{
					id: field.id,
					title: field.title,
					percent: rolled.percent,
					statusCounts: rolled.statusCounts,
					weights: rolled.weights.map(({ measureId, weight }) => ({
						measureId,
						title: titleOf.get(measureId) ?? '',
						weight,
						percent: percentOf.get(measureId) ?? 0
					}))
				}
			];
		}),
		measures,
		// The Bestandsaufnahme's items have reports only: status, progress and the last report's day.
		inventory: plan.inventory.flatMap((item) => {
			const entry = overview.inventory.find((candidate) => candidate.itemId === item.id);
			if (!entry) return [];
			return [
				{
					id: item.id,
					title: item.title,
					status: entry.status,
					statusReason: entry.statusReason,
					percent: entry.progress.percent,
					reportedOn: entry.latestReport?.asOf ?? null
				}
			];
		}),
		roadmap: roadmap(plan.measures, progress, overview.stichtag),
		sollIstYears: sollIstByYear(progress),
		sollIstTotal: sumSollIst(progress.flatMap((entry) => entry.years))
	};
};
