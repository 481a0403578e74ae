import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/connection';
import { agendaFollows, agendas } from '../db/schema';

/**
 * Who wants to hear when a round of an agenda's participation opens or is about to end
 * (notification kind `round-followed`). Following is per agenda, not per round: the next round
 * is what a follower waits for.
 */
export async function followAgenda(
	db: Executor,
	userId: string,
	agendaId: string,
	now = Date.now()
): Promise<void> {
	await db
		.insert(agendaFollows)
		.values({ userId, agendaId, createdAt: new Date(now) })
		.onConflictDoNothing();
}

export async function unfollowAgenda(
	db: Executor,
	userId: string,
	agendaId: string
): Promise<void> {
	await db
		.delete(agendaFollows)
		.where(and(eq(agendaFollows.userId, userId), eq(agendaFollows.agendaId, agendaId)));
}

export async function isFollowing(
	db: Executor,
	userId: string,
	agendaId: string
): Promise<boolean> {
	const [follow] = await db
		.select({ agendaId: agendaFollows.agendaId })
		.from(agendaFollows)
		.where(and(eq(agendaFollows.userId, userId), eq(agendaFollows.agendaId, agendaId)));
	return follow !== undefined;
}

export interface FollowedAgenda {
	agendaId: string;
	slug: string;
	title: string;
}

/** The agendas a person follows, by title, for the settings on `/konto`. */
export async function followedAgendas(db: Executor, userId: string): Promise<FollowedAgenda[]> {
	return db
		.select({ agendaId: agendas.id, slug: agendas.slug, title: agendas.title })
		.from(agendaFollows)
		.innerJoin(agendas, eq(agendas.id, agendaFollows.agendaId))
		.where(eq(agendaFollows.userId, userId))
		.orderBy(asc(agendas.title));
}

/** Everyone following an agenda. */
export async function followersOf(db: Executor, agendaId: string): Promise<{ userId: string }[]> {
	return db
		.select({ userId: agendaFollows.userId })
		.from(agendaFollows)
		.where(eq(agendaFollows.agendaId, agendaId));
}
