import type { FieldSpec } from '$lib/editor/field-specs';
import { m } from '$lib/paraglide/messages';

/** An entry's heading: its title (or name), or e.g. „Ziel 3“ while it has none. */
export function entryLabel(field: 'title' | 'name', untitled: () => string) {
	return (entry: Record<string, unknown>, index: number): string =>
		(typeof entry[field] === 'string' && entry[field]) || `${untitled()} ${index + 1}`;
}

/** Principles, goals and fields of action: each a title and a description. */
export function titledFields(): readonly FieldSpec[] {
	return [
		{ field: 'title', kind: 'text', label: m.editor_item_title(), wide: true },
		{ field: 'description', kind: 'text', label: m.editor_item_description(), multiline: true }
	];
}
