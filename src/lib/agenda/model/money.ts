/**
 * Money is integer cents everywhere; this module is the only place that turns cents into text or
 * text into cents. Formatting is German (`1.234,56 €`) with a no-break space before the euro sign,
 * so an amount never wraps away from its unit.
 */
const EURO = '\u00a0€';

export function formatCents(cents: number): string {
	const negative = cents < 0;
	const absolute = Math.abs(Math.trunc(cents));
	const euros = Math.floor(absolute / 100);
	const rest = absolute % 100;
	const grouped = String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
	return `${negative ? '−' : ''}${grouped},${String(rest).padStart(2, '0')}`;
}

export function formatEuro(cents: number): string {
	return formatCents(cents) + EURO;
}

/** Whole euros without cents, for charts and compact tables: `1.235 €` (half up). */
export function formatEuroRounded(cents: number): string {
	// Half away from zero, the same for losses as for amounts.
	const euros = Math.sign(cents) * Math.round(Math.abs(cents) / 100);
	return `${euros < 0 ? '−' : ''}${String(Math.abs(euros)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}${EURO}`;
}

/**
 * Reads an amount as people type it in Germany: `1.234,56`, `1234,5`, `1234`, `1.234 €`.
 * Returns cents, or null for anything else (negative amounts, three decimals, letters).
 */
export function parseEuro(input: string): number | null {
	const cleaned = input.replace(/\s|€|\u00a0/g, '');
	const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(cleaned);
	if (!match) return null;
	const euros = Number((match[1] ?? '').replaceAll('.', ''));
	const cents = Number((match[2] ?? '').padEnd(2, '0'));
	const total = euros * 100 + cents;
	return Number.isSafeInteger(total) ? total : null;
}

/** Basis points as a German percentage: 9000 → `90 %`, 8550 → `85,5 %`. */
export function formatRate(basisPoints: number): string {
	const percent = (basisPoints / 100)
		.toFixed(2)
		.replace(/\.?0+$/, '')
		.replace('.', ',');
	return `${percent}\u00a0%`;
}

/** `90`, `85,5` → basis points; null when not a percentage between 0 and 100. */
export function parseRate(input: string): number | null {
	const match = /^(\d{1,3})(?:,(\d{1,2}))?$/.exec(input.replace(/\s|%/g, ''));
	if (!match) return null;
	const basisPoints = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
	return basisPoints <= 10_000 ? basisPoints : null;
}
