/**
 * Proving that a person reads an address: a random single-use link, stored only as its SHA-256
 * (`emailTokens`), that confirms a new account's address (purpose `confirm`) or makes a new
 * address the account's (purpose `change`). Each mail is queued in the transaction that creates
 * its token.
 */
import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import { audit } from '../audit';
import { verifyPassword } from '../auth/password';
import { type Db, type Executor, inTransaction } from '../db/connection';
import { emailTokens, users, type EmailTokenPurpose } from '../db/schema';
import { generateId, generateToken, hashToken } from '../ids';
import { queueMail } from '../mail/queue';
import {
	addressChangeMail,
	addressChangeNoticeMail,
	addressConfirmationMail,
	EMAIL_TOKEN_LIFETIME_HOURS,
	type MailRecipient
} from './account-mails';
import { mailRecipientOf, normalizeEmail } from './users';

/** Long enough for a mail that waits in a full mailbox over a weekend day, short for a stolen one. */
export const EMAIL_TOKEN_LIFETIME_MS = EMAIL_TOKEN_LIFETIME_HOURS * 60 * 60 * 1000;

/** The link's path; the mail puts the link origin (`mailLinkOrigin`) in front. */
export function addressLinkPath(token: string): string {
	return `/adresse-bestaetigen/${token}`;
}

/** Stores a new token for `email` and returns it; only the mail will ever know it in clear. */
async function issueToken(
	tx: Executor,
	entry: { userId: string; purpose: EmailTokenPurpose; email: string },
	now: number
): Promise<string> {
	const token = generateToken();
	await tx.insert(emailTokens).values({
		id: generateId(),
		...entry,
		tokenHash: hashToken(token),
		expiresAt: new Date(now + EMAIL_TOKEN_LIFETIME_MS),
		createdAt: new Date(now)
	});
	return token;
}

/**
 * Queues the confirmation mail for the account's current address. Call it inside the transaction
 * that creates the account (or asks for a new link).
 */
export async function queueAddressConfirmation(
	tx: Executor,
	user: MailRecipient & { id: string },
	linkOrigin: string,
	now = Date.now()
): Promise<void> {
	const token = await issueToken(
		tx,
		{ userId: user.id, purpose: 'confirm', email: user.email },
		now
	);
	await queueMail(tx, addressConfirmationMail(user, linkOrigin + addressLinkPath(token)), now);
}

/** A new confirmation link for a signed-in account whose address is not confirmed yet. */
export async function resendAddressConfirmation(
	db: Db,
	userId: string,
	linkOrigin: string,
	now = Date.now()
): Promise<{ ok: true; email: string } | { ok: false; reason: 'already-confirmed' }> {
	return inTransaction(db, async (tx) => {
		const user = await mailRecipientOf(tx, userId);
		if (!user || user.emailConfirmedAt) return { ok: false, reason: 'already-confirmed' } as const;
		await queueAddressConfirmation(tx, user, linkOrigin, now);
		return { ok: true, email: user.email } as const;
	});
}

export type AddressChangeResult =
	{ ok: true } | { ok: false; reason: 'wrong-password' | 'unchanged' };

/**
 * Asks to change the account's address to `newEmail`: the new address gets the link, the old one a
 * notice; the account keeps its address until the link is followed. An address another account
 * has gets the same answer and nothing is queued or changed, so that this form tells nobody which
 * addresses have an account.
 */
export async function requestAddressChange(
	db: Db,
	userId: string,
	input: { currentPassword: string; newEmail: string },
	linkOrigin: string,
	now = Date.now()
): Promise<AddressChangeResult> {
	const [user] = await db.select().from(users).where(eq(users.id, userId));
	if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
		return { ok: false, reason: 'wrong-password' };
	}
	const newEmail = normalizeEmail(input.newEmail);
	if (newEmail === user.email) return { ok: false, reason: 'unchanged' };
	await inTransaction(db, async (tx) => {
		const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.email, newEmail));
		if (owner) return;
		const token = await issueToken(tx, { userId, purpose: 'change', email: newEmail }, now);
		await queueMail(
			tx,
			addressChangeMail(user, newEmail, linkOrigin + addressLinkPath(token)),
			now
		);
		await queueMail(tx, addressChangeNoticeMail(user, newEmail, linkOrigin), now);
		await audit(tx, { actorId: userId, action: 'user.email-change-request' });
	});
	return { ok: true };
}

/** What an open link would do, for its page: whose address it confirms, or null when it is not open. */
export async function openAddressLink(
	db: Db,
	token: string,
	now = Date.now()
): Promise<{ purpose: EmailTokenPurpose; email: string } | null> {
	const [link] = await db
		.select({ purpose: emailTokens.purpose, email: emailTokens.email })
		.from(emailTokens)
		.where(openToken(hashToken(token), now))
		.limit(1);
	return link ?? null;
}

export type AddressLinkResult =
	{ ok: true; purpose: EmailTokenPurpose; email: string; userId: string } | { ok: false };

/**
 * Follows a link, once: `confirm` marks the account's address confirmed, `change` makes the new
 * address the account's (confirmed) and uses up every other open link of the account, so that an
 * older change or confirmation cannot undo it. Not open, or an address another account took in
 * the meantime, changes nothing.
 */
export async function followAddressLink(
	db: Db,
	token: string,
	now = Date.now()
): Promise<AddressLinkResult> {
	const tokenHash = hashToken(token);
	return inTransaction(db, async (tx) => {
		// Looked up under the write lock: of two racing requests only one finds it open.
		const [link] = await tx
			.select({
				userId: emailTokens.userId,
				purpose: emailTokens.purpose,
				email: emailTokens.email,
				accountEmail: users.email
			})
			.from(emailTokens)
			.innerJoin(users, eq(users.id, emailTokens.userId))
			.where(openToken(tokenHash, now))
			.limit(1);
		if (!link) return { ok: false } as const;
		const confirmedAt = new Date(now);
		if (link.purpose === 'confirm') {
			// A link to an address the account no longer has confirms nothing.
			if (link.email !== link.accountEmail) return useUp(tx, tokenHash, now);
			await tx
				.update(users)
				.set({ emailConfirmedAt: confirmedAt })
				.where(eq(users.id, link.userId));
			await tx
				.update(emailTokens)
				.set({ usedAt: confirmedAt })
				.where(
					and(
						eq(emailTokens.userId, link.userId),
						eq(emailTokens.purpose, 'confirm'),
						isNull(emailTokens.usedAt)
					)
				);
			await audit(tx, { actorId: link.userId, action: 'user.email-confirm' });
		} else {
			const [taken] = await tx
				.select({ id: users.id })
				.from(users)
				.where(and(eq(users.email, link.email), ne(users.id, link.userId)))
				.limit(1);
			if (taken) return useUp(tx, tokenHash, now);
			await tx
				.update(users)
				.set({ email: link.email, emailConfirmedAt: confirmedAt })
				.where(eq(users.id, link.userId));
			await tx
				.update(emailTokens)
				.set({ usedAt: confirmedAt })
				.where(and(eq(emailTokens.userId, link.userId), isNull(emailTokens.usedAt)));
			await audit(tx, { actorId: link.userId, action: 'user.email-change' });
		}
		return { ok: true, purpose: link.purpose, email: link.email, userId: link.userId } as const;
	});
}

async function useUp(tx: Executor, tokenHash: string, now: number): Promise<{ ok: false }> {
	await tx
		.update(emailTokens)
		.set({ usedAt: new Date(now) })
		.where(eq(emailTokens.tokenHash, tokenHash));
	return { ok: false };
}

function openToken(tokenHash: string, now: number) {
	return and(
		eq(emailTokens.tokenHash, tokenHash),
		isNull(emailTokens.usedAt),
		gt(emailTokens.expiresAt, new Date(now))
	);
}
