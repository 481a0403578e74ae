import { z } from 'zod';

/**
 * The Stichtag a visitor asks for (`?stichtag=YYYY-MM-DD`): a real calendar day, checked by the
 * same rule as a fact's day, so that a report can be asked for every day a fact can speak of.
 * Without one, the report is of `today`.
 */
const day = z.iso.date();

export function parseStichtag(
	value: string | null,
	today: string
): { ok: true; stichtag: string } | { ok: false } {
	if (value === null || value === '') return { ok: true, stichtag: today };
	const parsed = day.safeParse(value);
	return parsed.success ? { ok: true, stichtag: parsed.data } : { ok: false };
}
