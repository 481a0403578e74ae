import { isResolutionCollection, type CollectionRef } from '$lib/agenda/model/entities';

/** How one field of an entity is edited in a generic collection editor. */
export type FieldSpec =
	| { field: string; kind: 'text'; label: string; multiline?: boolean; wide?: boolean }
	| {
			field: string;
			kind: 'choice';
			label: string;
			options: readonly { value: string | number; label: string }[];
			emptyLabel?: string;
			/** Convert the chosen option's string back to the stored value (e.g. a number). */
			toValue?: (value: string) => unknown;
	  }
	| {
			field: string;
			kind: 'number';
			label: string;
			format: (value: number) => string;
			parse: (text: string) => number | null;
			invalidMessage: string;
			allowEmpty?: boolean;
			inputmode?: 'decimal' | 'numeric';
			/** What to say at the field about the item's accepted value, or null. */
			warning?: (item: Record<string, unknown>) => string | null;
	  }
	| { field: string; kind: 'check'; label: string }
	/** A calendar date, stored as ISO `YYYY-MM-DD` or null (an `<input type="date">`). */
	| { field: string; kind: 'date'; label: string; invalidMessage: string }
	/** A time of day, stored as `HH:MM` or null (an `<input type="time">`). */
	| { field: string; kind: 'time'; label: string; invalidMessage: string };

/** Presence key of the whole Beschlussvorlage section. */
export const RESOLUTION_ITEM = 'resolution';

/**
 * Presence key of an entity: what others see this user working on. Parts of a measure count as
 * the measure, the Beratungsfolge and the Deckungsvorschlag as the resolution data.
 */
export function itemKey(ref: CollectionRef, id: string): string {
	if (isResolutionCollection(ref.collection)) return RESOLUTION_ITEM;
	return 'measureId' in ref ? `measures:${ref.measureId}` : `${ref.collection}:${id}`;
}

/** A DOM id that is unique per entity and field. */
export function fieldId(ref: CollectionRef, id: string, field: string): string {
	return `${ref.collection}-${id}-${field}`;
}
