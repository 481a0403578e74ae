import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	assessIndicator,
	attainmentPercent,
	displayPercent,
	effectiveDirection,
	effectiveTarget,
	expectedShare
} from './indicator-assessment';

const plan = {
	target: '',
	baseline: 100 as number | null,
	baselineYear: 2020 as number | null,
	targetValue: 200 as number | null,
	targetYear: 2030 as number | null,
	direction: null as 'steigend' | 'fallend' | null
};

describe('effectiveTarget', () => {
	it('takes the plan’s number first, the target text’s leading number for older plans', () => {
		expect(effectiveTarget({ target: '80 % bis 2028', targetValue: 75 })).toBe(75);
		expect(effectiveTarget({ target: '80 % bis 2028', targetValue: null })).toBe(80);
		expect(effectiveTarget({ target: 'deutlich mehr', targetValue: null })).toBeNull();
	});
});

describe('effectiveDirection', () => {
	it('keeps an entered direction, else reads it from baseline to target', () => {
		expect(effectiveDirection('fallend', 1, 5)).toBe('fallend');
		expect(effectiveDirection(null, 1, 5)).toBe('steigend');
		expect(effectiveDirection(null, 5, 1)).toBe('fallend');
		expect(effectiveDirection(null, 5, 5)).toBeNull();
		expect(effectiveDirection(null, null, 5)).toBeNull();
	});
});

describe('attainmentPercent', () => {
	it('is 0 at the baseline and 100 at the target, either way round', () => {
		const pairs = fc.tuple(
			fc.double({ min: -1e9, max: 1e9, noNaN: true }),
			fc.double({ min: -1e9, max: 1e9, noNaN: true })
		);
		fc.assert(
			fc.property(pairs, ([baseline, target]) => {
				fc.pre(Math.abs(target - baseline) > 1e-6);
				expect(attainmentPercent(baseline, target, baseline)).toBeCloseTo(0, 6);
				expect(attainmentPercent(baseline, target, target)).toBeCloseTo(100, 6);
			})
		);
	});

	it('grows with the value in the indicator’s direction', () => {
		const numbers = fc.double({ min: -1e6, max: 1e6, noNaN: true });
		fc.assert(
			fc.property(numbers, numbers, numbers, numbers, (baseline, target, a, b) => {
				fc.pre(baseline !== target);
				const direction = effectiveDirection(null, baseline, target);
				const [low, high] = a <= b ? [a, b] : [b, a];
				const atLow = attainmentPercent(baseline, target, low, direction) ?? NaN;
				const atHigh = attainmentPercent(baseline, target, high, direction) ?? NaN;
				if (direction === 'steigend') expect(atHigh).toBeGreaterThanOrEqual(atLow);
				else expect(atLow).toBeGreaterThanOrEqual(atHigh);
			})
		);
	});

	it('keeps values beyond the target and behind the baseline; the display caps them', () => {
		expect(attainmentPercent(100, 200, 250)).toBe(150);
		expect(attainmentPercent(100, 200, 50)).toBe(-50);
		expect(displayPercent(150)).toBe(100);
		expect(displayPercent(-50)).toBe(0);
		expect(displayPercent(42.4)).toBe(42);
	});

	it('gives no number when baseline equals target or the direction contradicts them', () => {
		expect(attainmentPercent(5, 5, 7)).toBeNull();
		expect(attainmentPercent(10, 5, 7, 'steigend')).toBeNull();
		expect(attainmentPercent(10, 5, 7, 'fallend')).toBe(60);
	});
});

describe('expectedShare', () => {
	it('runs linearly from the end of the baseline year to the end of the target year', () => {
		expect(expectedShare(2020, 2030, '2020-12-31')).toBe(0);
		expect(expectedShare(2020, 2030, '2019-06-01')).toBe(0);
		expect(expectedShare(2020, 2030, '2030-12-31')).toBe(1);
		expect(expectedShare(2020, 2030, '2035-01-01')).toBe(1);
		expect(expectedShare(2020, 2022, '2021-12-31')).toBe(0.5);
	});
});

describe('assessIndicator', () => {
	const at = (asOf: string, value: number) => [{ asOf, value }];

	it('says „Ziel erreicht“ once the latest value meets the target in its direction', () => {
		const result = assessIndicator(plan, [...at('2021-12-31', 150), ...at('2024-06-30', 210)]);
		expect(result).toMatchObject({
			latest: { asOf: '2024-06-30', value: 210 },
			attainment: 110,
			verdict: 'erreicht',
			direction: 'steigend',
			target: 200
		});
	});

	it('compares the value with the linear path at its date: on course or behind', () => {
		// 2025-12-31 is half-way along 2020–2030: 150 expected.
		expect(assessIndicator(plan, at('2025-12-31', 160)).verdict).toBe('auf-kurs');
		expect(assessIndicator(plan, at('2025-12-31', 150)).verdict).toBe('auf-kurs');
		expect(assessIndicator(plan, at('2025-12-31', 140)).verdict).toBe('hinter-plan');
	});

	it('works downwards for a falling indicator', () => {
		const falling = { ...plan, baseline: 1000, targetValue: 200 };
		expect(assessIndicator(falling, at('2025-12-31', 500)).verdict).toBe('auf-kurs');
		expect(assessIndicator(falling, at('2025-12-31', 700)).verdict).toBe('hinter-plan');
		expect(assessIndicator(falling, at('2029-01-01', 150)).verdict).toBe('erreicht');
		expect(assessIndicator(falling, at('2025-12-31', 500)).attainment).toBe(62.5);
	});

	it('gives no verdict when data are missing', () => {
		expect(assessIndicator(plan, [])).toMatchObject({ latest: null, verdict: null });
		expect(
			assessIndicator({ ...plan, baselineYear: null }, at('2025-12-31', 160)).verdict
		).toBeNull();
		expect(assessIndicator({ ...plan, baseline: null }, at('2025-12-31', 160))).toMatchObject({
			attainment: null,
			verdict: null
		});
		expect(
			assessIndicator({ ...plan, targetValue: null, target: 'mehr' }, at('2025-12-31', 160)).verdict
		).toBeNull();
	});
});
