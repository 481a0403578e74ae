import { getLocale } from '$lib/paraglide/runtime';

/** Dates as a German municipality writes them (23.11.2026), always in Berlin time. */
export function formatDate(date: Date | string | number): string {
	return new Intl.DateTimeFormat(getLocale() === 'de' ? 'de-DE' : 'en-GB', {
		dateStyle: 'medium',
		timeZone: 'Europe/Berlin'
	}).format(new Date(date));
}

export function formatDateTime(date: Date | string | number): string {
	return new Intl.DateTimeFormat(getLocale() === 'de' ? 'de-DE' : 'en-GB', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'Europe/Berlin'
	}).format(new Date(date));
}

export function formatPeriod(start: number, end: number): string {
	return `${start}–${end}`;
}
