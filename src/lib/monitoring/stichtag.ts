import { z } from 'zod';

/**
 * The Stichtag a visitor asks for (`?stichtag=YYYY-MM-DD`), for the progress page and the
 * Sachstandsbericht alike: a real calendar day, checked by the same rule as a fact's day, from
 * 1900 on (no plan speaks of earlier days, and the charts would have to span centuries). Without
 * one (or an empty one, as a date form sends it), the day is `today`.
 */
const day = z.iso.date();
const EARLIEST = '1900-01-01';

export function parseStichtag(
	value: string | null,
	today: string
): { ok: true; stichtag: string } | { ok: false } {
	if (value === null || value === '') return { ok: true, stichtag: today };
	const parsed = day.safeParse(value);
	return parsed.success && parsed.data >= EARLIEST
		? { ok: true, stichtag: parsed.data }
		: { ok: false };
}
