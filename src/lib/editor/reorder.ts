/**
 * Reordering a list that may be shown filtered (the measure list): an item steps past its visible
 * neighbour or is dropped onto another item, and lands where that item is now in the full list,
 * before it when moving up, after it when moving down. The items hidden by filters between the
 * two keep their places.
 */

interface Listed {
	readonly id: string;
}

/** The visible neighbour that `id` steps past (Alt+Arrow, ↑/↓); null at either end of the view. */
export function neighbour<T extends Listed>(
	visible: readonly T[],
	id: string,
	direction: -1 | 1
): T | null {
	const position = visible.findIndex((item) => item.id === id);
	if (position === -1) return null;
	return visible[position + direction] ?? null;
}

/**
 * The index to hand to `moveEntity` (an index among the other items) so that an item takes the
 * place `targetId` has now in the full list; its position for people is this plus one.
 */
export function placeOf(all: readonly Listed[], targetId: string): number {
	return all.findIndex((item) => item.id === targetId);
}
