import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	confirmedAccount,
	createTestDatabase,
	type TestDatabase
} from '../../../../tests/support/database';
import { createAgenda } from '../agendas/agendas';
import { memberships } from '../db/schema';
import { notificationPreferencesOf } from './preferences';
import {
	notificationAudienceOf,
	notificationSettingsOf,
	saveNotificationSettings
} from './settings';

let t: TestDatabase;
let owner = '';
let editor = '';
let citizen = '';

async function account(name: string): Promise<string> {
	return (await confirmedAccount(t.db, { email: `${name}@example.org`, displayName: name })).id;
}

beforeEach(async () => {
	t = createTestDatabase();
	owner = await account('owner');
	editor = await account('editor');
	citizen = await account('citizen');
	const created = await createAgenda(
		t.db,
		{
			slug: 'musterdorf',
			title: 'Musterdorf',
			municipality: 'Musterdorf',
			periodStart: 2026,
			periodEnd: 2030,
			visibility: 'internal'
		},
		owner
	);
	if (!created.ok) throw new Error(created.reason);
	await t.db
		.insert(memberships)
		.values({ agendaId: created.agenda.id, userId: editor, role: 'editor' });
});

afterEach(() => t.dispose());

const CITIZEN_FORM = {
	'comment-answered': 'on',
	'comment-replied': 'off',
	'comment-moderated': 'on',
	'round-followed': 'off',
	'measure-followed': 'on'
};

describe('notification settings by role', () => {
	it('offers a citizen only the citizen kinds', async () => {
		expect(await notificationAudienceOf(t.db, citizen)).toEqual({ member: false, owner: false });
		expect((await notificationSettingsOf(t.db, citizen)).map((s) => s.kind)).toEqual([
			'comment-answered',
			'comment-replied',
			'comment-moderated',
			'round-followed',
			'measure-followed'
		]);
	});

	it('offers a council member reading along (viewer) no digest: it goes to those who answer', async () => {
		const viewer = await account('viewer');
		const [agenda] = await t.db.select({ id: memberships.agendaId }).from(memberships);
		await t.db
			.insert(memberships)
			.values({ agendaId: agenda?.id ?? '', userId: viewer, role: 'viewer' });
		expect(await notificationAudienceOf(t.db, viewer)).toEqual({ member: false, owner: false });
		expect((await notificationSettingsOf(t.db, viewer)).map((s) => s.kind)).not.toContain(
			'agenda-digest'
		);
	});

	it('offers a member the daily digest, an owner also "immediate" and moderation reports', async () => {
		const editorSettings = await notificationSettingsOf(t.db, editor);
		expect(editorSettings.find((s) => s.kind === 'agenda-digest')).toEqual({
			kind: 'agenda-digest',
			choices: ['daily', 'off'],
			value: 'daily'
		});
		expect(editorSettings.some((s) => s.kind === 'moderation-report')).toBe(false);
		const ownerSettings = await notificationSettingsOf(t.db, owner);
		expect(ownerSettings.find((s) => s.kind === 'agenda-digest')?.choices).toEqual([
			'daily',
			'immediate',
			'off'
		]);
		expect(ownerSettings.find((s) => s.kind === 'moderation-report')?.value).toBe('on');
	});

	it('saves a citizen’s choices', async () => {
		expect(await saveNotificationSettings(t.db, citizen, CITIZEN_FORM)).toEqual({ ok: true });
		const saved = await notificationPreferencesOf(t.db, citizen);
		expect(saved['comment-replied']).toBe('off');
		expect(saved['round-followed']).toBe('off');
		expect(saved['comment-answered']).toBe('on');
	});

	it('refuses "immediate" from a member who owns no agenda, and changes nothing', async () => {
		const result = await saveNotificationSettings(t.db, editor, {
			...CITIZEN_FORM,
			'agenda-digest': 'immediate'
		});
		expect(result).toEqual({ ok: false, invalid: ['agenda-digest'] });
		expect((await notificationPreferencesOf(t.db, editor))['comment-replied']).toBe('on');
		expect(
			await saveNotificationSettings(t.db, owner, {
				...CITIZEN_FORM,
				'agenda-digest': 'immediate',
				'moderation-report': 'off'
			})
		).toEqual({ ok: true });
		expect((await notificationPreferencesOf(t.db, owner))['agenda-digest']).toBe('immediate');
	});

	it('refuses kinds the person cannot receive, unknown values and missing kinds', async () => {
		expect(
			await saveNotificationSettings(t.db, citizen, { ...CITIZEN_FORM, 'agenda-digest': 'daily' })
		).toEqual({ ok: false, invalid: ['agenda-digest'] });
		expect(
			await saveNotificationSettings(t.db, citizen, { ...CITIZEN_FORM, 'comment-replied': 'maybe' })
		).toEqual({ ok: false, invalid: ['comment-replied'] });
		const withoutOne: Record<string, string> = { ...CITIZEN_FORM };
		delete withoutOne['round-followed'];
		expect(await saveNotificationSettings(t.db, citizen, withoutOne)).toEqual({
			ok: false,
			invalid: ['round-followed']
		});
		expect((await notificationPreferencesOf(t.db, citizen))['comment-replied']).toBe('on');
	});
});
