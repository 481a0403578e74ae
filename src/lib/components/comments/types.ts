import type { CommentView } from '$lib/participation/comment-view';
import type { ModerationMode } from '$lib/participation/vocabulary';

/**
 * One comment as a public page shows it, with its replies (oldest first): the viewer's
 * `CommentView` without the item (the page knows it) and with only what a published answer says.
 */
export interface ThreadComment extends Omit<
	CommentView,
	'item' | 'fassung' | 'answer' | 'replies'
> {
	/** The AG's published answer. */
	answer: Pick<NonNullable<CommentView['answer']>, 'disposition' | 'reason'> | null;
	/**
	 * Where the comment's `anchor` is in the text this page shows (0-based paragraph), or null
	 * when that paragraph has changed since (`locateAnchor`); null too without an anchor.
	 */
	passageAt: number | null;
	replies: ThreadComment[];
}

/** What the page knows about the thread besides its comments. */
export interface ThreadState {
	loggedIn: boolean;
	/** Signed in, but the address is not confirmed yet: no forms, a notice with this address. */
	unconfirmedEmail: string | null;
	/** The phase is open: comments, replies and edits are possible. */
	open: boolean;
	/** An earlier round's thread: read only, no forms at all (not even delete or report). */
	archived: boolean;
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
	/** The server asks to confirm a deletion (see `asksToConfirm`). */
	confirm?: boolean;
}

/** The passage a new comment will refer to: a paragraph (0-based), its text, the selected words. */
export interface ChosenPassage {
	paragraph: number;
	text: string;
	quote: string | null;
}
