import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { berlinDay } from '../berlin-time';
import {
	daysBetween,
	nextDay,
	reportStats,
	type StatsComment,
	type StatsInput,
	type StatsSupport
} from './report-stats';

const measures = [
	{ id: 'm1', label: 'Digitales Bürgeramt', fieldId: 'f1' },
	{ id: 'm2', label: 'WLAN in Schulen', fieldId: 'f2' },
	{ id: 'm3', label: 'Open Data', fieldId: null }
];
const fields = [
	{ id: 'f1', label: 'Verwaltung' },
	{ id: 'f2', label: 'Bildung' }
];

function comment(values: Partial<StatsComment>): StatsComment {
	return {
		itemKind: 'measure',
		itemId: 'm1',
		authorId: 'u1',
		parentId: null,
		status: 'visible',
		deleted: false,
		createdAt: new Date('2026-03-02T10:00:00Z'),
		...values
	};
}

function support(measureId: string, userId: string, createdAt: string): StatsSupport {
	return { measureId, userId, createdAt: new Date(createdAt) };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe('reportStats', () => {
	it('counts an example as a person would', () => {
		const input: StatsInput = {
			measures,
			fields,
			comments: [
				comment({}),
				comment({ parentId: 'c1', authorId: 'u2', createdAt: new Date('2026-03-04T09:00:00Z') }),
				comment({ itemKind: 'goal', itemId: 'g1', authorId: null, status: 'hidden' }),
				comment({ itemKind: 'section', itemId: 'leitbild', authorId: 'u3', deleted: true }),
				comment({ itemId: 'm2', status: 'pending' })
			],
			supports: [
				support('m1', 'u1', '2026-03-02T12:00:00Z'),
				support('m1', 'u4', '2026-03-02T13:00:00Z'),
				support('m3', 'u4', '2026-03-03T13:00:00Z')
			]
		};
		const stats = reportStats(input);
		expect(stats.participants).toBe(4);
		expect(stats.commentsFromDeletedAccounts).toBe(1);
		expect(stats.comments).toEqual({
			total: 5,
			replies: 1,
			visible: 2,
			pending: 1,
			hidden: 1,
			deleted: 1
		});
		expect(stats.supportsTotal).toBe(3);
		expect(stats.byMeasure).toEqual([
			{ id: 'm1', label: 'Digitales Bürgeramt', comments: 2, supports: 2 },
			{ id: 'm2', label: 'WLAN in Schulen', comments: 1, supports: 0 },
			{ id: 'm3', label: 'Open Data', comments: 0, supports: 1 }
		]);
		expect(stats.byField).toEqual([
			{ id: 'f1', label: 'Verwaltung', comments: 2, supports: 2 },
			{ id: 'f2', label: 'Bildung', comments: 1, supports: 0 },
			{ id: null, label: '', comments: 2, supports: 1 }
		]);
		expect(stats.byDay).toEqual([
			{ day: '2026-03-02', comments: 4, supports: 2 },
			{ day: '2026-03-03', comments: 0, supports: 1 },
			{ day: '2026-03-04', comments: 1, supports: 0 }
		]);
	});

	it('has nothing to count without comments and supports', () => {
		const stats = reportStats({ measures, fields, comments: [], supports: [] });
		expect(stats.participants).toBe(0);
		expect(stats.comments.total).toBe(0);
		expect(stats.byDay).toEqual([]);
		expect(stats.byMeasure.every((row) => row.comments === 0 && row.supports === 0)).toBe(true);
	});

	it('counts days in Berlin time', () => {
		// 23:30 UTC on 31 March is already 1 April in Berlin (summer time).
		expect(berlinDay(new Date('2026-03-31T23:30:00Z'))).toBe('2026-04-01');
		expect(berlinDay(new Date('2026-01-31T22:59:00Z'))).toBe('2026-01-31');
		expect(nextDay('2026-02-28')).toBe('2026-03-01');
		expect(nextDay('2028-02-28')).toBe('2028-02-29');
		expect(nextDay('2026-12-31')).toBe('2027-01-01');
		expect(daysBetween('2026-10-24', '2026-10-27')).toEqual([
			'2026-10-24',
			'2026-10-25',
			'2026-10-26',
			'2026-10-27'
		]);
	});

	const start = Date.parse('2026-03-01T00:00:00Z');
	const instant = fc
		.integer({ min: 0, max: 60 * 24 * 3600 })
		.map((s) => new Date(start + s * 1000));
	const itemArb = fc.oneof(
		fc.record({
			itemKind: fc.constant('measure' as const),
			itemId: fc.constantFrom('m1', 'm2', 'm3', 'gone')
		}),
		fc.record({ itemKind: fc.constant('goal' as const), itemId: fc.constantFrom('g1', 'g2') }),
		fc.record({
			itemKind: fc.constant('section' as const),
			itemId: fc.constantFrom('ausgangslage', 'leitbild')
		})
	);
	const commentArb = fc
		.record({
			item: itemArb,
			authorId: fc.option(fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5'), { nil: null }),
			parentId: fc.option(fc.constant('p'), { nil: null }),
			status: fc.constantFrom('visible' as const, 'pending' as const, 'hidden' as const),
			deleted: fc.boolean(),
			createdAt: instant
		})
		.map(({ item, ...rest }) => ({ ...item, ...rest }));
	const supportArb = fc.record({
		measureId: fc.constantFrom('m1', 'm2', 'm3'),
		userId: fc.constantFrom('u1', 'u6', 'u7'),
		createdAt: instant
	});
	const inputArb = fc.record({
		comments: fc.array(commentArb, { maxLength: 40 }),
		supports: fc.array(supportArb, { maxLength: 40 })
	});

	it('matches its rows: totals, per-field sums, per-day sums, participants', () => {
		fc.assert(
			fc.property(inputArb, ({ comments, supports }) => {
				const stats = reportStats({ measures, fields, comments, supports });
				expect(stats.comments.total).toBe(comments.length);
				expect(stats.supportsTotal).toBe(supports.length);
				const { visible, pending, hidden, deleted } = stats.comments;
				expect(visible + pending + hidden + deleted).toBe(comments.length);
				expect(stats.comments.replies).toBe(comments.filter((c) => c.parentId !== null).length);
				expect(sum(stats.byField.map((row) => row.comments))).toBe(comments.length);
				expect(sum(stats.byField.map((row) => row.supports))).toBe(supports.length);
				expect(sum(stats.byDay.map((row) => row.comments))).toBe(comments.length);
				expect(sum(stats.byDay.map((row) => row.supports))).toBe(supports.length);
				expect(sum(stats.byMeasure.map((row) => row.comments))).toBe(
					comments.filter((c) => c.itemKind === 'measure' && c.itemId !== 'gone').length
				);
				expect(sum(stats.byMeasure.map((row) => row.supports))).toBe(supports.length);
				const people = new Set([
					...comments.flatMap((c) => (c.authorId ? [c.authorId] : [])),
					...supports.map((s) => s.userId)
				]);
				expect(stats.participants).toBe(people.size);
			}),
			{ numRuns: 300 }
		);
	});

	it('lists every day between the first and the last, quiet days as 0', () => {
		fc.assert(
			fc.property(inputArb, ({ comments, supports }) => {
				const stats = reportStats({ measures, fields, comments, supports });
				const days = [...comments, ...supports].map((row) => berlinDay(row.createdAt)).sort();
				if (days.length === 0) {
					expect(stats.byDay).toEqual([]);
					return;
				}
				expect(stats.byDay[0]?.day).toBe(days[0]);
				expect(stats.byDay.at(-1)?.day).toBe(days.at(-1));
				for (const [index, row] of stats.byDay.entries()) {
					if (index > 0) expect(row.day).toBe(nextDay(stats.byDay[index - 1]?.day ?? ''));
					const expected = comments.filter((c) => berlinDay(c.createdAt) === row.day).length;
					expect(row.comments).toBe(expected);
				}
			}),
			{ numRuns: 200 }
		);
	});
});
