import { and, asc, count, eq, sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import { can } from '../../permissions';
import type { AgendaRole, AgendaStatus, AgendaVisibility } from '../../roles';
import { announceAccessChange } from '../access-changes';
import { audit } from '../audit';
import { preparedFor, type Db, inTransaction } from '../db/connection';
import { agendas, memberships, users, type Agenda } from '../db/schema';
import { generateId } from '../ids';
import { appendUpdate } from '../documents/update-log';
import { newAgendaDocument } from '../documents/new-document';

export interface NewAgenda {
	title: string;
	slug: string;
	municipality: string;
	periodStart: number;
	periodEnd: number;
	visibility: AgendaVisibility;
}

export type CreateAgendaResult = { ok: true; agenda: Agenda } | { ok: false; reason: 'slug-taken' };

/**
 * Creates an agenda with its creator as the first owner, and its live document with the title,
 * municipality and period in place. `content` may fill the new document further (the demo does).
 */
export async function createAgenda(
	db: Db,
	input: NewAgenda,
	creatorId: string,
	content?: (doc: Y.Doc) => void
): Promise<CreateAgendaResult> {
	return inTransaction(db, async (tx) => {
		if (tx.select({ id: agendas.id }).from(agendas).where(eq(agendas.slug, input.slug)).get()) {
			return { ok: false, reason: 'slug-taken' } as const;
		}
		const agenda = tx
			.insert(agendas)
			.values({ id: generateId(), ...input })
			.returning()
			.get();
		tx.insert(memberships).values({ agendaId: agenda.id, userId: creatorId, role: 'owner' }).run();
		appendUpdate(tx, agenda.id, newAgendaDocument(input, content));
		await audit(tx, {
			actorId: creatorId,
			agendaId: agenda.id,
			action: 'agenda.create',
			details: { slug: agenda.slug }
		});
		return { ok: true, agenda } as const;
	});
}

const agendaById = preparedFor((db) =>
	db
		.select()
		.from(agendas)
		.where(eq(agendas.id, sql.placeholder('agendaId')))
		.prepare()
);

export function getAgenda(db: Db, agendaId: string): Agenda | undefined {
	return agendaById(db).get({ agendaId });
}

export function getAgendaBySlug(db: Db, slug: string): Agenda | undefined {
	return db.select().from(agendas).where(eq(agendas.slug, slug)).get();
}

const roleOf = preparedFor((db) =>
	db
		.select({ role: memberships.role })
		.from(memberships)
		.where(
			and(
				eq(memberships.agendaId, sql.placeholder('agendaId')),
				eq(memberships.userId, sql.placeholder('userId'))
			)
		)
		.prepare()
);

export function getRole(db: Db, agendaId: string, userId: string): AgendaRole | null {
	return roleOf(db).get({ agendaId, userId })?.role ?? null;
}

export interface ListedAgenda {
	id: string;
	slug: string;
	title: string;
	municipality: string;
	periodStart: number;
	periodEnd: number;
	status: AgendaStatus;
	visibility: AgendaVisibility;
	role: AgendaRole | null;
}

/** What an agenda list shows of each agenda. */
const listedColumns = {
	id: agendas.id,
	slug: agendas.slug,
	title: agendas.title,
	municipality: agendas.municipality,
	periodStart: agendas.periodStart,
	periodEnd: agendas.periodEnd,
	status: agendas.status,
	visibility: agendas.visibility
};

/** The agendas of which the user is a member, with the role. */
export function listMemberAgendas(db: Db, userId: string): ListedAgenda[] {
	return db
		.select({ ...listedColumns, role: memberships.role })
		.from(memberships)
		.innerJoin(agendas, eq(memberships.agendaId, agendas.id))
		.where(eq(memberships.userId, userId))
		.orderBy(asc(agendas.title))
		.all();
}

/**
 * What the start page lists: the user's own agendas, then every other one whose overview they
 * may read (`agenda.read` without a membership): the public ones, and for admins all of them,
 * since they look after them.
 */
export function listVisibleAgendas(
	db: Db,
	user: { id: string; isAdmin: boolean } | null
): ListedAgenda[] {
	const own = user ? listMemberAgendas(db, user.id) : [];
	const ownIds = new Set(own.map((agenda) => agenda.id));
	const others = db
		.select(listedColumns)
		.from(agendas)
		.orderBy(asc(agendas.title))
		.all()
		.filter((agenda) => !ownIds.has(agenda.id) && can({ user, role: null }, 'agenda.read', agenda))
		.map((agenda) => ({ ...agenda, role: null }));
	return [...own, ...others];
}

export function listMembers(db: Db, agendaId: string) {
	return db
		.select({
			userId: users.id,
			displayName: users.displayName,
			email: users.email,
			role: memberships.role,
			since: memberships.createdAt
		})
		.from(memberships)
		.innerJoin(users, eq(memberships.userId, users.id))
		.where(eq(memberships.agendaId, agendaId))
		.orderBy(asc(users.displayName))
		.all();
}

/** Each member's role and whether they administer the instance (what `can()` needs). */
export function memberAccess(
	db: Db,
	agendaId: string
): Map<string, { role: AgendaRole; isAdmin: boolean }> {
	return new Map(
		db
			.select({ userId: memberships.userId, role: memberships.role, isAdmin: users.isAdmin })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(eq(memberships.agendaId, agendaId))
			.all()
			.map((row) => [row.userId, { role: row.role, isAdmin: row.isAdmin }])
	);
}

function ownerCount(db: Pick<Db, 'select'>, agendaId: string): number {
	const [row] = db
		.select({ n: count() })
		.from(memberships)
		.where(and(eq(memberships.agendaId, agendaId), eq(memberships.role, 'owner')))
		.all();
	return row?.n ?? 0;
}

export type MemberChangeResult = { ok: true } | { ok: false; reason: 'not-member' | 'last-owner' };

/** Changes a member's role; the last owner cannot be demoted, so an agenda never orphans. */
export async function changeMemberRole(
	db: Db,
	agendaId: string,
	userId: string,
	role: AgendaRole,
	actorId: string
): Promise<MemberChangeResult> {
	const result = await inTransaction(db, async (tx) => {
		const current = tx
			.select({ role: memberships.role })
			.from(memberships)
			.where(and(eq(memberships.agendaId, agendaId), eq(memberships.userId, userId)))
			.get();
		if (!current) return { ok: false, reason: 'not-member' } as const;
		if (current.role === role) return { ok: true } as const;
		if (current.role === 'owner' && ownerCount(tx, agendaId) <= 1) {
			return { ok: false, reason: 'last-owner' } as const;
		}
		tx.update(memberships)
			.set({ role })
			.where(and(eq(memberships.agendaId, agendaId), eq(memberships.userId, userId)))
			.run();
		await audit(tx, {
			actorId,
			agendaId,
			action: 'member.role',
			details: { userId, from: current.role, to: role }
		});
		return { ok: true } as const;
	});
	if (result.ok) announceAccessChange({ agendaId });
	return result;
}

/** Removes a member; the last owner cannot be removed. */
export async function removeMember(
	db: Db,
	agendaId: string,
	userId: string,
	actorId: string
): Promise<MemberChangeResult> {
	const result = await inTransaction(db, async (tx) => {
		const current = tx
			.select({ role: memberships.role })
			.from(memberships)
			.where(and(eq(memberships.agendaId, agendaId), eq(memberships.userId, userId)))
			.get();
		if (!current) return { ok: false, reason: 'not-member' } as const;
		if (current.role === 'owner' && ownerCount(tx, agendaId) <= 1) {
			return { ok: false, reason: 'last-owner' } as const;
		}
		tx.delete(memberships)
			.where(and(eq(memberships.agendaId, agendaId), eq(memberships.userId, userId)))
			.run();
		await audit(tx, {
			actorId,
			agendaId,
			action: 'member.remove',
			details: { userId, role: current.role }
		});
		return { ok: true } as const;
	});
	if (result.ok) announceAccessChange({ agendaId });
	return result;
}
