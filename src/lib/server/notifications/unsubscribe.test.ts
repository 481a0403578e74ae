import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	confirmedAccount,
	createTestDatabase,
	type TestDatabase
} from '../../../../tests/support/database';
import { notificationPreferencesOf, unsubscribeTokenOf } from './preferences';
import { maskEmail, unsubscribe, unsubscribeTarget } from './unsubscribe';

let t: TestDatabase;
let userId = '';
let token = '';

beforeEach(async () => {
	t = createTestDatabase();
	userId = (
		await confirmedAccount(t.db, { email: 'erika@example.org', displayName: 'Erika Muster' })
	).id;
	token = await unsubscribeTokenOf(t.db, userId);
});

afterEach(() => t.dispose());

describe('unsubscribe links', () => {
	it('name the kind and the masked address, without changing anything', async () => {
		expect(await unsubscribeTarget(t.db, token, 'comment-replied')).toEqual({
			userId,
			kind: 'comment-replied',
			maskedEmail: 'e***@example.org'
		});
		expect((await notificationPreferencesOf(t.db, userId))['comment-replied']).toBe('on');
	});

	it('turn exactly that kind off', async () => {
		expect((await unsubscribe(t.db, token, 'comment-replied'))?.kind).toBe('comment-replied');
		const preferences = await notificationPreferencesOf(t.db, userId);
		expect(preferences['comment-replied']).toBe('off');
		expect(preferences['comment-answered']).toBe('on');
		expect((await unsubscribe(t.db, token, 'agenda-digest'))?.kind).toBe('agenda-digest');
		expect((await notificationPreferencesOf(t.db, userId))['agenda-digest']).toBe('off');
	});

	it('know no unknown token or kind, and change nothing for them', async () => {
		expect(await unsubscribe(t.db, 'falsch', 'comment-replied')).toBeNull();
		expect(await unsubscribe(t.db, '', 'comment-replied')).toBeNull();
		expect(await unsubscribe(t.db, token, 'newsletter')).toBeNull();
		expect(await unsubscribe(t.db, token, 'constructor')).toBeNull();
		expect((await notificationPreferencesOf(t.db, userId))['comment-replied']).toBe('on');
	});

	it('mask the address to its first character and domain', () => {
		expect(maskEmail('erika@example.org')).toBe('e***@example.org');
		expect(maskEmail('ä@beispiel.de')).toBe('ä***@beispiel.de');
	});
});
