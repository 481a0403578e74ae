import { and, asc, count, eq, sql } from 'drizzle-orm';
import type * as Y from 'yjs';
import { can } from '../../permissions';
import type { AgendaRole, AgendaStatus, AgendaVisibility } from '../../roles';
import { announceAccessChange } from '../access-changes';
import { audit } from '../audit';
import { inTransaction, preparedFor, type Db, type Executor, returnedRow } from '../db/connection';
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
	// Built before the transaction, which then holds the write lock for its statements alone.
	const document = newAgendaDocument(input, content);
	return inTransaction(db, async (tx) => {
		const [taken] = await tx
			.select({ id: agendas.id })
			.from(agendas)
			.where(eq(agendas.slug, input.slug));
		if (taken) return { ok: false, reason: 'slug-taken' } as const;
		const agenda = returnedRow(
			await tx
				.insert(agendas)
				.values({ id: generateId(), ...input })
				.returning()
		);
		await tx.insert(memberships).values({ agendaId: agenda.id, userId: creatorId, role: 'owner' });
		await appendUpdate(tx, agenda.id, document);
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

export async function getAgenda(db: Db, agendaId: string): Promise<Agenda | undefined> {
	const [agenda] = await agendaById(db).execute({ agendaId });
	return agenda;
}

const agendaWithRoleOf = preparedFor((db) =>
	db
		.select({ agenda: agendas, role: memberships.role })
		.from(agendas)
		.leftJoin(
			memberships,
			and(eq(memberships.agendaId, agendas.id), eq(memberships.userId, sql.placeholder('userId')))
		)
		.where(eq(agendas.id, sql.placeholder('agendaId')))
		.prepare()
);

/**
 * The agenda and the user's role in it (null: not a member), in one query: every agenda route
 * and every websocket upgrade needs both, and on PostgreSQL each query is a round trip.
 */
export interface AgendaWithRole {
	agenda: Agenda;
	/** null: not a member (or nobody signed in). */
	role: AgendaRole | null;
}

export async function getAgendaWithRole(
	db: Db,
	agendaId: string,
	userId: string
): Promise<AgendaWithRole | undefined> {
	const [row] = await agendaWithRoleOf(db).execute({ agendaId, userId });
	return row && { agenda: row.agenda, role: row.role ?? null };
}

export async function getAgendaBySlug(db: Db, slug: string): Promise<Agenda | undefined> {
	const [agenda] = await db.select().from(agendas).where(eq(agendas.slug, slug));
	return agenda;
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

export async function getRole(
	db: Db,
	agendaId: string,
	userId: string
): Promise<AgendaRole | null> {
	const [membership] = await roleOf(db).execute({ agendaId, userId });
	return membership?.role ?? null;
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
export async function listMemberAgendas(db: Db, userId: string): Promise<ListedAgenda[]> {
	return db
		.select({ ...listedColumns, role: memberships.role })
		.from(memberships)
		.innerJoin(agendas, eq(memberships.agendaId, agendas.id))
		.where(eq(memberships.userId, userId))
		.orderBy(asc(agendas.title));
}

/**
 * What the start page lists: the user's own agendas, then every other one whose overview they
 * may read (`agenda.read` without a membership): the public ones, and for admins all of them,
 * since they look after them.
 */
export async function listVisibleAgendas(
	db: Db,
	user: { id: string; isAdmin: boolean } | null
): Promise<ListedAgenda[]> {
	const own = user ? await listMemberAgendas(db, user.id) : [];
	const ownIds = new Set(own.map((agenda) => agenda.id));
	const all = await db.select(listedColumns).from(agendas).orderBy(asc(agendas.title));
	const others = all
		.filter((agenda) => !ownIds.has(agenda.id) && can({ user, role: null }, 'agenda.read', agenda))
		.map((agenda) => ({ ...agenda, role: null }));
	return [...own, ...others];
}

export async function listMembers(db: Db, agendaId: string) {
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
		.orderBy(asc(users.displayName));
}

/** Each member's role and whether they administer the instance (what `can()` needs). */
export async function memberAccess(
	db: Db,
	agendaId: string
): Promise<Map<string, { role: AgendaRole; isAdmin: boolean }>> {
	const rows = await db
		.select({ userId: memberships.userId, role: memberships.role, isAdmin: users.isAdmin })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.agendaId, agendaId));
	return new Map(rows.map((row) => [row.userId, { role: row.role, isAdmin: row.isAdmin }]));
}

async function ownerCount(db: Pick<Executor, 'select'>, agendaId: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(memberships)
		.where(and(eq(memberships.agendaId, agendaId), eq(memberships.role, 'owner')));
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
		const [current] = await tx
			.select({ role: memberships.role })
			.from(memberships)
			.where(and(eq(memberships.agendaId, agendaId), eq(memberships.userId, userId)));
		if (!current) return { ok: false, reason: 'not-member' } as const;
		if (current.role === role) return { ok: true } as const;
		if (current.role === 'owner' && (await ownerCount(tx, agendaId)) <= 1) {
			return { ok: false, reason: 'last-owner' } as const;
		}
		await tx
			.update(memberships)
			.set({ role })
			.where(and(eq(memberships.agendaId, agendaId), eq(memberships.userId, userId)));
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
		const [current] = await tx
			.select({ role: memberships.role })
			.from(memberships)
			.where(and(eq(memberships.agendaId, agendaId), eq(memberships.userId, userId)));
		if (!current) return { ok: false, reason: 'not-member' } as const;
		if (current.role === 'owner' && (await ownerCount(tx, agendaId)) <= 1) {
			return { ok: false, reason: 'last-owner' } as const;
		}
		await tx
			.delete(memberships)
			.where(and(eq(memberships.agendaId, agendaId), eq(memberships.userId, userId)));
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
