import { describe, expect, it } from 'vitest';
import { indicatorChart } from './indicator-chart';

describe('indicatorChart', () => {
	it('places values by day and value, from zero up to the target', () => {
		const chart = indicatorChart(
			[
				{ asOf: '2027-01-01', value: 20 },
				{ asOf: '2027-07-02', value: 40 },
				{ asOf: '2028-01-01', value: 50 }
			],
			80
		);
		expect([chart.min, chart.max]).toEqual([0, 80]);
		expect(chart.points.map((point) => point.x)).toEqual([0, 182 / 365, 1]);
		expect(chart.points.map((point) => point.y)).toEqual([0.25, 0.5, 0.625]);
		expect(chart.target).toEqual({ value: 80, y: 1 });
	});

	it('keeps negative values and targets inside', () => {
		const chart = indicatorChart([{ asOf: '2027-01-01', value: -5 }], -20);
		expect([chart.min, chart.max]).toEqual([-20, 0]);
		expect(chart.points[0]).toMatchObject({ x: 0.5, y: 0.75 });
		expect(chart.target?.y).toBe(0);
	});

	it('marks the baseline and keeps it inside the range', () => {
		const chart = indicatorChart([{ asOf: '2027-01-01', value: 300 }], 100, 400);
		expect([chart.min, chart.max]).toEqual([0, 400]);
		expect(chart.baseline).toEqual({ value: 400, y: 1 });
		expect(chart.target).toEqual({ value: 100, y: 0.25 });
		expect(indicatorChart([], 10).baseline).toBeNull();
	});

	it('draws nothing without values and no line without a numeric target', () => {
		const chart = indicatorChart([], null);
		expect(chart.points).toEqual([]);
		expect(chart.target).toBeNull();
		expect([chart.min, chart.max]).toEqual([0, 1]);
	});
});
