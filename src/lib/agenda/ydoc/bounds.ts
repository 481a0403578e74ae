import * as Y from 'yjs';
import {
	MEASURE_COLLECTIONS,
	TOP_COLLECTIONS,
	isResolutionCollection,
	type EntityKind
} from '../model/entities';
import { metaMap, resolutionMap, topCollection } from './layout';
import {
	LONG_TEXT_MAX,
	RICH_TEXT_MAX_CHARS,
	RICH_TEXT_MAX_DEPTH,
	textFieldMax
} from '../model/limits';

/** Longest plain value (as JSON) in a map: ids, order keys, numbers, dates are far shorter. */
export const MAX_VALUE_JSON_CHARS = 1_000;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any shared type, whatever its event
type Shared = Y.AbstractType<any>;

export type BoundViolation =
	| { reason: 'too-deep'; depth: number }
	| {
			reason: 'too-long';
			length: number;
			max: number;
			/**
			 * The text was beyond its limit already before this change, and the change made it
			 * longer still: not the sender's doing alone (see `beyondLimit`).
			 */
			wasBeyond: boolean;
	  }
	| { reason: 'value-too-big' };

/** How deep maps may nest: a cost line in a measure's collection is four levels down. */
export const MAX_MAP_DEPTH = 8;

/**
 * Whether a transaction left the document beyond the limits of `limits.ts`: a long text nested
 * deeper than `RICH_TEXT_MAX_DEPTH` or longer than `RICH_TEXT_MAX_CHARS`, a short text longer
 * than its field allows, or an oversized plain value. Only what the transaction changed is
 * looked at (Yjs reports changes to the types that existed before; what is new is checked from
 * where it was put), so a keystroke costs a look at its field, never a walk over the document.
 * Every walk is a loop: the input may be as deep as an attacker likes. The document's top-level
 * parts must have their types (`declareLayoutRoots`, part of `ensureLayout`), or short texts
 * are measured against the longest limit only.
 *
 * A text may be beyond its limit before a transaction: two copies of the document (two
 * processes, docs/architecture.md §3.3) each accepted an edit that kept it within, and together
 * they do not. Then only a change that makes it longer still is a violation (`wasBeyond`);
 * shortening it, or changing it without lengthening it, is not.
 */
export function findBoundViolation(doc: Y.Doc, transaction: Y.Transaction): BoundViolation | null {
	const measured = new Map<Shared, BoundViolation | null>();
	for (const [type, keys] of transaction.changed) {
		const violation =
			type instanceof Y.Map
				? mapViolation(doc, transaction, type, keys, measured)
				: (sharedViolation(doc, transaction, type, measured) ??
					(type instanceof Y.XmlElement ? attributeViolation(type, keys) : null));
		if (violation) return violation;
	}
	return null;
}

/** Checks a shared type with everything in it (long texts once per field and transaction). */
function sharedViolation(
	doc: Y.Doc,
	transaction: Y.Transaction,
	type: Shared,
	measured: Map<Shared, BoundViolation | null>
): BoundViolation | null {
	if (type instanceof Y.XmlFragment || type instanceof Y.XmlText) {
		const field = richField(type);
		let violation = measured.get(field);
		if (violation === undefined) {
			violation = richViolation(field, transaction);
			measured.set(field, violation);
		}
		return violation;
	}
	if (type instanceof Y.Text) return textViolation(doc, transaction, type);
	if (type instanceof Y.Map) return mapViolation(doc, transaction, type, null, measured);
	return null;
}

/**
 * Checks the given keys of a map (all keys when `keys` is null: a map new in this transaction)
 * and, for new maps inside, all of theirs, level by level.
 */
function mapViolation(
	doc: Y.Doc,
	transaction: Y.Transaction,
	map: Y.Map<unknown>,
	keys: Set<string | null> | null,
	measured: Map<Shared, BoundViolation | null>
): BoundViolation | null {
	let depth = mapDepth(map);
	let level: { map: Y.Map<unknown>; keys: Iterable<string | null> }[] = [
		{ map, keys: keys ?? map.keys() }
	];
	while (level.length > 0) {
		if (depth > MAX_MAP_DEPTH) return { reason: 'too-deep', depth };
		const next: typeof level = [];
		for (const entry of level) {
			for (const key of entry.keys) {
				if (key === null) continue;
				const value = entry.map.get(key);
				if (value instanceof Y.Map) next.push({ map: value, keys: value.keys() });
				else if (value instanceof Y.AbstractType) {
					const violation = sharedViolation(doc, transaction, value, measured);
					if (violation) return violation;
				} else if (value !== undefined && !(jsonLength(value) <= MAX_VALUE_JSON_CHARS)) {
					return { reason: 'value-too-big' };
				}
			}
		}
		level = next;
		depth++;
	}
	return null;
}

function mapDepth(map: Y.Map<unknown>): number {
	let depth = 0;
	for (let current: Shared | null = map; current; current = current.parent) depth++;
	return depth;
}

/** The long-text field (the Y.XmlFragment that is not an element) that `node` belongs to. */
function richField(node: Shared): Shared {
	let current = node;
	while (
		(current instanceof Y.XmlElement || current instanceof Y.XmlText) &&
		current.parent instanceof Y.XmlFragment
	) {
		current = current.parent;
	}
	return current;
}

/**
 * Walks a long text once, without recursion, and stops at the first level or character beyond
 * the limits. Elements count: a top-level paragraph is depth 1; text adds no level. Beyond a
 * limit, the text is measured as it was before too (see `beyondLimit`).
 */
function richViolation(field: Shared, transaction: Y.Transaction): BoundViolation | null {
	const violation = richDepthOrLength(field);
	if (violation?.reason !== 'too-long') return violation;
	const now = richSize(field, (item) => !item.deleted);
	const before = richSize(field, (item) => existedBefore(item, transaction));
	return (
		beyondLimit(RICH_TEXT_MAX_CHARS, now.chars, before.chars) ??
		beyondLimit(RICH_TEXT_MAX_CHARS, now.elements, before.elements) ??
		// The walk stopped at the length: the nesting beyond it is still to be checked.
		richDepthOrLength(field, false)
	);
}

/** The first level, or (with `lengths`) character or element, beyond the limits. */
function richDepthOrLength(field: Shared, lengths = true): BoundViolation | null {
	let length = 0;
	// Elements are counted against the same limit as characters, as the read layer does
	// (bounded-rich-text.ts): a million empty paragraphs are no smaller than a million letters.
	let elements = 0;
	const pending: [Shared, number][] = [[field, 0]];
	while (pending.length > 0) {
		const [node, depth] = pending.pop()!;
		if (node instanceof Y.XmlElement) {
			if (depth > RICH_TEXT_MAX_DEPTH) return { reason: 'too-deep', depth };
			if (++elements > RICH_TEXT_MAX_CHARS && lengths) {
				return { reason: 'too-long', length: elements, max: RICH_TEXT_MAX_CHARS, wasBeyond: false };
			}
		}
		if (node instanceof Y.XmlText) {
			length += node.length;
			if (length > RICH_TEXT_MAX_CHARS && lengths) {
				return { reason: 'too-long', length, max: RICH_TEXT_MAX_CHARS, wasBeyond: false };
			}
		} else if (node instanceof Y.XmlFragment) {
			for (const child of node.toArray()) pending.push([child, depth + 1]);
		}
	}
	return null;
}

function textViolation(
	doc: Y.Doc,
	transaction: Y.Transaction,
	text: Y.Text
): BoundViolation | null {
	const max = textLimit(doc, text);
	if (text.length <= max) return null;
	return beyondLimit(
		max,
		text.length,
		textSize(text, (item) => existedBefore(item, transaction))
	);
}

/**
 * Whether a text `length` long now, `before` before the transaction, is a violation of `max`:
 * crossing the limit is; beyond it already, only growing is.
 */
function beyondLimit(max: number, length: number, before: number): BoundViolation | null {
	if (length <= max) return null;
	if (before <= max) return { reason: 'too-long', length, max, wasBeyond: false };
	return length > before ? { reason: 'too-long', length, max, wasBeyond: true } : null;
}

/**
 * Whether an item was in the document, not deleted, before `transaction`. Read in
 * `afterTransaction`, before Yjs collects or merges what the transaction deleted.
 */
function existedBefore(item: Y.Item, transaction: Y.Transaction): boolean {
	return (
		item.id.clock < (transaction.beforeState.get(item.id.client) ?? 0) &&
		(!item.deleted || Y.isDeleted(transaction.deleteSet, item.id))
	);
}

/** The characters of a text's items that `counts` (deleted ones included, if it says so). */
function textSize(text: Shared, counts: (item: Y.Item) => boolean): number {
	let length = 0;
	for (let item = text._start; item; item = item.right) {
		if (item.countable && counts(item)) length += item.length;
	}
	return length;
}

/** Characters and elements of a long text, counting the items that `counts`; a loop, like the walk above. */
function richSize(field: Shared, counts: (item: Y.Item) => boolean) {
	let chars = 0;
	let elements = 0;
	const pending: Shared[] = [field];
	while (pending.length > 0) {
		const node = pending.pop()!;
		for (let item = node._start; item; item = item.right) {
			if (!(item.content instanceof Y.ContentType) || !counts(item)) continue;
			const child = item.content.type;
			if (child instanceof Y.XmlText) chars += textSize(child, counts);
			else if (child instanceof Y.XmlElement) {
				elements++;
				pending.push(child);
			}
		}
	}
	return { chars, elements };
}

/** Element attributes (a heading's level, a link's target) are short plain values too. */
function attributeViolation(
	element: Y.XmlElement,
	keys: Set<string | null>
): BoundViolation | null {
	for (const key of keys) {
		if (key === null) continue;
		if (!(jsonLength(element.getAttribute(key)) <= MAX_VALUE_JSON_CHARS)) {
			return { reason: 'value-too-big' };
		}
	}
	return null;
}

function jsonLength(value: unknown): number {
	try {
		return JSON.stringify(value)?.length ?? 0;
	} catch {
		return Infinity;
	}
}

/** The limit of the field a short text is, or the longest any short text may be elsewhere. */
function textLimit(doc: Y.Doc, text: Y.Text): number {
	const entity = text.parent;
	if (!(entity instanceof Y.Map)) return LONG_TEXT_MAX;
	const field = keyOf(entity, text);
	const kind = entityKind(doc, entity);
	return field !== null && kind !== null ? textFieldMax(kind, field) : LONG_TEXT_MAX;
}

/** Which kind of entity (layout.ts) a map is, found from where it sits. */
function entityKind(doc: Y.Doc, entity: Y.Map<unknown>): EntityKind | 'meta' | null {
	if (entity === metaMap(doc)) return 'meta';
	if (entity === resolutionMap(doc)) return 'resolution';
	const container = entity.parent;
	if (!(container instanceof Y.Map)) return null;
	const top = TOP_COLLECTIONS.find((name) => topCollection(doc, name) === container);
	if (top) return top;
	const owner = container.parent;
	if (!(owner instanceof Y.Map)) return null;
	const nested = keyOf(owner, container);
	if (owner === resolutionMap(doc)) {
		return nested !== null && isResolutionCollection(nested) ? nested : null;
	}
	if (owner.parent !== topCollection(doc, 'measures')) return null;
	return MEASURE_COLLECTIONS.find((name) => name === nested) ?? null;
}

function keyOf(map: Y.Map<unknown>, value: unknown): string | null {
	for (const [key, candidate] of map.entries()) if (candidate === value) return key;
	return null;
}
