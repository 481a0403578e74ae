import { and, count, eq, ne } from 'drizzle-orm';
import { cleanSingleLineText } from '../../text/clean';
import { audit } from '../audit';
import { hashPassword, verifyAgainstDummy, verifyPassword } from '../auth/password';
import { announceAccessChange } from '../access-changes';
import { invalidateUserSessions } from '../auth/session';
import { type Db, type Executor, inTransaction, returnedRow } from '../db/connection';
import { agendas, type AccountLocale, memberships, users, type User } from '../db/schema';
import { generateId } from '../ids';
import { queueMail } from '../mail/queue';
import { duplicateRegistrationMail, passwordChangedMail } from './account-mails';
import { displayNameProblem } from './display-names';
import { queueAddressConfirmation } from './email-addresses';

export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
	const [user] = await db
		.select()
		.from(users)
		.where(eq(users.email, normalizeEmail(email)));
	return user;
}

/** What a mail to the account needs: its address, name and language, and whether it is proven. */
export async function mailRecipientOf(db: Executor, userId: string) {
	const [recipient] = await db
		.select({
			id: users.id,
			email: users.email,
			displayName: users.displayName,
			locale: users.locale,
			emailConfirmedAt: users.emailConfirmedAt
		})
		.from(users)
		.where(eq(users.id, userId));
	return recipient;
}

export type NameRefusal = 'name-reserved' | 'name-taken';

export type RegisterResult =
	{ ok: true; user: User } | { ok: false; reason: 'email-taken' | NameRefusal };

/** Why an account cannot take this (cleaned) display name, as a result reason; see display-names.ts. */
async function nameRefusal(
	db: Pick<Db, 'select'>,
	displayName: string,
	account: { userId?: string; isAdmin?: boolean }
): Promise<NameRefusal | null> {
	const problem = await displayNameProblem(db, displayName, account);
	return problem === 'reserved' ? 'name-reserved' : problem === 'taken' ? 'name-taken' : null;
}

/**
 * Creates an account with its address not yet confirmed, and queues the confirmation link. The very
 * first account of an instance becomes its admin (and so may take a reserved name such as
 * "Stabsstelle Digitalisierung"); it confirms its address like everyone. The password is hashed
 * before the address is looked up, so a taken address takes as long as a new one; its owner gets
 * a mail instead, and the account stays as it is.
 */
export async function registerUser(
	db: Db,
	input: { email: string; displayName: string; password: string; locale?: AccountLocale },
	/** where the mail's links point (see `mailLinkOrigin`) */
	linkOrigin: string
): Promise<RegisterResult> {
	const email = normalizeEmail(input.email);
	const displayName = cleanSingleLineText(input.displayName);
	const passwordHash = await hashPassword(input.password);
	return inTransaction(db, async (tx) => {
		const [existing] = await tx.select({ n: count() }).from(users);
		const isAdmin = (existing?.n ?? 0) === 0;
		// The name first: a refused name must read the same for a known and a new address.
		const refusal = await nameRefusal(tx, displayName, { isAdmin });
		if (refusal) return { ok: false, reason: refusal } as const;
		const [owner] = await tx.select().from(users).where(eq(users.email, email));
		if (owner) {
			await queueMail(tx, duplicateRegistrationMail(owner, linkOrigin));
			return { ok: false, reason: 'email-taken' } as const;
		}
		const user = returnedRow(
			await tx
				.insert(users)
				.values({
					id: generateId(),
					email,
					displayName,
					passwordHash,
					isAdmin,
					locale: input.locale ?? 'de'
				})
				.returning()
		);
		await audit(tx, {
			actorId: user.id,
			action: 'user.register',
			details: { admin: user.isAdmin }
		});
		await queueAddressConfirmation(tx, user, linkOrigin);
		return { ok: true, user } as const;
	});
}

/** The user for this e-mail and password, or null; takes as long for unknown addresses. */
export async function authenticate(db: Db, email: string, password: string): Promise<User | null> {
	const user = await findUserByEmail(db, email);
	if (!user) return verifyAgainstDummy(password).then(() => null);
	return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

/** Sets the cleaned display name, unless it is reserved or another team member's (display-names.ts). */
export async function changeDisplayName(
	db: Db,
	userId: string,
	displayName: string
): Promise<{ ok: true } | { ok: false; reason: NameRefusal }> {
	const name = cleanSingleLineText(displayName);
	return inTransaction(db, async (tx) => {
		const refusal = await nameRefusal(tx, name, { userId });
		if (refusal) return { ok: false, reason: refusal } as const;
		await tx.update(users).set({ displayName: name }).where(eq(users.id, userId));
		return { ok: true } as const;
	});
}

/** Sets a new password and ends every session of the user; the caller opens a fresh one. */
export async function changePassword(
	db: Db,
	userId: string,
	currentPassword: string,
	newPassword: string,
	/** where the notice's link points (see `mailLinkOrigin`) */
	linkOrigin: string
): Promise<{ ok: true } | { ok: false; reason: 'wrong-password' }> {
	const [user] = await db.select().from(users).where(eq(users.id, userId));
	if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) {
		return { ok: false, reason: 'wrong-password' };
	}
	const passwordHash = await hashPassword(newPassword);
	await inTransaction(db, async (tx) => {
		await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
		await invalidateUserSessions(tx, userId);
		await audit(tx, { actorId: userId, action: 'user.password-change' });
		// If it was not the owner, the mail is how they learn of it, and where they take it back.
		await queueMail(tx, passwordChangedMail(user, linkOrigin));
	});
	announceAccessChange();
	return { ok: true };
}

/** Agendas in which this user is the only owner: they must be handed over before deletion. */
export async function agendasSolelyOwnedBy(
	db: Db,
	userId: string
): Promise<{ id: string; title: string }[]> {
	const owned = await db
		.select({ id: agendas.id, title: agendas.title })
		.from(memberships)
		.innerJoin(agendas, eq(memberships.agendaId, agendas.id))
		.where(and(eq(memberships.userId, userId), eq(memberships.role, 'owner')));
	const sole: { id: string; title: string }[] = [];
	for (const agenda of owned) {
		const [others] = await db
			.select({ n: count() })
			.from(memberships)
			.where(
				and(
					eq(memberships.agendaId, agenda.id),
					eq(memberships.role, 'owner'),
					ne(memberships.userId, userId)
				)
			);
		if ((others?.n ?? 0) === 0) sole.push(agenda);
	}
	return sole;
}

export type DeleteAccountResult =
	| { ok: true }
	| { ok: false; reason: 'wrong-password' | 'last-admin' }
	| { ok: false; reason: 'sole-owner'; agendas: { id: string; title: string }[] };

/** Deletes the account with its sessions and memberships; the audit log keeps the actions, not the person. */
export async function deleteAccount(
	db: Db,
	userId: string,
	password: string
): Promise<DeleteAccountResult> {
	const [user] = await db.select().from(users).where(eq(users.id, userId));
	if (!user || !(await verifyPassword(user.passwordHash, password))) {
		return { ok: false, reason: 'wrong-password' };
	}
	const soleOwner = await agendasSolelyOwnedBy(db, userId);
	if (soleOwner.length > 0) return { ok: false, reason: 'sole-owner', agendas: soleOwner };
	if (user.isAdmin) {
		const [admins] = await db.select({ n: count() }).from(users).where(eq(users.isAdmin, true));
		if ((admins?.n ?? 0) <= 1) return { ok: false, reason: 'last-admin' };
	}
	await inTransaction(db, async (tx) => {
		await tx.delete(users).where(eq(users.id, userId));
		await audit(tx, { actorId: null, action: 'user.delete', details: {} });
	});
	announceAccessChange();
	return { ok: true };
}
