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

/**
 * `2026-12-01T10:30:00+01:00`: an instant as Berlin wall-clock time with its offset, to the
 * second. For formats that want local time with a zone rather than UTC (OParl §2-04).
 */
export function berlinDateTime(date: Date): string {
	const seconds = Math.floor(date.getTime() / 1000) * 1000;
	const p = berlinParts(seconds);
	const second = String(new Date(seconds).getUTCSeconds()).padStart(2, '0');
	const wallClock = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +second);
	const offsetMinutes = Math.round((wallClock - seconds) / 60_000);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const hours = String(Math.floor(Math.abs(offsetMinutes) / 60)).padStart(2, '0');
	const minutes = String(Math.abs(offsetMinutes) % 60).padStart(2, '0');
	return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${second}${sign}${hours}:${minutes}`;
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

/**
 * The latest moment at or before `instant` when Berlin clocks showed `hour`:00, e.g. when the
 * daily digest was last due. On the spring day that skips the hour, the hour after it counts.
 */
export function lastBerlinHour(instant: number, hour: number): Date {
	const today = berlinDay(new Date(instant));
	const atToday = berlinHourOn(today, hour);
	return atToday.getTime() <= instant ? atToday : berlinHourOn(previousDay(today), hour);
}

function berlinHourOn(day: string, hour: number): Date {
	const local = (h: number) => `${day}T${String(h).padStart(2, '0')}:00`;
	const at = parseBerlinLocal(local(hour)) ?? parseBerlinLocal(local(hour + 1));
	if (!at) throw new Error(`no ${hour} o’clock on ${day}`);
	return at;
}

/** `2026-03-29` → `2026-03-28`: by the calendar, not 24 hours back (a Berlin day has 23 to 25). */
function previousDay(day: string): string {
	const [year, month, date] = day.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(year, month - 1, date - 1)).toISOString().slice(0, 10);
}
