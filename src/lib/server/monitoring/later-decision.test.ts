import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase, type DemoDatabase } from '../../../../tests/support/database';
import { findUserByEmail } from '../accounts/users';
import { freezeVersion } from '../participation/versions';
import { currentDecision, listDecisions, recordDecision, resolvedPlan } from './decisions';
import { decideFact, listFacts, saveFact, submitFact } from './facts';
import { monitoringOverview, setWeight } from './overview';

/**
 * A later council decision: the live draft moved on, a newer Fassung was frozen and the council
 * resolved the update. The newer decision becomes the baseline; the facts and weights stay with
 * the decision they were reported against, so the new baseline starts without any.
 */
let t: DemoDatabase;
let agendaId = '';
let ownerId = '';

beforeAll(async () => {
	t = await createDemoDatabase();
	agendaId = t.agendaId;
	ownerId = (await findUserByEmail(t.db, 'verwaltung@musterstadt.example'))?.id ?? '';
});

afterAll(() => t.dispose());

const decide = async (versionNumber: number, decidedOn: string, number = `${decidedOn}/1`) =>
	await recordDecision(t.db, {
		agendaId,
		versionNumber,
		decidedOn,
		number,
		result: 'beschlossen',
		oparlUrl: null,
		actorId: ownerId
	});

describe('a later decision', () => {
	it('becomes the baseline; the earlier one keeps its facts and weights', async () => {
		const first = await decide(1, '2027-02-02');
		if (!first.ok) throw new Error(first.error);
		const plan = await resolvedPlan(t.db, first.decision);
		const measureId = plan.measures[0]!.id;
		const saved = await saveFact(t.db, {
			decision: first.decision,
			plan,
			fact: {
				kind: 'report',
				itemKind: 'measure',
				itemId: measureId,
				asOf: '2027-03-31',
				status: 'in-arbeit',
				statusReason: null,
				progress: 40,
				text: 'Die Ausschreibung läuft.'
			},
			actorId: ownerId
		});
		if (!saved.ok) throw new Error(saved.error);
		await submitFact(t.db, { decision: first.decision, factId: saved.id, actorId: ownerId });
		await decideFact(t.db, {
			decision: first.decision,
			factId: saved.id,
			verdict: 'approve',
			remark: '',
			actorId: ownerId
		});
		await setWeight(t.db, { decision: first.decision, measureId, weight: 3, actorId: ownerId });
		expect(
			(await monitoringOverview(t.db, agendaId, '2027-12-31'))?.measures[0]?.progress.percent
		).toBe(40);

		const second = await freezeVersion(t.db, {
			agendaId,
			name: 'Fortschreibung',
			actorId: ownerId
		});
		const later = await decide(second.number, '2028-06-01');
		if (!later.ok) throw new Error(later.error);

		expect((await currentDecision(t.db, agendaId))?.id).toBe(later.decision.id);
		expect((await listDecisions(t.db, agendaId)).map((entry) => entry.id)).toEqual([
			later.decision.id,
			first.decision.id
		]);
		const overview = await monitoringOverview(t.db, agendaId, '2028-12-31', 'all');
		expect(overview?.decision.id).toBe(later.decision.id);
		expect(overview?.facts).toEqual([]);
		expect(overview?.weights.size).toBe(0);
		expect(overview?.measures[0]?.status).toBe('unbekannt');
		// The earlier decision's facts are still there, with it.
		expect((await listFacts(t.db, first.decision.id, 'all')).map((fact) => fact.id)).toEqual([
			saved.id
		]);
	});

	it('refuses a day before the current decision and a Fassung decided already', async () => {
		const third = await freezeVersion(t.db, { agendaId, name: 'Noch eine', actorId: ownerId });
		expect(await decide(third.number, '2028-05-31')).toEqual({
			ok: false,
			error: 'before-current'
		});
		expect(await decide(2, '2029-01-01')).toEqual({ ok: false, error: 'already-decided' });
		expect(await decide(1, '2029-01-01')).toEqual({ ok: false, error: 'already-decided' });
		expect(await listDecisions(t.db, agendaId)).toHaveLength(2);
	});

	it('refuses a Fassung older than the current baseline’s', async () => {
		// Fassung 3 stays undecided while Fassung 4 becomes the baseline.
		const fourth = await freezeVersion(t.db, { agendaId, name: 'Vierte', actorId: ownerId });
		expect((await decide(fourth.number, '2028-07-01')).ok).toBe(true);
		expect(await decide(3, '2028-08-01')).toEqual({ ok: false, error: 'version-not-later' });
		expect(await listDecisions(t.db, agendaId)).toHaveLength(3);
	});
});
