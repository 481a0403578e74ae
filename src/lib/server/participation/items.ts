import { richTextParagraphs } from '../../agenda/model/rich-text';
import type { Agenda } from '../../agenda/model/schema';
import { COMMENTABLE_SECTIONS, type CommentItemKind } from '../../participation/vocabulary';

export interface CommentItem {
	kind: CommentItemKind;
	id: string;
}

/** Whether citizens can comment on this item of the Fassung: it must exist in it. */
export function itemExists(agenda: Agenda, item: CommentItem): boolean {
	switch (item.kind) {
		case 'measure':
			return agenda.measures.some((measure) => measure.id === item.id);
		case 'goal':
			return agenda.goals.some((goal) => goal.id === item.id);
		case 'section':
			return (COMMENTABLE_SECTIONS as readonly string[]).includes(item.id);
	}
}

/** The key that joins comments to an item everywhere (counts, the editor's badges). */
export function itemKey(item: CommentItem): string {
	return `${item.kind}:${item.id}`;
}

/**
 * The texts of the paragraphs a comment on this item can point to: a measure's description; none
 * for other items (they have no passage comments yet).
 */
export function itemParagraphs(agenda: Agenda, item: CommentItem): string[] {
	if (item.kind !== 'measure') return [];
	const measure = agenda.measures.find((candidate) => candidate.id === item.id);
	return measure ? richTextParagraphs(measure.description).map((paragraph) => paragraph.text) : [];
}
