import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/connection';
import { agendaFollows, agendas } from '../db/schema';

/**
 * Who wants to hear when a round of an agenda's participation opens or is about to end
 * (notification kind `round-followed`). Following is per agenda, not per round: the next round
 * is what a follower waits for.
 */
export function followAgenda(db: Executor, userId: string, agendaId: string, now = Date.now()) {
	db.insert(agendaFollows)
		.values({ userId, agendaId, createdAt: new Date(now) })
		.onConflictDoNothing()
		.run();
}

export function unfollowAgenda(db: Executor, userId: string, agendaId: string): void {
	db.delete(agendaFollows)
		.where(and(eq(agendaFollows.userId, userId), eq(agendaFollows.agendaId, agendaId)))
		.run();
}

export function isFollowing(db: Executor, userId: string, agendaId: string): boolean {
	return (
		db
			.select({ agendaId: agendaFollows.agendaId })
			.from(agendaFollows)
			.where(and(eq(agendaFollows.userId, userId), eq(agendaFollows.agendaId, agendaId)))
			.get() !== undefined
	);
}

export interface FollowedAgenda {
	agendaId: string;
	slug: string;
	title: string;
}

/** The agendas a person follows, by title, for the settings on `/konto`. */
export function followedAgendas(db: Executor, userId: string): FollowedAgenda[] {
	return db
		.select({ agendaId: agendas.id, slug: agendas.slug, title: agendas.title })
		.from(agendaFollows)
		.innerJoin(agendas, eq(agendas.id, agendaFollows.agendaId))
		.where(eq(agendaFollows.userId, userId))
		.orderBy(asc(agendas.title))
		.all();
}

/** Everyone following an agenda. */
export function followersOf(db: Executor, agendaId: string): { userId: string }[] {
	return db
		.select({ userId: agendaFollows.userId })
		.from(agendaFollows)
		.where(eq(agendaFollows.agendaId, agendaId))
		.all();
}
