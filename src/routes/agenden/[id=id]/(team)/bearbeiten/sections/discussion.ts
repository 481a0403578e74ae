import { countComments, type CommentView } from '$lib/participation/comment-view';

/** The failure of the last answer form, for the comment it was about. */
export interface AnswerFailure {
	commentId?: string;
	errors?: Record<string, string>;
}

/**
 * Citizens' comments of every round of participation, as the editor shows them beside each item
 * with the form for the AG's answer. There is none before the first round begins.
 */
export interface Discussion {
	/** The round a comment belongs to, by its Fassung: „Runde 2 · Fassung 3 „Entwurf““. */
	roundLabel(fassung: number): string;
	canAnswer: boolean;
	failure: AnswerFailure | null;
	/** The comments on one item, by its key (`section:leitbild`, `goal:<id>`, `measure:<id>`). */
	commentsOn(key: string): readonly CommentView[];
}

/** How many comments each measure has, by measure id (those with none are missing). */
export function commentCountsByMeasure(
	comments: Readonly<Record<string, readonly CommentView[]>>
): Map<string, number> {
	const prefix = 'measure:';
	return new Map(
		Object.entries(comments).flatMap(([key, list]) =>
			key.startsWith(prefix) ? [[key.slice(prefix.length), countComments(list)] as const] : []
		)
	);
}
