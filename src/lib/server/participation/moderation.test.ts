import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase, type DemoDatabase } from '../../../../tests/support/database';
import { commentReports, comments, versions } from '../db/schema';
import { moderationQueue } from './moderation';

let t: DemoDatabase;

beforeAll(async () => {
	t = await createDemoDatabase();
});

afterAll(() => t.dispose());

/** A visible comment of the demo agenda's Fassung that nobody has reported. */
async function visibleComment() {
	const [comment] = await t.db
		.select({ id: comments.id })
		.from(comments)
		.innerJoin(versions, eq(versions.id, comments.versionId))
		.where(
			and(
				eq(versions.agendaId, t.agendaId),
				eq(comments.status, 'visible'),
				isNull(comments.deletedAt)
			)
		)
		.orderBy(comments.createdAt, comments.id)
		.limit(1);
	if (!comment) throw new Error('Kein sichtbarer Demo-Kommentar');
	return comment.id;
}

describe('moderationQueue', () => {
	it('lists a reported comment with its open reports counted as a number, on either database', async () => {
		const commentId = await visibleComment();
		await t.db.insert(commentReports).values([
			{ id: 'report-1', commentId, reason: 'Beleidigend' },
			{ id: 'report-2', commentId, reason: 'Werbung' },
			{ id: 'report-3', commentId, reason: 'Erledigt', resolvedAt: new Date() }
		]);

		const entry = (await moderationQueue(t.db, t.agendaId)).find(
			(queued) => queued.commentId === commentId
		);

		// PostgreSQL's count(*) is a bigint, which its driver hands over as a string.
		expect(entry?.openReports).toBe(2);
		expect(entry?.reportReasons.sort()).toEqual(['Beleidigend', 'Werbung']);
	});
});
