import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import { DEMO_AGENDA } from '../demo/accounts';
import { agendas, comments, users } from '../db/schema';
import { seedDemoIfEmpty } from '../db/seed';
import { saveAnswer } from './answers';
import { addComment, deleteComment, editComment, listComments } from './comments';
import { currentPhase, type PhaseWithVersion } from './phases';

let t: TestDatabase;
let agendaId = '';
let participation: PhaseWithVersion;
let authorId = '';
let editorId = '';

beforeAll(async () => {
	t = createTestDatabase();
	await seedDemoIfEmpty(t.db, 'demo-passwort-test');
	agendaId = (await t.db.select().from(agendas).where(eq(agendas.slug, DEMO_AGENDA.slug)))[0]!.id;
	participation = (await currentPhase(t.db, agendaId))!;
	const user = async (email: string) =>
		(await t.db.select().from(users).where(eq(users.email, email)))[0]!.id;
	authorId = await user('buerger@musterstadt.example');
	editorId = await user('ag1@musterstadt.example');
});

afterAll(() => t.dispose());

const item = { kind: 'section', id: 'leitbild' } as const;

/** A fresh comment of the citizen, answered (not published) by the AG. */
async function answeredComment(body: string): Promise<string> {
	const added = await addComment(t.db, {
		origin: null,
		participation,
		item,
		parentId: null,
		authorId,
		body
	});
	if (!added.ok) throw new Error(added.error);
	const answered = await saveAnswer(t.db, {
		agendaId,
		commentId: added.comment.id,
		disposition: 'uebernommen',
		reason: 'Wird aufgenommen.',
		actorId: editorId
	});
	if (!answered.ok) throw new Error(answered.error);
	return added.comment.id;
}

async function authorsView(id: string) {
	return (
		await listComments(t.db, participation.version.id, item, {
			userId: authorId,
			isTeam: false
		})
	)
		.flatMap((comment) => [comment, ...comment.replies])
		.find((comment) => comment.id === id);
}

describe('an answered comment is frozen', () => {
	it('refuses the author’s edit once the AG answered, even before the answer is published', async () => {
		const id = await answeredComment('Ursprünglicher Text');
		const edited = await editComment(t.db, {
			participation,
			commentId: id,
			userId: authorId,
			body: 'Ganz anderer Text'
		});
		expect(edited).toEqual({ ok: false, error: 'answered' });
		expect((await t.db.select().from(comments).where(eq(comments.id, id)))[0]?.body).toBe(
			'Ursprünglicher Text'
		);
	});

	it('no longer offers the edit to the author', async () => {
		const id = await answeredComment('Noch ein Text');
		expect((await authorsView(id))?.editableUntil).toBeNull();
		expect((await authorsView(id))?.mine).toBe(true);
	});

	it('still lets the author delete it; the answer stays beside the deleted comment', async () => {
		const id = await answeredComment('Text, der gelöscht wird');
		expect((await deleteComment(t.db, { commentId: id, userId: authorId })).ok).toBe(true);
		const team = (
			await listComments(t.db, participation.version.id, item, {
				userId: editorId,
				isTeam: true
			})
		).find((comment) => comment.id === id);
		expect(team?.deleted).toBe(true);
		expect(team?.body).toBeNull();
		expect(team?.answer?.reason).toBe('Wird aufgenommen.');
	});

	it('leaves an unanswered comment editable', async () => {
		const added = await addComment(t.db, {
			origin: null,
			participation,
			item,
			parentId: null,
			authorId,
			body: 'Alt'
		});
		if (!added.ok) throw new Error(added.error);
		expect((await authorsView(added.comment.id))?.editableUntil).not.toBeNull();
		const edited = await editComment(t.db, {
			participation,
			commentId: added.comment.id,
			userId: authorId,
			body: 'Neu'
		});
		expect(edited.ok).toBe(true);
	});
});
