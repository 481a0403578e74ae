/**
 * The number an indicator's target text starts with, for the target line of its chart. The plan
 * holds the target as free text („80 % bis 2028“, „1.200 Anträge“, „≥ 0,5 t je Kopf“); only a
 * text that starts with a number (after spaces and a comparison sign) gives a line, anything
 * else („deutlich mehr“) gives none rather than a guess.
 *
 * German notation first: `.` groups thousands (`1.200`), `,` is the decimal mark (`0,5`). A
 * single `.` not followed by exactly three digits is read as a decimal point (`2.5`), as people
 * type it too.
 */
export function targetNumber(text: string): number | null {
	const match =
		/^\s*(?:[≥≤<>~≈]=?\s*|ca\.\s*)?([-+−]?)(\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?:[.,]\d+)?)(?:,(\d+))?/iu.exec(
			text
		);
	if (!match) return null;
	const [, sign = '', whole = '', decimals] = match;
	let digits: string;
	if (/^\d{1,3}(?:\.\d{3})+$/.test(whole)) {
		digits = whole.replaceAll('.', '') + (decimals === undefined ? '' : `.${decimals}`);
	} else {
		digits = whole.replace(',', '.');
	}
	const value = Number(digits);
	if (!Number.isFinite(value)) return null;
	return sign === '-' || sign === '−' ? -value : value;
}
