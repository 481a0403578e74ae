import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import { authenticate } from '../accounts/users';
import { DEMO_ACCOUNTS, DEMO_AGENDA } from '../demo/accounts';
import { agendas, docUpdates, memberships, users } from './schema';
import { seedDemoIfEmpty } from './seed';

const PASSWORD = 'demo-passwort-test';

let t: TestDatabase;

beforeEach(() => {
	t = createTestDatabase();
});

afterEach(() => t.dispose());

function snapshot() {
	return {
		users: t.db.select().from(users).all(),
		agendas: t.db.select().from(agendas).all(),
		memberships: t.db.select().from(memberships).all(),
		documentUpdates: t.db.select({ seq: docUpdates.seq }).from(docUpdates).all().length
	};
}

describe('seedDemoIfEmpty', () => {
	it('seeds the demo accounts and the Musterstadt agenda into an empty database', async () => {
		const seeded = await seedDemoIfEmpty(t.db, PASSWORD);

		expect(seeded).not.toBeNull();
		const { users: rows, agendas: agendaRows, memberships: memberRows } = snapshot();

		expect(
			rows.map(({ email, displayName, isAdmin }) => ({ email, displayName, isAdmin }))
		).toEqual(
			expect.arrayContaining(
				DEMO_ACCOUNTS.map(({ email, displayName, isAdmin }) => ({ email, displayName, isAdmin }))
			)
		);
		expect(rows).toHaveLength(DEMO_ACCOUNTS.length);
		// The demo can comment at once: no confirmation link to follow.
		expect(rows.every((user) => user.emailConfirmedAt instanceof Date)).toBe(true);
		expect(rows.filter((user) => user.isAdmin).map((user) => user.email)).toEqual([
			'verwaltung@musterstadt.example'
		]);

		expect(agendaRows).toHaveLength(1);
		expect(agendaRows[0]).toMatchObject({ ...DEMO_AGENDA, slug: 'musterstadt' });
		expect(agendaRows[0]?.id).toBe(seeded?.agendaId);

		const roleByEmail = Object.fromEntries(
			memberRows.map((row) => [rows.find((user) => user.id === row.userId)?.email, row.role])
		);
		expect(roleByEmail).toEqual(
			Object.fromEntries(
				DEMO_ACCOUNTS.filter((account) => account.role).map((account) => [
					account.email,
					account.role
				])
			)
		);
		expect(roleByEmail).toMatchObject({
			'verwaltung@musterstadt.example': 'owner',
			'rat@musterstadt.example': 'viewer'
		});
		expect(roleByEmail).not.toHaveProperty(['buerger@musterstadt.example']);
		expect(memberRows.every((row) => row.agendaId === seeded?.agendaId)).toBe(true);

		expect(seeded?.users.map((user) => user.id).sort()).toEqual(rows.map((user) => user.id).sort());
	});

	it('gives every demo account the given password, stored as argon2id', async () => {
		await seedDemoIfEmpty(t.db, PASSWORD);
		for (const row of t.db.select().from(users).all()) {
			expect(row.passwordHash.startsWith('$argon2id$')).toBe(true);
		}
		for (const account of DEMO_ACCOUNTS) {
			expect((await authenticate(t.db, account.email, PASSWORD))?.email).toBe(account.email);
		}
		expect(
			await authenticate(t.db, 'verwaltung@musterstadt.example', 'demo-agendawerk')
		).toBeNull();
	});

	it('does nothing the second time', async () => {
		expect(await seedDemoIfEmpty(t.db, PASSWORD)).not.toBeNull();
		const before = snapshot();

		expect(await seedDemoIfEmpty(t.db, 'anderes-passwort')).toBeNull();

		expect(snapshot()).toEqual(before);
		expect(before.documentUpdates).toBeGreaterThan(0);
	});

	it('leaves a database alone that already has an account', async () => {
		t.db
			.insert(users)
			.values({ id: 'someone', email: 'a@example.org', displayName: 'A', passwordHash: 'x' })
			.run();

		expect(await seedDemoIfEmpty(t.db, PASSWORD)).toBeNull();

		expect(
			t.db.select().from(agendas).where(eq(agendas.slug, 'musterstadt')).get()
		).toBeUndefined();
		expect(t.db.select().from(users).all()).toHaveLength(1);
	});
});

describe('the demo participation', () => {
	it('is open now for eight weeks on Fassung 1, with comments, supports and one published answer', async () => {
		const before = Date.now();
		const seeded = await seedDemoIfEmpty(t.db, PASSWORD);
		const { currentPhase, phaseState } = await import('../participation/phases');
		const { listComments } = await import('../participation/comments');
		const { supportCounts } = await import('../participation/supports');
		const participation = currentPhase(t.db, seeded?.agendaId ?? '');
		expect(participation?.version.number).toBe(1);
		expect(phaseState(participation!.phase)).toBe('open');
		const weeks = (participation!.phase.endsAt.getTime() - before) / (7 * 24 * 3600 * 1000);
		expect(weeks).toBeGreaterThan(7.99);
		expect(weeks).toBeLessThan(8.01);

		const anonymous = { userId: null, isTeam: false };
		const threads = listComments(t.db, participation!.version.id, null, anonymous);
		const all = threads.flatMap((comment) => [comment, ...comment.replies]);
		expect(all.length).toBeGreaterThanOrEqual(5);
		expect(all.every((comment) => comment.body && comment.authorName)).toBe(true);
		const answered = all.filter((comment) => comment.answer?.published);
		expect(answered).toHaveLength(1);
		expect(answered[0]?.answer?.disposition).toBe('teilweise-uebernommen');
		const supports = [...supportCounts(t.db, participation!.version.id).values()];
		expect(supports.reduce((sum, n) => sum + n, 0)).toBe(6);
	});
});
