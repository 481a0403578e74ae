import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import { audit } from '../audit';
import { type Db, type Executor, inTransaction } from '../db/connection';
import { commentAnswers, comments, versions } from '../db/schema';
import { COMMENT_MAX_CHARS, type Disposition } from '../../participation/vocabulary';
import { notifyCommentAnswered } from '../notifications/comment-mails';
import { commentsChanged } from './notify';
import { participationText } from './text';

export type AnswerError = 'not-found' | 'empty-reason' | 'reason-too-long';

export type AnswerResult = { ok: true } | { ok: false; error: AnswerError };

/**
 * An editor answers a comment with a disposition and a reason. A changed answer is unpublished
 * again: the public only ever sees what the owner released.
 */
export async function saveAnswer(db: Db, input: AnswerInput): Promise<AnswerResult> {
	const result = await inTransaction(db, (tx) => saveAnswerInTransaction(tx, input));
	if (result.ok) commentsChanged(input.agendaId);
	return result;
}

export type AnswerInput = {
	agendaId: string;
	commentId: string;
	disposition: Disposition;
	reason: string;
	actorId: string;
	now?: number;
};

/**
 * `saveAnswer` within a transaction the caller holds: the demo's seed, which writes the
 * whole demo in one transaction (transactions do not nest). Nobody hears of the change
 * (`commentsChanged`): nobody listens while the demo is seeded.
 */
export async function saveAnswerInTransaction(
	tx: Executor,
	input: AnswerInput
): Promise<AnswerResult> {
	const reason = participationText(input.reason);
	if (reason === '') return { ok: false, error: 'empty-reason' };
	if (reason.length > COMMENT_MAX_CHARS) return { ok: false, error: 'reason-too-long' };
	const now = new Date(input.now ?? Date.now());
	const [row] = await tx
		.select({ id: comments.id, agendaId: versions.agendaId, deletedAt: comments.deletedAt })
		.from(comments)
		.innerJoin(versions, eq(versions.id, comments.versionId))
		.where(eq(comments.id, input.commentId));
	if (!row || row.agendaId !== input.agendaId) return { ok: false, error: 'not-found' } as const;
	const values = {
		disposition: input.disposition,
		reason,
		answeredBy: input.actorId,
		answeredAt: now,
		publishedAt: null
	};
	await tx
		.insert(commentAnswers)
		.values({ commentId: input.commentId, ...values })
		.onConflictDoUpdate({ target: commentAnswers.commentId, set: values });
	await audit(tx, {
		actorId: input.actorId,
		agendaId: input.agendaId,
		action: 'answer.save',
		details: { commentId: input.commentId, disposition: input.disposition }
	});
	return { ok: true } as const;
}

/**
 * The owner releases every unpublished answer of a Fassung; returns how many, or null when the
 * agenda has no such Fassung. Each comment's author is told by mail (links to `origin`; null
 * tells nobody, as when the demo is seeded).
 */
export async function publishAnswers(db: Db, input: AnswerRelease): Promise<number | null> {
	const published = await inTransaction(db, (tx) => publishAnswersInTransaction(tx, input));
	if (published) commentsChanged(input.agendaId);
	return published;
}

export type AnswerRelease = {
	agendaId: string;
	versionId: string;
	actorId: string;
	origin: string | null;
	now?: number;
};

/**
 * `publishAnswers` within a transaction the caller holds: the demo's seed, which writes the
 * whole demo in one transaction (transactions do not nest). Nobody hears of the change
 * (`commentsChanged`): nobody listens while the demo is seeded.
 */
export async function publishAnswersInTransaction(
	tx: Executor,
	input: AnswerRelease
): Promise<number | null> {
	const now = input.now ?? Date.now();
	const [version] = await tx.select().from(versions).where(eq(versions.id, input.versionId));
	if (!version || version.agendaId !== input.agendaId) return null;
	const ids = (
		await tx.select({ id: comments.id }).from(comments).where(eq(comments.versionId, version.id))
	).map((row) => row.id);
	if (ids.length === 0) return 0;
	const published = await tx
		.update(commentAnswers)
		.set({ publishedAt: new Date(now) })
		.where(and(inArray(commentAnswers.commentId, ids), isNull(commentAnswers.publishedAt)))
		.returning({ commentId: commentAnswers.commentId });
	await audit(tx, {
		actorId: input.actorId,
		agendaId: input.agendaId,
		action: 'answers.publish',
		details: { versionNumber: version.number, count: published.length }
	});
	const { origin } = input;
	if (origin !== null) {
		for (const { commentId } of published) {
			await notifyCommentAnswered(tx, commentId, origin, now);
		}
	}
	return published.length;
}

/** Answers written but not yet released, per Fassung id. */
export async function unpublishedAnswerCounts(
	db: Executor,
	agendaId: string
): Promise<Map<string, number>> {
	const rows = await db
		.select({ versionId: comments.versionId, n: count() })
		.from(commentAnswers)
		.innerJoin(comments, eq(comments.id, commentAnswers.commentId))
		.innerJoin(versions, eq(versions.id, comments.versionId))
		.where(and(eq(versions.agendaId, agendaId), isNull(commentAnswers.publishedAt)))
		.groupBy(comments.versionId);
	return new Map(rows.map((row) => [row.versionId, row.n]));
}
