import type { CollectionRef } from '$lib/agenda/layout';

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
	  }
	| { field: string; kind: 'check'; label: string };

/** Presence key of an entity: what others see this user working on. */
export function itemKey(ref: CollectionRef, id: string): string {
	return 'measureId' in ref ? `measures:${ref.measureId}` : `${ref.collection}:${id}`;
}

/** A DOM id that is unique per entity and field. */
export function fieldId(ref: CollectionRef, id: string, field: string): string {
	return `${ref.collection}-${id}-${field}`;
}
