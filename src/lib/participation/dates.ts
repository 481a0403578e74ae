import { getLocale } from '$lib/paraglide/runtime';

/**
 * Dates of the participation pages, spelled out as a municipality announces them ("15. Januar
 * 2027", "18:00"), always in Berlin time whatever the server's or the visitor's zone.
 */
function localeTag(): string {
	return getLocale() === 'de' ? 'de-DE' : 'en-GB';
}

export function formatLongDate(date: Date | string | number): string {
	return new Intl.DateTimeFormat(localeTag(), {
		dateStyle: 'long',
		timeZone: 'Europe/Berlin'
	}).format(new Date(date));
}

export function formatTime(date: Date | string | number): string {
	return new Intl.DateTimeFormat(localeTag(), {
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
		timeZone: 'Europe/Berlin'
	}).format(new Date(date));
}
