import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agendas } from '../../src/lib/server/db/schema';
import { withDatabase } from '../support/database';
import { berlinDay } from '../../src/lib/berlin-time';
import type { FactInput } from '../../src/lib/monitoring/fact-input';
import {
	DEMO,
	get,
	login,
	postForm,
	queryDatabase,
	registerUnconfirmed,
	textOf,
	uniqueEmail,
	userIdOf
} from '../support/http';
import { addFacts, resolveAgenda, type TestMonitoring } from '../support/monitoring';
import { copyAgenda, openTestParticipation } from '../support/participation';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Following a measure on its public progress page, on the production build without JavaScript
 * (plain form posts), listing and ending it on /konto, and the followers' mails when an owner
 * approves a fact on the team page (read from the outbox: no SMTP server configured).
 */
let server: TestServer;
let monitoring: TestMonitoring;
let internal: TestMonitoring;
const cookies: Record<string, string> = {};

const measureId = () => monitoring.plan.measures[0]!.id;
const measureTitle = () => monitoring.plan.measures[0]!.title;
const measurePath = () => `/umsetzung/musterstadt/${measureId()}`;

async function follows(email: string, agendaId = monitoring.agendaId): Promise<string[]> {
	return (
		await queryDatabase<{ measure_id: string }>(
			server.databasePath,
			'SELECT measure_id FROM measure_follows WHERE user_id = ? AND agenda_id = ?',
			await userIdOf(server.databasePath, email),
			agendaId
		)
	).map((row) => row.measure_id);
}

async function setVisibility(slug: string, visibility: 'public' | 'internal') {
	await withDatabase(server.databasePath, (db) =>
		db.update(agendas).set({ visibility }).where(eq(agendas.slug, slug))
	);
}

async function followerMails(): Promise<{ to: string; subject: string; text: string }[]> {
	return await queryDatabase(
		server.databasePath,
		'SELECT "to", subject, text FROM mails WHERE kind = \'measure-followed\' ORDER BY created_at, rowid'
	);
}

beforeAll(async () => {
	server = await startTestServer({ RATE_LIMIT_LOGIN_PER_IP: '1000' });
	monitoring = await resolveAgenda(server.databasePath, 'musterstadt', { versionNumber: 1 });
	await copyAgenda(server.databasePath, 'musterstadt', 'intern-folgen');
	internal = await resolveAgenda(server.databasePath, 'intern-folgen');
	cookies.citizen = await login(server.url, DEMO.citizen);
	cookies.admin = await login(server.url, DEMO.admin);
});

afterAll(async () => {
	await server?.stop();
});

describe('following a measure', () => {
	it('shows an anonymous visitor a link to log in that comes back, and refuses their post', async () => {
		const html = await (await get(server.url, measurePath())).text();
		expect(html).toContain(`/anmelden?weiter=${encodeURIComponent(measurePath())}`);
		expect(textOf(html)).not.toContain('Dieser Maßnahme folgen');
		const refused = await postForm(server.url, `${measurePath()}?/follow`, {});
		expect(refused.status).toBe(401);
	});

	it('follows and unfollows with plain form posts', async () => {
		const page = textOf(
			await (await get(server.url, measurePath(), { cookie: cookies.citizen })).text()
		);
		expect(page).toContain('Dieser Maßnahme folgen');

		const followed = await postForm(
			server.url,
			`${measurePath()}?/follow`,
			{},
			{
				cookie: cookies.citizen
			}
		);
		expect(followed.status).toBe(200);
		expect(textOf(await followed.text())).toContain('Sie folgen dieser Maßnahme jetzt.');
		expect(await follows(DEMO.citizen)).toEqual([measureId()]);
		// Twice is still one row.
		await postForm(server.url, `${measurePath()}?/follow`, {}, { cookie: cookies.citizen });
		expect(await follows(DEMO.citizen)).toEqual([measureId()]);

		const again = textOf(
			await (await get(server.url, measurePath(), { cookie: cookies.citizen })).text()
		);
		expect(again).toContain('Sie folgen dieser Maßnahme.');
		expect(again).toContain('Nicht mehr folgen');

		const unfollowed = await postForm(
			server.url,
			`${measurePath()}?/unfollow`,
			{},
			{ cookie: cookies.citizen }
		);
		expect(unfollowed.status).toBe(200);
		expect(textOf(await unfollowed.text())).toContain('Sie folgen dieser Maßnahme nicht mehr.');
		expect(await follows(DEMO.citizen)).toEqual([]);
	});

	it('lists the followed measure on /konto beside the agendas, with a button to stop', async () => {
		await postForm(server.url, `${measurePath()}?/follow`, {}, { cookie: cookies.citizen });
		const konto = textOf(
			await (await get(server.url, '/konto', { cookie: cookies.citizen })).text()
		);
		expect(konto).toContain('Maßnahmen, denen Sie folgen');
		expect(konto).toContain(`„${measureTitle()}“ (`);
		const english = await get(server.url, '/konto', {
			cookie: `${cookies.citizen}; PARAGLIDE_LOCALE=en`
		});
		expect(textOf(await english.text())).toContain('Measures you follow');

		const stopped = await postForm(
			server.url,
			'/konto?/notifications',
			{ unfollow: `${monitoring.agendaId}/${measureId()}` },
			{ cookie: cookies.citizen }
		);
		expect(stopped.status).toBe(200);
		expect(textOf(await stopped.text())).toContain(`Sie folgen „${measureTitle()}“ nicht mehr.`);
		expect(await follows(DEMO.citizen)).toEqual([]);
		// Nothing followed any more: the same key is refused, in German.
		const unknown = await postForm(
			server.url,
			'/konto?/notifications',
			{ unfollow: `${monitoring.agendaId}/${measureId()}` },
			{ cookie: cookies.citizen }
		);
		expect(unknown.status).toBe(400);
	});

	it('asks an unconfirmed address to confirm first, as commenting does, and stores nothing', async () => {
		const email = uniqueEmail('folgen');
		const cookie = await registerUnconfirmed(server.url, email);
		const page = textOf(await (await get(server.url, measurePath(), { cookie })).text());
		expect(page).toContain('Link erneut senden');
		expect(page).not.toContain('Dieser Maßnahme folgen');
		const refused = await postForm(server.url, `${measurePath()}?/follow`, {}, { cookie });
		expect(refused.status).toBe(403);
		expect(textOf(await refused.text())).toContain(
			'Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse'
		);
		expect(await follows(email)).toEqual([]);
	});

	it('answers 404 for an unknown measure and an internal agenda, and stores nothing', async () => {
		const unknown = await postForm(
			server.url,
			'/umsetzung/musterstadt/aaaaaaaaaaaaaaaa?/follow',
			{},
			{ cookie: cookies.citizen }
		);
		expect(unknown.status).toBe(404);
		const internalMeasure = internal.plan.measures[0]!.id;
		const hidden = await postForm(
			server.url,
			`/umsetzung/intern-folgen/${internalMeasure}?/follow`,
			{},
			{ cookie: cookies.citizen }
		);
		expect(hidden.status).toBe(404);
		expect(await follows(DEMO.citizen)).toEqual([]);
		expect(await follows(DEMO.citizen, internal.agendaId)).toEqual([]);
		// A member of the internal agenda reads its page, but nobody follows it: no form, no row.
		const member = await get(server.url, `/umsetzung/intern-folgen/${internalMeasure}`, {
			cookie: cookies.admin
		});
		expect(member.status).toBe(200);
		expect(textOf(await member.text())).not.toContain('Dieser Maßnahme folgen');
		const memberPost = await postForm(
			server.url,
			`/umsetzung/intern-folgen/${internalMeasure}?/follow`,
			{},
			{ cookie: cookies.admin }
		);
		expect(memberPost.status).toBe(404);
		expect(await follows(DEMO.admin, internal.agendaId)).toEqual([]);
	});
});

describe('mails when an owner approves', () => {
	const today = berlinDay(new Date());
	const report = (values: Partial<Extract<FactInput, { kind: 'report' }>>): FactInput => ({
		kind: 'report',
		itemKind: 'measure',
		itemId: measureId(),
		asOf: today,
		status: 'in-arbeit',
		statusReason: null,
		progress: 30,
		text: 'Die Ausschreibung läuft.',
		...values
	});
	const approve = (factId: string) =>
		postForm(
			server.url,
			`/agenden/${monitoring.agendaId}/umsetzung/${measureId()}?/decide`,
			{ factId, verdict: 'approve', remark: '' },
			{ cookie: cookies.admin }
		);

	it('queues one mail per follower; the subject names a status change, then a new Sachstand', async () => {
		await postForm(server.url, `${measurePath()}?/follow`, {}, { cookie: cookies.citizen });
		const [first, second] = await addFacts(server.databasePath, monitoring, [
			{ fact: await report({ text: 'Erster Sachstand für Folgende.' }), state: 'submitted' },
			{ fact: await report({ progress: 45, text: 'Zweiter Sachstand.' }), state: 'submitted' }
		]);
		const before = (await followerMails()).length;

		expect((await approve(first!)).status).toBe(200);
		const afterFirst = (await followerMails()).slice(before);
		expect(afterFirst).toHaveLength(1);
		expect(afterFirst[0]).toMatchObject({
			to: DEMO.citizen,
			subject: `Status geändert: unbekannt → in Arbeit – ${measureTitle()}`
		});
		expect(afterFirst[0]!.text).toContain('Erster Sachstand für Folgende.');
		expect(afterFirst[0]!.text).toContain(`${server.url}${measurePath()}`);

		// The mail's unsubscribe page names the kind, in German and in English.
		const unsubscribe = /\/abbestellen\/[a-z2-7]+\/measure-followed/.exec(afterFirst[0]!.text)?.[0];
		expect(unsubscribe).toBeDefined();
		const german = textOf(await (await get(server.url, unsubscribe!)).text());
		expect(german).toContain('Maßnahmen, denen Sie folgen');
		const english = await get(server.url, unsubscribe!, { cookie: 'PARAGLIDE_LOCALE=en' });
		expect(textOf(await english.text())).toContain('Measures you follow');

		expect((await approve(second!)).status).toBe(200);
		const afterSecond = (await followerMails()).slice(before);
		expect(afterSecond).toHaveLength(2);
		expect(afterSecond[1]!.subject).toBe(`Neuer Sachstand zu ${measureTitle()}`);

		// Approving the same fact again is refused and mails nothing.
		expect((await approve(second!)).status).toBe(409);
		expect((await followerMails()).slice(before)).toHaveLength(2);
	});

	it('mails nobody who turned the kind off or unfollowed', async () => {
		const before = (await followerMails()).length;
		const off = await postForm(
			server.url,
			'/konto?/notifications',
			{
				'comment-answered': 'on',
				'comment-replied': 'on',
				'comment-moderated': 'on',
				'round-followed': 'on',
				'measure-followed': 'off'
			},
			{ cookie: cookies.citizen }
		);
		expect(off.status).toBe(200);
		const [muted] = await addFacts(server.databasePath, monitoring, [
			{ fact: await report({ status: 'verzoegert', statusReason: 'Verzug' }), state: 'submitted' }
		]);
		expect((await approve(muted!)).status).toBe(200);
		expect(await followerMails()).toHaveLength(before);

		await postForm(
			server.url,
			'/konto?/notifications',
			{
				'comment-answered': 'on',
				'comment-replied': 'on',
				'comment-moderated': 'on',
				'round-followed': 'on',
				'measure-followed': 'on'
			},
			{ cookie: cookies.citizen }
		);
		await postForm(server.url, `${measurePath()}?/unfollow`, {}, { cookie: cookies.citizen });
		const [unfollowed] = await addFacts(server.databasePath, monitoring, [
			{ fact: await report({ progress: 50 }), state: 'submitted' }
		]);
		expect((await approve(unfollowed!)).status).toBe(200);
		expect(await followerMails()).toHaveLength(before);
	});
});

describe('links to the progress page', () => {
	it('the start page and the participation header link a public agenda with a decision only', async () => {
		const home = await (await get(server.url, '/')).text();
		expect(home).toContain('href="/umsetzung/musterstadt"');
		expect(home).not.toContain('href="/umsetzung/intern-folgen"');

		// The Musterstadt demo's participation: its Fassung 1 was resolved above.
		const decided = await (await get(server.url, '/beteiligung/musterstadt')).text();
		expect(decided).toContain('href="/umsetzung/musterstadt"');
		expect(textOf(decided)).toContain('Stand der Umsetzung');
		// A participation whose agenda has no decision yet (its public copy) links nowhere.
		await copyAgenda(server.databasePath, 'musterstadt', 'ohne-beschluss');
		await setVisibility('ohne-beschluss', 'public');
		await openTestParticipation(server.databasePath, { slug: 'ohne-beschluss' });
		const undecided = await (await get(server.url, '/beteiligung/ohne-beschluss')).text();
		expect(textOf(undecided)).not.toContain('Stand der Umsetzung');
		// Nor does one of an internal agenda, decided or not.
		await openTestParticipation(server.databasePath, { slug: 'intern-folgen' });
		const hidden = await (await get(server.url, '/beteiligung/intern-folgen')).text();
		expect(hidden).not.toContain('/umsetzung/intern-folgen');
	});
});
