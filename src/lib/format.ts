import { BERLIN_TIME_ZONE } from './berlin-time';
import { getLocale, type Locale } from '$lib/paraglide/runtime';

/**
 * Every date the app shows or writes, always in Berlin time whatever the server's or the
 * visitor's zone: German as a municipality writes it (23.11.2026, „15. Januar 2027“, 18:00) or
 * English (23 Nov 2026). Without `locale` in the visitor's language; documents for the council
 * (Beschlussvorlage, Beteiligungsbericht) pass `'de'`.
 */
type Instant = Date | string | number;

const STYLES = {
	date: { dateStyle: 'medium' },
	dateTime: { dateStyle: 'medium', timeStyle: 'short' },
	longDate: { dateStyle: 'long' },
	time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * One formatter per style and language: making one costs about a hundred times as much as using
 * it, and a digest mail or a long report writes hundreds of dates.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function format(style: keyof typeof STYLES, date: Instant, locale: Locale = getLocale()): string {
	const key = `${style} ${locale}`;
	let formatter = formatters.get(key);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
			...STYLES[style],
			timeZone: BERLIN_TIME_ZONE
		});
		formatters.set(key, formatter);
	}
	return formatter.format(new Date(date));
}

/** `23.11.2026` / `23 Nov 2026` */
export function formatDate(date: Instant, locale?: Locale): string {
	return format('date', date, locale);
}

/** What a message that names a Fassung needs of it: its number, name and the day it was frozen. */
export function fassungMessageParams(
	version: { number: number; name: string; createdAt: Instant },
	locale?: Locale
): { number: number; name: string; date: string } {
	return {
		number: version.number,
		name: version.name,
		date: formatDate(version.createdAt, locale)
	};
}

/** `23.11.2026, 18:00` / `23 Nov 2026, 18:00` */
export function formatDateTime(date: Instant, locale?: Locale): string {
	return format('dateTime', date, locale);
}

/** `23. November 2026` / `23 November 2026`: dates the participation pages announce. */
export function formatLongDate(date: Instant, locale?: Locale): string {
	return format('longDate', date, locale);
}

/** `18:00` */
export function formatTime(date: Instant, locale?: Locale): string {
	return format('time', date, locale);
}

/** A moment as the participation messages name it: `{date}` (long) and `{time}`. */
export function formatMoment(date: Instant, locale?: Locale): { date: string; time: string } {
	return { date: formatLongDate(date, locale), time: formatTime(date, locale) };
}

/**
 * A calendar day as the model stores it (`2026-03-10`, no time, no zone) like `formatDate`
 * shows it; any other text as it is.
 */
export function formatDay(day: string, locale?: Locale): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
	if (!match) return day;
	// Noon UTC is the same calendar day in Berlin, summer or winter.
	const noon = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
	const exists =
		noon.getUTCDate() === Number(match[3]) && noon.getUTCMonth() === Number(match[2]) - 1;
	return exists ? formatDate(noon, locale) : day;
}

/** `2026–2030`: the years an agenda plans for. */
export function formatPeriod(start: number, end: number): string {
	return `${start}–${end}`;
}

const numberFormatters = new Map<Locale, Intl.NumberFormat>();

/** `1.234,5` / `1,234.5`: a measured value or a percentage, at most two decimals. */
export function formatNumber(value: number, locale: Locale = getLocale()): string {
	let formatter = numberFormatters.get(locale);
	if (!formatter) {
		formatter = new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
			maximumFractionDigits: 2
		});
		numberFormatters.set(locale, formatter);
	}
	return formatter.format(value);
}

/** `1.250,5 Sitzungen`: a measured value with its unit, kept on one line; no unit, no space. */
export function formatQuantity(value: number, unit: string, locale: Locale = getLocale()): string {
	const number = formatNumber(value, locale);
	return unit.trim() === '' ? number : `${number}\u00a0${unit.trim()}`;
}
