import type { OfficialRole } from '$lib/participation/comment-view';
import type { CommentStatus, Disposition, ModerationMode } from '$lib/participation/vocabulary';

/** One comment as a public page shows it, with its replies (oldest first). */
export interface ThreadComment {
	id: string;
	parentId: string | null;
	/** null: the author deleted their account */
	authorName: string | null;
	/** Owner or editor of the agenda: the comment speaks for the AG. */
	authorRole: OfficialRole | null;
	mine: boolean;
	/** null when the viewer may not read it (hidden, deleted) */
	body: string | null;
	status: CommentStatus;
	hiddenReason: string | null;
	deleted: boolean;
	createdAt: Date;
	editedAt: Date | null;
	/** Until when the viewer, its author, may still edit it; null if not. */
	editableUntil: Date | null;
	/** The AG's published answer. */
	answer: { disposition: Disposition; reason: string } | null;
	replies: ThreadComment[];
}

/** What the page knows about the thread besides its comments. */
export interface ThreadState {
	loggedIn: boolean;
	/** The phase is open: comments, replies and edits are possible. */
	open: boolean;
	moderation: ModerationMode;
	/** Why nothing can be written now (phase upcoming or closed); null while open. */
	closedNote: string | null;
}

/** The result of any of the thread's form actions (success or `formFailure`). */
export interface ThreadForm {
	action?: string;
	values?: Record<string, string>;
	errors?: Record<string, string>;
	success?: string;
	commentId?: string;
}
