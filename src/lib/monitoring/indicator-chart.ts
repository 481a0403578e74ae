/**
 * The geometry of an indicator's line chart: approved values over time, the effective target
 * (`effectiveTarget`) as a horizontal line and the baseline as a second one. Positions are
 * fractions 0–1 (x from the first to the last value's day, y from the bottom of the value range
 * up), so the component only scales them; the value range includes zero where all values are
 * positive, the target and the baseline, so no line leaves the chart.
 */
export interface IndicatorChart {
	points: { asOf: string; value: number; x: number; y: number }[];
	/** null: no numeric target. */
	target: { value: number; y: number } | null;
	/** null: the plan gives no baseline. */
	baseline: { value: number; y: number } | null;
	/** The value range shown, bottom and top. */
	min: number;
	max: number;
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

export function indicatorChart(
	values: readonly { asOf: string; value: number }[],
	target: number | null,
	baseline: number | null = null
): IndicatorChart {
	const numbers = [
		...values.map((entry) => entry.value),
		...[target, baseline].filter((value) => value !== null)
	];
	const min = Math.min(0, ...numbers);
	let max = Math.max(0, ...numbers);
	if (min === max) max = min + 1;
	const first = values[0] ? dayNumber(values[0].asOf) : 0;
	const last = values.at(-1) ? dayNumber(values.at(-1)?.asOf ?? '') : 0;
	const y = (value: number) => (value - min) / (max - min);
	return {
		points: values.map((entry) => ({
			...entry,
			// A single value sits in the middle.
			x: last === first ? 0.5 : (dayNumber(entry.asOf) - first) / (last - first),
			y: y(entry.value)
		})),
		target: target === null ? null : { value: target, y: y(target) },
		baseline: baseline === null ? null : { value: baseline, y: y(baseline) },
		min,
		max
	};
}
