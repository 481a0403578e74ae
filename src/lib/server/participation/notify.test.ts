import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import { DEMO_AGENDA } from '../demo/accounts';
import { agendas, users } from '../db/schema';
import { seedDemoIfEmpty } from '../db/seed';
import { publishAnswers, saveAnswer } from './answers';
import { addComment, deleteComment, editComment } from './comments';
import { moderateComment, reportComment } from './moderation';
import { commentsNotifier } from './notify';
import { currentPhase, type PhaseWithVersion } from './phases';

let t: TestDatabase;
let agendaId = '';
let participation: PhaseWithVersion;
let authorId = '';
let reporterId = '';
let announced: string[] = [];
let stop = () => {};

beforeAll(async () => {
	t = createTestDatabase();
	await seedDemoIfEmpty(t.db, 'demo-passwort-test');
	agendaId = (await t.db.select().from(agendas).where(eq(agendas.slug, DEMO_AGENDA.slug)))[0]!.id;
	participation = (await currentPhase(t.db, agendaId))!;
	const user = async (email: string) =>
		(await t.db.select().from(users).where(eq(users.email, email)))[0]!.id;
	authorId = await user('buerger@musterstadt.example');
	reporterId = await user('ag1@musterstadt.example');
	stop = commentsNotifier.subscribe(agendaId, () => announced.push(agendaId));
});

afterAll(async () => {
	stop();
	await t.dispose();
});

beforeEach(() => {
	announced = [];
});

const item = { kind: 'section', id: 'ausgangslage' } as const;

async function comment(body: string) {
	const added = await addComment(t.db, {
		origin: null,
		participation,
		item,
		parentId: null,
		authorId,
		body
	});
	if (!added.ok) throw new Error(added.error);
	return added.comment.id;
}

describe('the participation services announce each change of an agenda’s comments', () => {
	it('a new comment, an edit and a deletion', async () => {
		const id = await comment('Ein Hinweis');
		expect(announced).toEqual([agendaId]);
		expect(
			(await editComment(t.db, { participation, commentId: id, userId: authorId, body: 'Neu' })).ok
		).toBe(true);
		expect((await deleteComment(t.db, { commentId: id, userId: authorId })).ok).toBe(true);
		expect(announced).toEqual([agendaId, agendaId, agendaId]);
	});

	it('a report, a moderation decision, an answer and its publication', async () => {
		const id = await comment('Noch ein Hinweis');
		announced = [];
		const reporter = { userId: reporterId, isTeam: true };
		const reported = await reportComment(t.db, {
			origin: null,
			versionId: participation.version.id,
			item,
			reporter,
			commentId: id,
			reason: 'Beleidigend'
		});
		expect(reported.ok).toBe(true);
		const decided = await moderateComment(t.db, {
			origin: null,
			agendaId,
			commentId: id,
			action: 'dismiss',
			actorId: reporterId
		});
		expect(decided.ok).toBe(true);
		const answered = await saveAnswer(t.db, {
			agendaId,
			commentId: id,
			disposition: 'uebernommen',
			reason: 'Danke',
			actorId: reporterId
		});
		expect(answered.ok).toBe(true);
		expect(
			await publishAnswers(t.db, {
				origin: null,
				agendaId,
				versionId: participation.version.id,
				actorId: reporterId
			})
		).toBeGreaterThan(0);
		expect(announced).toHaveLength(4);
	});

	it('nothing for a refused change', async () => {
		expect(
			(
				await addComment(t.db, {
					origin: null,
					participation,
					item,
					parentId: null,
					authorId,
					body: ' '
				})
			).ok
		).toBe(false);
		expect((await deleteComment(t.db, { commentId: 'unbekannt', userId: authorId })).ok).toBe(
			false
		);
		expect(announced).toEqual([]);
	});
});
