import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import { DEMO_AGENDA } from '../demo/accounts';
import { agendas, mails, participationPhases, users } from '../db/schema';
import { seedDemoIfEmpty } from '../db/seed';
import { deleteAccount, findUserByEmail } from '../accounts/users';
import { publishAnswers, saveAnswer } from '../participation/answers';
import { addComment, deleteComment } from '../participation/comments';
import { moderateComment, reportComment } from '../participation/moderation';
import { currentPhase, openPhase, type PhaseWithVersion } from '../participation/phases';
import { freezeVersion } from '../participation/versions';
import { setNotificationPreferences } from './preferences';
import { commentExcerpt } from './comment-mails';

const ORIGIN = 'https://agenda.example';
const DAY = 24 * 60 * 60 * 1000;
const item = { kind: 'section', id: 'ausgangslage' } as const;

let t: TestDatabase;
let agendaId = '';
let agendaTitle = '';
let participation: PhaseWithVersion;
let citizen = '';
let other = '';
let editor = '';
let owner = '';

beforeEach(async () => {
	t = createTestDatabase();
	await seedDemoIfEmpty(t.db, 'demo-passwort-test');
	const [agenda] = await t.db.select().from(agendas).where(eq(agendas.slug, DEMO_AGENDA.slug));
	if (!agenda) throw new Error('Demo-Agenda fehlt');
	agendaId = agenda.id;
	agendaTitle = agenda.title;
	participation = (await currentPhase(t.db, agendaId))!;
	const user = async (email: string) => (await findUserByEmail(t.db, email))!.id;
	citizen = await user('buerger@musterstadt.example');
	other = await user('buerger2@musterstadt.example');
	editor = await user('ag1@musterstadt.example');
	owner = await user('verwaltung@musterstadt.example');
	// The seed queues nothing: it is no event anybody is told about.
	expect(await t.db.select().from(mails)).toEqual([]);
});

afterEach(() => t.dispose());

async function comment(authorId: string, body: string, parentId: string | null = null) {
	const added = await addComment(t.db, {
		participation,
		item,
		parentId,
		authorId,
		body,
		origin: ORIGIN
	});
	if (!added.ok) throw new Error(added.error);
	return added.comment;
}

/** A person's mails in the order they were queued. */
async function mailsTo(userId: string) {
	const [user] = await t.db.select({ email: users.email }).from(users).where(eq(users.id, userId));
	if (!user) throw new Error(`Kein Konto ${userId}`);
	return await t.db.select().from(mails).where(eq(mails.to, user.email)).orderBy(mails.createdAt);
}

async function answerAndPublish(
	commentId: string,
	reason = 'Wir ergänzen das Service-Terminal.',
	versionId = participation.version.id
) {
	const saved = await saveAnswer(t.db, {
		agendaId,
		commentId,
		disposition: 'teilweise-uebernommen',
		reason,
		actorId: editor
	});
	expect(saved.ok).toBe(true);
	return await publishAnswers(t.db, {
		agendaId,
		versionId,
		actorId: owner,
		origin: ORIGIN
	});
}

/** The owner moderates a comment, as the moderation page does. */
const decide = (
	commentId: string,
	action: 'approve' | 'hide' | 'restore' | 'dismiss',
	reason?: string
) => moderateComment(t.db, { agendaId, commentId, action, reason, actorId: owner, origin: ORIGIN });

const commentLink = (commentId: string) =>
	`${ORIGIN}/beteiligung/${DEMO_AGENDA.slug}/abschnitte/ausgangslage#kommentar-${commentId}`;

async function setModeration(moderation: 'pre' | 'post') {
	await t.db
		.update(participationPhases)
		.set({ moderation })
		.where(eq(participationPhases.id, participation.phase.id));
	participation = (await currentPhase(t.db, agendaId))!;
}

describe('comment-answered', () => {
	it('tells the author the disposition, the reason and the way to the comment, once', async () => {
		const { id } = await comment(citizen, 'Bitte auch telefonisch erreichbar bleiben.');
		expect(await answerAndPublish(id)).toBeGreaterThan(0);
		const [mail, ...more] = await mailsTo(citizen);
		expect(more).toEqual([]);
		expect(mail).toMatchObject({
			kind: 'comment-answered',
			subject: `Antwort auf Ihren Kommentar zu „${agendaTitle}“`
		});
		expect(mail?.text).toContain('Guten Tag Bürgerin Meier,');
		expect(mail?.text).toContain('Ihr Kommentar: „Bitte auch telefonisch erreichbar bleiben.“');
		expect(mail?.text).toContain('Umgang mit dem Hinweis: teilweise übernommen');
		expect(mail?.text).toContain('Begründung: Wir ergänzen das Service-Terminal.');
		expect(mail?.text).toContain(commentLink(id));
		expect(mail?.html).toContain(commentLink(id));
		// A changed answer is unpublished; publishing it again is no new event.
		expect(await answerAndPublish(id, 'Geändert')).toBe(1);
		expect(await mailsTo(citizen)).toHaveLength(1);
	});

	it('writes in the recipient’s language', async () => {
		await t.db.update(users).set({ locale: 'en' }).where(eq(users.id, citizen));
		const { id } = await comment(citizen, 'Please keep the phone line.');
		await answerAndPublish(id);
		const [mail] = await mailsTo(citizen);
		expect(mail?.subject).toBe(`Answer to your comment on “${agendaTitle}”`);
		expect(mail?.text).toContain('How the comment is taken into account: partly taken up');
		expect(mail?.text).toContain(commentLink(id));
	});

	it('links to the comment in its round when a later round runs', async () => {
		const { id } = await comment(citizen, 'In Runde 1');
		const round1 = participation.version;
		const now = Date.now();
		await t.db
			.update(participationPhases)
			.set({ startsAt: new Date(now - 30 * DAY), endsAt: new Date(now - 2 * DAY) })
			.where(eq(participationPhases.id, participation.phase.id));
		const version = await freezeVersion(t.db, { agendaId, name: 'Runde 2', actorId: null });
		const opened = await openPhase(t.db, {
			agendaId,
			versionId: version.id,
			startsAt: new Date(now - DAY),
			endsAt: new Date(now + 14 * DAY),
			intro: 'Runde 2',
			moderation: 'post',
			actorId: null
		});
		expect(opened.ok).toBe(true);
		await answerAndPublish(id);
		const [mail] = await mailsTo(citizen);
		expect(mail?.text).toContain(
			`${ORIGIN}/beteiligung/${DEMO_AGENDA.slug}/abschnitte/ausgangslage?fassung=${round1.number}#kommentar-${id}`
		);
	});

	it('sends nothing when turned off, for a deleted comment or a deleted account', async () => {
		await setNotificationPreferences(t.db, citizen, { 'comment-answered': 'off' });
		await answerAndPublish((await comment(citizen, 'Aus')).id);
		const deleted = (await comment(other, 'Gelöscht')).id;
		expect((await deleteComment(t.db, { commentId: deleted, userId: other })).ok).toBe(true);
		await answerAndPublish(deleted);
		const orphan = (await comment(other, 'Konto weg')).id;
		expect((await deleteAccount(t.db, other, 'demo-passwort-test')).ok).toBe(true);
		await answerAndPublish(orphan);
		expect(await t.db.select().from(mails)).toEqual([]);
	});
});

describe('comment-replied', () => {
	it('tells the parent’s author of a reply, not the one who replies to themselves', async () => {
		const parent = await comment(citizen, 'Ursprünglicher Kommentar');
		const reply = await comment(other, 'Da stimme ich zu.', parent.id);
		await comment(citizen, 'Nachtrag von mir selbst', parent.id);
		const [mail, ...more] = await mailsTo(citizen);
		expect(more).toEqual([]);
		expect(mail).toMatchObject({
			kind: 'comment-replied',
			subject: `Neue Antwort auf Ihren Kommentar zu „${agendaTitle}“`
		});
		expect(mail?.text).toContain('„Da stimme ich zu.“');
		expect(mail?.text).toContain('Ihr Kommentar: „Ursprünglicher Kommentar“');
		expect(mail?.text).toContain(commentLink(reply.id));
		expect(mail?.text).not.toContain('Jonas');
		expect(await mailsTo(other)).toEqual([]);
	});

	it('in pre-moderation only once the reply is approved, never for a hidden one', async () => {
		const parent = await comment(citizen, 'Ursprünglicher Kommentar');
		await setModeration('pre');
		const approved = await comment(other, 'Wird freigegeben', parent.id);
		const hidden = await comment(other, 'Wird ausgeblendet', parent.id);
		expect(await mailsTo(citizen)).toEqual([]);
		expect((await decide(hidden.id, 'hide', 'Beleidigend')).ok).toBe(true);
		expect((await decide(approved.id, 'approve')).ok).toBe(true);
		const toParent = await mailsTo(citizen);
		expect(toParent.map((mail) => mail.kind)).toEqual(['comment-replied']);
		expect(toParent[0]?.text).toContain('„Wird freigegeben“');
		expect(toParent[0]?.text).toContain(commentLink(approved.id));
	});
});

describe('comment-moderated', () => {
	it('hidden with the moderator’s reason; restored: public again; dismissed: nothing', async () => {
		const { id } = await comment(citizen, 'Ein harter Kommentar');
		expect((await decide(id, 'dismiss')).ok).toBe(true);
		expect(await mailsTo(citizen)).toEqual([]);
		expect((await decide(id, 'hide', 'Bitte sachlich bleiben')).ok).toBe(true);
		expect((await decide(id, 'restore')).ok).toBe(true);
		const [hidden, restored, ...more] = await mailsTo(citizen);
		expect(more).toEqual([]);
		expect(hidden).toMatchObject({
			kind: 'comment-moderated',
			subject: `Ihr Kommentar zu „${agendaTitle}“ wurde ausgeblendet`
		});
		expect(hidden?.text).toContain('Begründung der Moderation: Bitte sachlich bleiben');
		expect(hidden?.text).toContain('Ihr Kommentar: „Ein harter Kommentar“');
		expect(restored?.subject).toBe(`Ihr Kommentar zu „${agendaTitle}“ ist veröffentlicht`);
		expect(restored?.text).toContain(commentLink(id));
		// Hidden again: the same event, not told twice.
		expect((await decide(id, 'hide', 'Doch nicht')).ok).toBe(true);
		expect(await mailsTo(citizen)).toHaveLength(2);
	});

	it('released from pre-moderation, in English for an English account; nothing when off', async () => {
		await setModeration('pre');
		await t.db.update(users).set({ locale: 'en' }).where(eq(users.id, citizen));
		const { id } = await comment(citizen, 'Wartet');
		expect((await decide(id, 'approve')).ok).toBe(true);
		const [released] = await mailsTo(citizen);
		expect(released?.subject).toBe(`Your comment on “${agendaTitle}” is published`);
		await setNotificationPreferences(t.db, other, { 'comment-moderated': 'off' });
		expect((await decide((await comment(other, 'Wartet auch')).id, 'approve')).ok).toBe(true);
		expect(await mailsTo(other)).toEqual([]);
	});
});

describe('moderation-report', () => {
	const report = async (reporterId: string, commentId: string, isTeam = false) =>
		await reportComment(t.db, {
			versionId: participation.version.id,
			item,
			reporter: { userId: reporterId, isTeam },
			commentId,
			reason: 'Persönlicher Angriff',
			origin: ORIGIN
		});

	it('tells each owner, without the reporter’s name, with the link to the moderation', async () => {
		const { id } = await comment(citizen, 'Gemeldeter Kommentar');
		expect((await report(other, id)).ok).toBe(true);
		const [mail, ...more] = await mailsTo(owner);
		expect(more).toEqual([]);
		expect(mail).toMatchObject({
			kind: 'moderation-report',
			subject: `Neue Meldung in der Moderation von „${agendaTitle}“`
		});
		expect(mail?.text).toContain('Grund der Meldung: Persönlicher Angriff');
		expect(mail?.text).toContain(`${ORIGIN}/agenden/${agendaId}/moderation`);
		expect(mail?.text).not.toContain('Jonas');
		expect(await mailsTo(editor)).toEqual([]);
		expect(await mailsTo(citizen)).toEqual([]);
	});

	it('nothing to an owner who reported it themselves, nothing when off', async () => {
		const { id } = await comment(citizen, 'Gemeldeter Kommentar');
		expect((await report(owner, id, true)).ok).toBe(true);
		await setNotificationPreferences(t.db, owner, { 'moderation-report': 'off' });
		expect((await report(other, id)).ok).toBe(true);
		expect(await t.db.select().from(mails)).toEqual([]);
	});
});

describe('nothing to oneself', () => {
	it('no answer mail to an AG member who answered their own comment', async () => {
		const { id } = await comment(editor, 'Eigener Hinweis aus der AG');
		expect(
			(
				await saveAnswer(t.db, {
					agendaId,
					commentId: id,
					disposition: 'zur-kenntnis',
					reason: 'Selbst beantwortet',
					actorId: editor
				})
			).ok
		).toBe(true);
		await publishAnswers(t.db, {
			agendaId,
			versionId: participation.version.id,
			actorId: owner,
			origin: ORIGIN
		});
		expect(await mailsTo(editor)).toEqual([]);
	});

	it('no moderation mail to a moderator who hid or released their own comment', async () => {
		await setModeration('pre');
		const { id } = await comment(owner, 'Eigener Kommentar der Federführung');
		expect((await decide(id, 'approve')).ok).toBe(true);
		expect((await decide(id, 'hide', 'Versehentlich')).ok).toBe(true);
		expect(await mailsTo(owner)).toEqual([]);
	});
});

describe('commentExcerpt', () => {
	it('quotes a long comment on one line, cut at a word', () => {
		const excerpt = commentExcerpt(`Erste Zeile\n\n${'Wort '.repeat(100)}`);
		expect(excerpt.startsWith('Erste Zeile Wort Wort')).toBe(true);
		expect(excerpt.endsWith('Wort …')).toBe(true);
		expect(excerpt.length).toBeLessThanOrEqual(302);
	});
});
