import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import { audit } from '../audit';
import { type Db, type Executor, inTransaction } from '../db/connection';
import { commentAnswers, comments, versions } from '../db/schema';
import { COMMENT_MAX_CHARS, type Disposition } from '../../participation/vocabulary';
import { notifyCommentAnswered } from '../notifications/comment-mails';
import { commentsChanged } from './notify';
import { participationText } from './text';

export type AnswerError = 'not-found' | 'empty-reason' | 'reason-too-long';

/**
 * An editor answers a comment with a disposition and a reason. A changed answer is unpublished
 * again: the public only ever sees what the owner released.
 */
export async function saveAnswer(
	db: Db,
	input: {
		agendaId: string;
		commentId: string;
		disposition: Disposition;
		reason: string;
		actorId: string;
		now?: number;
	}
): Promise<{ ok: true } | { ok: false; error: AnswerError }> {
	const reason = participationText(input.reason);
	if (reason === '') return { ok: false, error: 'empty-reason' };
	if (reason.length > COMMENT_MAX_CHARS) return { ok: false, error: 'reason-too-long' };
	const now = new Date(input.now ?? Date.now());
	const result = await inTransaction(db, async (tx) => {
		const row = tx
			.select({ id: comments.id, agendaId: versions.agendaId, deletedAt: comments.deletedAt })
			.from(comments)
			.innerJoin(versions, eq(versions.id, comments.versionId))
			.where(eq(comments.id, input.commentId))
			.get();
		if (!row || row.agendaId !== input.agendaId) return { ok: false, error: 'not-found' } as const;
		const values = {
			disposition: input.disposition,
			reason,
			answeredBy: input.actorId,
			answeredAt: now,
			publishedAt: null
		};
		tx.insert(commentAnswers)
			.values({ commentId: input.commentId, ...values })
			.onConflictDoUpdate({ target: commentAnswers.commentId, set: values })
			.run();
		await audit(tx, {
			actorId: input.actorId,
			agendaId: input.agendaId,
			action: 'answer.save',
			details: { commentId: input.commentId, disposition: input.disposition }
		});
		return { ok: true } as const;
	});
	if (result.ok) commentsChanged(input.agendaId);
	return result;
}

/**
 * The owner releases every unpublished answer of a Fassung; returns how many, or null when the
 * agenda has no such Fassung. Each comment's author is told by mail (links to `origin`; null
 * tells nobody, as when the demo is seeded).
 */
export async function publishAnswers(
	db: Db,
	input: {
		agendaId: string;
		versionId: string;
		actorId: string;
		origin: string | null;
		now?: number;
	}
): Promise<number | null> {
	const now = input.now ?? Date.now();
	const published = await inTransaction(db, async (tx) => {
		const version = tx.select().from(versions).where(eq(versions.id, input.versionId)).get();
		if (!version || version.agendaId !== input.agendaId) return null;
		const ids = tx
			.select({ id: comments.id })
			.from(comments)
			.where(eq(comments.versionId, version.id))
			.all()
			.map((row) => row.id);
		if (ids.length === 0) return 0;
		const published = tx
			.update(commentAnswers)
			.set({ publishedAt: new Date(now) })
			.where(and(inArray(commentAnswers.commentId, ids), isNull(commentAnswers.publishedAt)))
			.returning({ commentId: commentAnswers.commentId })
			.all();
		await audit(tx, {
			actorId: input.actorId,
			agendaId: input.agendaId,
			action: 'answers.publish',
			details: { versionNumber: version.number, count: published.length }
		});
		const { origin } = input;
		if (origin !== null) {
			for (const { commentId } of published)
				await notifyCommentAnswered(tx, commentId, origin, now);
		}
		return published.length;
	});
	if (published) commentsChanged(input.agendaId);
	return published;
}

/** Answers written but not yet released, per Fassung id. */
export function unpublishedAnswerCounts(db: Executor, agendaId: string): Map<string, number> {
	const rows = db
		.select({ versionId: comments.versionId, n: count() })
		.from(commentAnswers)
		.innerJoin(comments, eq(comments.id, commentAnswers.commentId))
		.innerJoin(versions, eq(versions.id, comments.versionId))
		.where(and(eq(versions.agendaId, agendaId), isNull(commentAnswers.publishedAt)))
		.groupBy(comments.versionId)
		.all();
	return new Map(rows.map((row) => [row.versionId, row.n]));
}
