/**
 * Numbers as people type and read them in Germany: `12,5`, `1.234,5`, `-3`. Indicator values and
 * roll-up weights are plain decimals (money has its own module, `agenda/model/money.ts`).
 */
const GERMAN_DECIMAL = /^(-|−)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;

/** `12,5` → 12.5, `1.234,5` → 1234.5; null for anything else (`12.5`, `1,2,3`, letters). */
export function parseGermanDecimal(input: string): number | null {
	const match = GERMAN_DECIMAL.exec(input.replace(/\s|\u00a0/g, ''));
	if (!match) return null;
	const digits = `${(match[2] ?? '').replaceAll('.', '')}.${match[3] ?? '0'}`;
	const value = Number(digits) * (match[1] ? -1 : 1);
	return Number.isFinite(value) ? value : null;
}

/** 1234.5 → `1.234,5` (up to `maxDecimals` places, no trailing zeros). */
export function formatGermanDecimal(value: number, maxDecimals = 3): string {
	return new Intl.NumberFormat('de-DE', { maximumFractionDigits: maxDecimals }).format(value);
}
