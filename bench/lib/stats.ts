/** Percentiles of a sample (nearest-rank), in the unit of the sample; null for an empty one. */
export function percentile(sorted: readonly number[], p: number): number | null {
	if (sorted.length === 0) return null;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

export function summarize(samples: readonly number[]) {
	const sorted = [...samples].sort((a, b) => a - b);
	return {
		count: sorted.length,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		max: sorted.at(-1) ?? null
	};
}

/** Rounds for the table: two decimals below 10, one below 100, whole numbers above. */
export function round(value: number | null): number | null {
	if (value === null || !Number.isFinite(value)) return null;
	const digits = Math.abs(value) < 10 ? 2 : Math.abs(value) < 100 ? 1 : 0;
	return Number(value.toFixed(digits));
}
