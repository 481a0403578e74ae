/**
 * Proving that a person reads an address: a random single-use link, stored only as its SHA-256
 * (`emailTokens`), that confirms a new account's address (purpose `confirm`) or makes a new
 * address the account's (purpose `change`). Each mail is queued in the transaction that creates
 * its token.
 */
import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import { audit } from '../audit';
import { verifyPassword } from '../auth/password';
import { type Db, type Executor, writeTransaction } from '../db/connection';
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
function issueToken(
	tx: Executor,
	entry: { userId: string; purpose: EmailTokenPurpose; email: string },
	now: number
): string {
	const token = generateToken();
	tx.insert(emailTokens)
		.values({
			id: generateId(),
			...entry,
			tokenHash: hashToken(token),
			expiresAt: new Date(now + EMAIL_TOKEN_LIFETIME_MS),
			createdAt: new Date(now)
		})
		.run();
	return token;
}

/**
 * Queues the confirmation mail for the account's current address. Call it inside the transaction
 * that creates the account (or asks for a new link).
 */
export function queueAddressConfirmation(
	tx: Executor,
	user: MailRecipient & { id: string },
	linkOrigin: string,
	now = Date.now()
): void {
	const token = issueToken(tx, { userId: user.id, purpose: 'confirm', email: user.email }, now);
	queueMail(tx, addressConfirmationMail(user, linkOrigin + addressLinkPath(token)), now);
}

/** A new confirmation link for a signed-in account whose address is not confirmed yet. */
export function resendAddressConfirmation(
	db: Db,
	userId: string,
	linkOrigin: string,
	now = Date.now()
): { ok: true; email: string } | { ok: false; reason: 'already-confirmed' } {
	return writeTransaction(db, (tx) => {
		const user = mailRecipientOf(tx, userId);
		if (!user || user.emailConfirmedAt) return { ok: false, reason: 'already-confirmed' } as const;
		queueAddressConfirmation(tx, user, linkOrigin, now);
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
	const user = db.select().from(users).where(eq(users.id, userId)).get();
	if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
		return { ok: false, reason: 'wrong-password' };
	}
	const newEmail = normalizeEmail(input.newEmail);
	if (newEmail === user.email) return { ok: false, reason: 'unchanged' };
	writeTransaction(db, (tx) => {
		if (tx.select({ id: users.id }).from(users).where(eq(users.email, newEmail)).get()) return;
		const token = issueToken(tx, { userId, purpose: 'change', email: newEmail }, now);
		queueMail(tx, addressChangeMail(user, newEmail, linkOrigin + addressLinkPath(token)), now);
		queueMail(tx, addressChangeNoticeMail(user, newEmail, linkOrigin), now);
		audit(tx, { actorId: userId, action: 'user.email-change-request' });
	});
	return { ok: true };
}

/** What an open link would do, for its page: whose address it confirms, or null when it is not open. */
export function openAddressLink(
	db: Db,
	token: string,
	now = Date.now()
): { purpose: EmailTokenPurpose; email: string } | null {
	return (
		db
			.select({ purpose: emailTokens.purpose, email: emailTokens.email })
			.from(emailTokens)
			.where(openToken(hashToken(token), now))
			.get() ?? null
	);
}

export type AddressLinkResult =
	{ ok: true; purpose: EmailTokenPurpose; email: string; userId: string } | { ok: false };

/**
 * Follows a link, once: `confirm` marks the account's address confirmed, `change` makes the new
 * address the account's (confirmed) and uses up every other open link of the account, so that an
 * older change or confirmation cannot undo it. Not open, or an address another account took in
 * the meantime, changes nothing.
 */
export function followAddressLink(db: Db, token: string, now = Date.now()): AddressLinkResult {
	const tokenHash = hashToken(token);
	return writeTransaction(db, (tx) => {
		// Looked up under the write lock: of two racing requests only one finds it open.
		const link = tx
			.select({
				userId: emailTokens.userId,
				purpose: emailTokens.purpose,
				email: emailTokens.email,
				accountEmail: users.email
			})
			.from(emailTokens)
			.innerJoin(users, eq(users.id, emailTokens.userId))
			.where(openToken(tokenHash, now))
			.get();
		if (!link) return { ok: false } as const;
		const confirmedAt = new Date(now);
		if (link.purpose === 'confirm') {
			// A link to an address the account no longer has confirms nothing.
			if (link.email !== link.accountEmail) return useUp(tx, tokenHash, now);
			tx.update(users)
				.set({ emailConfirmedAt: confirmedAt })
				.where(eq(users.id, link.userId))
				.run();
			tx.update(emailTokens)
				.set({ usedAt: confirmedAt })
				.where(
					and(
						eq(emailTokens.userId, link.userId),
						eq(emailTokens.purpose, 'confirm'),
						isNull(emailTokens.usedAt)
					)
				)
				.run();
			audit(tx, { actorId: link.userId, action: 'user.email-confirm' });
		} else {
			const taken = tx
				.select({ id: users.id })
				.from(users)
				.where(and(eq(users.email, link.email), ne(users.id, link.userId)))
				.get();
			if (taken) return useUp(tx, tokenHash, now);
			tx.update(users)
				.set({ email: link.email, emailConfirmedAt: confirmedAt })
				.where(eq(users.id, link.userId))
				.run();
			tx.update(emailTokens)
				.set({ usedAt: confirmedAt })
				.where(and(eq(emailTokens.userId, link.userId), isNull(emailTokens.usedAt)))
				.run();
			audit(tx, { actorId: link.userId, action: 'user.email-change' });
		}
		return { ok: true, purpose: link.purpose, email: link.email, userId: link.userId } as const;
	});
}

function useUp(tx: Executor, tokenHash: string, now: number): { ok: false } {
	tx.update(emailTokens)
		.set({ usedAt: new Date(now) })
		.where(eq(emailTokens.tokenHash, tokenHash))
		.run();
	return { ok: false };
}

function openToken(tokenHash: string, now: number) {
	return and(
		eq(emailTokens.tokenHash, tokenHash),
		isNull(emailTokens.usedAt),
		gt(emailTokens.expiresAt, new Date(now))
	);
}
