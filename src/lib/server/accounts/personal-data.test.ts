import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	createDemoDatabase,
	createTestDatabase,
	type TestDatabase
} from '../../../../tests/support/database';
import { createAgenda } from '../agendas/agendas';
import { createSession } from '../auth/session';
import {
	agendaFollows,
	agendas,
	commentReports,
	comments,
	measureFollows,
	memberships,
	monitoringFacts,
	notificationPreferences,
	notificationsSent,
	users,
	type User
} from '../db/schema';
import { BEISPIELHAUSEN_ACCOUNTS } from '../demo/beispielhausen';
import { generateId } from '../ids';
import { exportUserData } from './personal-data';
import { findUserByEmail, registerUser } from './users';

const ORIGIN = 'https://agenda.musterstadt.example';

let t: TestDatabase;

beforeEach(() => {
	t = createTestDatabase();
});

afterEach(() => t.dispose());

async function register(email: string, displayName: string): Promise<User> {
	const result = await registerUser(
		t.db,
		{ email, displayName, password: 'korrekt-pferd-batterie' },
		ORIGIN
	);
	if (!result.ok) throw new Error(`could not register ${email}: ${result.reason}`);
	return result.user;
}

async function newAgenda(slug: string, creatorId: string): Promise<string> {
	const result = await createAgenda(
		t.db,
		{
			title: `Agenda ${slug}`,
			slug,
			municipality: 'Musterstadt',
			periodStart: 2026,
			periodEnd: 2030,
			visibility: 'internal'
		},
		creatorId
	);
	if (!result.ok) throw new Error(result.reason);
	return result.agenda.id;
}

async function addMember(agendaId: string, userId: string, role: 'owner' | 'editor' | 'viewer') {
	await t.db.insert(memberships).values({ agendaId, userId, role });
}

describe('exportUserData', () => {
	it('contains the account, its memberships and its activity, but no password hash', async () => {
		const admin = await register('admin@example.org', 'Verwaltung');
		const anna = await register('anna@example.org', 'Anna Berger');
		const own = await newAgenda('annas', anna.id);
		const other = await newAgenda('fremd', admin.id);
		await addMember(other, anna.id, 'viewer');
		await newAgenda('ohne-anna', admin.id);

		const data = await exportUserData(t.db, anna.id);

		expect(data).not.toBeNull();
		expect(data?.account).toEqual({
			id: anna.id,
			email: 'anna@example.org',
			displayName: 'Anna Berger',
			isAdmin: false,
			// What 0005 added is the person's data too (Art. 15): whether and when the address was
			// confirmed, and the language of their mails.
			emailConfirmedAt: null,
			locale: 'de',
			createdAt: anna.createdAt.toISOString()
		});
		expect(data?.memberships).toHaveLength(2);
		expect(data?.memberships).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ agendaId: own, agenda: 'Agenda annas', role: 'owner' }),
				expect.objectContaining({ agendaId: other, agenda: 'Agenda fremd', role: 'viewer' })
			])
		);
		expect(data?.activity.map((entry) => entry.action).sort()).toEqual([
			'agenda.create',
			'user.register'
		]);
		expect(Number.isNaN(Date.parse(data?.exportedAt ?? ''))).toBe(false);

		const json = JSON.stringify(data);
		const [stored] = await t.db.select().from(users).where(eq(users.id, anna.id));
		expect(json).not.toContain(stored?.passwordHash ?? '$argon2id$');
		expect(json).not.toContain('$argon2');
		expect(json).not.toMatch(/passwordHash/i);
		expect(json).not.toContain('admin@example.org');
	});

	it('returns null for an unknown user', async () => {
		expect(await exportUserData(t.db, 'nobody')).toBeNull();
	});
});

describe('exportUserData: every table that holds the person', () => {
	it('lists follows, notification settings and mails told, reports, monitoring facts and sessions', async () => {
		const demo = await createDemoDatabase();
		try {
			const editor = await findUserByEmail(demo.db, BEISPIELHAUSEN_ACCOUNTS[1]?.email ?? '');
			if (!editor) throw new Error('Demo-Konto fehlt');
			const [agenda] = await demo.db.select().from(agendas).where(eq(agendas.id, demo.agendaId));
			await demo.db.insert(agendaFollows).values({ userId: editor.id, agendaId: demo.agendaId });
			await demo.db
				.insert(measureFollows)
				.values({ userId: editor.id, agendaId: demo.agendaId, measureId: 'massnahme-1' });
			await demo.db
				.insert(notificationPreferences)
				.values({ userId: editor.id, kind: 'comment-replied', value: 'off' });
			await demo.db
				.insert(notificationsSent)
				.values({ userId: editor.id, eventKey: 'comment-answered:k1' });
			const [comment] = await demo.db.select({ id: comments.id }).from(comments).limit(1);
			if (!comment) throw new Error('Demo-Kommentar fehlt');
			await demo.db.insert(commentReports).values({
				id: generateId(),
				commentId: comment.id,
				reporterId: editor.id,
				reason: 'Beleidigt andere.'
			});
			await createSession(demo.db, editor.id);

			const data = await exportUserData(demo.db, editor.id);

			expect(data?.follows.agendas).toEqual([
				expect.objectContaining({ agendaId: demo.agendaId, agenda: agenda?.title })
			]);
			expect(data?.follows.measures).toEqual([
				expect.objectContaining({ agendaId: demo.agendaId, measureId: 'massnahme-1' })
			]);
			expect(data?.notificationSettings).toEqual([
				expect.objectContaining({ kind: 'comment-replied', value: 'off' })
			]);
			expect(data?.notificationsSent).toEqual([
				expect.objectContaining({ event: 'comment-answered:k1' })
			]);
			expect(data?.reports).toEqual([
				expect.objectContaining({ commentId: comment.id, reason: 'Beleidigt andere.' })
			]);
			// The Beispielhausen demo's facts are written by its editor account.
			const written = await demo.db
				.select({ id: monitoringFacts.id })
				.from(monitoringFacts)
				.where(eq(monitoringFacts.authorId, editor.id));
			expect(written.length).toBeGreaterThan(0);
			expect(data?.monitoringFacts).toHaveLength(written.length);
			expect(data?.sessions).toHaveLength(1);
			// The session's id is the hash of the cookie: it stays out of the file.
			const json = JSON.stringify(data);
			expect(json).not.toMatch(/"id":"[0-9a-f]{64}"/);
			expect((await demo.db.select().from(users).where(eq(users.id, editor.id)))[0]).toBeDefined();
		} finally {
			await demo.dispose();
		}
	});
});
