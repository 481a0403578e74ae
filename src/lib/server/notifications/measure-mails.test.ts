import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	confirmedAccount,
	createDemoDatabase,
	type DemoDatabase
} from '../../../../tests/support/database';
import type { Agenda } from '../../agenda/model/schema';
import { implementationStatusLabel } from '../../labels';
import type { FactInput } from '../../monitoring/fact-input';
import { findUserByEmail } from '../accounts/users';
import { agendas, mails, users } from '../db/schema';
import { recordDecision, resolvedPlan, type CouncilDecision } from '../monitoring/decisions';
import { decideFact, saveFact, submitFact } from '../monitoring/facts';
import { followMeasure, unfollowMeasure } from './measure-follows';
import { setNotificationPreferences } from './preferences';

/**
 * The followers' mails when an owner approves a fact about a measure, on a real SQLite file: the
 * Musterstadt demo's Fassung 1 resolved, facts written, handed in and approved with the domain
 * functions, mails read from the outbox.
 */
const ORIGIN = 'https://agenda.musterstadt.example';
/** The approvals happen on this day (Berlin): every report below is dated before it. */
const NOW = new Date('2027-09-01T10:00:00Z');

let t: DemoDatabase;
let ownerId = '';
let editorId = '';
let decision: CouncilDecision;
let plan: Agenda;
let erika = '';
let john = '';
let other = '';

const measure = (index: number) => {
	const found = plan.measures[index];
	if (!found) throw new Error('Maßnahme fehlt');
	return found;
};
const ref = (index: number) => ({ agendaId: t.agendaId, measureId: measure(index).id });

beforeAll(async () => {
	t = await createDemoDatabase();
	ownerId = (await findUserByEmail(t.db, 'verwaltung@musterstadt.example'))?.id ?? '';
	editorId = (await findUserByEmail(t.db, 'ag1@musterstadt.example'))?.id ?? '';
	const recorded = await recordDecision(t.db, {
		agendaId: t.agendaId,
		versionNumber: 1,
		decidedOn: '2027-02-02',
		number: '2027/0012',
		result: 'beschlossen',
		oparlUrl: null,
		actorId: ownerId
	});
	if (!recorded.ok) throw new Error(recorded.error);
	decision = recorded.decision;
	plan = await resolvedPlan(t.db, decision);
	erika = (await confirmedAccount(t.db, { email: 'erika@example.org', displayName: 'Erika' })).id;
	john = (await confirmedAccount(t.db, { email: 'john@example.org', displayName: 'John' })).id;
	await t.db.update(users).set({ locale: 'en' }).where(eq(users.id, john));
	other = (await confirmedAccount(t.db, { email: 'otto@example.org', displayName: 'Otto' })).id;
	await followMeasure(t.db, erika, ref(0));
	await followMeasure(t.db, john, ref(0));
	await followMeasure(t.db, other, ref(1));
});

afterAll(() => t.dispose());

// Every approval below happens at NOW, so the mails' times tie: a test's new mails are those whose
// ids were not there before it, not the last ones in some order.
let before = new Set<string>();
beforeEach(async () => {
	before = new Set((await followerMails()).map((mail) => mail.id));
});

async function followerMails() {
	return await t.db.select().from(mails).where(eq(mails.kind, 'measure-followed'));
}
const newMails = async () => (await followerMails()).filter((mail) => !before.has(mail.id));

const report = (values: Partial<Extract<FactInput, { kind: 'report' }>> = {}): FactInput => ({
	kind: 'report',
	itemKind: 'measure',
	itemId: measure(0).id,
	asOf: '2027-03-31',
	status: 'in-arbeit',
	statusReason: null,
	progress: 25,
	text: 'Die Ausschreibung läuft.',
	...values
});

/** Writes the fact, hands it in, and lets the owner decide, as the team pages do. */
async function handIn(fact: FactInput): Promise<string> {
	const saved = await saveFact(t.db, { decision, plan, fact, actorId: editorId });
	if (!saved.ok) throw new Error(saved.error);
	const submitted = await submitFact(t.db, { decision, factId: saved.id, actorId: editorId });
	if (!submitted.ok) throw new Error(submitted.error);
	return saved.id;
}

async function approve(factId: string, { withOrigin = true } = {}) {
	return await decideFact(t.db, {
		decision,
		factId,
		verdict: 'approve',
		remark: '',
		actorId: ownerId,
		now: NOW,
		origin: withOrigin ? ORIGIN : undefined
	});
}

const label = (status: Parameters<typeof implementationStatusLabel>[0], locale: 'de' | 'en') =>
	implementationStatusLabel(status, locale);

describe('mails to the followers of a measure', () => {
	it('a first Sachstand changes the status: each follower gets one mail in their language', async () => {
		const factId = await handIn(await report({ text: 'Die Ausschreibung läuft seit März.' }));
		expect(await approve(factId)).toEqual({ ok: true });
		const sent = await newMails();
		expect(sent.map((mail) => mail.to).sort()).toEqual(['erika@example.org', 'john@example.org']);
		const de = sent.find((mail) => mail.to === 'erika@example.org');
		const en = sent.find((mail) => mail.to === 'john@example.org');
		const title = measure(0).title;
		expect(de?.subject).toBe(
			`Status geändert: ${label('unbekannt', 'de')} → ${label('in-arbeit', 'de')} – ${title}`
		);
		expect(de?.text).toContain('Die Ausschreibung läuft seit März.');
		expect(de?.text).toContain('Fortschritt laut Sachstand: 25 %.');
		expect(de?.text).toContain(`${ORIGIN}/umsetzung/musterstadt/${measure(0).id}`);
		expect(de?.text).toContain('/abbestellen/');
		expect(en?.subject).toBe(
			`Status changed: ${label('unbekannt', 'en')} → ${label('in-arbeit', 'en')} – ${title}`
		);
		expect(en?.text).toContain('Progress according to the report: 25 %.');
	});

	it('a Sachstand with the same status is a new Sachstand, not a status change', async () => {
		await approve(
			await handIn(await report({ asOf: '2027-06-30', progress: 40, text: 'Zuschlag erteilt.' }))
		);
		const sent = await newMails();
		expect(sent).toHaveLength(2);
		expect(sent.map((mail) => mail.subject)).toContain(`Neuer Sachstand zu ${measure(0).title}`);
		expect(sent.every((mail) => !mail.subject.includes('→'))).toBe(true);
	});

	it('a Sachstand dated before the latest approved one claims no status change that does not count', async () => {
		// Delayed in May, but the report of 30 June (in Arbeit) is later and still counts today.
		await approve(
			await handIn(
				await report({
					asOf: '2027-05-15',
					status: 'verzoegert',
					statusReason: 'Lieferverzug',
					text: 'Nachgetragen: Verzug im Mai.'
				})
			)
		);
		const de = (await newMails()).find((mail) => mail.to === 'erika@example.org');
		expect(de?.subject).toBe(`Neuer Sachstand zu ${measure(0).title}`);
		expect(de?.text).toContain(`Status laut Sachstand: ${label('verzoegert', 'de')}.`);
		expect(de?.text).toContain(`Stand der Maßnahme heute: ${label('in-arbeit', 'de')}, 40 %`);
	});

	it('a later Sachstand with another status says the change', async () => {
		await approve(
			await handIn(
				await report({
					asOf: '2027-08-15',
					status: 'verzoegert',
					statusReason: 'Einspruch im Vergabeverfahren',
					progress: 40
				})
			)
		);
		const de = (await newMails()).find((mail) => mail.to === 'erika@example.org');
		expect(de?.subject).toBe(
			`Status geändert: ${label('in-arbeit', 'de')} → ${label('verzoegert', 'de')} – ${measure(0).title}`
		);
		expect(de?.text).toContain('Begründung: Einspruch im Vergabeverfahren');
	});

	it('a milestone reached is told; indicator values are not', async () => {
		const milestone = measure(0).milestones[0];
		const indicator = measure(0).indicators[0];
		if (!milestone || !indicator) throw new Error('Demo-Maßnahme ohne Meilenstein/Indikator');
		const about = { itemKind: 'measure' as const, itemId: measure(0).id, asOf: '2027-08-20' };
		await approve(await handIn({ kind: 'milestone', ...about, milestoneId: milestone.id }));
		await approve(
			await handIn({ kind: 'indicator', ...about, indicatorId: indicator.id, value: 3 })
		);
		const sent = await newMails();
		expect(sent).toHaveLength(2);
		expect(sent.find((mail) => mail.to === 'erika@example.org')?.subject).toBe(
			`Meilenstein erreicht: ${milestone.title} – ${measure(0).title}`
		);
	});

	it('approving twice mails once; returning mails nothing', async () => {
		const factId = await handIn(await report({ asOf: '2027-08-25' }));
		await approve(factId);
		expect(await approve(factId)).toEqual({ ok: false, error: 'not-submitted' });
		expect(await newMails()).toHaveLength(2);
		const returned = await handIn(await report({ asOf: '2027-08-26' }));
		const decided = await decideFact(t.db, {
			decision,
			factId: returned,
			verdict: 'return',
			remark: 'Bitte ergänzen.',
			actorId: ownerId,
			now: NOW,
			origin: ORIGIN
		});
		expect(decided).toEqual({ ok: true });
		expect(await newMails()).toHaveLength(2);
	});

	it('nobody who unfollowed or turned the kind off, and nothing without an origin', async () => {
		await setNotificationPreferences(t.db, erika, { 'measure-followed': 'off' });
		await unfollowMeasure(t.db, john, ref(0));
		await approve(
			await handIn(await report({ asOf: '2027-08-27', status: 'abgeschlossen', progress: 100 }))
		);
		expect(await newMails()).toHaveLength(0);
		await followMeasure(t.db, john, ref(0));
		await approve(await handIn(await report({ asOf: '2027-08-28' })), { withOrigin: false });
		expect(await newMails()).toHaveLength(0);
		await setNotificationPreferences(t.db, erika, { 'measure-followed': 'on' });
	});

	it('nothing about an agenda that is no longer public', async () => {
		await t.db.update(agendas).set({ visibility: 'internal' }).where(eq(agendas.id, t.agendaId));
		await approve(await handIn(await report({ asOf: '2027-08-29' })));
		expect(await newMails()).toHaveLength(0);
		await t.db.update(agendas).set({ visibility: 'public' }).where(eq(agendas.id, t.agendaId));
		await approve(await handIn(await report({ asOf: '2027-08-30' })));
		expect(await newMails()).toHaveLength(2);
		// The follower of the other measure heard of none of it.
		const otto = await t.db
			.select()
			.from(mails)
			.where(and(eq(mails.to, 'otto@example.org'), like(mails.kind, 'measure%')));
		expect(otto).toHaveLength(0);
	});
});
