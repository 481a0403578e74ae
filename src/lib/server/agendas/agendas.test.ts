import { and, asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import type { AgendaRole, AgendaVisibility } from '../../roles';
import { auditLog, memberships, users } from '../db/schema';
import {
	changeMemberRole,
	createAgenda,
	getAgenda,
	getAgendaWithRole,
	getRole,
	listMemberAgendas,
	listMembers,
	listVisibleAgendas,
	removeMember
} from './agendas';

let t: TestDatabase;

beforeEach(async () => {
	t = createTestDatabase();
	for (const [id, isAdmin] of [
		['admin', true],
		['owner', false],
		['owner2', false],
		['editor', false],
		['viewer', false],
		['citizen', false]
	] as const) {
		await t.db
			.insert(users)
			.values({ id, email: `${id}@example.org`, displayName: id, passwordHash: 'x', isAdmin });
	}
});

afterEach(() => t.dispose());

async function create(
	slug: string,
	visibility: AgendaVisibility,
	creatorId = 'owner',
	title = slug
) {
	const result = await createAgenda(
		t.db,
		{ title, slug, municipality: 'Musterstadt', periodStart: 2026, periodEnd: 2030, visibility },
		creatorId
	);
	if (!result.ok) throw new Error(result.reason);
	return result.agenda;
}

async function addMember(agendaId: string, userId: string, role: AgendaRole) {
	await t.db.insert(memberships).values({ agendaId, userId, role });
}

async function rolesOf(agendaId: string): Promise<Record<string, AgendaRole>> {
	const rows = await t.db.select().from(memberships).where(eq(memberships.agendaId, agendaId));
	return Object.fromEntries(rows.map((row) => [row.userId, row.role]));
}

describe('createAgenda', () => {
	it('stores the agenda as a draft and makes the creator its only owner', async () => {
		const agenda = await create('musterstadt', 'internal', 'owner', 'Digitale Agenda');
		expect(agenda).toMatchObject({
			slug: 'musterstadt',
			title: 'Digitale Agenda',
			municipality: 'Musterstadt',
			periodStart: 2026,
			periodEnd: 2030,
			visibility: 'internal',
			status: 'draft'
		});
		expect(agenda.id).toMatch(/^[a-z2-7]{16}$/);
		expect(await getAgenda(t.db, agenda.id)).toEqual(agenda);
		expect(await rolesOf(agenda.id)).toEqual({ owner: 'owner' });
		expect(await t.db.select().from(auditLog).where(eq(auditLog.agendaId, agenda.id))).toEqual([
			expect.objectContaining({
				actorId: 'owner',
				action: 'agenda.create',
				details: { slug: 'musterstadt' }
			})
		]);
	});

	it('refuses a slug that is taken and creates nothing', async () => {
		await create('musterstadt', 'public');
		const again = await createAgenda(
			t.db,
			{
				title: 'Andere',
				slug: 'musterstadt',
				municipality: 'Anderswo',
				periodStart: 2027,
				periodEnd: 2028,
				visibility: 'internal'
			},
			'editor'
		);
		expect(again).toEqual({ ok: false, reason: 'slug-taken' });
		expect(await listMemberAgendas(t.db, 'editor')).toEqual([]);
	});

	it('returns undefined for an unknown agenda', async () => {
		expect(await getAgenda(t.db, 'aaaaaaaaaaaaaaaa')).toBeUndefined();
	});
});

describe('getRole', () => {
	it('returns the membership role, or null for non-members', async () => {
		const agenda = await create('a', 'internal');
		await addMember(agenda.id, 'editor', 'editor');
		await addMember(agenda.id, 'viewer', 'viewer');
		expect(await getRole(t.db, agenda.id, 'owner')).toBe('owner');
		expect(await getRole(t.db, agenda.id, 'editor')).toBe('editor');
		expect(await getRole(t.db, agenda.id, 'viewer')).toBe('viewer');
		expect(await getRole(t.db, agenda.id, 'citizen')).toBeNull();
		// Being instance admin is not a membership.
		expect(await getRole(t.db, agenda.id, 'admin')).toBeNull();
		expect(await getRole(t.db, 'unknown', 'owner')).toBeNull();
	});

	it('reads the agenda and the role in it together, as getAgenda and getRole say them', async () => {
		const agenda = await create('a', 'internal');
		const other = await create('b', 'internal', 'editor');
		await addMember(agenda.id, 'editor', 'editor');
		await addMember(agenda.id, 'viewer', 'viewer');
		for (const userId of ['owner', 'editor', 'viewer', 'citizen', 'admin']) {
			expect(await getAgendaWithRole(t.db, agenda.id, userId)).toEqual({
				agenda: await getAgenda(t.db, agenda.id),
				role: await getRole(t.db, agenda.id, userId)
			});
		}
		// Roles are per agenda: the owner of the first is nothing in the second, and the reverse.
		const second = await getAgenda(t.db, other.id);
		expect(await getAgendaWithRole(t.db, other.id, 'owner')).toEqual({
			agenda: second,
			role: null
		});
		expect(await getAgendaWithRole(t.db, other.id, 'editor')).toEqual({
			agenda: second,
			role: 'owner'
		});
		expect(await getAgendaWithRole(t.db, 'aaaaaaaaaaaaaaaa', 'owner')).toBeUndefined();
	});

	it('is per agenda', async () => {
		const first = await create('erste', 'internal');
		const second = await create('zweite', 'internal', 'editor');
		expect(await getRole(t.db, first.id, 'editor')).toBeNull();
		expect(await getRole(t.db, second.id, 'editor')).toBe('owner');
		expect(await getRole(t.db, second.id, 'owner')).toBeNull();
	});
});

describe('listVisibleAgendas', () => {
	let publicA: string;
	let publicB: string;
	let internalC: string;
	let internalD: string;

	beforeEach(async () => {
		// Created out of title order, to check the sorting.
		internalD = (await create('d', 'internal', 'owner', 'D intern')).id;
		publicB = (await create('b', 'public', 'owner', 'B öffentlich')).id;
		internalC = (await create('c', 'internal', 'owner', 'C intern')).id;
		publicA = (await create('a', 'public', 'owner', 'A öffentlich')).id;
		await addMember(internalD, 'viewer', 'viewer');
		await addMember(publicB, 'viewer', 'editor');
	});

	const visible = async (user: { id: string; isAdmin: boolean } | null) =>
		(await listVisibleAgendas(t.db, user)).map(({ id, role }) => ({ id, role }));

	it('shows anonymous visitors the public agendas only, without a role', async () => {
		expect(await visible(null)).toEqual([
			{ id: publicA, role: null },
			{ id: publicB, role: null }
		]);
	});

	it('shows a signed-in non-member the public agendas only', async () => {
		expect(await visible({ id: 'citizen', isAdmin: false })).toEqual([
			{ id: publicA, role: null },
			{ id: publicB, role: null }
		]);
	});

	it('shows a member their own agendas (internal included) first, then the other public ones', async () => {
		expect(await visible({ id: 'viewer', isAdmin: false })).toEqual([
			{ id: publicB, role: 'editor' },
			{ id: internalD, role: 'viewer' },
			{ id: publicA, role: null }
		]);
	});

	it('lists each agenda once for its owner', async () => {
		expect(await visible({ id: 'owner', isAdmin: false })).toEqual([
			{ id: publicA, role: 'owner' },
			{ id: publicB, role: 'owner' },
			{ id: internalC, role: 'owner' },
			{ id: internalD, role: 'owner' }
		]);
	});

	it('shows an instance admin every agenda, internal ones included', async () => {
		expect(await visible({ id: 'admin', isAdmin: true })).toEqual([
			{ id: publicA, role: null },
			{ id: publicB, role: null },
			{ id: internalC, role: null },
			{ id: internalD, role: null }
		]);
	});

	it('trusts the isAdmin flag it is given, not the id', async () => {
		expect((await visible({ id: 'admin', isAdmin: false })).map(({ id }) => id)).toEqual([
			publicA,
			publicB
		]);
	});

	it('returns the listed fields', async () => {
		const [first] = await listVisibleAgendas(t.db, null);
		expect(first).toEqual({
			id: publicA,
			slug: 'a',
			title: 'A öffentlich',
			municipality: 'Musterstadt',
			periodStart: 2026,
			periodEnd: 2030,
			status: 'draft',
			visibility: 'public',
			role: null
		});
	});
});

describe('listMembers', () => {
	it('lists the members with their roles, by display name', async () => {
		const agenda = await create('a', 'internal');
		await addMember(agenda.id, 'viewer', 'viewer');
		await addMember(agenda.id, 'editor', 'editor');
		expect((await listMembers(t.db, agenda.id)).map(({ userId, role }) => [userId, role])).toEqual([
			['editor', 'editor'],
			['owner', 'owner'],
			['viewer', 'viewer']
		]);
	});
});

describe('changeMemberRole', () => {
	it('changes a role and records who did it', async () => {
		const agenda = await create('a', 'internal');
		await addMember(agenda.id, 'editor', 'editor');

		expect(await changeMemberRole(t.db, agenda.id, 'editor', 'viewer', 'owner')).toEqual({
			ok: true
		});

		expect(await getRole(t.db, agenda.id, 'editor')).toBe('viewer');
		expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'member.role'))).toEqual([
			expect.objectContaining({
				actorId: 'owner',
				agendaId: agenda.id,
				details: { userId: 'editor', from: 'editor', to: 'viewer' }
			})
		]);
	});

	it('refuses to demote the last owner', async () => {
		const agenda = await create('a', 'internal');
		await addMember(agenda.id, 'editor', 'editor');
		for (const role of ['editor', 'viewer'] as const) {
			expect(await changeMemberRole(t.db, agenda.id, 'owner', role, 'owner')).toEqual({
				ok: false,
				reason: 'last-owner'
			});
		}
		expect(await getRole(t.db, agenda.id, 'owner')).toBe('owner');
	});

	it('lets an owner step down when a second owner exists, but not the second one too', async () => {
		const agenda = await create('a', 'internal');
		await addMember(agenda.id, 'owner2', 'editor');
		expect(await changeMemberRole(t.db, agenda.id, 'owner2', 'owner', 'owner')).toEqual({
			ok: true
		});

		expect(await changeMemberRole(t.db, agenda.id, 'owner', 'editor', 'owner')).toEqual({
			ok: true
		});
		expect(await rolesOf(agenda.id)).toEqual({ owner: 'editor', owner2: 'owner' });

		expect(await changeMemberRole(t.db, agenda.id, 'owner2', 'viewer', 'owner2')).toEqual({
			ok: false,
			reason: 'last-owner'
		});
	});

	it('accepts setting the role a member already has, even for the last owner', async () => {
		const agenda = await create('a', 'internal');
		expect(await changeMemberRole(t.db, agenda.id, 'owner', 'owner', 'owner')).toEqual({
			ok: true
		});
		expect(await t.db.select().from(auditLog).where(eq(auditLog.action, 'member.role'))).toEqual(
			[]
		);
	});

	it('refuses non-members', async () => {
		const agenda = await create('a', 'internal');
		expect(await changeMemberRole(t.db, agenda.id, 'citizen', 'editor', 'owner')).toEqual({
			ok: false,
			reason: 'not-member'
		});
		expect(await getRole(t.db, agenda.id, 'citizen')).toBeNull();
	});

	it('only counts owners of the same agenda', async () => {
		const agenda = await create('a', 'internal');
		const other = await create('b', 'internal', 'owner2');
		await addMember(other.id, 'owner', 'owner');
		expect(await changeMemberRole(t.db, agenda.id, 'owner', 'editor', 'owner')).toEqual({
			ok: false,
			reason: 'last-owner'
		});
	});
});

describe('removeMember', () => {
	it('removes an editor or viewer and records it', async () => {
		const agenda = await create('a', 'internal');
		await addMember(agenda.id, 'editor', 'editor');
		await addMember(agenda.id, 'viewer', 'viewer');

		expect(await removeMember(t.db, agenda.id, 'editor', 'owner')).toEqual({ ok: true });
		expect(await removeMember(t.db, agenda.id, 'viewer', 'owner')).toEqual({ ok: true });

		expect(await rolesOf(agenda.id)).toEqual({ owner: 'owner' });
		const removals = await t.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'member.remove'), eq(auditLog.agendaId, agenda.id)))
			.orderBy(asc(auditLog.id));
		expect(removals.map((entry) => entry.details)).toEqual([
			{ userId: 'editor', role: 'editor' },
			{ userId: 'viewer', role: 'viewer' }
		]);
	});

	it('refuses to remove the last owner', async () => {
		const agenda = await create('a', 'internal');
		await addMember(agenda.id, 'editor', 'editor');
		expect(await removeMember(t.db, agenda.id, 'owner', 'owner')).toEqual({
			ok: false,
			reason: 'last-owner'
		});
		expect(await rolesOf(agenda.id)).toEqual({ owner: 'owner', editor: 'editor' });
	});

	it('removes one of two owners, then refuses the remaining one', async () => {
		const agenda = await create('a', 'internal');
		await addMember(agenda.id, 'owner2', 'owner');

		expect(await removeMember(t.db, agenda.id, 'owner', 'owner2')).toEqual({ ok: true });
		expect(await rolesOf(agenda.id)).toEqual({ owner2: 'owner' });
		expect(await removeMember(t.db, agenda.id, 'owner2', 'owner2')).toEqual({
			ok: false,
			reason: 'last-owner'
		});
	});

	it('refuses non-members', async () => {
		const agenda = await create('a', 'internal');
		expect(await removeMember(t.db, agenda.id, 'citizen', 'owner')).toEqual({
			ok: false,
			reason: 'not-member'
		});
	});
});
