import { diffWordsWithSpace } from 'diff';
import { agendaFinance, measureFinance, type Totals } from './finance';
import type { MeasureCollection, TopCollection } from './entities';
import type { Agenda, FundingSource, Measure } from './schema';
import { richTextToPlain, type RichText } from './rich-text';

/**
 * What changed between two agendas (two Fassungen, or a Fassung and the live draft), as plain data
 * that pages render: items added, removed and changed per collection (matched by id), changed
 * fields with before and after, word diffs of texts, and money changes computed by `finance.ts`.
 * Beschlussvorlage data (`resolution`) is not compared: it is not part of the strategy's text.
 */

export type SegmentKind = 'same' | 'added' | 'removed';
export interface Segment {
	kind: SegmentKind;
	text: string;
}

/** Every field the diff reports, over all collections and the meta data. */
export type DiffField =
	| 'title'
	| 'municipality'
	| 'period'
	| 'name'
	| 'organisation'
	| 'description'
	| 'note'
	| 'notes'
	| 'status'
	| 'rateBp'
	| 'summary'
	| 'field'
	| 'goals'
	| 'patrons'
	| 'implementationGroup'
	| 'priority'
	| 'start'
	| 'end'
	| 'due'
	| 'done'
	| 'target'
	| 'unit'
	| 'baseline'
	| 'baselineYear'
	| 'targetValue'
	| 'targetYear'
	| 'direction'
	| 'label'
	| 'year'
	| 'category'
	| 'budget'
	| 'amountCents'
	| 'fundingSource'
	| 'fundingCents'
	| 'annualCents'
	| 'fromYear'
	| 'years';

/** A year with an optional quarter (measure start/end, milestone due); null: not set. */
export interface YearQuarter {
	year: number | null;
	quarter: number | null;
}

/** The meta period `2025–2030`; either end may be unset. */
export interface YearRange {
	start: number | null;
	end: number | null;
}

export interface ItemRef {
	id: string;
	label: string;
}

export type Scalar = string | number | boolean | null;

export type FieldChange =
	| { field: DiffField; type: 'text'; before: string; after: string; segments: Segment[] }
	/** Enum keys (status, priority …), numbers, booleans, rates in basis points. */
	| { field: DiffField; type: 'value'; before: Scalar; after: Scalar }
	| { field: DiffField; type: 'money'; before: number | null; after: number | null }
	| { field: DiffField; type: 'quarter'; before: YearQuarter; after: YearQuarter }
	| { field: DiffField; type: 'range'; before: YearRange; after: YearRange }
	/** References to other items, with the labels they had on each side. */
	| { field: DiffField; type: 'refs'; before: ItemRef[]; after: ItemRef[] };

export interface TextChange {
	before: string;
	after: string;
	segments: Segment[];
}

/** The money figures of a measure or of the whole agenda, all in cents. */
export interface MoneyFigures extends Totals {
	followUpCents: number;
}

export interface MoneyDiff {
	before: MoneyFigures;
	after: MoneyFigures;
	/** after − before, per figure */
	delta: MoneyFigures;
	changed: boolean;
}

export interface ItemChange {
	id: string;
	/** The label after the change (the before label is in a `title`/`name` change, if any). */
	label: string;
	fields: FieldChange[];
	/** Measures only: changes of their milestones, indicators, cost lines and follow-up costs. */
	parts?: Record<MeasureCollection, CollectionDiff>;
	/** Measures only, when their money changed (also through a funding source's rate). */
	money?: MoneyDiff;
}

export interface AddedOrRemoved extends ItemRef {
	/** Measures only: their money, from or to zero. */
	money?: MoneyDiff;
}

export interface CollectionDiff {
	added: AddedOrRemoved[];
	removed: AddedOrRemoved[];
	changed: ItemChange[];
	/** The items in both agendas stand in another order. */
	reordered: boolean;
}

export interface AgendaDiff {
	/** Title, municipality and period. */
	meta: FieldChange[];
	ausgangslage: TextChange | null;
	leitbild: TextChange | null;
	collections: Record<TopCollection, CollectionDiff>;
	/** The agenda's totals. */
	money: MoneyDiff;
	/** Anything at all changed. */
	changed: boolean;
}

/** Diffs beyond this many edits fall back to "all removed, all added": bounded work per text. */
const MAX_EDIT_LENGTH = 2_000;

/**
 * A word diff of two texts. Joining the `same` and `removed` segments gives `before`, joining the
 * `same` and `added` ones gives `after`. Changes separated only by whitespace are merged, so that a
 * rewritten phrase reads as one struck phrase followed by one inserted phrase.
 */
export function diffText(before: string, after: string): Segment[] {
	if (before === after) return before === '' ? [] : [{ kind: 'same', text: before }];
	const changes = diffWordsWithSpace(before, after, { maxEditLength: MAX_EDIT_LENGTH });
	const raw: Segment[] = changes
		? changes.map((change) => ({
				kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
				text: change.value
			}))
		: [
				{ kind: 'removed', text: before },
				{ kind: 'added', text: after }
			];
	return mergeChanges(raw.filter((segment) => segment.text !== ''));
}

function mergeChanges(raw: Segment[]): Segment[] {
	const result: Segment[] = [];
	let removed = '';
	let added = '';
	let pendingSpace = '';
	const flush = () => {
		if (removed) result.push({ kind: 'removed', text: removed });
		if (added) result.push({ kind: 'added', text: added });
		removed = '';
		added = '';
	};
	for (const [index, segment] of raw.entries()) {
		if (segment.kind === 'same') {
			const between =
				(removed || added) &&
				/^[^\S\n]+$/.test(segment.text) &&
				raw[index + 1] !== undefined &&
				raw[index + 1]?.kind !== 'same';
			if (between) {
				pendingSpace += segment.text;
				continue;
			}
			flush();
			pushSame(result, segment.text);
			continue;
		}
		if (pendingSpace) {
			removed += pendingSpace;
			added += pendingSpace;
			pendingSpace = '';
		}
		if (segment.kind === 'removed') removed += segment.text;
		else added += segment.text;
	}
	flush();
	return result;
}

function pushSame(result: Segment[], text: string) {
	const last = result.at(-1);
	if (last?.kind === 'same') last.text += text;
	else result.push({ kind: 'same', text });
}

function textChange(before: string, after: string): TextChange | null {
	return before === after ? null : { before, after, segments: diffText(before, after) };
}

function richTextChange(before: RichText, after: RichText): TextChange | null {
	return textChange(richTextToPlain(before), richTextToPlain(after));
}

/** Field comparisons, collected into a list of changes. */
class FieldCollector {
	readonly changes: FieldChange[] = [];

	text(field: DiffField, before: string, after: string) {
		const change = textChange(before, after);
		if (change) this.changes.push({ field, type: 'text', ...change });
	}

	rich(field: DiffField, before: RichText, after: RichText) {
		const change = richTextChange(before, after);
		if (change) this.changes.push({ field, type: 'text', ...change });
	}

	value(field: DiffField, before: Scalar, after: Scalar) {
		if (before !== after) this.changes.push({ field, type: 'value', before, after });
	}

	money(field: DiffField, before: number | null, after: number | null) {
		if (before !== after) this.changes.push({ field, type: 'money', before, after });
	}

	quarter(field: DiffField, before: YearQuarter, after: YearQuarter) {
		if (before.year !== after.year || before.quarter !== after.quarter) {
			this.changes.push({ field, type: 'quarter', before, after });
		}
	}

	refs(field: DiffField, before: ItemRef[], after: ItemRef[]) {
		const ids = (refs: ItemRef[]) => refs.map((ref) => ref.id).join('\u0000');
		if (ids(before) !== ids(after)) this.changes.push({ field, type: 'refs', before, after });
	}
}

/** Resolves ids to the labels of the items they point at, in one agenda. */
function refsOf<T extends { id: string }>(
	ids: readonly (string | null)[],
	items: readonly T[],
	label: (item: T) => string
): ItemRef[] {
	const byId = new Map(items.map((item) => [item.id, item]));
	return ids.flatMap((id) => {
		if (id === null) return [];
		const item = byId.get(id);
		return [{ id, label: item ? label(item) : '' }];
	});
}

interface Sides {
	before: Agenda;
	after: Agenda;
}

type Comparer<T> = (before: T, after: T, fields: FieldCollector, sides: Sides) => void;

const titled = (item: { title: string }) => item.title;
const named = (item: { name: string }) => item.name;
const labelled = (item: { label: string }) => item.label;

function sortedByOrder<T extends { id: string; order: string }>(items: readonly T[]): T[] {
	return [...items].sort((a, b) =>
		a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
	);
}

function diffCollection<T extends { id: string; order: string }>(
	before: readonly T[],
	after: readonly T[],
	label: (item: T) => string,
	compare: Comparer<T>,
	sides: Sides,
	extra?: (before: T | null, after: T | null) => Partial<ItemChange>
): CollectionDiff {
	const beforeById = new Map(before.map((item) => [item.id, item]));
	const afterById = new Map(after.map((item) => [item.id, item]));
	const added: AddedOrRemoved[] = [];
	const changed: ItemChange[] = [];
	for (const item of sortedByOrder(after)) {
		const old = beforeById.get(item.id);
		if (!old) {
			added.push({ id: item.id, label: label(item), ...pickMoney(extra?.(null, item)) });
			continue;
		}
		const fields = new FieldCollector();
		compare(old, item, fields, sides);
		const more = extra?.(old, item) ?? {};
		const partsChanged =
			more.parts !== undefined && Object.values(more.parts).some(collectionChanged);
		if (fields.changes.length > 0 || partsChanged || more.money !== undefined) {
			changed.push({ id: item.id, label: label(item), fields: fields.changes, ...more });
		}
	}
	const removed = sortedByOrder(before)
		.filter((item) => !afterById.has(item.id))
		.map((item) => ({ id: item.id, label: label(item), ...pickMoney(extra?.(item, null)) }));
	const commonBefore = sortedByOrder(before)
		.filter((item) => afterById.has(item.id))
		.map((item) => item.id);
	const commonAfter = sortedByOrder(after)
		.filter((item) => beforeById.has(item.id))
		.map((item) => item.id);
	const reordered = commonBefore.some((id, index) => commonAfter[index] !== id);
	return { added, removed, changed, reordered };
}

function pickMoney(more: Partial<ItemChange> | undefined): { money?: MoneyDiff } {
	return more?.money ? { money: more.money } : {};
}

function collectionChanged(diff: CollectionDiff): boolean {
	return (
		diff.added.length > 0 || diff.removed.length > 0 || diff.changed.length > 0 || diff.reordered
	);
}

const compareTitled: Comparer<{ title: string; description: string }> = (a, b, fields) => {
	fields.text('title', a.title, b.title);
	fields.text('description', a.description, b.description);
};

const compareInventory: Comparer<Agenda['inventory'][number]> = (a, b, fields) => {
	fields.text('title', a.title, b.title);
	fields.value('status', a.status, b.status);
	fields.text('note', a.note, b.note);
};

const comparePeople: Comparer<Agenda['people'][number]> = (a, b, fields) => {
	fields.text('name', a.name, b.name);
	fields.text('organisation', a.organisation, b.organisation);
};

const compareSources: Comparer<FundingSource> = (a, b, fields) => {
	fields.text('name', a.name, b.name);
	fields.value('rateBp', a.rateBp, b.rateBp);
	fields.text('notes', a.notes, b.notes);
};

const compareMeasures: Comparer<Measure> = (a, b, fields, sides) => {
	fields.text('title', a.title, b.title);
	fields.text('summary', a.summary, b.summary);
	fields.rich('description', a.description, b.description);
	fields.refs(
		'field',
		refsOf([a.fieldId], sides.before.fields, titled),
		refsOf([b.fieldId], sides.after.fields, titled)
	);
	fields.refs(
		'goals',
		refsOf(a.goalIds, sides.before.goals, titled),
		refsOf(b.goalIds, sides.after.goals, titled)
	);
	fields.refs(
		'patrons',
		refsOf(a.patronIds, sides.before.people, named),
		refsOf(b.patronIds, sides.after.people, named)
	);
	fields.text('implementationGroup', a.implementationGroup, b.implementationGroup);
	fields.value('priority', a.priority, b.priority);
	fields.value('status', a.status, b.status);
	fields.quarter(
		'start',
		{ year: a.startYear, quarter: a.startQuarter },
		{ year: b.startYear, quarter: b.startQuarter }
	);
	fields.quarter(
		'end',
		{ year: a.endYear, quarter: a.endQuarter },
		{ year: b.endYear, quarter: b.endQuarter }
	);
};

const compareMilestones: Comparer<Measure['milestones'][number]> = (a, b, fields) => {
	fields.text('title', a.title, b.title);
	fields.quarter(
		'due',
		{ year: a.dueYear, quarter: a.dueQuarter },
		{ year: b.dueYear, quarter: b.dueQuarter }
	);
	fields.value('done', a.done, b.done);
};

const compareIndicators: Comparer<Measure['indicators'][number]> = (a, b, fields) => {
	fields.text('name', a.name, b.name);
	fields.text('target', a.target, b.target);
	fields.text('unit', a.unit, b.unit);
	fields.value('baseline', a.baseline, b.baseline);
	fields.value('baselineYear', a.baselineYear, b.baselineYear);
	fields.value('targetValue', a.targetValue, b.targetValue);
	fields.value('targetYear', a.targetYear, b.targetYear);
	fields.value('direction', a.direction, b.direction);
};

const compareCostLines: Comparer<Measure['costLines'][number]> = (a, b, fields, sides) => {
	fields.text('label', a.label, b.label);
	fields.value('year', a.year, b.year);
	fields.value('category', a.category, b.category);
	fields.value('budget', a.budget, b.budget);
	fields.money('amountCents', a.amountCents, b.amountCents);
	fields.refs(
		'fundingSource',
		refsOf([a.fundingSourceId], sides.before.fundingSources, named),
		refsOf([b.fundingSourceId], sides.after.fundingSources, named)
	);
	fields.money('fundingCents', a.fundingCents, b.fundingCents);
};

const compareFollowUpCosts: Comparer<Measure['followUpCosts'][number]> = (a, b, fields) => {
	fields.text('label', a.label, b.label);
	fields.money('annualCents', a.annualCents, b.annualCents);
	fields.value('fromYear', a.fromYear, b.fromYear);
	fields.value('years', a.years, b.years);
	fields.value('budget', a.budget, b.budget);
};

const ZERO_FIGURES: MoneyFigures = Object.freeze({
	costCents: 0,
	fundingCents: 0,
	ownShareCents: 0,
	followUpCents: 0
});

function figuresOf(finance: Totals & { followUp: { totalCents: number } }): MoneyFigures {
	return {
		costCents: finance.costCents,
		fundingCents: finance.fundingCents,
		ownShareCents: finance.ownShareCents,
		followUpCents: finance.followUp.totalCents
	};
}

export function moneyDiff(before: MoneyFigures, after: MoneyFigures): MoneyDiff {
	const delta: MoneyFigures = {
		costCents: after.costCents - before.costCents,
		fundingCents: after.fundingCents - before.fundingCents,
		ownShareCents: after.ownShareCents - before.ownShareCents,
		followUpCents: after.followUpCents - before.followUpCents
	};
	return { before, after, delta, changed: Object.values(delta).some((cents) => cents !== 0) };
}

function measureMoney(sides: Sides, before: Measure | null, after: Measure | null): MoneyDiff {
	return moneyDiff(
		before ? figuresOf(measureFinance(before, sides.before.fundingSources)) : ZERO_FIGURES,
		after ? figuresOf(measureFinance(after, sides.after.fundingSources)) : ZERO_FIGURES
	);
}

function measureExtra(sides: Sides) {
	return (before: Measure | null, after: Measure | null): Partial<ItemChange> => {
		const money = measureMoney(sides, before, after);
		if (!before || !after) return { money };
		const parts: Record<MeasureCollection, CollectionDiff> = {
			milestones: diffCollection(
				before.milestones,
				after.milestones,
				titled,
				compareMilestones,
				sides
			),
			indicators: diffCollection(
				before.indicators,
				after.indicators,
				named,
				compareIndicators,
				sides
			),
			costLines: diffCollection(
				before.costLines,
				after.costLines,
				labelled,
				compareCostLines,
				sides
			),
			followUpCosts: diffCollection(
				before.followUpCosts,
				after.followUpCosts,
				labelled,
				compareFollowUpCosts,
				sides
			)
		};
		return {
			...(Object.values(parts).some(collectionChanged) ? { parts } : {}),
			...(money.changed ? { money } : {})
		};
	};
}

export function diffAgendas(before: Agenda, after: Agenda): AgendaDiff {
	const sides: Sides = { before, after };
	const meta = new FieldCollector();
	meta.text('title', before.meta.title, after.meta.title);
	meta.text('municipality', before.meta.municipality, after.meta.municipality);
	if (
		before.meta.periodStart !== after.meta.periodStart ||
		before.meta.periodEnd !== after.meta.periodEnd
	) {
		meta.changes.push({
			field: 'period',
			type: 'range',
			before: { start: before.meta.periodStart, end: before.meta.periodEnd },
			after: { start: after.meta.periodStart, end: after.meta.periodEnd }
		});
	}
	const collections: Record<TopCollection, CollectionDiff> = {
		inventory: diffCollection(before.inventory, after.inventory, titled, compareInventory, sides),
		principles: diffCollection(before.principles, after.principles, titled, compareTitled, sides),
		goals: diffCollection(before.goals, after.goals, titled, compareTitled, sides),
		fields: diffCollection(before.fields, after.fields, titled, compareTitled, sides),
		people: diffCollection(before.people, after.people, named, comparePeople, sides),
		fundingSources: diffCollection(
			before.fundingSources,
			after.fundingSources,
			named,
			compareSources,
			sides
		),
		measures: diffCollection(
			before.measures,
			after.measures,
			titled,
			compareMeasures,
			sides,
			measureExtra(sides)
		)
	};
	const money = moneyDiff(figuresOf(agendaFinance(before)), figuresOf(agendaFinance(after)));
	const ausgangslage = richTextChange(before.ausgangslage, after.ausgangslage);
	const leitbild = richTextChange(before.leitbild, after.leitbild);
	return {
		meta: meta.changes,
		ausgangslage,
		leitbild,
		collections,
		money,
		changed:
			meta.changes.length > 0 ||
			ausgangslage !== null ||
			leitbild !== null ||
			Object.values(collections).some(collectionChanged) ||
			money.changed
	};
}
