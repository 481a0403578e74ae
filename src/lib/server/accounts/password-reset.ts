/**
 * Password reset by mail: a random single-use token, stored only as its SHA-256 and valid for an
 * hour, whose link lets the owner set a new password. Requesting one looks the same from outside
 * whether the address has an account or not.
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { announceAccessChange } from '../access-changes';
import { audit } from '../audit';
import { hashPassword } from '../auth/password';
import { invalidateUserSessions } from '../auth/session';
import { type Db, inTransaction } from '../db/connection';
import { passwordResets, users, type User } from '../db/schema';
import { generateId, generateToken, hashToken } from '../ids';
import { composeMail } from '../mail/compose';
import { queueMail } from '../mail/queue';
import { normalizeEmail } from './users';

export const PASSWORD_RESET_LIFETIME_MS = 60 * 60 * 1000;

/** The link's path; the mail puts the request's origin in front. */
export function passwordResetPath(token: string): string {
	return `/passwort-zuruecksetzen/${token}`;
}

/**
 * Creates a reset token for the account of `email` and queues its mail in the same transaction.
 * For an unknown address it does the same work shape (a token is generated and hashed, a write
 * transaction opened) and stores nothing, so that neither the answer nor its time tells them apart.
 */
export async function requestPasswordReset(
	db: Db,
	email: string,
	origin: string,
	now = Date.now()
): Promise<{ queued: boolean }> {
	const token = generateToken();
	const tokenHash = hashToken(token);
	return inTransaction(db, async (tx) => {
		const [user] = await tx
			.select({
				id: users.id,
				email: users.email,
				displayName: users.displayName,
				locale: users.locale
			})
			.from(users)
			.where(eq(users.email, normalizeEmail(email)));
		if (!user) return { queued: false };
		await tx.insert(passwordResets).values({
			id: generateId(),
			userId: user.id,
			tokenHash,
			expiresAt: new Date(now + PASSWORD_RESET_LIFETIME_MS),
			createdAt: new Date(now)
		});
		const { locale } = user;
		const url = origin + passwordResetPath(token);
		const content = composeMail({
			greeting: m.mail_greeting({ name: user.displayName }, { locale }),
			paragraphs: [
				m.mail_password_reset_intro({}, { locale }),
				m.mail_password_reset_validity({}, { locale })
			],
			action: { label: m.mail_password_reset_action({}, { locale }), url },
			footer: [m.mail_password_reset_footer({}, { locale })]
		});
		await queueMail(
			tx,
			{
				kind: 'password-reset',
				to: user.email,
				subject: m.mail_password_reset_subject({}, { locale }),
				...content
			},
			now
		);
		return { queued: true };
	});
}

/** The account a token may reset now, or null when it is unknown, used or expired. */
export async function findResettableAccount(
	db: Db,
	token: string,
	now = Date.now()
): Promise<Pick<User, 'id' | 'email' | 'displayName'> | null> {
	const [account] = await db
		.select({ id: users.id, email: users.email, displayName: users.displayName })
		.from(passwordResets)
		.innerJoin(users, eq(users.id, passwordResets.userId))
		.where(openToken(hashToken(token), now))
		.limit(1);
	return account ?? null;
}

/**
 * Sets the new password if the token is still open, and uses it up in the same transaction (with
 * every other open token of the account); ends all sessions of the account and, as the link
 * reached the account's address, confirms that address. The caller opens the
 * new session. Null when the token is unknown, used or expired, also when two requests race.
 */
export async function resetPassword(
	db: Db,
	token: string,
	newPassword: string,
	now = Date.now()
): Promise<{ userId: string } | null> {
	const tokenHash = hashToken(token);
	if (!(await findResettableAccount(db, token, now))) return null;
	const passwordHash = await hashPassword(newPassword);
	const result = await inTransaction(db, async (tx) => {
		// Checked again under the write lock: of two racing requests only one finds it open.
		const [reset] = await tx
			.select({ userId: passwordResets.userId })
			.from(passwordResets)
			.where(openToken(tokenHash, now))
			.limit(1);
		if (!reset) return null;
		await tx
			.update(passwordResets)
			.set({ usedAt: new Date(now) })
			.where(and(eq(passwordResets.userId, reset.userId), isNull(passwordResets.usedAt)));
		// The link went to the account's address: following it proves the person reads it.
		await tx
			.update(users)
			.set({
				passwordHash,
				emailConfirmedAt: sql`coalesce(${users.emailConfirmedAt}, ${sql.param(new Date(now), users.emailConfirmedAt)})`
			})
			.where(eq(users.id, reset.userId));
		await invalidateUserSessions(tx, reset.userId);
		await audit(tx, { actorId: reset.userId, action: 'account.password-reset' });
		return { userId: reset.userId };
	});
	if (result) announceAccessChange();
	return result;
}

function openToken(tokenHash: string, now: number) {
	return and(
		eq(passwordResets.tokenHash, tokenHash),
		isNull(passwordResets.usedAt),
		gt(passwordResets.expiresAt, new Date(now))
	);
}
