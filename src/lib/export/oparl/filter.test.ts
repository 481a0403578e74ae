import { describe, expect, it } from 'vitest';
import { filterList, parseListFilter, parseOparlDateTime, withoutInternalLists } from './filter';
import { OPARL_TYPE } from './types';

const query = (text: string) => new URLSearchParams(text);

describe('OParl list filters', () => {
	it('reads date-times with offset as instants', () => {
		const instant = Date.UTC(2026, 0, 31, 22, 59, 59);
		expect(parseOparlDateTime('2026-01-31T23:59:59+01:00')).toBe(instant);
		expect(parseOparlDateTime('2026-01-31T22:59:59+00:00')).toBe(instant);
		expect(parseOparlDateTime('2026-01-31T22:59:59Z')).toBe(instant);
		expect(parseOparlDateTime('2026-01-31T17:29:59-05:30')).toBe(instant);
		expect(parseOparlDateTime('2026-01-31T22:59:59.250Z')).toBe(instant + 250);
		// An unencoded `+` arrives as a space.
		expect(parseOparlDateTime('2026-01-31T23:59:59 01:00')).toBe(instant);
		expect(parseOparlDateTime('2028-02-29T00:00:00+01:00')).not.toBeNull();
	});

	it('refuses what is no date-time with offset, or a moment that never was', () => {
		for (const value of [
			'',
			'gestern',
			'2026-01-31',
			'2026-01-31T23:59:59',
			'2026-01-31T23:59+01:00',
			'2026-01-31 23:59:59+01:00',
			'2026-02-29T00:00:00+01:00',
			'2026-04-31T00:00:00+01:00',
			'2026-13-01T00:00:00+01:00',
			'2026-00-10T00:00:00+01:00',
			'2026-01-31T24:00:00+01:00',
			'2026-01-31T23:60:00+01:00',
			'2026-01-31T23:59:60+01:00',
			'2026-01-31T23:59:59+01:60',
			' 2026-01-31T23:59:59+01:00'
		]) {
			expect({ value, instant: parseOparlDateTime(value) }).toEqual({ value, instant: null });
		}
	});

	it('names the parameter it cannot read', () => {
		expect(parseListFilter(query('modified_until=morgen')).problem).toEqual({
			parameter: 'modified_until',
			kind: 'date-time'
		});
		expect(parseListFilter(query('omit_internal=1')).problem).toEqual({
			parameter: 'omit_internal',
			kind: 'boolean'
		});
		const twice = 'created_since=2026-01-01T00:00:00Z&created_since=2026-02-01T00:00:00Z';
		expect(parseListFilter(query(twice)).problem).toEqual({
			parameter: 'created_since',
			kind: 'repeated'
		});
		// Other parameters are not the filter's business.
		expect(parseListFilter(query('fassung=2&limit=10&page=3')).filter).toEqual({
			bounds: {},
			omitInternal: false
		});
	});

	it('keeps the objects within the bounds, bounds included, in their order', () => {
		const object = (id: string, created: string, modified: string) => ({ id, created, modified });
		const objects = [
			object('a', '2026-01-01T10:00:00+01:00', '2026-03-01T10:00:00+01:00'),
			object('b', '2026-02-01T10:00:00+01:00', '2026-02-01T10:00:00+01:00'),
			object('c', '2026-01-15T10:00:00+01:00', '2026-06-01T10:00:00+02:00')
		];
		const ids = (text: string) => {
			const { filter } = parseListFilter(query(text));
			if (!filter) throw new Error(text);
			return filterList(objects, filter).map((entry) => entry.id);
		};
		expect(ids('')).toEqual(['a', 'b', 'c']);
		expect(ids('created_since=2026-01-15T09:00:00Z')).toEqual(['b', 'c']);
		expect(ids('created_until=2026-01-15T09:00:00Z')).toEqual(['a', 'c']);
		expect(ids('modified_since=2026-06-01T08:00:00Z')).toEqual(['c']);
		expect(ids('modified_until=2026-02-01T08:59:59Z')).toEqual([]);
		expect(ids('created_since=2026-01-01T09:00:00Z&modified_until=2026-03-01T09:00:00Z')).toEqual([
			'a',
			'b'
		]);
	});

	it('leaves out the embedded lists omit_internal names, and nothing else', () => {
		const meeting = {
			id: 'https://rat.example/meeting/1',
			type: OPARL_TYPE.meeting,
			name: 'Sitzung',
			agendaItem: [{ id: 'https://rat.example/agendaItem/1' }]
		};
		expect(withoutInternalLists(meeting)).toEqual({
			id: meeting.id,
			type: meeting.type,
			name: 'Sitzung'
		});
		const body = { id: 'https://rat.example/body', type: OPARL_TYPE.body, legislativeTerm: [] };
		expect(withoutInternalLists(body)).toEqual(body);
	});
});
