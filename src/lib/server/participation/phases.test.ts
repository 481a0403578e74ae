import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import type { AgendaVisibility } from '../../roles';
import { createAgenda, listVisibleAgendas } from '../agendas/agendas';
import { like } from 'drizzle-orm';
import { auditLog, users } from '../db/schema';
import {
	currentPhase,
	deletePhase,
	endPhase,
	listRounds,
	openPhase,
	participationOverview,
	phaseState,
	updatePhase
} from './phases';
import { freezeVersion } from './versions';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2027, 2, 1, 12);

let t: TestDatabase;

beforeEach(async () => {
	t = createTestDatabase();
	await t.db
		.insert(users)
		.values({ id: 'owner', email: 'owner@example.org', displayName: 'Owner', passwordHash: 'x' });
});

afterEach(() => t.dispose());

async function agenda(slug: string, visibility: AgendaVisibility): Promise<string> {
	const result = await createAgenda(
		t.db,
		{
			title: `Agenda ${slug}`,
			slug,
			municipality: 'Musterstadt',
			periodStart: 2026,
			periodEnd: 2030,
			visibility
		},
		'owner'
	);
	if (!result.ok) throw new Error(result.reason);
	return result.agenda.id;
}

/**
 * A new Fassung of the agenda with a phase from `fromDay` to `toDay` days after NOW; returns the
 * phase's id.
 */
async function phase(agendaId: string, fromDay: number, toDay: number): Promise<string> {
	const version = await freezeVersion(t.db, { agendaId, name: 'Fassung', actorId: 'owner' });
	const opened = await openDays(agendaId, version.id, fromDay, toDay);
	if (!opened.ok) throw new Error(opened.reason);
	return opened.phase.id;
}

/** Opens a phase on `versionId` from `fromDay` to `toDay` days after NOW, as the owner. */
function openDays(agendaId: string, versionId: string, fromDay: number, toDay: number) {
	return openPhase(t.db, {
		agendaId,
		versionId,
		startsAt: new Date(NOW + fromDay * DAY),
		endsAt: new Date(NOW + toDay * DAY),
		intro: '',
		moderation: 'post',
		actorId: 'owner'
	});
}

/** What an anonymous visitor of the start page is told: the agendas `listVisibleAgendas` shows. */
async function anonymousOverview(agendaId?: string) {
	const readable = new Set((await listVisibleAgendas(t.db, null)).map((listed) => listed.id));
	return await participationOverview(t.db, { readableAgendaIds: readable, agendaId }, NOW);
}

describe('participationOverview', () => {
	it('lists running participations first, then upcoming, then finished, with their dates', async () => {
		const finished = await agenda('beendet', 'public');
		await phase(finished, -60, -30);
		const upcoming = await agenda('bald', 'public');
		await phase(upcoming, 10, 40);
		const running = await agenda('laeuft', 'public');
		await phase(running, -5, 20);
		await agenda('ohne', 'public');

		expect(await anonymousOverview()).toEqual([
			expect.objectContaining({
				slug: 'laeuft',
				state: 'open',
				agendaReadable: true,
				startsAt: new Date(NOW - 5 * DAY),
				endsAt: new Date(NOW + 20 * DAY)
			}),
			expect.objectContaining({
				slug: 'bald',
				state: 'upcoming',
				startsAt: new Date(NOW + 10 * DAY)
			}),
			expect.objectContaining({
				slug: 'beendet',
				state: 'closed',
				endsAt: new Date(NOW - 30 * DAY)
			})
		]);
	});

	it('tells of the current round and the next announced one, as `/beteiligung` shows them', async () => {
		const id = await agenda('runden', 'public');
		await phase(id, -60, -30);
		await phase(id, -5, 20);
		await phase(id, 30, 60);

		expect((await anonymousOverview(id)).map(({ state, startsAt }) => [state, startsAt])).toEqual([
			['open', new Date(NOW - 5 * DAY)],
			['upcoming', new Date(NOW + 30 * DAY)]
		]);
	});

	it('tells anyone of a begun participation of an internal agenda, but of its plans only the team', async () => {
		const begun = await agenda('intern-laeuft', 'internal');
		await phase(begun, -1, 10);
		const planned = await agenda('intern-geplant', 'internal');
		await phase(planned, 5, 10);

		expect(await anonymousOverview()).toEqual([
			expect.objectContaining({ slug: 'intern-laeuft', state: 'open', agendaReadable: false })
		]);
		const team = await participationOverview(
			t.db,
			{ readableAgendaIds: new Set([begun, planned]) },
			NOW
		);
		expect(team.map(({ slug, state, agendaReadable }) => [slug, state, agendaReadable])).toEqual([
			['intern-laeuft', 'open', true],
			['intern-geplant', 'upcoming', true]
		]);
	});

	it('narrows to one agenda, and is empty where there is no participation', async () => {
		const running = await agenda('eins', 'public');
		await phase(running, -1, 1);
		const none = await agenda('keine', 'public');

		expect((await anonymousOverview(running)).map(({ slug }) => slug)).toEqual(['eins']);
		expect(await anonymousOverview(none)).toEqual([]);
	});
});

describe('rounds', () => {
	const change = async (agendaId: string, phaseId: string, fromDay: number, toDay: number) =>
		await updatePhase(t.db, {
			agendaId,
			phaseId,
			startsAt: new Date(NOW + fromDay * DAY),
			endsAt: new Date(NOW + toDay * DAY),
			intro: 'Neu',
			moderation: 'pre',
			actorId: 'owner',
			now: NOW
		});
	const auditActions = async () =>
		await t.db
			.select({ action: auditLog.action, details: auditLog.details })
			.from(auditLog)
			.where(like(auditLog.action, 'phase.%'))
			.orderBy(auditLog.id);

	it('refuses a phase that overlaps another round, naming that round', async () => {
		const id = await agenda('ueberschneidung', 'public');
		await phase(id, -10, 10);
		const version = await freezeVersion(t.db, { agendaId: id, name: 'Zwei', actorId: 'owner' });
		const result = await openDays(id, version.id, 5, 20);
		expect(result).toMatchObject({ ok: false, reason: 'overlap', conflict: { versionNumber: 1 } });
		// Touching ends are no overlap: round 2 may start when round 1 ends.
		expect((await openDays(id, version.id, 10, 20)).ok).toBe(true);
	});

	it('extends and shortens a running phase but keeps its start, and logs the change', async () => {
		const id = await agenda('verlaengern', 'public');
		const phaseId = await phase(id, -5, 5);
		const extended = await change(id, phaseId, 0, 12);
		expect(extended).toMatchObject({
			ok: true,
			phase: { startsAt: new Date(NOW - 5 * DAY), endsAt: new Date(NOW + 12 * DAY) }
		});
		expect((await change(id, phaseId, -5, 2)).ok).toBe(true);
		expect(await change(id, phaseId, -5, -1)).toEqual({ ok: false, reason: 'ends-in-past' });
		const logged = (await auditActions()).filter(({ action }) => action === 'phase.update');
		expect(logged).toHaveLength(2);
		expect(logged[0]?.details).toMatchObject({
			versionNumber: 1,
			before: { endsAt: new Date(NOW + 5 * DAY).toISOString(), moderation: 'post' },
			after: { endsAt: new Date(NOW + 12 * DAY).toISOString(), moderation: 'pre' },
			introChanged: true
		});
	});

	it('refuses to move a phase onto another round', async () => {
		const id = await agenda('verschieben', 'public');
		await phase(id, -20, -10);
		const later = await phase(id, 10, 20);
		expect(await change(id, later, -15, 20)).toMatchObject({ ok: false, reason: 'overlap' });
		expect((await change(id, later, 5, 30)).ok).toBe(true);
	});

	it('ends a running phase now, and only a running one', async () => {
		const id = await agenda('beenden', 'public');
		const running = await phase(id, -5, 5);
		const upcoming = await phase(id, 10, 20);
		const ended = await endPhase(t.db, {
			agendaId: id,
			phaseId: running,
			actorId: 'owner',
			now: NOW + 27_000
		});
		// On the full minute, so that a next round can start in this minute.
		expect(ended).toMatchObject({ ok: true, phase: { endsAt: new Date(NOW) } });
		expect(
			phaseState(ended.ok ? ended.phase : { startsAt: new Date(), endsAt: new Date() }, NOW)
		).toBe('closed');
		expect(
			await endPhase(t.db, { agendaId: id, phaseId: upcoming, actorId: 'owner', now: NOW })
		).toEqual({
			ok: false,
			reason: 'not-open'
		});
		expect((await auditActions()).map(({ action }) => action)).toContain('phase.end');
	});

	it('deletes a phase before it begins, never one citizens have seen', async () => {
		const id = await agenda('loeschen', 'public');
		const begun = await phase(id, -5, 5);
		const upcoming = await phase(id, 10, 20);
		expect(
			await deletePhase(t.db, { agendaId: id, phaseId: begun, actorId: 'owner', now: NOW })
		).toEqual({
			ok: false,
			reason: 'begun'
		});
		expect(
			(await deletePhase(t.db, { agendaId: id, phaseId: upcoming, actorId: 'owner', now: NOW })).ok
		).toBe(true);
		expect((await listRounds(t.db, id)).map(({ phase }) => phase.id)).toEqual([begun]);
		expect((await auditActions()).map(({ action }) => action)).toContain('phase.delete');
	});

	it("changes no other agenda's phase", async () => {
		const mine = await agenda('meine', 'public');
		const other = await agenda('fremde', 'public');
		const foreign = await phase(other, 10, 20);
		expect(await change(mine, foreign, 11, 21)).toEqual({ ok: false, reason: 'not-found' });
		expect(
			await deletePhase(t.db, { agendaId: mine, phaseId: foreign, actorId: 'owner', now: NOW })
		).toEqual({
			ok: false,
			reason: 'not-found'
		});
	});

	it('numbers rounds in the order they run, a round ended in its first minute included', async () => {
		const id = await agenda('nummern', 'public');
		const first = await phase(id, 0, 10);
		await endPhase(t.db, { agendaId: id, phaseId: first, actorId: 'owner', now: NOW + 20_000 });
		const second = await phase(id, 0, 10);
		expect((await listRounds(t.db, id, NOW)).map(({ phase, round }) => [phase.id, round])).toEqual([
			[first, 1],
			[second, 2]
		]);
		expect((await currentPhase(t.db, id, NOW))?.phase.id).toBe(second);
	});

	it('makes the latest begun round current, whatever order the phases were opened in', async () => {
		const id = await agenda('reihenfolge', 'public');
		await phase(id, 10, 20);
		const first = await phase(id, -20, -10);
		expect((await currentPhase(t.db, id, NOW))?.phase.id).toBe(first);
		expect((await currentPhase(t.db, id, NOW + 15 * DAY))?.phase.id).not.toBe(first);
	});
});
