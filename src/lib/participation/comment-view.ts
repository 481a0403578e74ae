import type { AgendaRole } from '../roles';
import type { PassageAnchor } from './anchor';
import type { CommentItemKind, CommentStatus, Disposition } from './vocabulary';

/** The roles that speak for the agenda (the AG): their comments carry a badge. */
export type OfficialRole = Extract<AgendaRole, 'owner' | 'editor'>;

export function officialRole(role: AgendaRole | null | undefined): OfficialRole | null {
	return role === 'owner' || role === 'editor' ? role : null;
}

/** A comment as one viewer may see it (built on the server, shown on public pages and in the editor). */
export interface CommentView {
	id: string;
	parentId: string | null;
	item: { kind: CommentItemKind; id: string };
	/** The number of the Fassung it was written on: which round of participation it belongs to. */
	fassung: number;
	/** null: the author deleted their account */
	authorName: string | null;
	/** The author's role in the agenda now, if it speaks for the AG; a name alone proves nothing. */
	authorRole: OfficialRole | null;
	mine: boolean;
	/** null when this viewer may not read the text (hidden, pending, deleted) */
	body: string | null;
	/** The paragraph of the item's text (and the words in it) the comment is about, if any. */
	anchor: PassageAnchor | null;
	status: CommentStatus;
	hiddenReason: string | null;
	deleted: boolean;
	createdAt: Date;
	editedAt: Date | null;
	/** Until when the viewer (the author) may still edit; null if not. */
	editableUntil: Date | null;
	/** The viewer has reported this comment already (and is not offered the report form again). */
	reportedByMe: boolean;
	answer: {
		disposition: Disposition;
		reason: string;
		published: boolean;
		answeredBy: string | null;
		answeredAt: Date;
	} | null;
	replies: CommentView[];
}

/** How many comments a list holds, replies at every depth included. */
export function countComments(list: readonly CommentView[]): number {
	return list.reduce((sum, comment) => sum + 1 + countComments(comment.replies), 0);
}
