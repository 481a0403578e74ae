import { generateKeyBetween } from 'fractional-indexing';

/**
 * Entities are ordered by a fractional index (`order`), ties broken by id: two editors who insert
 * at the same place concurrently may pick the same key, and the id keeps the order stable.
 */
export function compareByOrder(a: { order: string; id: string }, b: { order: string; id: string }) {
	if (a.order !== b.order) return a.order < b.order ? -1 : 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortByOrder<T extends { order: string; id: string }>(items: T[]): T[] {
	return [...items].sort(compareByOrder);
}

/**
 * The key that places an item at `index` among `siblings` (already sorted, without the item).
 * Falls back to appending when keys are malformed, so a damaged document never blocks an edit.
 */
export function orderKeyAt(siblings: readonly { order: string }[], index: number): string {
	const clamped = Math.max(0, Math.min(index, siblings.length));
	const before = clamped > 0 ? (siblings[clamped - 1]?.order ?? null) : null;
	// Equal keys (from concurrent inserts) leave no room between them: go past the whole run.
	const after =
		siblings.slice(clamped).find((sibling) => before === null || sibling.order > before)?.order ??
		null;
	try {
		return generateKeyBetween(before, after);
	} catch {
		return generateKeyBetween(lastValidKey(siblings), null);
	}
}

function lastValidKey(siblings: readonly { order: string }[]): string | null {
	for (let i = siblings.length - 1; i >= 0; i--) {
		const key = siblings[i]?.order ?? null;
		try {
			generateKeyBetween(key, null);
			return key;
		} catch {
			// not a key we made; skip it
		}
	}
	return null;
}
