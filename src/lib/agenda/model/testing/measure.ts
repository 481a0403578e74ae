import type { Measure } from '../schema';

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
