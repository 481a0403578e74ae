/**
 * Sessions as the Lucia guide does them: a random token lives only in the user's cookie, the
 * database keeps its SHA-256 as the session id. Expiry slides: a session used in its second half
 * is extended to the full 30 days again.
 */
import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { preparedFor, type Db, type Executor } from '../db/connection';
import { announceAccessChange } from '../access-changes';
import { sessions, users, type Session, type User } from '../db/schema';
import { generateToken, hashToken } from '../ids';

export const SESSION_COOKIE = 'agendawerk_session';
const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
const RENEW_WHEN_LEFT_MS = SESSION_LIFETIME_MS / 2;

export type SessionUser = Pick<
	User,
	'id' | 'email' | 'displayName' | 'isAdmin' | 'emailConfirmedAt' | 'locale'
>;
export type SessionValidation =
	{ session: Session; user: SessionUser } | { session: null; user: null };

export async function createSession(
	db: Db,
	userId: string,
	now = Date.now()
): Promise<{ token: string; session: Session }> {
	const token = generateToken();
	const session: Session = {
		id: hashToken(token),
		userId,
		expiresAt: new Date(now + SESSION_LIFETIME_MS)
	};
	await db.insert(sessions).values(session);
	return { token, session };
}

const sessionWithUser = preparedFor((db) =>
	db
		.select({
			session: sessions,
			user: {
				id: users.id,
				email: users.email,
				displayName: users.displayName,
				isAdmin: users.isAdmin,
				emailConfirmedAt: users.emailConfirmedAt,
				locale: users.locale
			}
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, sql.placeholder('sessionId')))
		.prepare()
);

export async function validateSessionToken(
	db: Db,
	token: string,
	now = Date.now()
): Promise<SessionValidation> {
	const sessionId = hashToken(token);
	// The prepared select answers with all its rows; the session id is the key, so at most one.
	const [row] = await sessionWithUser(db).execute({ sessionId });
	if (!row) return { session: null, user: null };

	const { session, user } = row;
	if (now >= session.expiresAt.getTime()) {
		await db.delete(sessions).where(eq(sessions.id, sessionId));
		return { session: null, user: null };
	}
	if (session.expiresAt.getTime() - now < RENEW_WHEN_LEFT_MS) {
		session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
		await db
			.update(sessions)
			.set({ expiresAt: session.expiresAt })
			.where(eq(sessions.id, sessionId));
	}
	return { session, user };
}

/** Which of these sessions still exist and have not expired. */
export async function liveSessionIds(
	db: Db,
	sessionIds: string[],
	now = new Date()
): Promise<Set<string>> {
	if (sessionIds.length === 0) return new Set();
	const live = await db
		.select({ id: sessions.id })
		.from(sessions)
		.where(and(inArray(sessions.id, sessionIds), gt(sessions.expiresAt, now)));
	return new Set(live.map((row) => row.id));
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
	announceAccessChange();
}

/** Inside a transaction: the caller announces the change (`announceAccessChange`) after commit. */
export async function invalidateUserSessions(db: Executor, userId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Removes sessions that ran out unused (a used one is deleted when it is presented). */
export async function deleteExpiredSessions(db: Executor, now = Date.now()): Promise<number> {
	const deleted = await db
		.delete(sessions)
		.where(lte(sessions.expiresAt, new Date(now)))
		.returning({ id: sessions.id });
	return deleted.length;
}
