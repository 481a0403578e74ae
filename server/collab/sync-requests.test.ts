import { describe, expect, it } from 'vitest';
import { SyncRequestBudget } from './sync-requests';

const vector = (...bytes: number[]) => new Uint8Array(bytes);

describe('SyncRequestBudget', () => {
	it('answers the first question and a changed one, not a repetition', () => {
		const budget = new SyncRequestBudget({ burst: 10, refillMs: 1000 }, 0);
		expect(budget.decide(vector(0), 0)).toBe('answer');
		expect(budget.decide(vector(0), 0)).toBe('redundant');
		// The asker's state changed.
		expect(budget.decide(vector(1, 5, 3), 0)).toBe('answer');
		expect(budget.decide(vector(1, 5, 3), 0)).toBe('redundant');
		expect(budget.decide(vector(0), 0)).toBe('answer');
	});

	it('is exhausted after the burst and allows one more per refill interval', () => {
		const budget = new SyncRequestBudget({ burst: 3, refillMs: 1000 }, 0);
		const decisions = Array.from({ length: 5 }, (_, index) => budget.decide(vector(index), 10));
		expect(decisions).toEqual(['answer', 'answer', 'answer', 'exhausted', 'exhausted']);
		expect(budget.decide(vector(9), 999)).toBe('exhausted');
		expect(budget.decide(vector(9), 1000)).toBe('answer');
		expect(budget.decide(vector(8), 1500)).toBe('exhausted');
		// A long quiet time refills only up to the burst.
		const later = Array.from({ length: 4 }, (_, index) => budget.decide(vector(index), 60_000));
		expect(later).toEqual(['answer', 'answer', 'answer', 'exhausted']);
	});
});
