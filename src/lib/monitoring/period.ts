/** The last day of a quarter (or of the year without one), as an ISO date. */
export function periodEnd(year: number, quarter: number | null): string {
	const month = quarter === null ? 12 : quarter * 3;
	const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return `${year}-${String(month).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}
