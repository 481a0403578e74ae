import { describe, expect, it } from 'vitest';
import type { MeasureProgress } from './progress';
import { periodStart, roadmap } from './roadmap';

const plan = (
	id: string,
	start: [number | null, number | null],
	end: [number | null, number | null]
) => ({
	id,
	title: `Maßnahme ${id}`,
	startYear: start[0],
	startQuarter: start[1],
	endYear: end[0],
	endQuarter: end[1]
});

const progress = (
	measureId: string,
	values: Partial<
		Pick<MeasureProgress, 'actualStart' | 'actualFinish' | 'lateStart' | 'lateFinish'>
	>
) =>
	({
		measureId,
		actualStart: null,
		actualFinish: null,
		lateStart: false,
		lateFinish: false,
		...values
	}) as MeasureProgress;

describe('periodStart', () => {
	it('is the first day of the quarter or year', () => {
		expect(periodStart(2027, 1)).toBe('2027-01-01');
		expect(periodStart(2027, 4)).toBe('2027-10-01');
		expect(periodStart(2027, null)).toBe('2027-01-01');
	});
});

describe('roadmap', () => {
	const map = roadmap(
		[
			plan('a', [2027, 1], [2027, 4]),
			plan('b', [2028, 3], [2029, null]),
			plan('c', [null, null], [null, null])
		],
		[
			progress('a', { actualStart: '2027-02-15', actualFinish: '2028-06-30', lateFinish: true }),
			progress('b', { actualStart: '2028-08-01' })
		],
		'2028-12-31'
	);

	it('spans whole years from the earliest to the latest day, Stichtag included', () => {
		expect(map.firstYear).toBe(2027);
		expect(map.lastYear).toBe(2029);
		expect(map.years.map((year) => year.year)).toEqual([2027, 2028, 2029]);
		expect(map.years[0]?.x).toBe(0);
		expect(map.years[1]?.x).toBeCloseTo(365 / 1096);
		expect(map.stichtagX).toBeCloseTo(730 / 1096);
	});

	it('draws the planned time from the start to the end of the quarters', () => {
		const [a, b, c] = map.rows;
		expect(a?.planned).toMatchObject({ from: '2027-01-01', to: '2027-12-31', x: 0 });
		expect(a?.planned?.width).toBeCloseTo(365 / 1096);
		expect(b?.planned).toMatchObject({ from: '2028-07-01', to: '2029-12-31' });
		expect((b?.planned?.x ?? 0) + (b?.planned?.width ?? 0)).toBeCloseTo(1);
		expect(c?.planned).toBeNull();
	});

	it('draws the actual time to the finish, or to the Stichtag while it runs', () => {
		const [a, b, c] = map.rows;
		expect(a?.actual).toMatchObject({ from: '2027-02-15', to: '2028-06-30', ongoing: false });
		expect(a?.lateFinish).toBe(true);
		expect(b?.actual).toMatchObject({ from: '2028-08-01', to: '2028-12-31', ongoing: true });
		expect(c?.actual).toBeNull();
	});

	it('has an axis of the Stichtag alone when no measure has dates', () => {
		const empty = roadmap([plan('x', [null, null], [null, null])], [], '2027-05-01');
		expect([empty.firstYear, empty.lastYear]).toEqual([2027, 2027]);
		expect(empty.rows[0]).toMatchObject({ planned: null, actual: null, lateStart: false });
	});
});
