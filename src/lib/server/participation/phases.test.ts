import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import type { AgendaVisibility } from '../../roles';
import { createAgenda, listVisibleAgendas } from '../agendas/agendas';
import { users } from '../db/schema';
import { openPhase, participationOverview } from './phases';
import { freezeVersion } from './versions';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2027, 2, 1, 12);

let t: TestDatabase;

beforeEach(() => {
	t = createTestDatabase();
	t.db
		.insert(users)
		.values({ id: 'owner', email: 'owner@example.org', displayName: 'Owner', passwordHash: 'x' })
		.run();
});

afterEach(() => t.dispose());

function agenda(slug: string, visibility: AgendaVisibility): string {
	const result = createAgenda(
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

/** A new Fassung of the agenda with a phase from `fromDay` to `toDay` days after NOW. */
function phase(agendaId: string, fromDay: number, toDay: number): void {
	const version = freezeVersion(t.db, { agendaId, name: 'Fassung', actorId: 'owner' });
	const opened = openPhase(t.db, {
		agendaId,
		versionId: version.id,
		startsAt: new Date(NOW + fromDay * DAY),
		endsAt: new Date(NOW + toDay * DAY),
		intro: '',
		moderation: 'post',
		actorId: 'owner'
	});
	if (!opened.ok) throw new Error(opened.reason);
}

/** What an anonymous visitor of the start page is told: the agendas `listVisibleAgendas` shows. */
function anonymousOverview(agendaId?: string) {
	const readable = new Set(listVisibleAgendas(t.db, null).map((listed) => listed.id));
	return participationOverview(t.db, { readableAgendaIds: readable, agendaId }, NOW);
}

describe('participationOverview', () => {
	it('lists running participations first, then upcoming, then finished, with their dates', () => {
		const finished = agenda('beendet', 'public');
		phase(finished, -60, -30);
		const upcoming = agenda('bald', 'public');
		phase(upcoming, 10, 40);
		const running = agenda('laeuft', 'public');
		phase(running, -5, 20);
		agenda('ohne', 'public');

		expect(anonymousOverview()).toEqual([
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

	it('tells of the current round and the next announced one, as `/beteiligung` shows them', () => {
		const id = agenda('runden', 'public');
		phase(id, -60, -30);
		phase(id, -5, 20);
		phase(id, 30, 60);

		expect(anonymousOverview(id).map(({ state, startsAt }) => [state, startsAt])).toEqual([
			['open', new Date(NOW - 5 * DAY)],
			['upcoming', new Date(NOW + 30 * DAY)]
		]);
	});

	it('tells anyone of a begun participation of an internal agenda, but of its plans only the team', () => {
		const begun = agenda('intern-laeuft', 'internal');
		phase(begun, -1, 10);
		const planned = agenda('intern-geplant', 'internal');
		phase(planned, 5, 10);

		expect(anonymousOverview()).toEqual([
			expect.objectContaining({ slug: 'intern-laeuft', state: 'open', agendaReadable: false })
		]);
		const team = participationOverview(t.db, { readableAgendaIds: new Set([begun, planned]) }, NOW);
		expect(team.map(({ slug, state, agendaReadable }) => [slug, state, agendaReadable])).toEqual([
			['intern-laeuft', 'open', true],
			['intern-geplant', 'upcoming', true]
		]);
	});

	it('narrows to one agenda, and is empty where there is no participation', () => {
		const running = agenda('eins', 'public');
		phase(running, -1, 1);
		const none = agenda('keine', 'public');

		expect(anonymousOverview(running).map(({ slug }) => slug)).toEqual(['eins']);
		expect(anonymousOverview(none)).toEqual([]);
	});
});
