import { YEAR_MAX, YEAR_MIN } from '$lib/agenda/model/vocabulary';

/** Bounds of a date field (`min`/`max` of the input): the years an agenda may plan in. */
export const DATE_MIN = `${YEAR_MIN}-01-01`;
export const DATE_MAX = `${YEAR_MAX}-12-31`;

/**
 * The value of an `<input type="date">` as the model stores it: an ISO date `YYYY-MM-DD` that
 * exists and lies within the years an agenda plans in (a year typed as `0202` is a typo), or null
 * for anything else. An empty field is not a date either; callers decide whether it may be empty.
 */
export function dateFromInput(value: string): string | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
	if (!match) return null;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	if (year < YEAR_MIN || year > YEAR_MAX || month < 1 || month > 12 || day < 1) return null;
	// Day 0 of the next month is the last day of this one (UTC: no time zone can shift it).
	const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
	return day <= daysInMonth ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/**
 * The value of an `<input type="time">` as the model stores it: `HH:MM` (a browser that shows
 * seconds sends `HH:MM:SS`; a Sitzung starts on the minute), or null for anything else.
 */
export function timeFromInput(value: string): string | null {
	const match = /^([01]\d|2[0-3]):([0-5]\d)(?::[0-5]\d(?:\.\d+)?)?$/.exec(value.trim());
	return match ? `${match[1]}:${match[2]}` : null;
}
