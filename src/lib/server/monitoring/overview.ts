import { eq } from 'drizzle-orm';
import type { Agenda } from '../../agenda/model/schema';
import {
	inventoryProgress,
	measureProgress,
	type InventoryProgress,
	type MeasureProgress
} from '../../monitoring/progress';
import { rollUp, rollUpBy, type RollUp } from '../../monitoring/rollup';
import { audit } from '../audit';
import { type Db, type Executor, inTransaction } from '../db/connection';
import { monitoringWeights } from '../db/schema';
import { currentDecision, resolvedPlan, type CouncilDecision } from './decisions';
import { listFacts, type StoredFact } from './facts';

/**
 * Everything the progress page, the Sachstandsbericht and the answer to an Anfrage show about an
 * agenda at a Stichtag: the decision and its plan, each measure's and inventory item's progress,
 * and the roll-ups per field of action, goal and the whole agenda, with their weights.
 */
export interface MonitoringOverview {
	decision: CouncilDecision;
	plan: Agenda;
	stichtag: string;
	facts: StoredFact[];
	measures: MeasureProgress[];
	inventory: InventoryProgress[];
	agenda: RollUp;
	fields: Map<string, RollUp>;
	goals: Map<string, RollUp>;
	weights: Map<string, number>;
}

export async function monitoringOverview(
	db: Executor,
	agendaId: string,
	stichtag: string,
	scope: 'approved' | 'all' = 'approved'
): Promise<MonitoringOverview | null> {
	const decision = await currentDecision(db, agendaId);
	if (!decision) return null;
	const plan = await resolvedPlan(db, decision);
	// Progress counts approved facts only; `all` adds the others for the team's lists.
	const facts = await listFacts(db, decision.id, scope);
	const weights = await decisionWeights(db, decision.id);
	const measures = plan.measures.map((measure) =>
		measureProgress(measure, plan.fundingSources, facts, stichtag)
	);
	return {
		decision,
		plan,
		stichtag,
		facts,
		measures,
		inventory: plan.inventory.map((item) => inventoryProgress(item.id, facts, stichtag)),
		agenda: rollUp(measures, weights),
		fields: rollUpBy(
			plan.measures,
			measures,
			(measure) => (measure.fieldId === null ? [] : [measure.fieldId]),
			plan.fields.map((field) => field.id),
			weights
		),
		goals: rollUpBy(
			plan.measures,
			measures,
			(measure) => measure.goalIds,
			plan.goals.map((goal) => goal.id),
			weights
		),
		weights
	};
}

export async function decisionWeights(
	db: Executor,
	decisionId: string
): Promise<Map<string, number>> {
	const rows = await db
		.select({ measureId: monitoringWeights.measureId, weight: monitoringWeights.weight })
		.from(monitoringWeights)
		.where(eq(monitoringWeights.decisionId, decisionId));
	return new Map(rows.map((row) => [row.measureId, row.weight]));
}

export const WEIGHT_MAX = 1_000;

/** An owner sets how much a measure of the plan weighs in the roll-up (0 to 1000). */
export async function setWeight(
	db: Db,
	input: {
		decision: Pick<CouncilDecision, 'id' | 'agendaId' | 'versionId'>;
		measureId: string;
		weight: number;
		actorId: string;
	}
): Promise<{ ok: true } | { ok: false; error: 'not-in-plan' | 'invalid-weight' }> {
	if (!Number.isFinite(input.weight) || input.weight < 0 || input.weight > WEIGHT_MAX) {
		return { ok: false, error: 'invalid-weight' };
	}
	const plan = await resolvedPlan(db, input.decision);
	if (!plan.measures.some((m) => m.id === input.measureId)) {
		return { ok: false, error: 'not-in-plan' };
	}
	await inTransaction(db, async (tx) => {
		await tx
			.insert(monitoringWeights)
			.values({ decisionId: input.decision.id, measureId: input.measureId, weight: input.weight })
			.onConflictDoUpdate({
				target: [monitoringWeights.decisionId, monitoringWeights.measureId],
				set: { weight: input.weight }
			});
		await audit(tx, {
			actorId: input.actorId,
			agendaId: input.decision.agendaId,
			action: 'monitoring.weight',
			details: { measureId: input.measureId, weight: input.weight }
		});
	});
	return { ok: true };
}
