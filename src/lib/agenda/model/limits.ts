import { ENTITY_FIELDS, META_TEXTS, type EntityKind } from './entities';
import { SHORT_TEXT_MAX, SUMMARY_MAX } from './vocabulary';

/**
 * How much one agenda may hold: the single source for the editor's `maxlength`s, the collab
 * server's bounds on accepted updates and the read layer's clamp. Generous for any real strategy,
 * small enough that no single field can make an export or a page slow for everybody.
 */

/** Longest multi-line short text (a description, a note, the Beschlussvorschlag). */
export const LONG_TEXT_MAX = 20_000;

/** Characters of one long (rich) text field, all paragraphs together. */
export const RICH_TEXT_MAX_CHARS = 200_000;

/**
 * Deepest nesting of elements in a long text: a paragraph in a list item in a list counts 3, so
 * this allows lists nested eight deep inside a quote. Beyond it nobody writes by hand, and
 * recursive readers (export, diff, ProseMirror) would run out of stack far beyond.
 */
export const RICH_TEXT_MAX_DEPTH = 24;

/** Short-text fields that hold more than a line. */
const LONG_FIELDS: Partial<Record<EntityKind, readonly string[]>> = {
	inventory: ['note'],
	principles: ['description'],
	goals: ['description'],
	fields: ['description'],
	fundingSources: ['notes'],
	resolution: ['proposal', 'coverageProposal', 'financeNotes'],
	consultations: ['votum']
};

/** Fields with their own limit: a measure's summary is a teaser, not a description. */
const SPECIAL_LIMITS: Partial<Record<EntityKind, Record<string, number>>> = {
	measures: { summary: SUMMARY_MAX }
};

/** The longest text a short-text (`text`) field of `kind` may hold. */
export function textFieldMax(kind: EntityKind | 'meta', field: string): number {
	if (kind === 'meta') return SHORT_TEXT_MAX;
	return (
		SPECIAL_LIMITS[kind]?.[field] ??
		(LONG_FIELDS[kind]?.includes(field) ? LONG_TEXT_MAX : SHORT_TEXT_MAX)
	);
}

/** Every short-text field with its limit, e.g. for tests and the README. */
export function allTextFieldLimits(): { kind: EntityKind | 'meta'; field: string; max: number }[] {
	const limits: { kind: EntityKind | 'meta'; field: string; max: number }[] = META_TEXTS.map(
		(field) => ({ kind: 'meta' as const, field, max: textFieldMax('meta', field) })
	);
	for (const [kind, fields] of Object.entries(ENTITY_FIELDS) as [
		EntityKind,
		Record<string, string>
	][]) {
		for (const [field, fieldKind] of Object.entries(fields)) {
			if (fieldKind === 'text') limits.push({ kind, field, max: textFieldMax(kind, field) });
		}
	}
	return limits;
}
