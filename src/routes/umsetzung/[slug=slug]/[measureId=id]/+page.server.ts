import { error } from '@sveltejs/kit';
import { countingFacts, type ReportFact } from '$lib/monitoring/facts';
import { indicatorChart } from '$lib/monitoring/indicator-chart';
import { periodStart } from '$lib/monitoring/roadmap';
import { sumSollIst } from '$lib/monitoring/soll-ist';
import { periodEnd } from '$lib/monitoring/progress';
import { m } from '$lib/paraglide/messages';
import { requireProgress } from '../progress.server';
import { followData, followActions } from './follow.server';
import type { Actions, PageServerLoad } from './$types';

/**
 * One measure of the resolved plan at the Stichtag: status, milestones planned and reached,
 * indicator charts with their target line, Soll/Ist per year and the approved Sachstand reports,
 * newest first. A page of its own rather than an anchor on the overview: the overview stays
 * small for fifty measures, and each measure has an address to share and to follow.
 */
export const load: PageServerLoad = async (event) => {
	const { overview } = requireProgress(event);
	const measure = overview.plan.measures.find((entry) => entry.id === event.params.measureId);
	const progress = overview.measures.find((entry) => entry.measureId === event.params.measureId);
	if (!measure || !progress) error(404, m.monitoring_public_error_measure_not_found());
	const field = overview.plan.fields.find((entry) => entry.id === measure.fieldId);
	const patrons = overview.plan.people.filter((person) => measure.patronIds.includes(person.id));
	const reports = countingFacts(
		overview.facts.filter(
			(fact): fact is typeof fact & ReportFact =>
				fact.kind === 'report' && fact.itemKind === 'measure' && fact.itemId === measure.id
		),
		overview.stichtag
	).reverse();
	return {
		measure: {
			id: measure.id,
			title: measure.title,
			summary: measure.summary,
			field: field?.title ?? null,
			patrons: patrons.map((person) =>
				person.organisation ? `${person.name} (${person.organisation})` : person.name
			),
			plannedStart:
				measure.startYear === null ? null : periodStart(measure.startYear, measure.startQuarter),
			plannedFinish:
				measure.endYear === null ? null : periodEnd(measure.endYear, measure.endQuarter)
		},
		progress: {
			status: progress.status,
			statusReason: progress.statusReason,
			percent: progress.progress.percent,
			source: progress.progress.source,
			actualStart: progress.actualStart,
			actualFinish: progress.actualFinish,
			lateStart: progress.lateStart,
			lateFinish: progress.lateFinish
		},
		milestones: progress.milestones,
		indicators: progress.indicators.map(({ indicatorId, values, ...indicator }) => ({
			...indicator,
			id: indicatorId,
			chart: indicatorChart(values, indicator.target, indicator.baseline)
		})),
		years: progress.years,
		sollIst: sumSollIst(progress.years),
		follow: await followData(event),
		reports: reports.map((report) => ({
			id: report.id,
			asOf: report.asOf,
			status: report.status,
			statusReason: report.statusReason,
			progress: report.progress,
			text: report.text
		}))
	};
};

export const actions: Actions = followActions;
