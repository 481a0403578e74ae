import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import type { InvitableRole } from '../../roles';
import { audit } from '../audit';
import { inTransaction, type Db, type Executor, returnedRow } from '../db/connection';
import {
	agendas,
	invitations,
	memberships,
	users,
	type AccountLocale,
	type Invitation
} from '../db/schema';
import { generateId, generateToken, hashToken } from '../ids';
import { normalizeEmail } from '../accounts/users';
import { queueMail } from '../mail/queue';
import { invitationMail, invitationPath } from './invitation-mail';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** Where an invitation is mailed to, besides the link shown once. */
export interface InvitationMailing {
	/** a valid address (the form checked it) */
	email: string;
	/** the origin of the link in the mail (mailLinkOrigin) */
	origin: string;
	/** The inviter's UI language: the mail's language unless an account has the address. */
	fallbackLocale: AccountLocale;
}

/**
 * Creates an invitation; the token is returned once and only its hash is stored. With `mailing`
 * the link is also mailed, queued in the same transaction, so there is no invitation whose mail
 * was lost and no mail for an invitation that was not stored.
 */
export async function createInvitation(
	db: Db,
	agendaId: string,
	role: InvitableRole,
	createdBy: string,
	now = Date.now(),
	mailing?: InvitationMailing
): Promise<{ token: string; invitation: Invitation }> {
	const token = generateToken();
	const tokenHash = hashToken(token);
	const email = mailing ? normalizeEmail(mailing.email) : null;
	const invitation = await inTransaction(db, async (tx) => {
		const row = returnedRow(
			await tx
				.insert(invitations)
				.values({
					id: generateId(),
					tokenHash,
					agendaId,
					role,
					email,
					createdBy,
					expiresAt: new Date(now + INVITATION_LIFETIME_MS)
				})
				.returning()
		);
		if (mailing && email) {
			await queueMail(tx, await mailFor(tx, row, role, email, mailing, invitationPath(token)), now);
		}
		await audit(tx, {
			actorId: createdBy,
			agendaId,
			action: 'invitation.create',
			// Whether it was mailed, never to whom or with which token.
			details: { invitationId: row.id, role, ...(email ? { mailed: true } : {}) }
		});
		return row;
	});
	return { token, invitation };
}

async function mailFor(
	tx: Pick<Executor, 'select'>,
	invitation: Invitation,
	role: InvitableRole,
	email: string,
	mailing: InvitationMailing,
	path: string
) {
	const [agenda] = await tx
		.select({ title: agendas.title })
		.from(agendas)
		.where(eq(agendas.id, invitation.agendaId));
	const [inviter] = invitation.createdBy
		? await tx
				.select({ displayName: users.displayName })
				.from(users)
				.where(eq(users.id, invitation.createdBy))
		: [];
	const [invitee] = await tx
		.select({ displayName: users.displayName, locale: users.locale })
		.from(users)
		.where(eq(users.email, email));
	return invitationMail({
		to: email,
		locale: invitee?.locale ?? mailing.fallbackLocale,
		recipientName: invitee?.displayName ?? null,
		inviterName: inviter?.displayName ?? '',
		agendaTitle: agenda?.title ?? '',
		role,
		expiresAt: invitation.expiresAt,
		url: mailing.origin + path
	});
}

export type InvitationLookup =
	| { ok: true; invitation: Invitation; agenda: { id: string; title: string } }
	| { ok: false; reason: 'unknown' | 'used' | 'expired' };

/** Finds the invitation behind a link token and says whether it can still be accepted. */
export async function lookupInvitation(
	db: Pick<Executor, 'select'>,
	token: string,
	now = Date.now()
): Promise<InvitationLookup> {
	const [row] = await db
		.select({ invitation: invitations, agenda: { id: agendas.id, title: agendas.title } })
		.from(invitations)
		.innerJoin(agendas, eq(invitations.agendaId, agendas.id))
		.where(eq(invitations.tokenHash, hashToken(token)));
	if (!row) return { ok: false, reason: 'unknown' };
	if (row.invitation.usedAt) return { ok: false, reason: 'used' };
	if (row.invitation.expiresAt.getTime() <= now) return { ok: false, reason: 'expired' };
	return { ok: true, ...row };
}

export type AcceptResult =
	| { ok: true; agendaId: string }
	| { ok: false; reason: 'unknown' | 'used' | 'expired' | 'already-member' };

/**
 * Accepts an invitation for the user. Single use is enforced by the conditional UPDATE inside the
 * transaction: of two simultaneous accepts, only one sees `used_at IS NULL`.
 */
export async function acceptInvitation(
	db: Db,
	token: string,
	userId: string,
	now = Date.now()
): Promise<AcceptResult> {
	return inTransaction(db, async (tx) => {
		const found = await lookupInvitation(tx, token, now);
		if (!found.ok) return found;
		const { invitation } = found;
		const [existing] = await tx
			.select({ role: memberships.role })
			.from(memberships)
			.where(and(eq(memberships.agendaId, invitation.agendaId), eq(memberships.userId, userId)));
		if (existing) return { ok: false, reason: 'already-member' } as const;

		const claimed = await tx
			.update(invitations)
			.set({ usedAt: new Date(now), usedBy: userId })
			.where(
				and(
					eq(invitations.id, invitation.id),
					isNull(invitations.usedAt),
					gt(invitations.expiresAt, new Date(now))
				)
			)
			.returning({ id: invitations.id });
		if (claimed.length !== 1) return { ok: false, reason: 'used' } as const;

		await tx
			.insert(memberships)
			.values({ agendaId: invitation.agendaId, userId, role: invitation.role });
		await audit(tx, {
			actorId: userId,
			agendaId: invitation.agendaId,
			action: 'invitation.accept',
			details: { invitationId: invitation.id, role: invitation.role }
		});
		return { ok: true, agendaId: invitation.agendaId } as const;
	});
}

/** Open and past invitations of an agenda, newest first, for the members page. */
export async function listInvitations(db: Db, agendaId: string) {
	return db
		.select({
			id: invitations.id,
			role: invitations.role,
			email: invitations.email,
			createdAt: invitations.createdAt,
			expiresAt: invitations.expiresAt,
			usedAt: invitations.usedAt
		})
		.from(invitations)
		.where(eq(invitations.agendaId, agendaId))
		.orderBy(desc(invitations.createdAt));
}

/** Withdraws an unused invitation so that its link stops working. */
export async function revokeInvitation(
	db: Db,
	agendaId: string,
	invitationId: string,
	actorId: string
): Promise<boolean> {
	return inTransaction(db, async (tx) => {
		const removed = await tx
			.delete(invitations)
			.where(
				and(
					eq(invitations.id, invitationId),
					eq(invitations.agendaId, agendaId),
					isNull(invitations.usedAt)
				)
			)
			.returning({ id: invitations.id });
		if (removed.length === 1) {
			await audit(tx, {
				actorId,
				agendaId,
				action: 'invitation.revoke',
				details: { invitationId }
			});
		}
		return removed.length === 1;
	});
}
