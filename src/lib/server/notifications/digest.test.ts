import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findUserByEmail } from '../accounts/users';
import {
	createDemoDatabase,
	createTestDatabase,
	type DemoDatabase
} from '../../../../tests/support/database';
import { DEMO_AGENDA } from '../demo/accounts';
import {
	commentReports,
	comments,
	digestCursors,
	mails,
	memberships,
	notificationsSent,
	users
} from '../db/schema';
import { seedDemoIfEmpty } from '../db/seed';
import { generateId } from '../ids';
import { lastBerlinHour } from '$lib/berlin-time';
import { listVersions, getVersion, versionAgenda } from '../participation/versions';
import { sendDueDigests } from './digest';
import { DIGEST_LISTED_MAX, excerpt } from './digest-mail';
import { setNotificationPreferences } from './preferences';

const ORIGIN = 'https://agenda.example';
const at = (iso: string) => new Date(iso).getTime();
/** Members since the evening before; the digest hour is 7 o'clock Berlin time (06:00 UTC in winter). */
const MEMBER_SINCE = '2030-01-09T20:00:00Z';

let t: DemoDatabase;
let agendaId = '';
let versionId = '';
let measure = { id: '', title: '' };
const ids: Record<'owner' | 'editor' | 'editor2' | 'viewer' | 'citizen', string> = {
	owner: '',
	editor: '',
	editor2: '',
	viewer: '',
	citizen: ''
};
const addresses = {
	owner: 'verwaltung@musterstadt.example',
	editor: 'ag1@musterstadt.example',
	editor2: 'ag2@musterstadt.example',
	viewer: 'rat@musterstadt.example',
	citizen: 'buerger@musterstadt.example'
} as const;

beforeEach(async () => {
	t = await createDemoDatabase();
	agendaId = t.agendaId;
	for (const who of Object.keys(ids) as (keyof typeof ids)[]) {
		const user = await findUserByEmail(t.db, addresses[who]);
		if (!user) throw new Error(`${who} fehlt`);
		ids[who] = user.id;
	}
	const newest = (await listVersions(t.db, agendaId)).at(-1);
	const version = newest && (await getVersion(t.db, agendaId, newest.number));
	if (!version) throw new Error('Fassung fehlt');
	versionId = version.id;
	const first = versionAgenda(version).measures[0];
	if (!first) throw new Error('Maßnahme fehlt');
	measure = { id: first.id, title: first.title };
	await t.db.update(memberships).set({ createdAt: new Date(MEMBER_SINCE) });
	// These tests place everything in 2030; the demo's own cursors (see below) would hide that.
	await t.db.delete(digestCursors);
});

afterEach(() => t.dispose());

async function comment(
	iso: string,
	body: string,
	options: {
		author?: string;
		status?: 'visible' | 'pending' | 'hidden';
		parentId?: string;
		item?: { kind: 'measure' | 'goal' | 'section'; id: string };
		deleted?: boolean;
	} = {}
): Promise<string> {
	const id = generateId();
	const item = options.item ?? { kind: 'measure', id: measure.id };
	await t.db.insert(comments).values({
		id,
		versionId,
		itemKind: item.kind,
		itemId: item.id,
		parentId: options.parentId ?? null,
		authorId: options.author ?? ids.citizen,
		body,
		status: options.status ?? 'visible',
		createdAt: new Date(iso),
		deletedAt: options.deleted ? new Date(iso) : null
	});
	return id;
}

async function report(
	iso: string,
	commentId: string,
	reason: string,
	reporter = ids.citizen
): Promise<void> {
	await t.db.insert(commentReports).values({
		id: generateId(),
		commentId,
		reporterId: reporter,
		reason,
		createdAt: new Date(iso)
	});
}

async function run(iso: string): Promise<void> {
	await sendDueDigests(t.db, { now: at(iso), origin: ORIGIN }, { digestHour: 7 });
}

/** A member's digests in the order they were sent. */
const digestsTo = async (who: keyof typeof ids) =>
	await t.db
		.select()
		.from(mails)
		.where(and(eq(mails.kind, 'agenda-digest'), eq(mails.to, addresses[who])))
		.orderBy(mails.createdAt);

async function cursorOf(who: keyof typeof ids): Promise<Date | undefined> {
	const [cursor] = await t.db
		.select()
		.from(digestCursors)
		.where(and(eq(digestCursors.userId, ids[who]), eq(digestCursors.agendaId, agendaId)));
	return cursor?.coveredUntil;
}

const editorLink = () =>
	`${ORIGIN}/agenden/${agendaId}/bearbeiten?abschnitt=massnahmen&massnahme=${measure.id}`;

describe('the demo', () => {
	it('tells its AG nothing of the comments it was seeded with', async () => {
		const fresh = createTestDatabase();
		try {
			const seededAt = Date.now();
			await seedDemoIfEmpty(fresh.db, 'demo-passwort-test');
			// The first digest hour after seeding, when the seeded comments would still be news.
			const nextMorning = lastBerlinHour(seededAt + 24 * 60 * 60 * 1000, 7).getTime() + 1_000;
			await sendDueDigests(fresh.db, { now: nextMorning, origin: ORIGIN }, { digestHour: 7 });
			expect((await fresh.db.select().from(comments)).length).toBeGreaterThan(0);
			expect(await fresh.db.select().from(mails)).toEqual([]);
		} finally {
			await fresh.dispose();
		}
	});
});

describe('the daily digest', () => {
	it('goes out once after the digest hour, not again that day, and the next day with what is new', async () => {
		await comment('2030-01-09T22:00:00Z', 'Bitte mehr Radwege.');
		await run('2030-01-10T05:59:00Z');
		expect(await digestsTo('owner')).toHaveLength(0);

		await run('2030-01-10T06:01:00Z');
		expect(await digestsTo('owner')).toHaveLength(1);
		expect(await digestsTo('editor')).toHaveLength(1);
		expect((await cursorOf('owner'))?.toISOString()).toBe('2030-01-10T06:01:00.000Z');

		await comment('2030-01-10T09:00:00Z', 'Und Abstellplätze am Bahnhof.');
		await run('2030-01-10T09:05:00Z');
		await run('2030-01-10T23:00:00Z');
		expect(await digestsTo('owner')).toHaveLength(1);

		await run('2030-01-11T06:00:00Z');
		const [, second] = await digestsTo('owner');
		expect(second?.text).toContain('Abstellplätze am Bahnhof');
		expect(second?.text).not.toContain('Bitte mehr Radwege');
		expect(second?.subject).toBe(`${DEMO_AGENDA.title}: 1 neuer Kommentar`);
		expect(
			// The event key ends in the run's time: in key order, in the order they were sent.
			await t.db
				.select()
				.from(notificationsSent)
				.where(eq(notificationsSent.userId, ids.owner))
				.orderBy(notificationsSent.eventKey)
		).toEqual([
			expect.objectContaining({ eventKey: `digest:${agendaId}:${at('2030-01-10T06:01:00Z')}` }),
			expect.objectContaining({ eventKey: `digest:${agendaId}:${at('2030-01-11T06:00:00Z')}` })
		]);
	});

	it('sends nothing when nothing is new, and moves the cursor on', async () => {
		await run('2030-01-10T06:30:00Z');
		expect(await t.db.select().from(mails)).toHaveLength(0);
		expect((await cursorOf('owner'))?.toISOString()).toBe('2030-01-10T06:30:00.000Z');
	});

	it('goes to owners and editors with a confirmed address, not to viewers, nor to whoever turned it off', async () => {
		await setNotificationPreferences(t.db, ids.editor2, { 'agenda-digest': 'off' });
		await t.db.update(users).set({ emailConfirmedAt: null }).where(eq(users.id, ids.editor));
		await comment('2030-01-09T22:00:00Z', 'Bitte mehr Radwege.');
		await run('2030-01-10T06:30:00Z');
		expect(await digestsTo('owner')).toHaveLength(1);
		expect(await digestsTo('editor')).toHaveLength(0);
		expect(await digestsTo('editor2')).toHaveLength(0);
		expect(await digestsTo('viewer')).toHaveLength(0);
		// An address confirmed later gets what is new from then on, not the backlog.
		expect((await cursorOf('editor'))?.toISOString()).toBe('2030-01-10T06:30:00.000Z');
		// Turned on again, the digest starts from that day, not from when it was turned off.
		expect((await cursorOf('editor2'))?.toISOString()).toBe('2030-01-10T06:30:00.000Z');
	});

	it('leaves out a member’s own comments and reports, deleted comments and settled reports', async () => {
		await comment('2030-01-09T21:00:00Z', 'Das ist gelöscht.', { deleted: true });
		const own = await comment('2030-01-09T22:00:00Z', 'Die AG ergänzt etwas.', {
			author: ids.editor
		});
		await report('2030-01-09T23:00:00Z', own, 'Eigene Meldung', ids.editor);
		const settled = await comment('2030-01-09T21:30:00Z', 'Schon geprüft.', { author: ids.editor });
		await t.db.insert(commentReports).values({
			id: generateId(),
			commentId: settled,
			reporterId: ids.citizen,
			reason: 'Erledigt',
			createdAt: new Date('2030-01-09T23:30:00Z'),
			resolvedAt: new Date('2030-01-09T23:40:00Z'),
			resolvedBy: ids.owner
		});
		await run('2030-01-10T06:30:00Z');
		expect(await digestsTo('editor')).toHaveLength(0);
		const [mail] = await digestsTo('owner');
		expect(mail?.subject).toBe(`${DEMO_AGENDA.title}: 2 neue Kommentare, 1 Meldung`);
		expect(mail?.text).not.toContain('Erledigt');
		expect(mail?.text).toContain('Die AG ergänzt etwas.');
		expect(mail?.text).not.toContain('Das ist gelöscht.');
	});

	it('tells a member who joined later only what came since, and at first at most a day back', async () => {
		await comment('2030-01-09T19:00:00Z', 'Vor der Mitgliedschaft.');
		await comment('2030-01-09T21:00:00Z', 'Nach dem Beitritt.');
		await t.db
			.update(memberships)
			.set({ createdAt: new Date('2029-01-01T00:00:00Z') })
			.where(eq(memberships.userId, ids.editor));
		await comment('2030-01-08T12:00:00Z', 'Viel zu alt.');
		await run('2030-01-10T06:30:00Z');
		const [owner] = await digestsTo('owner');
		expect(owner?.text).toContain('Nach dem Beitritt.');
		expect(owner?.text).not.toContain('Vor der Mitgliedschaft.');
		const [editor] = await digestsTo('editor');
		expect(editor?.text).toContain('Vor der Mitgliedschaft.');
		expect(editor?.text).not.toContain('Viel zu alt.');
	});
});

describe('the immediate digest', () => {
	it('goes to an owner who chose it at every run with something new; an editor’s choice counts as daily', async () => {
		await setNotificationPreferences(t.db, ids.owner, { 'agenda-digest': 'immediate' });
		await setNotificationPreferences(t.db, ids.editor, { 'agenda-digest': 'immediate' });
		await comment('2030-01-09T22:00:00Z', 'Bitte mehr Radwege.');
		await run('2030-01-09T22:01:00Z');
		expect(await digestsTo('owner')).toHaveLength(1);
		expect(await digestsTo('editor')).toHaveLength(0);

		await run('2030-01-09T22:02:00Z');
		expect(await digestsTo('owner')).toHaveLength(1);

		await comment('2030-01-09T22:10:00Z', 'Noch ein Gedanke.');
		await run('2030-01-09T22:11:00Z');
		const [, second] = await digestsTo('owner');
		expect(second?.text).toContain('Noch ein Gedanke.');
		expect(second?.text).not.toContain('Bitte mehr Radwege.');

		await run('2030-01-10T06:01:00Z');
		expect(await digestsTo('editor')).toHaveLength(1);
		expect(await digestsTo('owner')).toHaveLength(2);
	});
});

describe('the digest’s text', () => {
	it('counts at the top, groups by item with the editor link, names authors and links reports', async () => {
		const first = await comment('2030-01-09T21:00:00Z', 'Bitte mehr Radwege.\n\nAuch im Winter.');
		await comment('2030-01-09T21:30:00Z', 'Stimme zu.', { parentId: first, status: 'pending' });
		await comment('2030-01-09T22:00:00Z', 'Zum Leitbild.', {
			item: { kind: 'section', id: 'leitbild' }
		});
		await report('2030-01-09T23:00:00Z', first, 'Werbung');
		await run('2030-01-10T06:30:00Z');
		const [mail] = await digestsTo('owner');
		expect(mail?.subject).toBe(`${DEMO_AGENDA.title}: 3 neue Kommentare, 1 Meldung`);
		const text = mail?.text ?? '';
		expect(text).toContain(
			`Neu in der Agenda „${DEMO_AGENDA.title}“ seit 09.01.2030, 21:00: 3 neue Kommentare, 1 Meldung.`
		);
		expect(text).toContain(`Maßnahme „${measure.title}“, im Editor: ${editorLink()}`);
		expect(text).toContain(
			'Bürgerin Meier am 09.01.2030, 22:00: „Bitte mehr Radwege. Auch im Winter.“'
		);
		expect(text).toContain(
			'Antwort von Bürgerin Meier am 09.01.2030, 22:30: „Stimme zu.“ Wartet auf Freigabe.'
		);
		expect(text).toContain(
			`Abschnitt „Leitbild“, im Editor: ${ORIGIN}/agenden/${agendaId}/bearbeiten?abschnitt=leitbild`
		);
		expect(text).toContain(
			`Meldungen, in der Moderation: ${ORIGIN}/agenden/${agendaId}/moderation`
		);
		expect(text).toContain('Grund der Meldung: „Werbung“');
		expect(text).toContain(`${ORIGIN}/agenden/${agendaId}/bearbeiten\n`);
		expect(text).toContain(`weil Sie in der AG der Agenda „${DEMO_AGENDA.title}“ mitarbeiten`);
		expect(mail?.headers['List-Unsubscribe']).toContain('/agenda-digest>');
		expect(mail?.html).toContain(editorLink().replaceAll('&', '&amp;'));
	});

	it('is written in the member’s language', async () => {
		await t.db.update(users).set({ locale: 'en' }).where(eq(users.id, ids.owner));
		await comment('2030-01-09T21:00:00Z', 'Bitte mehr Radwege.');
		await run('2030-01-10T06:30:00Z');
		const [mail] = await digestsTo('owner');
		expect(mail?.subject).toBe(`${DEMO_AGENDA.title}: 1 new comment`);
		expect(mail?.text).toContain('Hello Stabsstelle Digitalisierung,');
		expect(mail?.text).toContain(`Measure “${measure.title}”, in the editor: ${editorLink()}`);
		expect(mail?.text).toContain('Bürgerin Meier on 9 Jan 2030, 22:00: “Bitte mehr Radwege.”');
		expect((await digestsTo('editor'))[0]?.text).toContain('Guten Tag Anna Berger (AG),');
	});

	it('lists a busy day up to a limit and counts the rest', async () => {
		for (let index = 0; index < DIGEST_LISTED_MAX + 5; index++)
			await comment(
				`2030-01-09T21:${String(index).padStart(2, '0')}:00Z`,
				`Hinweis Nummer ${index}.`
			);
		await run('2030-01-10T06:30:00Z');
		const text = (await digestsTo('owner'))[0]?.text ?? '';
		expect(text).toContain(`${DIGEST_LISTED_MAX + 5} neue Kommentare`);
		expect(text).toContain(`Hinweis Nummer ${DIGEST_LISTED_MAX - 1}.`);
		expect(text).not.toContain(`Hinweis Nummer ${DIGEST_LISTED_MAX}.`);
		expect(text).toContain('… und 5 weitere Beiträge, die der Editor zeigt.');
	});

	it('quotes the start of a long comment on one line, cut at a word', () => {
		const long = `${'Wort '.repeat(60)}Ende`;
		const quoted = excerpt(long);
		expect(quoted.endsWith(' …')).toBe(true);
		expect(quoted.length).toBeLessThanOrEqual(162);
		expect(quoted).not.toContain('Ende');
		expect(excerpt('Kurz\nund  gut.')).toBe('Kurz und gut.');
	});
});
