import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/connection';
import { agendas, measureFollows } from '../db/schema';
import { currentDecision, resolvedPlan } from '../monitoring/decisions';

/**
 * Who wants to hear about one measure of an agenda's resolved plan (notification kind
 * `measure-followed`): an approved Sachstand, a status change, a milestone reached. The route
 * checks that the measure exists and the agenda may be followed; here only the rows.
 */
export interface MeasureRef {
	agendaId: string;
	measureId: string;
}

export async function followMeasure(
	db: Executor,
	userId: string,
	ref: MeasureRef,
	now = Date.now()
): Promise<void> {
	await db
		.insert(measureFollows)
		.values({ userId, ...ref, createdAt: new Date(now) })
		.onConflictDoNothing();
}

export async function unfollowMeasure(
	db: Executor,
	userId: string,
	ref: MeasureRef
): Promise<void> {
	await db.delete(measureFollows).where(followRow(userId, ref));
}

export async function isFollowingMeasure(
	db: Executor,
	userId: string,
	ref: MeasureRef
): Promise<boolean> {
	const [follow] = await db
		.select({ measureId: measureFollows.measureId })
		.from(measureFollows)
		.where(followRow(userId, ref));
	return follow !== undefined;
}

/** Everyone following one measure. */
export async function measureFollowersOf(
	db: Executor,
	ref: MeasureRef
): Promise<{ userId: string }[]> {
	return db
		.select({ userId: measureFollows.userId })
		.from(measureFollows)
		.where(
			and(eq(measureFollows.agendaId, ref.agendaId), eq(measureFollows.measureId, ref.measureId))
		);
}

export interface FollowedMeasure extends MeasureRef {
	slug: string;
	agendaTitle: string;
	/** The measure's title in the agenda's current resolved plan, else its id. */
	title: string;
}

/**
 * The measures a person follows, by agenda and title, for the settings on `/konto`. The title
 * comes from the current resolved plan; a measure a later decision dropped keeps its row (and
 * can be unfollowed) under its id.
 */
export async function followedMeasures(db: Executor, userId: string): Promise<FollowedMeasure[]> {
	const rows = await db
		.select({
			agendaId: measureFollows.agendaId,
			measureId: measureFollows.measureId,
			slug: agendas.slug,
			agendaTitle: agendas.title
		})
		.from(measureFollows)
		.innerJoin(agendas, eq(agendas.id, measureFollows.agendaId))
		.where(eq(measureFollows.userId, userId))
		.orderBy(asc(agendas.title));
	// Each agenda's plan is read once, however many of its measures the person follows.
	const titles = new Map<string, Map<string, string>>();
	const titleOf = async (agendaId: string, measureId: string) => {
		let plan = titles.get(agendaId);
		if (!plan) {
			const decision = await currentDecision(db, agendaId);
			const measures = decision ? (await resolvedPlan(db, decision)).measures : [];
			plan = new Map(measures.map((measure) => [measure.id, measure.title]));
			titles.set(agendaId, plan);
		}
		return plan.get(measureId) ?? measureId;
	};
	const titled: FollowedMeasure[] = [];
	for (const row of rows)
		titled.push({ ...row, title: await titleOf(row.agendaId, row.measureId) });
	return titled.sort(
		(a, b) => a.agendaTitle.localeCompare(b.agendaTitle) || a.title.localeCompare(b.title)
	);
}

function followRow(userId: string, ref: MeasureRef) {
	return and(
		eq(measureFollows.userId, userId),
		eq(measureFollows.agendaId, ref.agendaId),
		eq(measureFollows.measureId, ref.measureId)
	);
}
