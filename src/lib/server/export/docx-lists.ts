import { Paragraph, type ParagraphChild } from 'docx';
import { LIST_INDENT, LIST_REFERENCE, STYLE } from './docx-styles';

/** Word numbers lists nine levels deep (0–8); deeper items stand at the deepest level. */
export const DEEPEST_LEVEL = 8;

/** One list of the document: a Word numbering instance of the bullet or the number list. */
export interface WordList {
	reference: string;
	instance: number;
}

/**
 * Hands out a numbering instance per list, so that every numbered list starts again at 1
 * instead of continuing the previous one (docx gives each instance its own start override).
 */
export class ListNumbering {
	private instances = 0;

	start(ordered: boolean): WordList {
		this.instances += 1;
		return {
			reference: ordered ? LIST_REFERENCE.ordered : LIST_REFERENCE.bullet,
			instance: this.instances
		};
	}
}

/** An item of `list` at nesting `level` (0 = top), numbered by Word. */
export function listItemParagraph(
	list: WordList,
	level: number,
	children: ParagraphChild[]
): Paragraph {
	return new Paragraph({
		style: STYLE.listParagraph,
		numbering: {
			reference: list.reference,
			level: Math.min(level, DEEPEST_LEVEL),
			instance: list.instance
		},
		children
	});
}

/** A further paragraph of a list item: aligned with the item's text, without a number. */
export function listContinuationParagraph(level: number, children: ParagraphChild[]): Paragraph {
	return new Paragraph({
		style: STYLE.listParagraph,
		indent: { left: LIST_INDENT * (Math.min(level, DEEPEST_LEVEL) + 1) },
		children
	});
}
