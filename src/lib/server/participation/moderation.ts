import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import { audit } from '../audit';
import { type Db, type Executor, inTransaction } from '../db/connection';
import { commentReports, comments, users, versions } from '../db/schema';
import { generateId } from '../ids';
import { REASON_MAX_CHARS, type CommentItemKind } from '../../participation/vocabulary';
import {
	notifyCommentHidden,
	notifyCommentReleased,
	notifyCommentReplied,
	notifyReportWaiting
} from '../notifications/comment-mails';
import { canRead, type Viewer } from './comments';
import type { CommentItem } from './items';
import { commentsChanged } from './notify';
import { participationText, shownText } from './text';
import { versionAgendaId } from './versions';

export type ModerationError =
	'not-found' | 'empty-reason' | 'reason-too-long' | 'wrong-state' | 'already-reported';

/** `reason` as `participationText` made it. */
function checkReason(reason: string): ModerationError | null {
	if (reason === '') return 'empty-reason';
	if (reason.length > REASON_MAX_CHARS) return 'reason-too-long';
	return null;
}

/**
 * Anyone logged in reports a comment they can read on the page of `item` in the Fassung under
 * participation; the team sees it in the moderation queue, and the agenda's owners are told by
 * mail (links to `origin`; null tells nobody). Any other id (another agenda, Fassung
 * or item, awaiting approval, hidden, deleted) is 'not-found', like an id that does not exist, so
 * that the answer tells nothing about it.
 */
export async function reportComment(
	db: Db,
	input: {
		versionId: string;
		item: CommentItem;
		reporter: Viewer & { userId: string };
		commentId: string;
		reason: string;
		origin: string | null;
		now?: number;
	}
): Promise<{ ok: true } | { ok: false; error: ModerationError }> {
	const reason = participationText(input.reason);
	const reasonError = checkReason(reason);
	if (reasonError) return { ok: false, error: reasonError };
	const result = await inTransaction(db, async (tx) => {
		const [comment] = await tx.select().from(comments).where(eq(comments.id, input.commentId));
		if (
			!comment ||
			comment.versionId !== input.versionId ||
			comment.itemKind !== input.item.kind ||
			comment.itemId !== input.item.id ||
			!canRead(comment, input.reporter)
		) {
			return { ok: false, error: 'not-found' } as const;
		}
		// One report per person and comment: a second adds nothing for the moderators but noise.
		const [earlier] = await tx
			.select({ id: commentReports.id })
			.from(commentReports)
			.where(
				and(
					eq(commentReports.commentId, comment.id),
					eq(commentReports.reporterId, input.reporter.userId)
				)
			)
			.limit(1);
		if (earlier) return { ok: false, error: 'already-reported' } as const;
		const reportId = generateId();
		await tx
			.insert(commentReports)
			.values({ id: reportId, commentId: comment.id, reporterId: input.reporter.userId, reason });
		if (input.origin !== null) await notifyReportWaiting(tx, reportId, input.origin, input.now);
		return { ok: true } as const;
	});
	if (result.ok) {
		const agendaId = await versionAgendaId(db, input.versionId);
		if (agendaId) commentsChanged(agendaId);
	}
	return result;
}

export type ModerationAction = 'approve' | 'hide' | 'restore' | 'dismiss';

/**
 * The team's decisions on a comment of one of the agenda's Fassungen. Hidden text is kept (and can
 * be restored); open reports are resolved by any decision; every decision is audited. The author
 * is told by mail (links to `origin`; null tells nobody) what the decision means for them:
 * - hide: their comment is not (or no longer) public, with the moderator's reason;
 * - approve and restore: it is public now; a reply that becomes public also tells the author of
 *   the comment it answers;
 * - dismiss: nothing changes for the author (the comment stays as it was), so nothing is said,
 *   and the author does not learn that somebody reported it.
 */
export async function moderateComment(
	db: Db,
	input: {
		agendaId: string;
		commentId: string;
		action: ModerationAction;
		reason?: string;
		actorId: string;
		origin: string | null;
		now?: number;
	}
): Promise<{ ok: true } | { ok: false; error: ModerationError }> {
	const reason = input.action === 'hide' ? participationText(input.reason ?? '') : null;
	if (reason !== null) {
		const reasonError = checkReason(reason);
		if (reasonError) return { ok: false, error: reasonError };
	}
	const now = new Date(input.now ?? Date.now());
	const result = await inTransaction(db, async (tx) => {
		const [row] = await tx
			.select({ comment: comments, agendaId: versions.agendaId })
			.from(comments)
			.innerJoin(versions, eq(versions.id, comments.versionId))
			.where(eq(comments.id, input.commentId));
		if (!row || row.agendaId !== input.agendaId) return { ok: false, error: 'not-found' } as const;
		const { comment } = row;
		const allowed: Record<ModerationAction, boolean> = {
			approve: comment.status === 'pending',
			hide: comment.status !== 'hidden',
			restore: comment.status === 'hidden',
			dismiss: comment.status === 'visible'
		};
		if (!allowed[input.action]) return { ok: false, error: 'wrong-state' } as const;
		const status = { approve: 'visible', hide: 'hidden', restore: 'visible', dismiss: 'visible' }[
			input.action
		] as 'visible' | 'hidden';
		await tx
			.update(comments)
			.set({
				status,
				hiddenReason: reason,
				moderatedBy: input.actorId,
				moderatedAt: now
			})
			.where(eq(comments.id, comment.id));
		await tx
			.update(commentReports)
			.set({ resolvedAt: now, resolvedBy: input.actorId })
			.where(and(eq(commentReports.commentId, comment.id), isNull(commentReports.resolvedAt)));
		await audit(tx, {
			actorId: input.actorId,
			agendaId: input.agendaId,
			action: `comment.${input.action}`,
			details: {
				commentId: comment.id,
				...(reason !== null ? { reason } : {})
			}
		});
		const { origin } = input;
		if (origin !== null) {
			const at = now.getTime();
			if (input.action === 'hide') await notifyCommentHidden(tx, comment.id, origin, at);
			if (input.action === 'approve' || input.action === 'restore') {
				await notifyCommentReleased(tx, comment.id, origin, at);
				await notifyCommentReplied(tx, comment.id, origin, at);
			}
		}
		return { ok: true } as const;
	});
	if (result.ok) commentsChanged(input.agendaId);
	return result;
}

export interface QueueEntry {
	commentId: string;
	versionNumber: number;
	itemKind: CommentItemKind;
	itemId: string;
	authorName: string | null;
	body: string;
	status: string;
	hiddenReason: string | null;
	createdAt: Date;
	openReports: number;
	reportReasons: string[];
}

/** What needs the team: pending comments, reported ones, and hidden ones (to restore). */
export async function moderationQueue(db: Executor, agendaId: string): Promise<QueueEntry[]> {
	// PostgreSQL's count(*) is a bigint, which its driver hands over as a string: read as a number
	// (drizzle's `count()` helper does the same).
	const openReports =
		sql<number>`(select count(*) from ${commentReports} where ${commentReports.commentId} = ${comments.id} and ${commentReports.resolvedAt} is null)`.mapWith(
			Number
		);
	const rows = await db
		.select({
			commentId: comments.id,
			versionNumber: versions.number,
			itemKind: comments.itemKind,
			itemId: comments.itemId,
			authorName: users.displayName,
			authorId: comments.authorId,
			body: comments.body,
			status: comments.status,
			hiddenReason: comments.hiddenReason,
			createdAt: comments.createdAt,
			openReports
		})
		.from(comments)
		.innerJoin(versions, eq(versions.id, comments.versionId))
		.leftJoin(users, eq(users.id, comments.authorId))
		.where(
			and(
				eq(versions.agendaId, agendaId),
				isNull(comments.deletedAt),
				or(eq(comments.status, 'pending'), eq(comments.status, 'hidden'), sql`${openReports} > 0`)
			)
		)
		.orderBy(desc(comments.createdAt));
	const entries: QueueEntry[] = [];
	for (const { authorId, authorName, ...row } of rows) {
		const reports = await db
			.select({ reason: commentReports.reason })
			.from(commentReports)
			.where(and(eq(commentReports.commentId, row.commentId), isNull(commentReports.resolvedAt)));
		entries.push({
			...row,
			body: shownText(row.body),
			hiddenReason: shownText(row.hiddenReason),
			authorName: authorId === null ? null : authorName,
			reportReasons: reports.map((report) => shownText(report.reason))
		});
	}
	return entries;
}
