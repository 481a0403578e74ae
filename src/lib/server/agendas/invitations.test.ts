import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import { auditLog, invitations, mails, memberships, users } from '../db/schema';
import { hashToken } from '../ids';
import { createAgenda, getRole } from './agendas';
import {
	acceptInvitation,
	createInvitation,
	INVITATION_LIFETIME_MS,
	listInvitations,
	lookupInvitation,
	revokeInvitation
} from './invitations';

const NOW = Date.UTC(2026, 4, 4, 9, 30);
const HOUR_MS = 60 * 60 * 1000;

let t: TestDatabase;
let agendaId: string;

beforeEach(async () => {
	t = createTestDatabase();
	for (const id of ['owner', 'anna', 'bob']) {
		await t.db
			.insert(users)
			.values({ id, email: `${id}@example.org`, displayName: id, passwordHash: 'x' });
	}
	const created = await createAgenda(
		t.db,
		{
			title: 'Digitale Agenda Musterstadt',
			slug: 'musterstadt',
			municipality: 'Musterstadt',
			periodStart: 2026,
			periodEnd: 2030,
			visibility: 'internal'
		},
		'owner'
	);
	if (!created.ok) throw new Error(created.reason);
	agendaId = created.agenda.id;
});

afterEach(() => t.dispose());

async function storedInvitation(id: string) {
	const [row] = await t.db.select().from(invitations).where(eq(invitations.id, id));
	return row;
}

describe('createInvitation', () => {
	it('returns a token once and stores only its SHA-256', async () => {
		const { token, invitation } = await createInvitation(t.db, agendaId, 'editor', 'owner', NOW);

		expect(token).toMatch(/^[a-z2-7]{32}$/);
		const rows = await t.db.select().from(invitations);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			id: invitation.id,
			tokenHash: hashToken(token),
			agendaId,
			role: 'editor',
			createdBy: 'owner',
			usedAt: null,
			usedBy: null
		});
		expect(rows[0]?.expiresAt.getTime()).toBe(NOW + INVITATION_LIFETIME_MS);
		expect(INVITATION_LIFETIME_MS).toBe(7 * 24 * HOUR_MS);
		expect(JSON.stringify(rows)).not.toContain(token);
	});

	it('makes a different token for every invitation', async () => {
		const a = await createInvitation(t.db, agendaId, 'viewer', 'owner', NOW);
		const b = await createInvitation(t.db, agendaId, 'viewer', 'owner', NOW);
		expect(a.token).not.toBe(b.token);
		expect(a.invitation.tokenHash).not.toBe(b.invitation.tokenHash);
	});

	it('records the invitation in the audit log without the token', async () => {
		const { token, invitation } = await createInvitation(t.db, agendaId, 'viewer', 'owner', NOW);
		const entries = await t.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'invitation.create'));
		expect(entries).toEqual([
			expect.objectContaining({
				actorId: 'owner',
				agendaId,
				details: { invitationId: invitation.id, role: 'viewer' }
			})
		]);
		expect(JSON.stringify(await t.db.select().from(auditLog))).not.toContain(token);
	});
});

describe('createInvitation with an address', () => {
	const ORIGIN = 'https://agenda.musterstadt.example';

	async function mailed(email: string, fallbackLocale: 'de' | 'en' = 'de') {
		return await createInvitation(t.db, agendaId, 'editor', 'owner', NOW, {
			email,
			origin: ORIGIN,
			fallbackLocale
		});
	}

	it('mails the link to the address in the same step, and stores where it went', async () => {
		await t.db.update(users).set({ displayName: 'Erika Muster' }).where(eq(users.id, 'owner'));
		const { token, invitation } = await mailed('  Neu@Example.org ');

		expect((await storedInvitation(invitation.id))?.email).toBe('neu@example.org');
		const queued = await t.db.select().from(mails);
		expect(queued).toHaveLength(1);
		const mail = queued[0]!;
		expect(mail).toMatchObject({ kind: 'invitation', to: 'neu@example.org' });
		expect(mail.subject).toBe('Einladung zur Mitarbeit an „Digitale Agenda Musterstadt“');
		expect(mail.text).toContain('Guten Tag,');
		expect(mail.text).toContain(
			'Erika Muster lädt Sie ein, an der Agenda „Digitale Agenda Musterstadt“ in der Rolle „Bearbeitung“ mitzuarbeiten.'
		);
		// Berlin time, as the members page shows it: 11. Mai 2026, 11:30 (UTC+2).
		expect(mail.text).toContain('Die Einladung gilt bis 11.05.2026, 11:30.');
		expect(mail.text).toContain(`${ORIGIN}/einladung/${token}`);
		expect(mail.html).toContain(`${ORIGIN}/einladung/${token}`);
		expect(mail.text).toContain('weil Erika Muster Sie mit dieser Adresse');
	});

	it('writes in the language of the account with that address, greeting it by name', async () => {
		await t.db.update(users).set({ locale: 'en' }).where(eq(users.id, 'anna'));
		await mailed('ANNA@example.org', 'de');
		const mail = (await t.db.select().from(mails))[0]!;
		expect(mail.subject).toBe('Invitation to work on “Digitale Agenda Musterstadt”');
		expect(mail.text).toContain('Hello anna,');
		expect(mail.text).toContain('The invitation is valid until 11 May 2026, 11:30.');
	});

	it('writes in the inviter’s language when no account has the address', async () => {
		await mailed('fremd@example.org', 'en');
		expect((await t.db.select().from(mails))[0]?.subject).toBe(
			'Invitation to work on “Digitale Agenda Musterstadt”'
		);
	});

	it('says in the audit log that it was mailed, without token or address', async () => {
		const { token, invitation } = await mailed('neu@example.org');
		const [entry] = await t.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'invitation.create'));
		expect(entry?.details).toEqual({ invitationId: invitation.id, role: 'editor', mailed: true });
		expect(JSON.stringify(await t.db.select().from(auditLog))).not.toContain(token);
	});

	it('lists the address with the invitation; a link without one has none', async () => {
		await mailed('neu@example.org');
		await createInvitation(t.db, agendaId, 'viewer', 'owner', NOW + 1);
		const emails = (await listInvitations(t.db, agendaId)).map((row) => row.email);
		expect(emails).toHaveLength(2);
		expect(emails).toEqual(expect.arrayContaining([null, 'neu@example.org']));
	});

	it('queues no mail without an address', async () => {
		await createInvitation(t.db, agendaId, 'viewer', 'owner', NOW);
		expect(await t.db.select().from(mails)).toEqual([]);
	});
});

describe('lookupInvitation', () => {
	it('finds an open invitation by its token, with the agenda', async () => {
		const { token, invitation } = await createInvitation(t.db, agendaId, 'editor', 'owner', NOW);
		expect(await lookupInvitation(t.db, token, NOW + HOUR_MS)).toEqual({
			ok: true,
			invitation,
			agenda: { id: agendaId, title: 'Digitale Agenda Musterstadt' }
		});
	});

	it('does not know a wrong token, nor the stored hash used as a token', async () => {
		const { invitation } = await createInvitation(t.db, agendaId, 'editor', 'owner', NOW);
		expect(await lookupInvitation(t.db, 'abcdefghijklmnopqrstuvwxyz234567', NOW)).toEqual({
			ok: false,
			reason: 'unknown'
		});
		expect(await lookupInvitation(t.db, invitation.tokenHash, NOW)).toEqual({
			ok: false,
			reason: 'unknown'
		});
	});

	it('reports an invitation as expired from its expiry instant on', async () => {
		const { token, invitation } = await createInvitation(t.db, agendaId, 'editor', 'owner', NOW);
		const expiresAt = invitation.expiresAt.getTime();
		expect((await lookupInvitation(t.db, token, expiresAt - 1)).ok).toBe(true);
		expect(await lookupInvitation(t.db, token, expiresAt)).toEqual({
			ok: false,
			reason: 'expired'
		});
	});
});

describe('acceptInvitation', () => {
	it('makes the user a member with the invited role and marks the invitation used', async () => {
		const { token, invitation } = await createInvitation(t.db, agendaId, 'editor', 'owner', NOW);

		expect(await acceptInvitation(t.db, token, 'anna', NOW + HOUR_MS)).toEqual({
			ok: true,
			agendaId
		});

		expect(await getRole(t.db, agendaId, 'anna')).toBe('editor');
		const stored = await storedInvitation(invitation.id);
		expect(stored?.usedBy).toBe('anna');
		expect(stored?.usedAt?.getTime()).toBe(NOW + HOUR_MS);
		expect(await lookupInvitation(t.db, token, NOW + HOUR_MS)).toEqual({
			ok: false,
			reason: 'used'
		});
		expect(
			await t.db.select().from(auditLog).where(eq(auditLog.action, 'invitation.accept'))
		).toEqual([
			expect.objectContaining({
				actorId: 'anna',
				agendaId,
				details: { invitationId: invitation.id, role: 'editor' }
			})
		]);
	});

	it('grants the viewer role of a viewer invitation', async () => {
		const { token } = await createInvitation(t.db, agendaId, 'viewer', 'owner', NOW);
		expect((await acceptInvitation(t.db, token, 'anna', NOW)).ok).toBe(true);
		expect(await getRole(t.db, agendaId, 'anna')).toBe('viewer');
	});

	it('works only once', async () => {
		const { token } = await createInvitation(t.db, agendaId, 'editor', 'owner', NOW);
		expect((await acceptInvitation(t.db, token, 'anna', NOW)).ok).toBe(true);

		expect(await acceptInvitation(t.db, token, 'bob', NOW)).toEqual({ ok: false, reason: 'used' });
		expect(await acceptInvitation(t.db, token, 'anna', NOW)).toEqual({ ok: false, reason: 'used' });
		expect(await getRole(t.db, agendaId, 'bob')).toBeNull();
	});

	it('refuses an expired invitation', async () => {
		const { token, invitation } = await createInvitation(t.db, agendaId, 'editor', 'owner', NOW);
		await t.db
			.update(invitations)
			.set({ expiresAt: new Date(Date.now() - 1000) })
			.where(eq(invitations.id, invitation.id));

		expect(await acceptInvitation(t.db, token, 'anna')).toEqual({ ok: false, reason: 'expired' });
		expect(await getRole(t.db, agendaId, 'anna')).toBeNull();
		expect((await storedInvitation(invitation.id))?.usedAt).toBeNull();
	});

	it('refuses after the seven days have passed', async () => {
		const { token } = await createInvitation(t.db, agendaId, 'editor', 'owner', NOW);
		expect(await acceptInvitation(t.db, token, 'anna', NOW + INVITATION_LIFETIME_MS)).toEqual({
			ok: false,
			reason: 'expired'
		});
	});

	it('refuses an unknown token', async () => {
		expect(await acceptInvitation(t.db, 'abcdefghijklmnopqrstuvwxyz234567', 'anna', NOW)).toEqual({
			ok: false,
			reason: 'unknown'
		});
		expect(await t.db.select().from(memberships)).toHaveLength(1);
	});

	it('refuses a member, keeps the role and leaves the link open for the person it was meant for', async () => {
		await t.db.insert(memberships).values({ agendaId, userId: 'anna', role: 'viewer' });
		const { token, invitation } = await createInvitation(t.db, agendaId, 'editor', 'owner', NOW);

		expect(await acceptInvitation(t.db, token, 'anna', NOW)).toEqual({
			ok: false,
			reason: 'already-member'
		});
		// The link does not upgrade a viewer to editor; role changes belong to the members page.
		expect(await getRole(t.db, agendaId, 'anna')).toBe('viewer');
		expect((await storedInvitation(invitation.id))?.usedAt).toBeNull();

		// An owner who opens the link by mistake does not burn it either.
		expect(await acceptInvitation(t.db, token, 'owner', NOW)).toEqual({
			ok: false,
			reason: 'already-member'
		});
		expect(await getRole(t.db, agendaId, 'owner')).toBe('owner');

		expect(await acceptInvitation(t.db, token, 'bob', NOW)).toEqual({ ok: true, agendaId });
		expect(await getRole(t.db, agendaId, 'bob')).toBe('editor');
	});
});

describe('revokeInvitation', () => {
	it('withdraws an open invitation so that its link stops working', async () => {
		const { token, invitation } = await createInvitation(t.db, agendaId, 'editor', 'owner', NOW);

		expect(await revokeInvitation(t.db, agendaId, invitation.id, 'owner')).toBe(true);

		expect(await lookupInvitation(t.db, token, NOW)).toEqual({ ok: false, reason: 'unknown' });
		expect(await acceptInvitation(t.db, token, 'anna', NOW)).toEqual({
			ok: false,
			reason: 'unknown'
		});
		expect(await getRole(t.db, agendaId, 'anna')).toBeNull();
		expect(
			await t.db.select().from(auditLog).where(eq(auditLog.action, 'invitation.revoke'))
		).toEqual([
			expect.objectContaining({ actorId: 'owner', details: { invitationId: invitation.id } })
		]);
	});

	it('does not revoke a used invitation', async () => {
		const { token, invitation } = await createInvitation(t.db, agendaId, 'editor', 'owner', NOW);
		await acceptInvitation(t.db, token, 'anna', NOW);
		expect(await revokeInvitation(t.db, agendaId, invitation.id, 'owner')).toBe(false);
		expect((await storedInvitation(invitation.id))?.usedBy).toBe('anna');
		expect(await getRole(t.db, agendaId, 'anna')).toBe('editor');
	});

	it('does not revoke through another agenda', async () => {
		const other = await createAgenda(
			t.db,
			{
				title: 'Andere Agenda',
				slug: 'andere',
				municipality: 'Anderswo',
				periodStart: 2026,
				periodEnd: 2027,
				visibility: 'internal'
			},
			'bob'
		);
		if (!other.ok) throw new Error(other.reason);
		const { token, invitation } = await createInvitation(t.db, agendaId, 'editor', 'owner', NOW);

		expect(await revokeInvitation(t.db, other.agenda.id, invitation.id, 'bob')).toBe(false);
		expect((await lookupInvitation(t.db, token, NOW)).ok).toBe(true);
		expect(await revokeInvitation(t.db, agendaId, 'unknown-id', 'owner')).toBe(false);
	});
});

describe('listInvitations', () => {
	it('lists the invitations of one agenda, newest first, without token hashes', async () => {
		const older = (await createInvitation(t.db, agendaId, 'viewer', 'owner', NOW)).invitation;
		const newer = (await createInvitation(t.db, agendaId, 'editor', 'owner', NOW)).invitation;
		await t.db
			.update(invitations)
			.set({ createdAt: new Date(NOW - HOUR_MS) })
			.where(eq(invitations.id, older.id));
		await t.db
			.update(invitations)
			.set({ createdAt: new Date(NOW) })
			.where(eq(invitations.id, newer.id));

		const listed = await listInvitations(t.db, agendaId);
		expect(listed.map(({ id, role }) => ({ id, role }))).toEqual([
			{ id: newer.id, role: 'editor' },
			{ id: older.id, role: 'viewer' }
		]);
		expect(listed[0]).not.toHaveProperty('tokenHash');
	});
});
