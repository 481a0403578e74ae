import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	confirmedAccount,
	createTestDatabase,
	type TestDatabase
} from '../../../../tests/support/database';
import { createAgenda } from '../agendas/agendas';
import { mails, users } from '../db/schema';
import { openPhase } from '../participation/phases';
import { freezeVersion } from '../participation/versions';
import { followAgenda, unfollowAgenda } from './follows';
import { setNotificationPreferences } from './preferences';
import { notifyFollowedRounds } from './rounds';

const ORIGIN = 'https://agenda.example';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** A Tuesday in winter, 10:00 Berlin time. */
const START = Date.UTC(2026, 11, 1, 9, 0);

let t: TestDatabase;
let agendaId = '';
let follower = '';

async function account(name: string): Promise<string> {
	const user = await confirmedAccount(t.db, { email: `${name}@example.org`, displayName: name });
	return user.id;
}

/** A round on a fresh Fassung of the agenda. */
async function openRound(startsAt: number, endsAt: number): Promise<string> {
	const version = await freezeVersion(t.db, { agendaId, name: 'Entwurf', actorId: null });
	const result = await openPhase(t.db, {
		agendaId,
		versionId: version.id,
		startsAt: new Date(startsAt),
		endsAt: new Date(endsAt),
		intro: '',
		moderation: 'post',
		actorId: null
	});
	if (!result.ok) throw new Error(result.reason);
	return result.phase.id;
}

async function run(now: number): Promise<void> {
	await notifyFollowedRounds(t.db, { now, origin: ORIGIN });
}

/** The mails queued so far, in the order they were queued. */
const sent = async () => await t.db.select().from(mails).orderBy(mails.createdAt);

beforeEach(async () => {
	t = createTestDatabase();
	const owner = await account('owner');
	follower = await account('erika');
	await account('bernd');
	const created = await createAgenda(
		t.db,
		{
			slug: 'musterdorf',
			title: 'Digitale Agenda Musterdorf',
			municipality: 'Gemeinde Musterdorf',
			periodStart: 2026,
			periodEnd: 2030,
			visibility: 'internal'
		},
		owner
	);
	if (!created.ok) throw new Error(created.reason);
	agendaId = created.agenda.id;
	await followAgenda(t.db, follower, agendaId);
});

afterEach(() => t.dispose());

describe('rounds of followed agendas', () => {
	it('tells followers once that a round opened, with the end in Berlin time and its page', async () => {
		await openRound(START, START + 14 * DAY);
		await run(START - HOUR);
		expect(await sent()).toHaveLength(0);
		await run(START + HOUR);
		await run(START + 2 * HOUR);
		const all = await sent();
		expect(all).toHaveLength(1);
		const [mail] = all;
		// Only the follower: bernd, who does not follow, hears nothing.
		expect(all.map((row) => row.to)).toEqual(['erika@example.org']);
		expect(mail?.kind).toBe('round-followed');
		expect(mail?.subject).toBe('Beteiligung „Digitale Agenda Musterdorf“: Runde 1 hat begonnen');
		expect(mail?.text).toContain('bis zum 15. Dezember 2026 um 10:00 Uhr');
		expect(mail?.text).toContain(`${ORIGIN}/beteiligung/musterdorf?fassung=1`);
		expect(mail?.text).toContain('weil Sie die Beteiligung „Digitale Agenda Musterdorf“ verfolgen');
		expect(mail?.headers?.['List-Unsubscribe']).toContain('/round-followed>');
	});

	it('does not tell about a round that opened more than a day ago', async () => {
		await openRound(START, START + 14 * DAY);
		await run(START + DAY + HOUR);
		expect(await sent()).toHaveLength(0);
	});

	it('tells once that a round ends within 48 hours', async () => {
		await openRound(START - 10 * DAY, START + 3 * DAY);
		await run(START);
		expect(await sent()).toHaveLength(0);
		await run(START + DAY + HOUR);
		await run(START + 2 * DAY);
		const all = await sent();
		expect(all).toHaveLength(1);
		expect(all[0]?.subject).toBe('Beteiligung „Digitale Agenda Musterdorf“: Runde 1 endet bald');
		expect(all[0]?.text).toContain('endet am 4. Dezember 2026 um 10:00 Uhr');
		await run(START + 4 * DAY);
		expect(await sent()).toHaveLength(1);
	});

	it('writes in the follower’s language', async () => {
		await t.db.update(users).set({ locale: 'en' }).where(eq(users.id, follower));
		await openRound(START, START + 14 * DAY);
		await run(START + HOUR);
		expect((await sent())[0]?.subject).toBe(
			'Participation “Digitale Agenda Musterdorf”: round 1 has begun'
		);
		expect((await sent())[0]?.text).toContain('until 15 December 2026 at 10:00');
	});

	it('tells nobody who does not follow, stopped following or turned the kind off', async () => {
		await openRound(START, START + 14 * DAY);
		await unfollowAgenda(t.db, follower, agendaId);
		await run(START + HOUR);
		expect(await sent()).toHaveLength(0);
		await followAgenda(t.db, follower, agendaId);
		await setNotificationPreferences(t.db, follower, { 'round-followed': 'off' });
		await run(START + 2 * HOUR);
		expect(await sent()).toHaveLength(0);
	});

	it('does not tell about a round that has not begun (citizens cannot see it yet)', async () => {
		await openRound(START + 12 * HOUR, START + 14 * DAY);
		await run(START);
		expect(await sent()).toHaveLength(0);
	});
});
