import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	confirmedAccount,
	createTestDatabase,
	type TestDatabase
} from '../../../../tests/support/database';
import { mails, users, type User } from '../db/schema';
import { notifyOnce, unsubscribePath, type Notification } from './notify';
import {
	notificationPreferencesOf,
	setNotificationPreferences,
	unsubscribeTokenOf,
	userByUnsubscribeToken
} from './preferences';

const ORIGIN = 'https://agenda.example';

let t: TestDatabase;
let user: User;

beforeEach(async () => {
	t = createTestDatabase();
	user = await confirmedAccount(t.db, { email: 'erika@example.org', displayName: 'Erika Muster' });
});

afterEach(() => t.dispose());

function answered(commentId: string): Notification {
	return {
		userId: user.id,
		kind: 'comment-answered',
		eventKey: `comment-answered:${commentId}`,
		compose: (recipient, origin) => ({
			subject: `Antwort für ${recipient.displayName}`,
			paragraphs: ['Die AG hat geantwortet.'],
			action: { label: 'Zur Antwort', url: `${origin}/beteiligung/x#k-${commentId}` },
			reason: 'Sie erhalten diese Mail, weil Sie kommentiert haben.'
		})
	};
}

describe('notifyOnce', () => {
	it('queues one mail per event with a one-click unsubscribe link (RFC 8058)', async () => {
		expect(await notifyOnce(t.db, answered('c1'), ORIGIN)).toBe(true);
		expect(await notifyOnce(t.db, answered('c1'), ORIGIN)).toBe(false);
		const all = await t.db.select().from(mails);
		expect(all).toHaveLength(1);
		const [mail] = all;
		const token = await unsubscribeTokenOf(t.db, user.id);
		const link = ORIGIN + unsubscribePath(token, 'comment-answered');
		expect(mail).toMatchObject({
			kind: 'comment-answered',
			to: 'erika@example.org',
			subject: 'Antwort für Erika Muster',
			headers: {
				'List-Unsubscribe': `<${link}>`,
				'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
			}
		});
		expect(mail?.text).toContain('Guten Tag Erika Muster,');
		expect(mail?.text).toContain(link);
		expect(mail?.text).toContain(`${ORIGIN}/konto#benachrichtigungen`);
		expect(mail?.html).toContain(`${ORIGIN}/beteiligung/x#k-c1`);
		expect(await notifyOnce(t.db, answered('c2'), ORIGIN)).toBe(true);
		expect(await t.db.select().from(mails)).toHaveLength(2);
	});

	it('sends nothing for a kind the person turned off, and nothing later for that event', async () => {
		await setNotificationPreferences(t.db, user.id, { 'comment-answered': 'off' });
		expect(await notifyOnce(t.db, answered('c1'), ORIGIN)).toBe(false);
		expect(await t.db.select().from(mails)).toHaveLength(0);
	});

	it('sends nothing to an address its owner has not confirmed', async () => {
		await t.db.update(users).set({ emailConfirmedAt: null }).where(eq(users.id, user.id));
		expect(await notifyOnce(t.db, answered('c1'), ORIGIN)).toBe(false);
		expect(await t.db.select().from(mails)).toHaveLength(0);
	});

	it('writes in the recipient’s language', async () => {
		await t.db.update(users).set({ locale: 'en' }).where(eq(users.id, user.id));
		await notifyOnce(t.db, answered('c1'), ORIGIN);
		const [mail] = await t.db.select().from(mails);
		expect(mail?.text).toContain('Hello Erika Muster,');
		expect(mail?.text).toContain('Stop these notifications');
	});
});

describe('notification preferences', () => {
	it('has defaults, keeps choices, and refuses a choice the kind does not offer', async () => {
		expect(await notificationPreferencesOf(t.db, user.id)).toMatchObject({
			'comment-answered': 'on',
			'agenda-digest': 'daily'
		});
		await setNotificationPreferences(t.db, user.id, { 'agenda-digest': 'immediate' });
		await setNotificationPreferences(t.db, user.id, { 'comment-replied': 'off' });
		expect(await notificationPreferencesOf(t.db, user.id)).toMatchObject({
			'agenda-digest': 'immediate',
			'comment-replied': 'off',
			'comment-answered': 'on'
		});
		await expect(
			setNotificationPreferences(t.db, user.id, {
				'comment-replied': 'daily' as unknown as 'on'
			})
		).rejects.toThrow();
	});

	it('finds the account by its unsubscribe token, which stays the same', async () => {
		const token = await unsubscribeTokenOf(t.db, user.id);
		expect(await unsubscribeTokenOf(t.db, user.id)).toBe(token);
		expect((await userByUnsubscribeToken(t.db, token))?.id).toBe(user.id);
		expect(await userByUnsubscribeToken(t.db, 'x'.repeat(32))).toBeNull();
		expect(await userByUnsubscribeToken(t.db, '')).toBeNull();
	});
});
