import type { Indicator, Measure } from '../schema';

/**
 * A measure for tests: every field at its schema default (nothing planned, no costs), ordered and
 * titled after its id, with whatever the test sets in `values`.
 */
export function testMeasure(id: string, values: Partial<Measure> = {}): Measure {
	return {
		id,
		order: `a${id}`,
		title: `Maßnahme ${id}`,
		summary: '',
		description: [],
		fieldId: null,
		goalIds: [],
		patronIds: [],
		implementationGroup: '',
		priority: 'mittel',
		status: 'geplant',
		startYear: null,
		startQuarter: null,
		endYear: null,
		endQuarter: null,
		milestones: [],
		indicators: [],
		costLines: [],
		followUpCosts: [],
		...values
	};
}

/** An indicator for tests: no baseline or target numbers unless the test sets them. */
export function testIndicator(id: string, values: Partial<Indicator> = {}): Indicator {
	return {
		id,
		order: `a${id}`,
		name: `Indikator ${id}`,
		target: '',
		unit: '',
		baseline: null,
		baselineYear: null,
		targetValue: null,
		targetYear: null,
		direction: null,
		...values
	};
}
