import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import { sessions, users } from '../db/schema';
import { hashToken } from '../ids';
import {
	createSession,
	deleteExpiredSessions,
	invalidateSession,
	invalidateUserSessions,
	SESSION_LIFETIME_MS,
	validateSessionToken
} from './session';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);

let t: TestDatabase;

async function addUser(id: string, email: string, isAdmin = false) {
	await t.db
		.insert(users)
		.values({ id, email, displayName: `Name ${id}`, passwordHash: 'x', isAdmin });
}

async function storedExpiry(sessionId: string): Promise<number | undefined> {
	const [row] = await t.db
		.select({ expiresAt: sessions.expiresAt })
		.from(sessions)
		.where(eq(sessions.id, sessionId));
	return row?.expiresAt.getTime();
}

async function setStoredExpiry(sessionId: string, expiresAt: number) {
	await t.db
		.update(sessions)
		.set({ expiresAt: new Date(expiresAt) })
		.where(eq(sessions.id, sessionId));
}

beforeEach(async () => {
	t = createTestDatabase();
	await addUser('alice', 'alice@example.org', true);
	await addUser('bob', 'bob@example.org');
});

afterEach(() => t.dispose());

describe('createSession / validateSessionToken', () => {
	it('returns the session user for a fresh token', async () => {
		const { token, session } = await createSession(t.db, 'alice', NOW);
		expect(session.expiresAt.getTime()).toBe(NOW + SESSION_LIFETIME_MS);

		const result = await validateSessionToken(t.db, token, NOW + 1000);
		expect(result.session?.id).toBe(session.id);
		expect(result.user).toEqual({
			id: 'alice',
			email: 'alice@example.org',
			displayName: 'Name alice',
			isAdmin: true,
			// What the pages need to know: may this person write, and in which language are mails.
			emailConfirmedAt: null,
			locale: 'de'
		});
	});

	it('stores only the SHA-256 of the token, never the token itself', async () => {
		const { token, session } = await createSession(t.db, 'alice', NOW);
		const rows = await t.db.select().from(sessions);
		expect(rows).toHaveLength(1);
		expect(rows[0]?.id).toBe(hashToken(token));
		expect(rows[0]?.id).toBe(session.id);
		expect(rows[0]?.id).not.toBe(token);
		expect(rows[0]?.id).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(rows)).not.toContain(token);
	});

	it('gives each session its own token', async () => {
		const a = await createSession(t.db, 'alice', NOW);
		const b = await createSession(t.db, 'alice', NOW);
		expect(a.token).not.toBe(b.token);
		expect(a.token).toMatch(/^[a-z2-7]{32}$/);
	});

	it('rejects an unknown token and the stored hash used as a token', async () => {
		const { session } = await createSession(t.db, 'alice', NOW);
		expect(await validateSessionToken(t.db, 'unknowntoken', NOW)).toEqual({
			session: null,
			user: null
		});
		// Someone who reads the database must not be able to use the stored id as a cookie.
		expect(await validateSessionToken(t.db, session.id, NOW)).toEqual({
			session: null,
			user: null
		});
	});

	it('rejects an expired session and deletes it', async () => {
		const { token, session } = await createSession(t.db, 'alice', NOW);
		await setStoredExpiry(session.id, NOW - 1);

		expect(await validateSessionToken(t.db, token, NOW)).toEqual({ session: null, user: null });
		expect(await storedExpiry(session.id)).toBeUndefined();
	});

	it('treats the exact expiry instant as expired', async () => {
		const { token, session } = await createSession(t.db, 'alice', NOW);
		expect((await validateSessionToken(t.db, token, session.expiresAt.getTime())).user).toBeNull();
		expect(await storedExpiry(session.id)).toBeUndefined();
	});

	it('leaves the expiry alone while the session is in its first half', async () => {
		const { token, session } = await createSession(t.db, 'alice', NOW);
		const later = NOW + 10 * DAY_MS;

		const result = await validateSessionToken(t.db, token, later);
		expect(result.user?.id).toBe('alice');
		expect(result.session?.expiresAt.getTime()).toBe(NOW + SESSION_LIFETIME_MS);
		expect(await storedExpiry(session.id)).toBe(NOW + SESSION_LIFETIME_MS);
	});

	it('renews a session used in the second half of its life to the full lifetime', async () => {
		const { token, session } = await createSession(t.db, 'alice', NOW);
		const later = NOW + 20 * DAY_MS;

		const result = await validateSessionToken(t.db, token, later);
		expect(result.user?.id).toBe('alice');
		expect(result.session?.expiresAt.getTime()).toBe(later + SESSION_LIFETIME_MS);
		expect(await storedExpiry(session.id)).toBe(later + SESSION_LIFETIME_MS);
		// Renewed, not merely kept: the session now lasts longer than it did when it was created.
		expect(await storedExpiry(session.id)).toBeGreaterThan(session.expiresAt.getTime());
	});

	it('renews on the real clock when the stored expiry is less than 15 days away', async () => {
		const { token, session } = await createSession(t.db, 'alice');
		const soon = Date.now() + 5 * DAY_MS;
		await setStoredExpiry(session.id, soon);

		const before = Date.now();
		const result = await validateSessionToken(t.db, token);
		const after = Date.now();

		expect(result.user?.id).toBe('alice');
		const renewed = (await storedExpiry(session.id)) ?? 0;
		expect(renewed).toBeGreaterThan(soon);
		expect(renewed).toBeGreaterThanOrEqual(before + SESSION_LIFETIME_MS);
		expect(renewed).toBeLessThanOrEqual(after + SESSION_LIFETIME_MS);
	});

	it('does not renew on the real clock when more than 15 days are left', async () => {
		const { token, session } = await createSession(t.db, 'alice');
		const later = Date.now() + 20 * DAY_MS;
		await setStoredExpiry(session.id, later);

		expect((await validateSessionToken(t.db, token)).user?.id).toBe('alice');
		expect(await storedExpiry(session.id)).toBe(later);
	});

	it('keeps a renewed session valid past its original expiry', async () => {
		const { token } = await createSession(t.db, 'alice', NOW);
		await validateSessionToken(t.db, token, NOW + 20 * DAY_MS);
		expect((await validateSessionToken(t.db, token, NOW + 40 * DAY_MS)).user?.id).toBe('alice');
	});

	it('ends the session together with its user', async () => {
		const { token, session } = await createSession(t.db, 'bob', NOW);
		await t.db.delete(users).where(eq(users.id, 'bob'));
		expect((await validateSessionToken(t.db, token, NOW)).user).toBeNull();
		expect(await storedExpiry(session.id)).toBeUndefined();
	});
});

describe('invalidation', () => {
	it('invalidateSession ends only that session', async () => {
		const first = await createSession(t.db, 'alice', NOW);
		const second = await createSession(t.db, 'alice', NOW);

		await invalidateSession(t.db, first.session.id);

		expect((await validateSessionToken(t.db, first.token, NOW)).user).toBeNull();
		expect((await validateSessionToken(t.db, second.token, NOW)).user?.id).toBe('alice');
	});

	it('invalidateUserSessions ends every session of the user and no one else’s', async () => {
		const aliceLaptop = await createSession(t.db, 'alice', NOW);
		const alicePhone = await createSession(t.db, 'alice', NOW);
		const bob = await createSession(t.db, 'bob', NOW);

		await invalidateUserSessions(t.db, 'alice');

		expect((await validateSessionToken(t.db, aliceLaptop.token, NOW)).user).toBeNull();
		expect((await validateSessionToken(t.db, alicePhone.token, NOW)).user).toBeNull();
		expect((await validateSessionToken(t.db, bob.token, NOW)).user?.id).toBe('bob');
		expect((await t.db.select().from(sessions)).map((row) => row.userId)).toEqual(['bob']);
	});
});

describe('deleteExpiredSessions', () => {
	it('removes only sessions whose expiry has passed', async () => {
		const stale = await createSession(t.db, 'alice', NOW - SESSION_LIFETIME_MS - DAY_MS);
		const live = await createSession(t.db, 'bob', NOW);
		expect(await deleteExpiredSessions(t.db, NOW)).toBe(1);
		expect(await storedExpiry(stale.session.id)).toBeUndefined();
		expect(await storedExpiry(live.session.id)).toBe(NOW + SESSION_LIFETIME_MS);
	});
});
