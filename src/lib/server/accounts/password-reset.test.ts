import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import { createSession, validateSessionToken } from '../auth/session';
import { verifyPassword } from '../auth/password';
import { auditLog, mails, passwordResets, users, type User } from '../db/schema';
import { hashToken } from '../ids';
import {
	PASSWORD_RESET_LIFETIME_MS,
	findResettableAccount,
	requestPasswordReset,
	resetPassword
} from './password-reset';
import { registerUser } from './users';

const ORIGIN = 'https://agenda.example';
const NEW_PASSWORD = 'ganz-neues-passwort-42';

let t: TestDatabase;
let user: User;

beforeEach(async () => {
	t = createTestDatabase();
	const result = await registerUser(
		t.db,
		{
			email: 'erika@example.org',
			displayName: 'Erika Muster',
			password: 'korrekt-pferd-batterie'
		},
		ORIGIN
	);
	if (!result.ok) throw new Error(result.reason);
	user = result.user;
	// The registration's confirmation mail is not what these tests look at.
	await t.db.delete(mails);
});

afterEach(() => t.dispose());

/** Requests a reset and reads the token from the queued mail's link, as its owner would. */
async function requestAndReadToken(now = Date.now()): Promise<string> {
	expect(await requestPasswordReset(t.db, ' Erika@Example.org ', ORIGIN, now)).toEqual({
		queued: true
	});
	const mail = (await t.db.select().from(mails).orderBy(asc(mails.createdAt))).at(-1);
	const match = /\/passwort-zuruecksetzen\/(\S+)/.exec(mail?.text ?? '');
	if (!match?.[1]) throw new Error('no link in the mail');
	return match[1];
}

describe('requestPasswordReset', () => {
	it('queues a German mail with the link and stores only the token hash, valid one hour', async () => {
		const now = Date.now();
		const token = await requestAndReadToken(now);
		const [mail] = await t.db.select().from(mails);
		expect(mail).toMatchObject({ kind: 'password-reset', to: 'erika@example.org' });
		expect(mail?.subject).toBe('Neues Passwort für Agendawerk');
		expect(mail?.text).toContain(`${ORIGIN}/passwort-zuruecksetzen/${token}`);
		expect(mail?.html).toContain(`${ORIGIN}/passwort-zuruecksetzen/${token}`);
		const [reset] = await t.db.select().from(passwordResets);
		expect(reset?.tokenHash).toBe(hashToken(token));
		expect(JSON.stringify(reset)).not.toContain(token);
		expect(reset?.expiresAt.getTime()).toBe(now + PASSWORD_RESET_LIFETIME_MS);
	});

	it('stores and queues nothing for an unknown address', async () => {
		expect(await requestPasswordReset(t.db, 'niemand@example.org', ORIGIN)).toEqual({
			queued: false
		});
		expect(await t.db.select().from(mails)).toEqual([]);
		expect(await t.db.select().from(passwordResets)).toEqual([]);
	});
});

describe('resetPassword', () => {
	it('sets the new password, ends every session and writes an audit entry without secrets', async () => {
		const { token: sessionToken } = await createSession(t.db, user.id);
		const resetToken = await requestAndReadToken();
		expect((await findResettableAccount(t.db, resetToken))?.id).toBe(user.id);

		expect(await resetPassword(t.db, resetToken, NEW_PASSWORD)).toEqual({ userId: user.id });

		const [stored] = await t.db.select().from(users).where(eq(users.id, user.id));
		expect(await verifyPassword(stored?.passwordHash ?? '', NEW_PASSWORD)).toBe(true);
		expect((await validateSessionToken(t.db, sessionToken)).user).toBeNull();
		const [entry] = await t.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'account.password-reset'));
		expect(entry?.actorId).toBe(user.id);
		expect(JSON.stringify(entry)).not.toContain(resetToken);
		expect(JSON.stringify(entry)).not.toContain(NEW_PASSWORD);
	});

	it('confirms an unconfirmed address: following the mailed link proves it is read', async () => {
		const confirmedAt = async () =>
			(await t.db.select().from(users).where(eq(users.id, user.id)))[0]?.emailConfirmedAt;
		expect(await confirmedAt()).toBeNull();
		const now = Date.now();
		await resetPassword(t.db, await requestAndReadToken(now), NEW_PASSWORD, now);
		expect((await confirmedAt())?.getTime()).toBe(now);
		// An address confirmed before keeps its date.
		await resetPassword(
			t.db,
			await requestAndReadToken(now + 5000),
			'noch-ein-passwort-77',
			now + 5000
		);
		expect((await confirmedAt())?.getTime()).toBe(now);
	});

	it('works once: a used token, and any other open one of the account, is refused', async () => {
		const first = await requestAndReadToken();
		const second = await requestAndReadToken();
		expect(await resetPassword(t.db, first, NEW_PASSWORD)).not.toBeNull();
		expect(await resetPassword(t.db, first, 'noch-ein-passwort-77')).toBeNull();
		expect(await findResettableAccount(t.db, second)).toBeNull();
		expect(await resetPassword(t.db, second, 'noch-ein-passwort-77')).toBeNull();
	});

	it('refuses an expired token and an unknown one', async () => {
		const now = Date.now();
		const token = await requestAndReadToken(now);
		const later = now + PASSWORD_RESET_LIFETIME_MS;
		expect(await findResettableAccount(t.db, token, later)).toBeNull();
		expect(await resetPassword(t.db, token, NEW_PASSWORD, later)).toBeNull();
		expect(await resetPassword(t.db, 'x'.repeat(43), NEW_PASSWORD)).toBeNull();
		const [stored] = await t.db.select().from(users).where(eq(users.id, user.id));
		expect(stored?.passwordHash).toBe(user.passwordHash);
	});
});
