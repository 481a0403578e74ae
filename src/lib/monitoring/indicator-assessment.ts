import type { Indicator } from '../agenda/model/schema';
import type { IndicatorDirection } from '../agenda/model/vocabulary';
import { periodEnd } from './period';
import { targetNumber } from './target';

/**
 * How far an indicator has come, after open-sdg: from the plan's baseline (Ausgangswert) towards
 * its target (Zielwert), in the direction the indicator should move. Pure; the public measure
 * page, the team page and the Sachstandsbericht all read these numbers.
 */
export type IndicatorVerdict = 'erreicht' | 'auf-kurs' | 'hinter-plan';
export const INDICATOR_VERDICTS = ['erreicht', 'auf-kurs', 'hinter-plan'] as const;

export interface IndicatorAssessment {
	baseline: number | null;
	baselineYear: number | null;
	/** The effective target: the plan's number, else the number its text starts with. */
	target: number | null;
	targetYear: number | null;
	/** As entered, else read from baseline and target; null when neither says. */
	direction: IndicatorDirection | null;
	/** The latest counting (approved, ≤ Stichtag) value. */
	latest: { asOf: string; value: number } | null;
	/**
	 * Percent of the way from baseline to target reached by the latest value: 0 at the baseline,
	 * 100 at the target, below 0 when it moved the wrong way, above 100 beyond the target. Null
	 * without baseline, target or value, or when baseline and target are the same number.
	 */
	attainment: number | null;
	/** Null when the data do not allow a verdict. */
	verdict: IndicatorVerdict | null;
}

type PlannedIndicator = Pick<
	Indicator,
	'target' | 'baseline' | 'baselineYear' | 'targetValue' | 'targetYear' | 'direction'
>;

/**
 * The one place that decides an indicator's target number. Plans written before `targetValue`
 * existed keep a chart line when their target text starts with a number („80 % bis 2028“).
 */
export function effectiveTarget(
	indicator: Pick<Indicator, 'target' | 'targetValue'>
): number | null {
	return indicator.targetValue ?? targetNumber(indicator.target);
}

/** The entered direction, else the one from baseline to target (none when they are equal). */
export function effectiveDirection(
	direction: IndicatorDirection | null,
	baseline: number | null,
	target: number | null
): IndicatorDirection | null {
	if (direction !== null) return direction;
	if (baseline === null || target === null || baseline === target) return null;
	return target > baseline ? 'steigend' : 'fallend';
}

/**
 * Percent of the way from `baseline` to `target`; monotonic in `value` in the direction from
 * baseline to target. Null when baseline and target are equal (no way to measure) or when an
 * entered direction contradicts them (a rising indicator with a target below its baseline):
 * such a plan gives no number rather than a misleading one.
 */
export function attainmentPercent(
	baseline: number,
	target: number,
	value: number,
	direction: IndicatorDirection | null = null
): number | null {
	if (baseline === target) return null;
	if (direction !== null && direction !== effectiveDirection(null, baseline, target)) return null;
	return ((value - baseline) * 100) / (target - baseline);
}

/** The attainment as a bar or a number on a page shows it: 0–100, the real value kept apart. */
export function displayPercent(attainment: number): number {
	return Math.min(100, Math.max(0, Math.round(attainment)));
}

/** The target met in the indicator's direction (beyond it counts too). */
function reached(value: number, target: number, direction: IndicatorDirection): boolean {
	return direction === 'steigend' ? value >= target : value <= target;
}

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

/**
 * The share of the way the linear path from the baseline (end of the baseline year) to the
 * target (end of the target year) has covered on `day`, 0–1.
 */
export function expectedShare(baselineYear: number, targetYear: number, day: string): number {
	const start = dayNumber(periodEnd(baselineYear, null));
	const end = dayNumber(periodEnd(targetYear, null));
	if (end <= start) return 1;
	return Math.min(1, Math.max(0, (dayNumber(day) - start) / (end - start)));
}

export function assessIndicator(
	indicator: PlannedIndicator,
	values: readonly { asOf: string; value: number }[]
): IndicatorAssessment {
	const { baseline, baselineYear, targetYear } = indicator;
	const target = effectiveTarget(indicator);
	const direction = effectiveDirection(indicator.direction, baseline, target);
	const latest = values.at(-1) ?? null;
	const attainment =
		latest && baseline !== null && target !== null
			? attainmentPercent(baseline, target, latest.value, direction)
			: null;
	let verdict: IndicatorVerdict | null = null;
	if (latest && target !== null && direction !== null && reached(latest.value, target, direction)) {
		verdict = 'erreicht';
	} else if (latest && attainment !== null && baselineYear !== null && targetYear !== null) {
		const expected = expectedShare(baselineYear, targetYear, latest.asOf) * 100;
		verdict = attainment >= expected ? 'auf-kurs' : 'hinter-plan';
	}
	return {
		baseline,
		baselineYear,
		target,
		targetYear,
		direction,
		latest: latest ? { asOf: latest.asOf, value: latest.value } : null,
		attainment,
		verdict
	};
}
