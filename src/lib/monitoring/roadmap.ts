import type { Measure } from '../agenda/model/schema';
import type { MeasureProgress } from './progress';
import { periodEnd } from './progress';

/**
 * The roadmap of the resolved plan: one row per measure with its planned time (start quarter to
 * end quarter) and its actual time (from the reported start to the reported finish, or to the
 * Stichtag while it runs), on one time axis of whole years. Positions are fractions 0–1 of the
 * axis, so the chart can be drawn at any width; the same numbers go into its text table.
 */
export interface RoadmapSpan {
	from: string;
	to: string;
	/** Fractions of the axis. */
	x: number;
	width: number;
}

export interface RoadmapRow {
	measureId: string;
	title: string;
	planned: RoadmapSpan | null;
	/** null: no start reported yet. */
	actual: (RoadmapSpan & { ongoing: boolean }) | null;
	lateStart: boolean;
	lateFinish: boolean;
}

export interface Roadmap {
	/** First and last year on the axis (whole years). */
	firstYear: number;
	lastYear: number;
	/** Where each year begins, as fractions of the axis. */
	years: { year: number; x: number }[];
	/** The Stichtag's position. */
	stichtagX: number;
	rows: RoadmapRow[];
}

/** The first day of a quarter (or of the year without one). */
export function periodStart(year: number, quarter: number | null): string {
	const month = quarter === null ? 1 : (quarter - 1) * 3 + 1;
	return `${year}-${String(month).padStart(2, '0')}-01`;
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

export function roadmap(
	measures: readonly Pick<
		Measure,
		'id' | 'title' | 'startYear' | 'startQuarter' | 'endYear' | 'endQuarter'
	>[],
	progress: readonly MeasureProgress[],
	stichtag: string
): Roadmap {
	const byId = new Map(progress.map((entry) => [entry.measureId, entry]));
	const spans = measures.map((measure) => {
		const entry = byId.get(measure.id);
		const startYear = measure.startYear ?? measure.endYear;
		const endYear = measure.endYear ?? measure.startYear;
		const planned =
			startYear === null || endYear === null
				? null
				: {
						from: periodStart(
							startYear,
							measure.startYear === null ? measure.endQuarter : measure.startQuarter
						),
						to: periodEnd(
							endYear,
							measure.endYear === null ? measure.startQuarter : measure.endQuarter
						)
					};
		const actualStart = entry?.actualStart ?? null;
		const actual =
			actualStart === null
				? null
				: {
						from: actualStart,
						to: entry?.actualFinish ?? stichtag,
						ongoing: (entry?.actualFinish ?? null) === null
					};
		return { measure, entry, planned, actual };
	});
	const days = [
		stichtag,
		...spans.flatMap(({ planned, actual }) =>
			[planned, actual].flatMap((span) => (span ? [span.from, span.to] : []))
		)
	];
	const firstYear = Math.min(...days.map((day) => Number(day.slice(0, 4))));
	const lastYear = Math.max(...days.map((day) => Number(day.slice(0, 4))));
	const axisStart = dayNumber(`${firstYear}-01-01`);
	const axisLength = dayNumber(`${lastYear + 1}-01-01`) - axisStart;
	const at = (day: string) => (dayNumber(day) - axisStart) / axisLength;
	// A span ends at the end of its last day, so a one-day span still has a width.
	const span = (from: string, to: string): RoadmapSpan => {
		const [start, end] = from <= to ? [from, to] : [to, from];
		return { from, to, x: at(start), width: at(end) - at(start) + 1 / axisLength };
	};
	return {
		firstYear,
		lastYear,
		years: Array.from({ length: lastYear - firstYear + 1 }, (_, index) => ({
			year: firstYear + index,
			x: at(`${firstYear + index}-01-01`)
		})),
		stichtagX: at(stichtag),
		rows: spans.map(({ measure, entry, planned, actual }) => ({
			measureId: measure.id,
			title: measure.title,
			planned: planned ? span(planned.from, planned.to) : null,
			actual: actual ? { ...span(actual.from, actual.to), ongoing: actual.ongoing } : null,
			lateStart: entry?.lateStart ?? false,
			lateFinish: entry?.lateFinish ?? false
		}))
	};
}
