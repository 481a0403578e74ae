import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import { authenticate } from '../accounts/users';
import { DEMO_ACCOUNTS, DEMO_AGENDA } from '../demo/accounts';
import {
	BEISPIELHAUSEN_ACCOUNTS,
	BEISPIELHAUSEN_AGENDA,
	BEISPIELHAUSEN_DECISION,
	BEISPIELHAUSEN_FASSUNG_FROZEN_ON
} from '../demo/beispielhausen';
import { agendas, docUpdates, memberships, users, versions } from './schema';
import { seedDemoIfEmpty } from './seed';

const PASSWORD = 'demo-passwort-test';

let t: TestDatabase;

beforeEach(() => {
	t = createTestDatabase();
});

afterEach(() => t.dispose());

/** The seeded rows, each table in the order of its key, so that two snapshots compare. */
async function snapshot() {
	return {
		users: await t.db.select().from(users).orderBy(asc(users.id)),
		agendas: await t.db.select().from(agendas).orderBy(asc(agendas.id)),
		memberships: await t.db
			.select()
			.from(memberships)
			.orderBy(asc(memberships.agendaId), asc(memberships.userId)),
		documentUpdates: (await t.db.select({ seq: docUpdates.seq }).from(docUpdates)).length
	};
}

describe('seedDemoIfEmpty', () => {
	it('seeds the demo accounts and the Musterstadt agenda into an empty database', async () => {
		const seeded = await seedDemoIfEmpty(t.db, PASSWORD);

		expect(seeded).not.toBeNull();
		const { users: rows, agendas: agendaRows, memberships: memberRows } = await snapshot();

		expect(
			rows.map(({ email, displayName, isAdmin }) => ({ email, displayName, isAdmin }))
		).toEqual(
			expect.arrayContaining(
				DEMO_ACCOUNTS.map(({ email, displayName, isAdmin }) => ({ email, displayName, isAdmin }))
			)
		);
		expect(rows).toHaveLength(DEMO_ACCOUNTS.length + BEISPIELHAUSEN_ACCOUNTS.length);
		// The demo can comment at once: no confirmation link to follow.
		expect(rows.every((user) => user.emailConfirmedAt instanceof Date)).toBe(true);
		expect(rows.filter((user) => user.isAdmin).map((user) => user.email)).toEqual([
			'verwaltung@musterstadt.example'
		]);

		// Musterstadt, and Beispielhausen (its own tests below).
		expect(agendaRows).toHaveLength(2);
		const musterstadt = agendaRows.find((row) => row.slug === 'musterstadt');
		expect(musterstadt).toMatchObject(DEMO_AGENDA);
		expect(musterstadt?.id).toBe(seeded?.agendaId);

		const musterstadtMembers = memberRows.filter((row) => row.agendaId === seeded?.agendaId);
		const roleByEmail = Object.fromEntries(
			musterstadtMembers.map((row) => [
				rows.find((user) => user.id === row.userId)?.email,
				row.role
			])
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
		// Musterstadt's team sees only Musterstadt.
		expect(
			memberRows
				.filter((row) => row.agendaId !== seeded?.agendaId)
				.map((row) => rows.find((user) => user.id === row.userId)?.email)
				.sort()
		).toEqual(BEISPIELHAUSEN_ACCOUNTS.map((account) => account.email).sort());

		expect(seeded?.users.map((user) => user.id).sort()).toEqual(rows.map((user) => user.id).sort());
	});

	it('gives every demo account the given password, stored as argon2id', async () => {
		await seedDemoIfEmpty(t.db, PASSWORD);
		for (const row of await t.db.select().from(users)) {
			expect(row.passwordHash.startsWith('$argon2id$')).toBe(true);
		}
		for (const account of [...DEMO_ACCOUNTS, ...BEISPIELHAUSEN_ACCOUNTS]) {
			expect((await authenticate(t.db, account.email, PASSWORD))?.email).toBe(account.email);
		}
		expect(
			await authenticate(t.db, 'verwaltung@musterstadt.example', 'demo-agendawerk')
		).toBeNull();
	});

	it('does nothing the second time', async () => {
		expect(await seedDemoIfEmpty(t.db, PASSWORD)).not.toBeNull();
		const before = await snapshot();

		expect(await seedDemoIfEmpty(t.db, 'anderes-passwort')).toBeNull();

		expect(await snapshot()).toEqual(before);
		expect(before.documentUpdates).toBeGreaterThan(0);
	});

	it('leaves a database alone that already has an account', async () => {
		await t.db
			.insert(users)
			.values({ id: 'someone', email: 'a@example.org', displayName: 'A', passwordHash: 'x' });

		expect(await seedDemoIfEmpty(t.db, PASSWORD)).toBeNull();

		expect(
			(await t.db.select().from(agendas).where(eq(agendas.slug, 'musterstadt')))[0]
		).toBeUndefined();
		expect(await t.db.select().from(users)).toHaveLength(1);
	});
});

describe('the demo participation', () => {
	it('is open now for eight weeks on Fassung 1, with comments, supports and one published answer', async () => {
		const before = Date.now();
		const seeded = await seedDemoIfEmpty(t.db, PASSWORD);
		const { currentPhase, phaseState } = await import('../participation/phases');
		const { listComments } = await import('../participation/comments');
		const { supportCounts } = await import('../participation/supports');
		const participation = await currentPhase(t.db, seeded?.agendaId ?? '');
		expect(participation?.version.number).toBe(1);
		expect(phaseState(participation!.phase)).toBe('open');
		const weeks = (participation!.phase.endsAt.getTime() - before) / (7 * 24 * 3600 * 1000);
		expect(weeks).toBeGreaterThan(7.99);
		expect(weeks).toBeLessThan(8.01);

		const anonymous = { userId: null, isTeam: false };
		const threads = await listComments(t.db, participation!.version.id, null, anonymous);
		const all = threads.flatMap((comment) => [comment, ...comment.replies]);
		expect(all.length).toBeGreaterThanOrEqual(5);
		expect(all.every((comment) => comment.body && comment.authorName)).toBe(true);
		const answered = all.filter((comment) => comment.answer?.published);
		expect(answered).toHaveLength(1);
		expect(answered[0]?.answer?.disposition).toBe('teilweise-uebernommen');
		const supports = [...(await supportCounts(t.db, participation!.version.id)).values()];
		expect(supports.reduce((sum, n) => sum + n, 0)).toBe(6);
	});
});

describe('the Beispielhausen demo', () => {
	/** A day after every seeded fact, so the numbers do not move as the calendar does. */
	const STICHTAG = '2026-10-31';

	async function seeded() {
		const result = await seedDemoIfEmpty(t.db, PASSWORD);
		const { monitoringOverview } = await import('../monitoring/overview');
		const overview = await monitoringOverview(t.db, result?.monitoringAgendaId ?? '', STICHTAG);
		if (!overview) throw new Error('Beispielhausen hat keinen Beschluss');
		const title = (measureId: string) =>
			overview.plan.measures.find((measure) => measure.id === measureId)?.title ?? '';
		return { result, overview, title };
	}

	it('is a public agenda under implementation whose Fassung 1 the council resolved in 2021', async () => {
		const { result, overview } = await seeded();
		const [row] = await t.db.select().from(agendas).where(eq(agendas.slug, 'beispielhausen'));
		expect(row).toMatchObject({ ...BEISPIELHAUSEN_AGENDA, id: result?.monitoringAgendaId });
		expect(overview.decision).toMatchObject({
			decidedOn: BEISPIELHAUSEN_DECISION.decidedOn,
			number: BEISPIELHAUSEN_DECISION.number,
			result: 'beschlossen'
		});
		expect(overview.decision.decidedOn.startsWith('2021-')).toBe(true);
		// The resolved Fassung was frozen before the council met on it, not on the day of seeding.
		const [fassung] = await t.db
			.select({ createdAt: versions.createdAt })
			.from(versions)
			.where(eq(versions.id, overview.decision.versionId));
		expect(fassung?.createdAt.toISOString().slice(0, 10)).toBe(BEISPIELHAUSEN_FASSUNG_FROZEN_ON);
		expect(BEISPIELHAUSEN_FASSUNG_FROZEN_ON < BEISPIELHAUSEN_DECISION.decidedOn).toBe(true);
		expect(overview.plan.measures.length).toBeGreaterThanOrEqual(6);
		expect(overview.plan.measures.length).toBeLessThanOrEqual(8);
		expect(overview.plan.inventory.map((item) => item.title)).toEqual(
			expect.arrayContaining(['OZG-Leistungen online', 'Elektronische Akte (eAkte)', 'E-Payment'])
		);
		for (const measure of overview.plan.measures) {
			expect(measure.costLines.length, measure.title).toBeGreaterThan(0);
		}
	});

	it('shows the designed progress: one stopped, late ones, on-time ones, indicators both sides of their targets', async () => {
		const { overview, title } = await seeded();
		const { statusCounts } = overview.agenda;
		expect(statusCounts.gestoppt).toBe(1);
		expect(statusCounts.verzoegert).toBe(1);
		expect(statusCounts.abgeschlossen).toBe(4);
		expect(statusCounts['in-arbeit']).toBe(1);
		const stopped = overview.measures.find((measure) => measure.status === 'gestoppt');
		expect(title(stopped?.measureId ?? '')).toMatch(/^Glasfaser/);
		expect(stopped?.statusReason).toMatch(/eigenwirtschaftlich/);

		const lateStarts = overview.measures.filter((measure) => measure.lateStart);
		const lateFinishes = overview.measures.filter((measure) => measure.lateFinish);
		expect(lateStarts.map((measure) => title(measure.measureId))).toEqual([
			'Bürger-WLAN in der Ortsmitte'
		]);
		expect(lateFinishes.map((measure) => title(measure.measureId)).sort()).toEqual([
			'Bürger-WLAN in der Ortsmitte',
			'Einführung der elektronischen Akte (eAkte)',
			'Online-Dienste nach dem Onlinezugangsgesetz'
		]);
		const onTime = overview.measures.filter(
			(measure) => !measure.lateStart && !measure.lateFinish && measure.status !== 'gestoppt'
		);
		expect(onTime.length).toBeGreaterThanOrEqual(3);

		// Progress of the running measure comes from its milestones (one of two reached).
		const council = overview.measures.find((measure) =>
			title(measure.measureId).startsWith('Digitale Gremien')
		);
		expect(council?.progress).toEqual({ percent: 50, source: 'milestones' });

		const indicator = (name: string) =>
			overview.measures
				.flatMap((measure) => measure.indicators)
				.find((entry) => entry.name === name);
		const devices = indicator('Geräte für Schülerinnen und Schüler');
		expect(devices?.latest?.value).toBeGreaterThan(devices?.target ?? Infinity);
		expect(devices?.verdict).toBe('erreicht');
		const wifi = indicator('Nutzungen pro Monat');
		expect(wifi?.latest?.value).toBeLessThan(wifi?.target ?? 0);
		expect(wifi?.verdict).toBe('hinter-plan');
		// Not there yet, but ahead of the straight line from baseline to target.
		const paperless = indicator('Sitzungsunterlagen nur digital');
		expect(paperless?.verdict).toBe('auf-kurs');
		expect(paperless?.attainment).toBe(70);
		// Every indicator of the plan has its numbers (Musterstadt: the strategy export test).
		for (const entry of overview.plan.measures.flatMap((measure) => measure.indicators)) {
			expect(entry, entry.name).toMatchObject({
				baseline: expect.any(Number),
				baselineYear: expect.any(Number),
				targetValue: expect.any(Number),
				targetYear: expect.any(Number)
			});
		}

		const years = overview.measures.flatMap((measure) => measure.years);
		expect(years.some((year) => (year.costDeviationCents ?? 0) > 0)).toBe(true);
		expect(years.some((year) => (year.costDeviationCents ?? 0) < 0)).toBe(true);
		expect(overview.inventory.filter((item) => item.status === 'abgeschlossen')).toHaveLength(3);
	});

	it('has one submitted and one returned fact for the team, counted nowhere', async () => {
		const { result } = await seeded();
		const { monitoringOverview } = await import('../monitoring/overview');
		const all = await monitoringOverview(t.db, result?.monitoringAgendaId ?? '', STICHTAG, 'all');
		const states = (all?.facts ?? []).map((fact) => fact.state);
		expect(states.filter((state) => state === 'submitted')).toHaveLength(1);
		expect(states.filter((state) => state === 'returned')).toHaveLength(1);
		expect(states.filter((state) => state === 'draft')).toHaveLength(0);
		expect(all?.facts.find((fact) => fact.state === 'returned')?.remark).toMatch(/Förderung/);
		const approved = all?.facts.filter((fact) => fact.state === 'approved') ?? [];
		expect(approved.length).toBeGreaterThan(30);
		expect(approved.every((fact) => fact.decidedAt !== null && fact.asOf <= STICHTAG)).toBe(true);
	});
});
