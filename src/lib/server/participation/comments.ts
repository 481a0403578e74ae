import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { audit } from '../audit';
import { type Db, type Executor, inTransaction, returnedRow } from '../db/connection';
import {
	commentAnswers,
	commentReports,
	comments,
	memberships,
	users,
	versions,
	type Comment
} from '../db/schema';
import { generateId } from '../ids';
import {
	COMMENT_EDIT_WINDOW_MS,
	COMMENT_MAX_CHARS,
	type CommentStatus
} from '../../participation/vocabulary';
import { itemExists, itemKey, itemParagraphs, type CommentItem } from './items';
import { anchorFor, type AnchorError, type PassageAnchor } from '../../participation/anchor';
import { officialRole, type CommentView } from '../../participation/comment-view';

export type { CommentView };
import { phaseState, type PhaseWithVersion } from './phases';
import { notifyCommentReplied } from '../notifications/comment-mails';
import { commentsChanged } from './notify';
import { participationText, shownText } from './text';
import { loadVersionAgenda, versionAgendaId } from './versions';

export type CommentError =
	| 'phase-not-open'
	| 'unknown-item'
	| 'unknown-parent'
	| 'empty'
	| 'too-long'
	| 'not-found'
	| 'not-author'
	| 'edit-window-over'
	| 'answered'
	| 'deleted'
	| AnchorError;

export type CommentResult = { ok: true; comment: Comment } | { ok: false; error: CommentError };

/** `body` as `participationText` made it. */
function checkBody(body: string): CommentError | null {
	if (body === '') return 'empty';
	if (body.length > COMMENT_MAX_CHARS) return 'too-long';
	return null;
}

/** A citizen's comment or reply on an item of the phase's Fassung. */
export async function addComment(db: Db, input: NewComment): Promise<CommentResult> {
	const result = await inTransaction(db, (tx) => addCommentInTransaction(tx, input));
	if (result.ok) commentsChanged(input.participation.version.agendaId);
	return result;
}

export type NewComment = {
	participation: PhaseWithVersion;
	item: CommentItem;
	parentId: string | null;
	authorId: string;
	body: string;
	/**
	 * The paragraph (0-based) of the item's description and the words in it the comment is
	 * about; its text is read from the Fassung. Replies point to no passage of their own.
	 */
	passage?: { paragraph: number; quote: string | null } | null;
	/** Where the mail to the parent's author links; null tells nobody (the demo's seed). */
	origin: string | null;
	now?: number;
};

/**
 * `addComment` within a transaction the caller holds: the demo's seed, which writes the
 * whole demo in one transaction (transactions do not nest). Nobody hears of the change
 * (`commentsChanged`): nobody listens while the demo is seeded.
 */
export async function addCommentInTransaction(
	tx: Executor,
	input: NewComment
): Promise<CommentResult> {
	const { phase, version } = input.participation;
	const now = input.now ?? Date.now();
	if (phaseState(phase, now) !== 'open') return { ok: false, error: 'phase-not-open' };
	const agenda = await loadVersionAgenda(tx, version.id);
	if (!itemExists(agenda, input.item)) return { ok: false, error: 'unknown-item' };
	const body = participationText(input.body);
	const bodyError = checkBody(body);
	if (bodyError) return { ok: false, error: bodyError };
	let anchor: PassageAnchor | null = null;
	if (input.passage && input.parentId === null) {
		const found = anchorFor(
			itemParagraphs(agenda, input.item),
			input.passage.paragraph,
			input.passage.quote
		);
		if (!found.ok) return { ok: false, error: found.error };
		anchor = found.anchor;
	}
	if (input.parentId !== null) {
		const [parent] = await tx.select().from(comments).where(eq(comments.id, input.parentId));
		if (
			!parent ||
			parent.versionId !== version.id ||
			parent.itemKind !== input.item.kind ||
			parent.itemId !== input.item.id ||
			parent.status !== 'visible' ||
			parent.deletedAt !== null
		) {
			return { ok: false, error: 'unknown-parent' } as const;
		}
	}
	const comment = returnedRow(
		await tx
			.insert(comments)
			.values({
				id: generateId(),
				versionId: version.id,
				itemKind: input.item.kind,
				itemId: input.item.id,
				parentId: input.parentId,
				authorId: input.authorId,
				body,
				anchor,
				status: phase.moderation === 'pre' ? 'pending' : 'visible',
				createdAt: new Date(now)
			})
			.returning()
	);
	// A reply awaiting approval is told once it is approved (see moderateComment).
	if (input.origin !== null) await notifyCommentReplied(tx, comment.id, input.origin, now);
	return { ok: true, comment } as const;
}

async function ownComment(
	tx: Executor,
	commentId: string,
	userId: string
): Promise<{ comment: Comment } | { error: CommentError }> {
	const [comment] = await tx.select().from(comments).where(eq(comments.id, commentId));
	if (!comment) return { error: 'not-found' };
	if (comment.authorId !== userId) return { error: 'not-author' };
	if (comment.deletedAt !== null) return { error: 'deleted' };
	return { comment };
}

/**
 * The author corrects a comment within 15 minutes while the phase is open, unless the AG has
 * answered it (published or not): the answer must never refer to a text that changed since.
 * Under pre-moderation the new text needs approval again, so approval cannot be used to slip in
 * something else.
 */
export async function editComment(
	db: Db,
	input: {
		participation: PhaseWithVersion;
		commentId: string;
		userId: string;
		body: string;
		now?: number;
	}
): Promise<CommentResult> {
	const now = input.now ?? Date.now();
	if (phaseState(input.participation.phase, now) !== 'open') {
		return { ok: false, error: 'phase-not-open' };
	}
	const body = participationText(input.body);
	const bodyError = checkBody(body);
	if (bodyError) return { ok: false, error: bodyError };
	const result = await inTransaction(db, async (tx) => {
		const found = await ownComment(tx, input.commentId, input.userId);
		if ('error' in found) return { ok: false, error: found.error } as const;
		if (found.comment.versionId !== input.participation.version.id) {
			return { ok: false, error: 'not-found' } as const;
		}
		if (now - found.comment.createdAt.getTime() > COMMENT_EDIT_WINDOW_MS) {
			return { ok: false, error: 'edit-window-over' } as const;
		}
		const [answer] = await tx
			.select({ commentId: commentAnswers.commentId })
			.from(commentAnswers)
			.where(eq(commentAnswers.commentId, input.commentId));
		if (answer) return { ok: false, error: 'answered' } as const;
		const status: CommentStatus =
			input.participation.phase.moderation === 'pre' && found.comment.status === 'visible'
				? 'pending'
				: found.comment.status;
		const comment = returnedRow(
			await tx
				.update(comments)
				.set({ body, editedAt: new Date(now), status })
				.where(eq(comments.id, input.commentId))
				.returning()
		);
		return { ok: true, comment } as const;
	});
	if (result.ok) commentsChanged(input.participation.version.agendaId);
	return result;
}

/** The author deletes a comment: its text is gone, its place in the thread stays. */
export async function deleteComment(
	db: Db,
	input: { commentId: string; userId: string; now?: number }
): Promise<CommentResult> {
	const result = await inTransaction(db, async (tx) => {
		const found = await ownComment(tx, input.commentId, input.userId);
		if ('error' in found) return { ok: false, error: found.error } as const;
		const comment = returnedRow(
			await tx
				.update(comments)
				.set({ body: '', deletedAt: new Date(input.now ?? Date.now()) })
				.where(eq(comments.id, input.commentId))
				.returning()
		);
		await audit(tx, {
			actorId: input.userId,
			action: 'comment.delete',
			details: { commentId: comment.id }
		});
		return { ok: true, comment, agendaId: await versionAgendaId(tx, comment.versionId) } as const;
	});
	if (!result.ok) return result;
	if (result.agendaId) commentsChanged(result.agendaId);
	return { ok: true, comment: result.comment };
}

export interface Viewer {
	userId: string | null;
	/** Owners and editors: they see pending and hidden texts and unpublished answers. */
	isTeam: boolean;
}

/**
 * Whether `viewer` may read a comment's text: a published one everybody, one awaiting approval
 * its author and the team, a hidden one the team; a deleted one nobody.
 */
export function canRead(
	comment: Pick<Comment, 'status' | 'authorId' | 'deletedAt'>,
	viewer: Viewer
): boolean {
	if (comment.deletedAt !== null) return false;
	if (comment.status === 'visible' || viewer.isTeam) return true;
	return (
		comment.status === 'pending' && viewer.userId !== null && comment.authorId === viewer.userId
	);
}

/**
 * The comments of one item (or of the whole Fassung with `item` null) as `viewer` may see them,
 * threaded, oldest first. Pending comments reach only their author and the team; hidden ones show
 * as "ausgeblendet" with the reason; answers appear publicly once published.
 */
export async function listComments(
	db: Executor,
	versionId: string,
	item: CommentItem | null,
	viewer: Viewer,
	now = Date.now()
): Promise<CommentView[]> {
	const filters = [eq(comments.versionId, versionId)];
	if (item) filters.push(eq(comments.itemKind, item.kind), eq(comments.itemId, item.id));
	const rows = await db
		.select({
			comment: comments,
			authorName: users.displayName,
			authorRole: memberships.role,
			fassung: versions.number,
			answer: commentAnswers
		})
		.from(comments)
		.innerJoin(versions, eq(versions.id, comments.versionId))
		.leftJoin(users, eq(users.id, comments.authorId))
		// The author's membership in the comment's agenda as it is now, not when they wrote.
		.leftJoin(
			memberships,
			and(eq(memberships.agendaId, versions.agendaId), eq(memberships.userId, comments.authorId))
		)
		.leftJoin(commentAnswers, eq(commentAnswers.commentId, comments.id))
		.where(and(...filters))
		.orderBy(asc(comments.createdAt), asc(comments.id));
	const answerers = new Map(
		(
			await db
				.select({ id: users.id, name: users.displayName })
				.from(users)
				.where(
					inArray(
						users.id,
						rows.flatMap((row) => (row.answer?.answeredBy ? [row.answer.answeredBy] : []))
					)
				)
		).map((user) => [user.id, user.name])
	);
	const reportedByViewer = await reportedBy(db, versionId, viewer.userId);
	const views = new Map<string, CommentView>();
	const roots: CommentView[] = [];
	for (const { comment, authorName, authorRole, fassung, answer } of rows) {
		const mine = viewer.userId !== null && comment.authorId === viewer.userId;
		if (comment.status === 'pending' && !mine && !viewer.isTeam) continue;
		const readable = canRead(comment, viewer);
		const editableUntil = comment.createdAt.getTime() + COMMENT_EDIT_WINDOW_MS;
		const view: CommentView = {
			id: comment.id,
			parentId: comment.parentId,
			item: { kind: comment.itemKind, id: comment.itemId },
			fassung,
			authorName: comment.authorId === null ? null : (authorName ?? null),
			authorRole: officialRole(authorRole),
			mine,
			body: readable ? shownText(comment.body) : null,
			anchor: comment.anchor ?? null,
			status: comment.status,
			hiddenReason: shownText(comment.hiddenReason),
			deleted: comment.deletedAt !== null,
			createdAt: comment.createdAt,
			editedAt: comment.editedAt,
			// An answered comment is frozen (see editComment), whether its answer is public or not.
			editableUntil:
				mine && comment.deletedAt === null && !answer && now < editableUntil
					? new Date(editableUntil)
					: null,
			reportedByMe: reportedByViewer.has(comment.id),
			answer:
				answer && (answer.publishedAt !== null || viewer.isTeam)
					? {
							disposition: answer.disposition,
							reason: shownText(answer.reason),
							published: answer.publishedAt !== null,
							answeredBy: answer.answeredBy ? (answerers.get(answer.answeredBy) ?? null) : null,
							answeredAt: answer.answeredAt
						}
					: null,
			replies: []
		};
		views.set(view.id, view);
		const parent = view.parentId ? views.get(view.parentId) : undefined;
		if (parent) parent.replies.push(view);
		else if (!view.parentId) roots.push(view);
	}
	return roots;
}

/** The ids of the comments of a Fassung that `userId` has reported (none for anonymous visitors). */
async function reportedBy(
	db: Executor,
	versionId: string,
	userId: string | null
): Promise<Set<string>> {
	if (userId === null) return new Set();
	const rows = await db
		.select({ commentId: commentReports.commentId })
		.from(commentReports)
		.innerJoin(comments, eq(comments.id, commentReports.commentId))
		.where(and(eq(comments.versionId, versionId), eq(commentReports.reporterId, userId)));
	return new Set(rows.map((row) => row.commentId));
}

/** Visible, not deleted comments per item key (`measure:<id>` …) of a Fassung. */
export async function commentCounts(db: Executor, versionId: string): Promise<Map<string, number>> {
	const rows = await db
		.select({ kind: comments.itemKind, id: comments.itemId, n: count() })
		.from(comments)
		.where(
			and(
				eq(comments.versionId, versionId),
				eq(comments.status, 'visible'),
				isNull(comments.deletedAt)
			)
		)
		.groupBy(comments.itemKind, comments.itemId);
	return new Map(rows.map((row) => [itemKey({ kind: row.kind, id: row.id }), row.n]));
}
