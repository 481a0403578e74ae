import { countComments, type CommentView } from '$lib/participation/comment-view';

/** The failure of the last answer form, for the comment it was about. */
export interface AnswerFailure {
	commentId?: string;
	errors?: Record<string, string>;
}

/**
 * Citizens' comments on the Fassung they read now, as the editor shows them beside each item with
 * the form for the AG's answer. There is none before the first Fassung is published.
 */
export interface Discussion {
	/** The Fassung the comments are about, e.g. „Fassung 2 (Entwurf)“. */
	versionLabel: string;
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
