import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import { createAgenda, type NewAgenda } from '../agendas/agendas';
import { createSession, validateSessionToken } from '../auth/session';
import { auditLog, mails, memberships, sessions, users, type User } from '../db/schema';
import {
	agendasSolelyOwnedBy,
	authenticate,
	changeDisplayName,
	changePassword,
	deleteAccount,
	findUserByEmail,
	normalizeEmail,
	registerUser
} from './users';

const ORIGIN = 'https://agenda.musterstadt.example';

const PASSWORD = 'korrekt-pferd-batterie';

let t: TestDatabase;

beforeEach(() => {
	t = createTestDatabase();
});

afterEach(() => t.dispose());

async function register(
	email: string,
	displayName = `Person ${email.split('@')[0] ?? email}`
): Promise<User> {
	const result = await registerUser(t.db, { email, displayName, password: PASSWORD }, ORIGIN);
	if (!result.ok) throw new Error(`could not register ${email}: ${result.reason}`);
	return result.user;
}

function agendaInput(slug: string): NewAgenda {
	return {
		title: `Agenda ${slug}`,
		slug,
		municipality: 'Musterstadt',
		periodStart: 2026,
		periodEnd: 2030,
		visibility: 'internal'
	};
}

async function newAgenda(slug: string, creatorId: string): Promise<string> {
	const result = await createAgenda(t.db, agendaInput(slug), creatorId);
	if (!result.ok) throw new Error(result.reason);
	return result.agenda.id;
}

async function addMember(agendaId: string, userId: string, role: 'owner' | 'editor' | 'viewer') {
	await t.db.insert(memberships).values({ agendaId, userId, role });
}

async function userCount(): Promise<number> {
	return (await t.db.select().from(users)).length;
}

describe('normalizeEmail', () => {
	it('trims and lower-cases', () => {
		expect(normalizeEmail('  Anna.Berger@Musterstadt.EXAMPLE\t')).toBe(
			'anna.berger@musterstadt.example'
		);
		expect(normalizeEmail('rat@musterstadt.example')).toBe('rat@musterstadt.example');
	});
});

describe('registerUser', () => {
	it('makes the first account the instance admin and later ones not', async () => {
		const first = await register('erste@example.org');
		const second = await register('zweite@example.org');
		expect(first.isAdmin).toBe(true);
		expect(second.isAdmin).toBe(false);
		const [stored] = await t.db.select().from(users).where(eq(users.id, second.id));
		expect(stored?.isAdmin).toBe(false);
	});

	it('stores the e-mail normalised, the name trimmed and only an argon2id hash', async () => {
		const result = await registerUser(
			t.db,
			{
				email: '  Anna@Example.ORG ',
				displayName: '  Anna Berger  ',
				password: PASSWORD
			},
			ORIGIN
		);
		expect(result.ok).toBe(true);
		const [row] = await t.db.select().from(users);
		expect(row?.email).toBe('anna@example.org');
		expect(row?.displayName).toBe('Anna Berger');
		expect(row?.passwordHash.startsWith('$argon2id$')).toBe(true);
		expect(row?.passwordHash).not.toContain(PASSWORD);
	});

	it('cleans the name: invisible characters gone, spaces collapsed, normal form C', async () => {
		const result = await registerUser(
			t.db,
			{
				email: 'anna@example.org',
				displayName: ' Anna\u200b\u00a0 Be\u0301rger\ufeff ',
				password: PASSWORD
			},
			ORIGIN
		);
		expect(result.ok).toBe(true);
		expect((await t.db.select().from(users))[0]?.displayName).toBe('Anna B\u00e9rger');
	});

	it('refuses a reserved name, and says so before it looks at the e-mail', async () => {
		await register('anna@example.org');
		// (The first account, the future admin, may take one: see below.)
		for (const email of ['neu@example.org', 'anna@example.org']) {
			const result = await registerUser(
				t.db,
				{
					email,
					displayName: 'Stabsstelle Digitalisierung',
					password: PASSWORD
				},
				ORIGIN
			);
			expect(result).toEqual({ ok: false, reason: 'name-reserved' });
		}
		expect(await userCount()).toBe(1);
	});

	it('lets the first account, which becomes admin, take a reserved name', async () => {
		const first = await register('it@example.org', 'Stabsstelle Digitalisierung');
		expect(first).toMatchObject({ isAdmin: true, displayName: 'Stabsstelle Digitalisierung' });
	});

	it("refuses the name of an agenda's owner", async () => {
		const owner = await register('owner@example.org', 'Anna Berger');
		await newAgenda('teamname', owner.id);
		const result = await registerUser(
			t.db,
			{
				email: 'copy@example.org',
				displayName: 'anna-berger',
				password: PASSWORD
			},
			ORIGIN
		);
		expect(result).toEqual({ ok: false, reason: 'name-taken' });
	});

	it('refuses an e-mail that is already taken, whatever its case', async () => {
		await register('anna@example.org');
		const again = await registerUser(
			t.db,
			{
				email: ' ANNA@example.org',
				displayName: 'Doppelt',
				password: 'anderes-passwort'
			},
			ORIGIN
		);
		expect(again).toEqual({ ok: false, reason: 'email-taken' });
		expect(await userCount()).toBe(1);
	});

	it('records the registration in the audit log without the password', async () => {
		const user = await register('anna@example.org');
		const entries = await t.db.select().from(auditLog);
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({
			actorId: user.id,
			action: 'user.register',
			details: { admin: true }
		});
		expect(JSON.stringify(entries)).not.toContain(PASSWORD);
	});
});

describe('findUserByEmail / authenticate', () => {
	it('finds a user whatever the case of the address', async () => {
		const user = await register('anna@example.org');
		expect((await findUserByEmail(t.db, ' Anna@EXAMPLE.org '))?.id).toBe(user.id);
		expect(await findUserByEmail(t.db, 'nobody@example.org')).toBeUndefined();
	});

	it('returns the user for the right password', async () => {
		const user = await register('anna@example.org');
		expect((await authenticate(t.db, 'Anna@Example.org', PASSWORD))?.id).toBe(user.id);
	});

	it('returns null for a wrong password and for an unknown address', async () => {
		await register('anna@example.org');
		expect(await authenticate(t.db, 'anna@example.org', 'falsches-passwort')).toBeNull();
		expect(await authenticate(t.db, 'anna@example.org', '')).toBeNull();
		expect(await authenticate(t.db, 'unbekannt@example.org', PASSWORD)).toBeNull();
	});
});

describe('changeDisplayName', () => {
	it('stores the cleaned name', async () => {
		const user = await register('anna@example.org');
		expect(await changeDisplayName(t.db, user.id, '  Anna\u200b B.  ')).toEqual({ ok: true });
		expect((await findUserByEmail(t.db, 'anna@example.org'))?.displayName).toBe('Anna B.');
	});

	it('refuses reserved names and the names of team members, and changes nothing', async () => {
		const owner = await register('owner@example.org', 'Anna Berger');
		await newAgenda('umbenennen', owner.id);
		const user = await register('citizen@example.org', 'Bert');
		expect(await changeDisplayName(t.db, user.id, 'Verwaltung')).toEqual({
			ok: false,
			reason: 'name-reserved'
		});
		expect(await changeDisplayName(t.db, user.id, 'ANNA BERGER')).toEqual({
			ok: false,
			reason: 'name-taken'
		});
		expect((await findUserByEmail(t.db, 'citizen@example.org'))?.displayName).toBe('Bert');
		// The owner may keep and re-save their own name; the first account is admin and may use
		// a reserved name.
		expect(await changeDisplayName(t.db, owner.id, 'Anna Berger')).toEqual({ ok: true });
		expect(await changeDisplayName(t.db, owner.id, 'Stabsstelle Digitalisierung')).toEqual({
			ok: true
		});
	});
});

describe('changePassword', () => {
	// Registration queued confirmation mails before: these tests are about the notice only.
	const passwordChangedMails = () =>
		t.db.select().from(mails).where(eq(mails.kind, 'password-changed'));

	it('refuses a wrong current password and changes nothing', async () => {
		const user = await register('anna@example.org');
		const { token } = await createSession(t.db, user.id);

		const result = await changePassword(
			t.db,
			user.id,
			'falsches-passwort',
			'neues-passwort-123',
			ORIGIN
		);
		expect(result).toEqual({ ok: false, reason: 'wrong-password' });
		expect((await validateSessionToken(t.db, token)).user?.id).toBe(user.id);
		expect(await authenticate(t.db, 'anna@example.org', PASSWORD)).not.toBeNull();
		expect(await passwordChangedMails()).toEqual([]);
	});

	it('refuses an unknown user', async () => {
		expect(await changePassword(t.db, 'nobody', PASSWORD, 'neues-passwort-123', ORIGIN)).toEqual({
			ok: false,
			reason: 'wrong-password'
		});
	});

	it('sets the new password and ends every session of that user only', async () => {
		const anna = await register('anna@example.org');
		const bob = await register('bob@example.org');
		const laptop = await createSession(t.db, anna.id);
		const phone = await createSession(t.db, anna.id);
		const bobs = await createSession(t.db, bob.id);

		const result = await changePassword(t.db, anna.id, PASSWORD, 'neues-passwort-123', ORIGIN);

		expect(result).toEqual({ ok: true });
		expect((await validateSessionToken(t.db, laptop.token)).user).toBeNull();
		expect((await validateSessionToken(t.db, phone.token)).user).toBeNull();
		expect((await validateSessionToken(t.db, bobs.token)).user?.id).toBe(bob.id);
		expect(await t.db.select().from(sessions).where(eq(sessions.userId, anna.id))).toEqual([]);
		expect(await authenticate(t.db, 'anna@example.org', PASSWORD)).toBeNull();
		expect((await authenticate(t.db, 'anna@example.org', 'neues-passwort-123'))?.id).toBe(anna.id);
		expect(
			await t.db.select().from(auditLog).where(eq(auditLog.action, 'user.password-change'))
		).toHaveLength(1);
		// The owner learns of it by mail, with the way back if it was not them.
		const [notice] = await passwordChangedMails();
		expect(notice).toMatchObject({ kind: 'password-changed', to: 'anna@example.org' });
		expect(notice?.text).toContain(`${ORIGIN}/passwort-vergessen`);
	});
});

describe('deleteAccount', () => {
	it('refuses a wrong password', async () => {
		await register('admin@example.org');
		const anna = await register('anna@example.org');
		expect(await deleteAccount(t.db, anna.id, 'falsches-passwort')).toEqual({
			ok: false,
			reason: 'wrong-password'
		});
		expect(await userCount()).toBe(2);
	});

	it('refuses the sole owner of an agenda and names the agenda', async () => {
		await register('admin@example.org');
		const anna = await register('anna@example.org');
		const agendaId = await newAgenda('annas-agenda', anna.id);

		const result = await deleteAccount(t.db, anna.id, PASSWORD);

		expect(result).toEqual({
			ok: false,
			reason: 'sole-owner',
			agendas: [{ id: agendaId, title: 'Agenda annas-agenda' }]
		});
		expect(await findUserByEmail(t.db, 'anna@example.org')).toBeDefined();
	});

	it('lists only the agendas the user owns alone', async () => {
		const admin = await register('admin@example.org');
		const anna = await register('anna@example.org');
		const alone = await newAgenda('allein', anna.id);
		const shared = await newAgenda('geteilt', anna.id);
		await addMember(shared, admin.id, 'owner');
		const editing = await newAgenda('fremd', admin.id);
		await addMember(editing, anna.id, 'editor');

		expect(await agendasSolelyOwnedBy(t.db, anna.id)).toEqual([
			{ id: alone, title: 'Agenda allein' }
		]);
	});

	it('deletes a co-owner, leaving the agenda to the other owner', async () => {
		const admin = await register('admin@example.org');
		const anna = await register('anna@example.org');
		const agendaId = await newAgenda('geteilt', admin.id);
		await addMember(agendaId, anna.id, 'owner');

		expect(await deleteAccount(t.db, anna.id, PASSWORD)).toEqual({ ok: true });
		expect(await t.db.select().from(memberships)).toEqual([
			expect.objectContaining({ agendaId, userId: admin.id, role: 'owner' })
		]);
	});

	it('refuses the last admin', async () => {
		const admin = await register('admin@example.org');
		expect(await deleteAccount(t.db, admin.id, PASSWORD)).toEqual({
			ok: false,
			reason: 'last-admin'
		});
		expect(await userCount()).toBe(1);
	});

	it('deletes an admin when another admin remains', async () => {
		const first = await register('admin@example.org');
		const second = await register('zweit-admin@example.org');
		await t.db.update(users).set({ isAdmin: true }).where(eq(users.id, second.id));

		expect(await deleteAccount(t.db, first.id, PASSWORD)).toEqual({ ok: true });
		expect(await deleteAccount(t.db, second.id, PASSWORD)).toEqual({
			ok: false,
			reason: 'last-admin'
		});
	});

	it('deletes the account with its sessions and memberships; the audit log forgets the person', async () => {
		const admin = await register('admin@example.org');
		const anna = await register('anna@example.org');
		const agendaId = await newAgenda('agenda', admin.id);
		await addMember(agendaId, anna.id, 'editor');
		const { token } = await createSession(t.db, anna.id);

		expect(await deleteAccount(t.db, anna.id, PASSWORD)).toEqual({ ok: true });

		expect(await findUserByEmail(t.db, 'anna@example.org')).toBeUndefined();
		expect((await validateSessionToken(t.db, token)).user).toBeNull();
		expect(await t.db.select().from(sessions).where(eq(sessions.userId, anna.id))).toEqual([]);
		expect(await t.db.select().from(memberships).where(eq(memberships.userId, anna.id))).toEqual(
			[]
		);
		const log = await t.db.select().from(auditLog);
		expect(log.some((entry) => entry.actorId === anna.id)).toBe(false);
		expect(log.filter((entry) => entry.action === 'user.delete')).toEqual([
			expect.objectContaining({ actorId: null })
		]);
		// The registration entry is kept, but no longer points at anyone.
		expect(log.filter((entry) => entry.action === 'user.register')).toHaveLength(2);
		// The address is free again.
		expect((await register('anna@example.org')).id).not.toBe(anna.id);
	});
});
