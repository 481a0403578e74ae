/**
 * Municipal dates are Berlin wall-clock times ("bis 15. Januar, 18 Uhr"), whatever the server's
 * time zone. These convert between `<input type="datetime-local">` values, calendar days and
 * instants; `format.ts` writes them out.
 */
export const BERLIN_TIME_ZONE = 'Europe/Berlin';

const partsFormat = new Intl.DateTimeFormat('en-CA', {
	timeZone: BERLIN_TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

function berlinParts(instant: number) {
	const parts = Object.fromEntries(
		partsFormat.formatToParts(new Date(instant)).map((part) => [part.type, part.value])
	);
	return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute', string>;
}

/** `2026-11-23T18:00` → that moment in Berlin; null for anything else or a time that never was. */
export function parseBerlinLocal(value: string): Date | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
	if (!match) return null;
	const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
		number,
		number,
		number,
		number,
		number
	];
	const asUtc = Date.UTC(year, month - 1, day, hour, minute);
	// Berlin is UTC+1 or UTC+2: try both offsets and keep the one that reads back the same.
	for (const offsetHours of [1, 2]) {
		const instant = asUtc - offsetHours * 3_600_000;
		if (toBerlinLocalInput(new Date(instant)) === value.trim()) return new Date(instant);
	}
	return null;
}

/** `2026-11-23`: the calendar day of an instant in Berlin. */
export function berlinDay(date: Date): string {
	const p = berlinParts(date.getTime());
	return `${p.year}-${p.month}-${p.day}`;
}

/** The value for a `datetime-local` input showing `date` in Berlin time. */
export function toBerlinLocalInput(date: Date): string {
	const p = berlinParts(date.getTime());
	return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
