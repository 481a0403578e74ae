import type { CommentItemKind, CommentStatus, Disposition } from './vocabulary';

/** A comment as one viewer may see it (built on the server, shown on public pages and in the editor). */
export interface CommentView {
	id: string;
	parentId: string | null;
	item: { kind: CommentItemKind; id: string };
	/** null: the author deleted their account */
	authorName: string | null;
	mine: boolean;
	/** null when this viewer may not read the text (hidden, pending, deleted) */
	body: string | null;
	status: CommentStatus;
	hiddenReason: string | null;
	deleted: boolean;
	createdAt: Date;
	editedAt: Date | null;
	/** Until when the viewer (the author) may still edit; null if not. */
	editableUntil: Date | null;
	answer: {
		disposition: Disposition;
		reason: string;
		published: boolean;
		answeredBy: string | null;
		answeredAt: Date;
	} | null;
	replies: CommentView[];
}
