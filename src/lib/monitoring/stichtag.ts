/**
 * The Stichtag a page or report is computed for: a real calendar day `YYYY-MM-DD` (no 30th of
 * February), else null. Dates outside 1900–9999 are refused: no plan speaks of them, and the
 * charts would have to span centuries.
 */
export function parseStichtag(value: string): string | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return null;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (year < 1900) return null;
	const date = new Date(Date.UTC(year, month - 1, day));
	const real =
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
	return real ? value : null;
}
