import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase, type DemoDatabase } from '../../../../tests/support/database';
import { participationPhases, users } from '../db/schema';
import { addComment } from './comments';
import { currentPhase, openPhase } from './phases';
import { participationReport } from './report';
import { participationRounds } from './rounds';
import { setSupport } from './supports';
import { freezeVersion, versionAgenda } from './versions';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let t: DemoDatabase;
let agendaId = '';
const now = Date.now();

async function userId(email: string): Promise<string> {
	const [user] = await t.db.select().from(users).where(eq(users.email, email));
	if (!user) throw new Error(`Kein Konto ${email}`);
	return user.id;
}

/**
 * The demo's round 1 (Fassung 1, three citizens) moved into the past, and round 2 on Fassung 2
 * running now: one citizen of round 1 comments again, a council member supports a measure.
 */
beforeAll(async () => {
	t = await createDemoDatabase();
	agendaId = t.agendaId;
	await t.db
		.update(participationPhases)
		.set({ startsAt: new Date(now - 30 * DAY), endsAt: new Date(now - 2 * DAY) })
		.where(eq(participationPhases.agendaId, agendaId));
	const version = await freezeVersion(t.db, {
		agendaId,
		name: 'Überarbeiteter Entwurf',
		actorId: null
	});
	const opened = await openPhase(t.db, {
		agendaId,
		versionId: version.id,
		startsAt: new Date(now - HOUR),
		endsAt: new Date(now + 14 * DAY),
		intro: 'Runde 2',
		moderation: 'post',
		actorId: null
	});
	if (!opened.ok) throw new Error(opened.reason);
	const participation = { phase: opened.phase, version };
	const measureId = versionAgenda(version).measures[0]?.id ?? '';
	const comment = await addComment(t.db, {
		origin: null,
		participation,
		item: { kind: 'measure', id: measureId },
		parentId: null,
		authorId: await userId('buerger@musterstadt.example'),
		body: 'Auch in Runde 2 dabei.',
		now
	});
	if (!comment.ok) throw new Error(comment.error);
	const support = await setSupport(t.db, {
		participation,
		measureId,
		userId: await userId('rat@musterstadt.example'),
		supported: true,
		now
	});
	if (!support.ok) throw new Error(support.error);
});

afterAll(() => t.dispose());

describe('participationRounds', () => {
	it('reports every begun round oldest first, each with its own report and state', async () => {
		const result = await participationRounds(t.db, agendaId, { now });
		expect(
			result?.rounds.map(({ round, version, state }) => [round, version.number, state])
		).toEqual([
			[1, 1, 'closed'],
			[2, 2, 'open']
		]);
		// Each round is exactly the Fassung's own report, not a second reading of it.
		const [first, second] = result?.rounds ?? [];
		expect(first?.rows).toEqual((await participationReport(t.db, agendaId, 1))?.rows);
		expect(second?.stats).toEqual((await participationReport(t.db, agendaId, 2))?.stats);
		expect(second?.stats.participants).toBe(2);
		expect(second?.phase.startsAt.getTime()).toBe(now - HOUR);
	});

	it('totals the rounds and counts a person active in both once', async () => {
		const result = await participationRounds(t.db, agendaId, { now });
		const [first, second] = result?.rounds ?? [];
		if (!result || !first || !second) throw new Error('Zwei Runden erwartet');
		// Round 1: the three demo citizens; round 2: one of them again, and the council member.
		expect(first.stats.participants).toBe(3);
		expect(result.total.participants).toBe(4);
		const topLevel = (stats: typeof first.stats) => stats.comments.total - stats.comments.replies;
		expect(result.total.comments).toBe(topLevel(first.stats) + topLevel(second.stats));
		expect(result.total.supports).toBe(first.stats.supportsTotal + second.stats.supportsTotal);
		expect(result.total.replies).toBe(first.stats.comments.replies);
		expect(result.total.answered).toBeGreaterThan(0);
		expect(result.total.unanswered).toBeGreaterThan(0);
	});

	it('stops at the Fassung asked for, and leaves out rounds that have not begun', async () => {
		const upToFirst = await participationRounds(t.db, agendaId, { upToVersion: 1, now });
		expect(upToFirst?.rounds.map((round) => round.round)).toEqual([1]);
		expect(upToFirst?.total.participants).toBe(3);
		const before = await participationRounds(t.db, agendaId, { now: now - 2 * HOUR });
		expect(before?.rounds.map((round) => round.version.number)).toEqual([1]);
		expect((await participationRounds(t.db, agendaId, { now: now - 40 * DAY }))?.rounds).toEqual(
			[]
		);
		expect(await participationRounds(t.db, 'unbekannt', { now })).toBeNull();
		// The public sees round 2 now: the rounds agree with the current phase.
		expect((await currentPhase(t.db, agendaId, now))?.version.number).toBe(2);
	});
});
