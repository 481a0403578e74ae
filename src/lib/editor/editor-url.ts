import type { CommentItemKind } from '$lib/participation/vocabulary';

/**
 * Where the editor is, in its URL (`?abschnitt=massnahmen&massnahme=<id>`), so that a colleague
 * can be sent a link to a section or measure; the moderation queue links its comments' items the
 * same way. The section names in the URL are German, as the rest of the addresses.
 */
export const EDITOR_SECTIONS = [
	'overview',
	'ausgangslage',
	'leitbild',
	'goals',
	'people',
	'funding',
	'measures',
	'finance',
	'resolution'
] as const;
export type EditorSection = (typeof EDITOR_SECTIONS)[number];

const SECTION_PARAM: Record<EditorSection, string> = {
	overview: 'uebersicht',
	ausgangslage: 'ausgangslage',
	leitbild: 'leitbild',
	goals: 'ziele',
	people: 'personen',
	funding: 'foerderung',
	measures: 'massnahmen',
	finance: 'finanzen',
	resolution: 'beschlussvorlage'
};

export const SECTION_QUERY = 'abschnitt';
export const MEASURE_QUERY = 'massnahme';

export interface EditorPlace {
	section: EditorSection;
	/** Only in the measures section: the measure open beside the list. */
	measureId: string | null;
}

/** The query string of a place in the editor, with its leading `?`. */
export function editorQuery(place: EditorPlace): string {
	const params = new URLSearchParams({ [SECTION_QUERY]: SECTION_PARAM[place.section] });
	if (place.section === 'measures' && place.measureId) params.set(MEASURE_QUERY, place.measureId);
	return `?${params}`;
}

/** The section (null if absent or unknown) and measure a link names; checking the id is the caller's. */
export function readEditorQuery(params: URLSearchParams): {
	section: EditorSection | null;
	measureId: string | null;
} {
	const name = params.get(SECTION_QUERY);
	const section = EDITOR_SECTIONS.find((candidate) => SECTION_PARAM[candidate] === name) ?? null;
	const measureId = params.get(MEASURE_QUERY) || null;
	// A measure alone is clear enough: it lives in the measures section.
	return { section: section ?? (measureId ? 'measures' : null), measureId };
}

/** Where an item citizens comment on is edited. */
export function editorPlaceOf(item: { kind: CommentItemKind; id: string }): EditorPlace {
	switch (item.kind) {
		case 'measure':
			return { section: 'measures', measureId: item.id };
		case 'goal':
			return { section: 'goals', measureId: null };
		case 'section':
			return {
				section: item.id === 'leitbild' ? 'leitbild' : 'ausgangslage',
				measureId: null
			};
	}
}

/**
 * The path of the editor, at `place` if given, e.g. for links in mails, which cannot use the
 * app's `resolve` (the app is served at the root).
 */
export function editorPath(agendaId: string, place?: EditorPlace): string {
	return `/agenden/${agendaId}/bearbeiten${place ? editorQuery(place) : ''}`;
}

/** The path of the editor where `item` is edited. */
export function editorItemPath(agendaId: string, item: { kind: CommentItemKind; id: string }) {
	return editorPath(agendaId, editorPlaceOf(item));
}
