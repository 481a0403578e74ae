/**
 * Dates in export documents, always German (a council document is German whatever the UI
 * language). Money goes through `agenda/money.ts`, nowhere else.
 */
const berlinDate = new Intl.DateTimeFormat('de-DE', {
	day: '2-digit',
	month: '2-digit',
	year: 'numeric',
	timeZone: 'Europe/Berlin'
});

/** `2026-03-10` → `10.03.2026`; other text is returned as it is. */
export function germanDate(iso: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	return match ? `${match[3]}.${match[2]}.${match[1]}` : iso;
}

/** The calendar day of an instant in Berlin: `23.11.2026`. */
export function germanDay(date: Date): string {
	return berlinDate.format(date);
}
