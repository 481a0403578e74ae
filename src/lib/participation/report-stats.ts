/**
 * The statistics of a Beteiligungsbericht, computed from plain rows (pure and isomorphic): who
 * took part, how many comments and supports came in, per measure, per field of action and per day.
 */
import { berlinDay } from '../berlin-time';
import type { CommentItemKind, CommentStatus } from './vocabulary';

export interface StatsComment {
	itemKind: CommentItemKind;
	itemId: string;
	/** null once the author deleted their account */
	authorId: string | null;
	parentId: string | null;
	status: CommentStatus;
	deleted: boolean;
	createdAt: Date;
}

export interface StatsSupport {
	measureId: string;
	userId: string;
	createdAt: Date;
}

export interface StatsInput {
	/** The Fassung's measures and fields of action, in their order. */
	measures: readonly { id: string; label: string; fieldId: string | null }[];
	fields: readonly { id: string; label: string }[];
	comments: readonly StatsComment[];
	supports: readonly StatsSupport[];
}

export interface Counts {
	comments: number;
	supports: number;
}

export interface ReportStats {
	/** Distinct people who commented or supported (accounts deleted since are not counted). */
	participants: number;
	/** Comments from accounts deleted since: their authors cannot be told apart. */
	commentsFromDeletedAccounts: number;
	comments: {
		/** Every comment and reply that came in, whatever became of it. */
		total: number;
		replies: number;
		visible: number;
		pending: number;
		hidden: number;
		/** Deleted by their authors. */
		deleted: number;
	};
	supportsTotal: number;
	/** Every measure of the Fassung, in its order. */
	byMeasure: ({ id: string; label: string } & Counts)[];
	/**
	 * Every field of action, then one bucket (id null) for the rest: measures without a field,
	 * goals and sections. The buckets add up to the totals.
	 */
	byField: ({ id: string | null; label: string } & Counts)[];
	/** Every day (Berlin time) from the first to the last comment or support, quiet days as 0. */
	byDay: ({ day: string } & Counts)[];
}

/** The calendar day after `day` (both `YYYY-MM-DD`). */
export function nextDay(day: string): string {
	const [year, month, date] = day.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
}

/** Every day from `first` to `last`, both included. */
export function daysBetween(first: string, last: string): string[] {
	const days: string[] = [];
	for (let day = first; day <= last; day = nextDay(day)) days.push(day);
	return days;
}

function increment<K>(map: Map<K, Counts>, key: K, field: keyof Counts) {
	const counts = map.get(key) ?? { comments: 0, supports: 0 };
	counts[field] += 1;
	map.set(key, counts);
}

export function reportStats(input: StatsInput): ReportStats {
	const fieldOfMeasure = new Map(input.measures.map((measure) => [measure.id, measure.fieldId]));
	const knownFields = new Set(input.fields.map((field) => field.id));
	const bucketOf = (kind: CommentItemKind, id: string): string | null => {
		if (kind !== 'measure') return null;
		const fieldId = fieldOfMeasure.get(id) ?? null;
		return fieldId !== null && knownFields.has(fieldId) ? fieldId : null;
	};

	const people = new Set<string>();
	const byMeasure = new Map<string, Counts>();
	const byField = new Map<string | null, Counts>();
	const byDay = new Map<string, Counts>();
	const comments = { total: 0, replies: 0, visible: 0, pending: 0, hidden: 0, deleted: 0 };
	let fromDeletedAccounts = 0;

	for (const comment of input.comments) {
		comments.total += 1;
		if (comment.parentId !== null) comments.replies += 1;
		if (comment.deleted) comments.deleted += 1;
		else comments[comment.status] += 1;
		if (comment.authorId === null) fromDeletedAccounts += 1;
		else people.add(comment.authorId);
		if (comment.itemKind === 'measure') increment(byMeasure, comment.itemId, 'comments');
		increment(byField, bucketOf(comment.itemKind, comment.itemId), 'comments');
		increment(byDay, berlinDay(comment.createdAt), 'comments');
	}
	for (const support of input.supports) {
		people.add(support.userId);
		increment(byMeasure, support.measureId, 'supports');
		increment(byField, bucketOf('measure', support.measureId), 'supports');
		increment(byDay, berlinDay(support.createdAt), 'supports');
	}

	const zero = (): Counts => ({ comments: 0, supports: 0 });
	const days = [...byDay.keys()].sort();
	const first = days[0];
	const last = days.at(-1);
	return {
		participants: people.size,
		commentsFromDeletedAccounts: fromDeletedAccounts,
		comments,
		supportsTotal: input.supports.length,
		byMeasure: input.measures.map((measure) => ({
			id: measure.id,
			label: measure.label,
			...(byMeasure.get(measure.id) ?? zero())
		})),
		byField: [
			...input.fields.map((field) => ({
				id: field.id,
				label: field.label,
				...(byField.get(field.id) ?? zero())
			})),
			{ id: null, label: '', ...(byField.get(null) ?? zero()) }
		],
		byDay:
			first && last
				? daysBetween(first, last).map((day) => ({ day, ...(byDay.get(day) ?? zero()) }))
				: []
	};
}
