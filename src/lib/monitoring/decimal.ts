/**
 * Numbers as people type and read them in Germany: `12,5`, `1.234,5`, `-3`. Indicator values and
 * roll-up weights are plain decimals (money has its own module, `agenda/model/money.ts`).
 */
const GERMAN_DECIMAL = /^([-−]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?:[eE]([-+]?\d+))?$/;

/**
 * `12,5` → 12.5, `1.234,5` → 1234.5, `1e-7` (as a CSV export writes a tiny value); null for
 * anything else. A lone dot (`12.5`) is refused rather than guessed: it could be a thousands dot
 * or a decimal point.
 */
export function parseGermanDecimal(input: string): number | null {
	const match = GERMAN_DECIMAL.exec(input.replace(/\s|\u00a0/g, ''));
	if (!match) return null;
	const [, sign, whole = '', fraction, exponent] = match;
	const value = Number(
		`${sign === '' ? '' : '-'}${whole.replaceAll('.', '')}${fraction === undefined ? '' : `.${fraction}`}${exponent === undefined ? '' : `e${exponent}`}`
	);
	return Number.isFinite(value) ? value : null;
}

/** 1234.5 → `1.234,5` (up to `maxDecimals` places, no trailing zeros). */
export function formatGermanDecimal(value: number, maxDecimals = 3): string {
	return new Intl.NumberFormat('de-DE', { maximumFractionDigits: maxDecimals }).format(value);
}
