import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase, type DemoDatabase } from '../../../../tests/support/database';
import type { Agenda } from '../../agenda/model/schema';
import type { FactInput } from '../../monitoring/fact-input';
import { findUserByEmail } from '../accounts/users';
import { auditLog, monitoringFacts } from '../db/schema';
import { currentDecision, recordDecision, resolvedPlan, type CouncilDecision } from './decisions';
import { decideFact, deleteFact, listFacts, saveFact, submitFact } from './facts';
import { monitoringOverview, setWeight } from './overview';

/**
 * Monitoring on a real SQLite file: the demo's Fassung 1 is resolved by the council, a patron
 * reports, the owner approves or returns; only approved facts reach the numbers.
 */
let t: DemoDatabase;
let agendaId = '';
let ownerId = '';
let editorId = '';
let decision: CouncilDecision;
let plan: Agenda;

async function userId(email: string): Promise<string> {
	const id = (await findUserByEmail(t.db, email))?.id;
	if (!id) throw new Error(`Kein Konto ${email}`);
	return id;
}

beforeAll(async () => {
	t = await createDemoDatabase();
	agendaId = t.agendaId;
	ownerId = await userId('verwaltung@musterstadt.example');
	editorId = await userId('ag1@musterstadt.example');
});

afterAll(() => t.dispose());

function measure(index = 0) {
	const found = plan.measures[index];
	if (!found) throw new Error('Maßnahme fehlt');
	return found;
}

const report = (values: Partial<Extract<FactInput, { kind: 'report' }>> = {}): FactInput => ({
	kind: 'report',
	itemKind: 'measure',
	itemId: measure().id,
	asOf: '2027-03-31',
	status: 'in-arbeit',
	statusReason: null,
	progress: 25,
	text: 'Die Ausschreibung läuft.',
	...values
});

describe('council decision', () => {
	it('makes a Fassung the resolved plan, once', async () => {
		expect(await currentDecision(t.db, agendaId)).toBeUndefined();
		const input = {
			agendaId,
			versionNumber: 1,
			decidedOn: '2027-02-02',
			number: ' 2027/0012 ',
			result: 'beschlossen' as const,
			oparlUrl: null,
			actorId: ownerId
		};
		expect(await recordDecision(t.db, { ...input, versionNumber: 99 })).toEqual({
			ok: false,
			error: 'version-not-found'
		});
		expect(await recordDecision(t.db, { ...input, number: '  ' })).toEqual({
			ok: false,
			error: 'number-empty'
		});
		const recorded = await recordDecision(t.db, input);
		if (!recorded.ok) throw new Error(recorded.error);
		decision = recorded.decision;
		expect(decision).toMatchObject({ number: '2027/0012', decidedOn: '2027-02-02' });
		expect(await recordDecision(t.db, input)).toEqual({ ok: false, error: 'already-decided' });
		expect((await currentDecision(t.db, agendaId))?.id).toBe(decision.id);
		plan = await resolvedPlan(t.db, decision);
		expect(plan.measures.length).toBeGreaterThan(0);
		// Musterstadt's own log: the seeded Beispielhausen demo has its decision and facts too.
		const logged = await t.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.agendaId, agendaId), eq(auditLog.action, 'decision.record')));
		expect(logged).toHaveLength(1);
	});
});

describe('facts on their way to the public', () => {
	it('refuses what does not fit the plan, and stores nothing', async () => {
		const before = (await t.db.select().from(monitoringFacts)).length;
		const cases: [FactInput, string][] = [
			[await report({ itemId: 'gibt-es-nicht' }), 'item-not-in-plan'],
			[await report({ text: '  \u0007 ' }), 'text-empty'],
			[await report({ status: 'verzoegert', statusReason: ' ' }), 'reason-missing'],
			[
				{
					kind: 'milestone',
					itemKind: 'measure',
					itemId: measure().id,
					asOf: '2027-01-01',
					milestoneId: 'x'
				},
				'milestone-not-in-measure'
			],
			[
				{
					kind: 'finance',
					itemKind: 'inventory',
					itemId: plan.inventory[0]?.id ?? '',
					asOf: '2027-01-01',
					year: 2026,
					actualCostCents: 1,
					fundingReceivedCents: 0
				},
				'not-for-inventory'
			]
		];
		for (const [fact, error] of cases) {
			expect(await saveFact(t.db, { decision, plan, fact, actorId: editorId })).toEqual({
				ok: false,
				error
			});
		}
		expect(await t.db.select().from(monitoringFacts)).toHaveLength(before);
	});

	it('counts a fact only once approved; a returned one goes back with the remark', async () => {
		const saved = await saveFact(t.db, { decision, plan, fact: await report(), actorId: editorId });
		if (!saved.ok) throw new Error(saved.error);
		const overview = async () => await monitoringOverview(t.db, agendaId, '2027-12-31');
		expect((await overview())?.measures[0]?.status).toBe('unbekannt');
		// Approving needs a submitted fact; returning needs a remark.
		const owner = { decision, factId: saved.id, actorId: ownerId };
		expect(await decideFact(t.db, { ...owner, verdict: 'approve', remark: '' })).toEqual({
			ok: false,
			error: 'not-submitted'
		});
		expect(await submitFact(t.db, owner)).toEqual({ ok: true });
		expect(await submitFact(t.db, owner)).toEqual({ ok: false, error: 'not-editable' });
		expect(await decideFact(t.db, { ...owner, verdict: 'return', remark: ' ' })).toEqual({
			ok: false,
			error: 'remark-empty'
		});
		expect(
			await decideFact(t.db, { ...owner, verdict: 'return', remark: 'x'.repeat(2_001) })
		).toEqual({
			ok: false,
			error: 'remark-too-long'
		});
		expect(
			await decideFact(t.db, { ...owner, verdict: 'return', remark: 'Bitte Stand Mai nennen.' })
		).toEqual({
			ok: true
		});
		expect((await overview())?.measures[0]?.status).toBe('unbekannt');
		const returned = (await listFacts(t.db, decision.id, 'all')).find(
			(fact) => fact.id === saved.id
		);
		expect(returned).toMatchObject({ state: 'returned', remark: 'Bitte Stand Mai nennen.' });
		expect(await listFacts(t.db, decision.id, 'approved')).toEqual([]);

		const edited = await saveFact(t.db, {
			decision,
			plan,
			fact: await report({ asOf: '2027-05-31', progress: 40 }),
			factId: saved.id,
			actorId: editorId
		});
		expect(edited).toEqual({ ok: true, id: saved.id });
		await submitFact(t.db, owner);
		expect(await decideFact(t.db, { ...owner, verdict: 'approve', remark: '' })).toEqual({
			ok: true
		});
		const measureProgress = (await overview())?.measures[0];
		expect(measureProgress).toMatchObject({
			status: 'in-arbeit',
			progress: { percent: 40, source: 'entered' }
		});
		// Approved facts never change, and are not deleted.
		expect(
			await saveFact(t.db, {
				decision,
				plan,
				fact: await report(),
				factId: saved.id,
				actorId: editorId
			})
		).toEqual({
			ok: false,
			error: 'not-editable'
		});
		expect(await deleteFact(t.db, { decision, factId: saved.id, actorId: editorId })).toEqual({
			ok: false,
			error: 'not-editable'
		});
		const actions = (
			await t.db
				.select({ action: auditLog.action })
				.from(auditLog)
				.where(eq(auditLog.agendaId, agendaId))
				.orderBy(auditLog.id)
		)
			.map((row) => row.action)
			.filter((action) => action.startsWith('monitoring.'));
		expect(actions).toEqual([
			'monitoring.create',
			'monitoring.submitted',
			'monitoring.returned',
			'monitoring.edit',
			'monitoring.submitted',
			'monitoring.approved'
		]);
	});

	it('rolls progress up with the weights an owner set', async () => {
		expect(
			await setWeight(t.db, { decision, measureId: 'gibt-es-nicht', weight: 2, actorId: ownerId })
		).toEqual({
			ok: false,
			error: 'not-in-plan'
		});
		expect(
			await setWeight(t.db, { decision, measureId: measure().id, weight: -1, actorId: ownerId })
		).toEqual({
			ok: false,
			error: 'invalid-weight'
		});
		const count = plan.measures.length;
		const even = await monitoringOverview(t.db, agendaId, '2027-12-31');
		expect(even?.agenda.percent).toBeCloseTo(40 / count, 1);
		expect(
			await setWeight(t.db, { decision, measureId: measure().id, weight: 3, actorId: ownerId })
		).toEqual({
			ok: true
		});
		const weighted = await monitoringOverview(t.db, agendaId, '2027-12-31');
		expect(weighted?.agenda.percent).toBeCloseTo((3 * 40) / (count + 2), 1);
		expect(weighted?.agenda.weights.find((entry) => entry.measureId === measure().id)?.weight).toBe(
			3
		);
	});

	it('deletes a draft written by mistake', async () => {
		const saved = await saveFact(t.db, { decision, plan, fact: await report(), actorId: editorId });
		if (!saved.ok) throw new Error(saved.error);
		expect(await deleteFact(t.db, { decision, factId: saved.id, actorId: editorId })).toEqual({
			ok: true
		});
		expect((await listFacts(t.db, decision.id, 'all')).some((fact) => fact.id === saved.id)).toBe(
			false
		);
	});
});
