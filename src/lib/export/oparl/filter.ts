import { OPARL_TYPE, type OparlObject } from './types';

/**
 * The filters every external object list accepts (OParl 1.1 §2-05 „Filter“): `created_since`,
 * `created_until`, `modified_since` and `modified_until` narrow the list to objects whose
 * `created`/`modified` lies in the range, and `omit_internal=true` asks to leave out the lists
 * embedded in its objects. Pure: the route reads the query and serves the list.
 */

export const OPARL_DATE_FILTERS = [
	'created_since',
	'created_until',
	'modified_since',
	'modified_until'
] as const;
export type OparlDateFilter = (typeof OPARL_DATE_FILTERS)[number];

export const OMIT_INTERNAL = 'omit_internal';

export interface OparlListFilter {
	/** The bounds given, each as an instant (ms since 1970). */
	bounds: Partial<Record<OparlDateFilter, number>>;
	/** Whether embedded lists are to be left out (`omit_internal=true`). */
	omitInternal: boolean;
}

/** Why a query cannot be served: which parameter, and what is wrong with it. */
export interface OparlFilterProblem {
	parameter: OparlDateFilter | typeof OMIT_INTERNAL;
	/** `date-time`: not a date-time with offset; `boolean`: not true/false; `repeated`: given twice. */
	kind: 'date-time' | 'boolean' | 'repeated';
}

export type OparlFilterResult =
	| { filter: OparlListFilter; problem?: undefined }
	| { problem: OparlFilterProblem; filter?: undefined };

/**
 * The list filter of a request's query. Other parameters (`fassung`, `limit`, …) are not its
 * business. A value it cannot read is a problem rather than ignored: a client that asked for
 * what changed since yesterday and got the whole list would not notice.
 */
export function parseListFilter(query: URLSearchParams): OparlFilterResult {
	const bounds: OparlListFilter['bounds'] = {};
	for (const parameter of OPARL_DATE_FILTERS) {
		const values = query.getAll(parameter);
		if (values.length === 0) continue;
		if (values.length > 1) return { problem: { parameter, kind: 'repeated' } };
		const instant = parseOparlDateTime(values[0] ?? '');
		if (instant === null) return { problem: { parameter, kind: 'date-time' } };
		bounds[parameter] = instant;
	}
	const omit = query.getAll(OMIT_INTERNAL);
	if (omit.length > 1) return { problem: { parameter: OMIT_INTERNAL, kind: 'repeated' } };
	if (omit.length === 1 && omit[0] !== 'true' && omit[0] !== 'false') {
		return { problem: { parameter: OMIT_INTERNAL, kind: 'boolean' } };
	}
	return { filter: { bounds, omitInternal: omit[0] === 'true' } };
}

// §2-04: `yyyy-mm-ddThh:mm:ss±hh:mm`. Also read: `Z` for +00:00 and fractions of a second, which
// ISO 8601 allows and a client's date library may write; and a space where the offset's `+`
// belongs, which is what an unencoded `+` in a query becomes.
const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(?:Z|([+\- ])(\d{2}):(\d{2}))$/;

/** A date-time with offset as an instant (ms since 1970), or null if it is none or never was. */
export function parseOparlDateTime(value: string): number | null {
	const match = DATE_TIME.exec(value);
	if (!match) return null;
	const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
		number,
		number,
		number,
		number,
		number,
		number
	];
	const fraction = match[7] ? Number(match[7]) * 1000 : 0;
	const offsetHours = match[9] === undefined ? 0 : Number(match[9]);
	const offsetMinutes = match[10] === undefined ? 0 : Number(match[10]);
	if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) {
		return null;
	}
	const wallClock = Date.UTC(year, month - 1, day, hour, minute, second);
	// Date.UTC rolls 31 April over into 1 May: a day that does not exist reads back differently.
	const check = new Date(wallClock);
	if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1) return null;
	if (check.getUTCDate() !== day) return null;
	const sign = match[8] === '-' ? -1 : 1;
	return wallClock - sign * (offsetHours * 60 + offsetMinutes) * 60_000 + fraction;
}

/**
 * The objects whose `created` and `modified` lie within the bounds, bounds included: „seit“ a
 * moment includes what happened at that moment, so that a client that asks again with the
 * `modified` it last saw misses nothing. The order stays as it was (§2-05: stable sorting).
 */
export function filterList<T extends Pick<OparlObject, 'created' | 'modified'>>(
	objects: readonly T[],
	filter: OparlListFilter
): T[] {
	const { bounds } = filter;
	return objects.filter((object) => {
		const created = Date.parse(object.created);
		const modified = Date.parse(object.modified);
		return (
			within(created, bounds.created_since, bounds.created_until) &&
			within(modified, bounds.modified_since, bounds.modified_until)
		);
	});
}

function within(instant: number, since: number | undefined, until: number | undefined): boolean {
	if (since !== undefined && !(instant >= since)) return false;
	if (until !== undefined && !(instant <= until)) return false;
	return true;
}

/**
 * The embedded lists §2-05 lets a server leave out with `omit_internal`, by object type, as far
 * as Agendawerk serves the type (it has no Persons). The Body's `legislativeTerm` is among them,
 * but the schema makes it mandatory and it is always empty here: it stays.
 */
const INTERNAL_LISTS: Record<string, readonly string[]> = {
	[OPARL_TYPE.paper]: ['auxiliaryFile', 'location'],
	[OPARL_TYPE.meeting]: ['auxiliaryFile', 'agendaItem'],
	[OPARL_TYPE.agendaItem]: ['auxiliaryFile']
};

/** The object without the embedded lists `omit_internal=true` asks to leave out. */
export function withoutInternalLists<T extends object>(object: T): T {
	const omitted = INTERNAL_LISTS[String((object as { type?: unknown }).type)];
	if (!omitted) return object;
	const kept = Object.entries(object).filter(([property]) => !omitted.includes(property));
	return Object.fromEntries(kept) as T;
}
