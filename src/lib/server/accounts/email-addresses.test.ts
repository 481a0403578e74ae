import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../tests/support/database';
import { auditLog, emailTokens, mails, users, type User } from '../db/schema';
import {
	EMAIL_TOKEN_LIFETIME_MS,
	followAddressLink,
	openAddressLink,
	requestAddressChange,
	resendAddressConfirmation
} from './email-addresses';
import { requestPasswordReset } from './password-reset';
import { changePassword, registerUser } from './users';

const ORIGIN = 'https://agenda.example';
const PASSWORD = 'korrekt-pferd-batterie';

let t: TestDatabase;

beforeEach(() => {
	t = createTestDatabase();
});

afterEach(() => t.dispose());

async function register(email: string, locale?: 'de' | 'en'): Promise<User> {
	const result = await registerUser(
		t.db,
		{ email, displayName: `Person ${email.split('@')[0]}`, password: PASSWORD, locale },
		ORIGIN
	);
	if (!result.ok) throw new Error(result.reason);
	return result.user;
}

/** The mails queued to `to` (of `kind`), oldest first. */
async function mailsTo(to: string, kind?: string) {
	const queued = await t.db
		.select()
		.from(mails)
		.where(eq(mails.to, to))
		.orderBy(asc(mails.createdAt));
	return queued.filter((mail) => kind === undefined || mail.kind === kind);
}

/** The token in the newest mail of `kind` to `to`, read from its link as its reader would. */
async function linkToken(to: string, kind: string): Promise<string> {
	const mail = (await mailsTo(to, kind)).at(-1);
	const token = /\/adresse-bestaetigen\/([a-z2-7]+)/.exec(mail?.text ?? '')?.[1];
	if (!token) throw new Error(`no link in the ${kind} mail to ${to}`);
	return token;
}

async function account(id: string) {
	const [row] = await t.db.select().from(users).where(eq(users.id, id));
	return row;
}

describe('confirmation at registration', () => {
	it('creates the account unconfirmed and queues one link to its address', async () => {
		const anna = await register('anna@example.org');
		expect(anna.emailConfirmedAt).toBeNull();
		const [mail] = await mailsTo('anna@example.org');
		expect(mail).toMatchObject({ kind: 'address-confirm' });
		expect(mail?.text).toContain(`${ORIGIN}/adresse-bestaetigen/`);
		expect(mail?.html).toContain(`${ORIGIN}/adresse-bestaetigen/`);
		// Only the hash is stored: the token in the link is nowhere in the database.
		const token = await linkToken('anna@example.org', 'address-confirm');
		const [row] = await t.db.select().from(emailTokens);
		expect(row).toMatchObject({ userId: anna.id, purpose: 'confirm', email: 'anna@example.org' });
		expect(row?.tokenHash).not.toContain(token);
	});

	it('the first account of an instance confirms like everyone', async () => {
		const admin = await register('admin@example.org');
		expect(admin.isAdmin).toBe(true);
		expect(admin.emailConfirmedAt).toBeNull();
	});

	it('following the link confirms the address, once', async () => {
		const anna = await register('anna@example.org');
		const token = await linkToken('anna@example.org', 'address-confirm');
		expect(await openAddressLink(t.db, token)).toEqual({
			purpose: 'confirm',
			email: 'anna@example.org'
		});

		const now = Date.now();
		expect(await followAddressLink(t.db, token, now)).toEqual({
			ok: true,
			purpose: 'confirm',
			email: 'anna@example.org',
			userId: anna.id
		});
		expect((await account(anna.id))?.emailConfirmedAt?.getTime()).toBe(now);
		expect(await followAddressLink(t.db, token)).toEqual({ ok: false });
		expect(await openAddressLink(t.db, token)).toBeNull();
		expect(
			await t.db.select().from(auditLog).where(eq(auditLog.action, 'user.email-confirm'))
		).toHaveLength(1);
	});

	it('an expired or unknown link confirms nothing', async () => {
		const anna = await register('anna@example.org');
		const token = await linkToken('anna@example.org', 'address-confirm');
		const later = Date.now() + EMAIL_TOKEN_LIFETIME_MS + 1;
		expect(await followAddressLink(t.db, token, later)).toEqual({ ok: false });
		expect(await followAddressLink(t.db, 'a'.repeat(32))).toEqual({ ok: false });
		expect((await account(anna.id))?.emailConfirmedAt).toBeNull();
	});

	it('a new link can be asked for until the address is confirmed; each link works', async () => {
		const anna = await register('anna@example.org');
		expect(await resendAddressConfirmation(t.db, anna.id, ORIGIN)).toEqual({
			ok: true,
			email: 'anna@example.org'
		});
		expect(await mailsTo('anna@example.org', 'address-confirm')).toHaveLength(2);
		expect(
			(await followAddressLink(t.db, await linkToken('anna@example.org', 'address-confirm'))).ok
		).toBe(true);
		expect(await resendAddressConfirmation(t.db, anna.id, ORIGIN)).toEqual({
			ok: false,
			reason: 'already-confirmed'
		});
		expect(await mailsTo('anna@example.org', 'address-confirm')).toHaveLength(2);
	});

	it('registering a known address changes nothing and mails its owner, not the registrant', async () => {
		const anna = await register('anna@example.org');
		const again = await registerUser(
			t.db,
			{ email: ' ANNA@example.org', displayName: 'Mallory', password: 'anderes-passwort' },
			ORIGIN
		);
		expect(again).toEqual({ ok: false, reason: 'email-taken' });
		expect(await account(anna.id)).toEqual(anna);
		const [notice] = await mailsTo('anna@example.org', 'duplicate-registration');
		expect(notice?.subject).toBe('Ihr Konto bei Agendawerk');
		expect(notice?.text).toContain('Guten Tag Person anna,');
		expect(notice?.text).toContain('jemand wollte mit Ihrer Adresse ein Konto');
		expect(notice?.text).toContain(`${ORIGIN}/passwort-vergessen`);
		expect(notice?.text).not.toContain('Mallory');
		expect(await t.db.select().from(emailTokens)).toHaveLength(1);
	});
});

describe('address change', () => {
	async function confirmed(email: string): Promise<User> {
		const user = await register(email);
		await followAddressLink(t.db, await linkToken(email, 'address-confirm'));
		return user;
	}

	it('mails a link to the new address and a notice to the old; the account keeps its address', async () => {
		const anna = await confirmed('anna@example.org');
		const result = await requestAddressChange(
			t.db,
			anna.id,
			{ currentPassword: PASSWORD, newEmail: ' Anna.Neu@Example.org ' },
			ORIGIN
		);
		expect(result).toEqual({ ok: true });
		expect((await account(anna.id))?.email).toBe('anna@example.org');
		const [link] = await mailsTo('anna.neu@example.org', 'address-change');
		expect(link?.text).toContain(`${ORIGIN}/adresse-bestaetigen/`);
		const [notice] = await mailsTo('anna@example.org', 'address-change-notice');
		expect(notice?.text).toContain('anna.neu@example.org');
		expect(notice?.text).toContain(`${ORIGIN}/passwort-vergessen`);
		expect(notice?.text).not.toContain('/adresse-bestaetigen/');
	});

	it('following the link makes the new address the account’s, confirmed, and uses up other links', async () => {
		const anna = await confirmed('anna@example.org');
		const change = (newEmail: string) =>
			requestAddressChange(t.db, anna.id, { currentPassword: PASSWORD, newEmail }, ORIGIN);
		await change('erste@example.org');
		await change('zweite@example.org');
		const first = await linkToken('erste@example.org', 'address-change');
		const second = await linkToken('zweite@example.org', 'address-change');
		const mailsBefore = (await mailsTo('anna@example.org')).length;

		const now = Date.now();
		expect(await followAddressLink(t.db, second, now)).toMatchObject({
			ok: true,
			purpose: 'change',
			email: 'zweite@example.org'
		});
		expect(await account(anna.id)).toMatchObject({
			email: 'zweite@example.org',
			emailConfirmedAt: new Date(now)
		});
		// The older link cannot take the address back to the first choice.
		expect(await followAddressLink(t.db, first)).toEqual({ ok: false });
		expect((await account(anna.id))?.email).toBe('zweite@example.org');
		// The old address gets nothing more.
		expect(await mailsTo('anna@example.org')).toHaveLength(mailsBefore);
		const log = await t.db.select().from(auditLog);
		expect(log.map((entry) => entry.action)).toContain('user.email-change');
		expect(JSON.stringify(log)).not.toContain(second);
	});

	it('an address another account has: the same answer, nothing queued, nothing changed', async () => {
		const anna = await confirmed('anna@example.org');
		await confirmed('bert@example.org');
		const before = (await t.db.select().from(mails)).length;
		const result = await requestAddressChange(
			t.db,
			anna.id,
			{ currentPassword: PASSWORD, newEmail: 'BERT@example.org' },
			ORIGIN
		);
		expect(result).toEqual({ ok: true });
		expect(await t.db.select().from(mails)).toHaveLength(before);
		expect((await account(anna.id))?.email).toBe('anna@example.org');
	});

	it('an address taken after the link was sent is not taken over', async () => {
		const anna = await confirmed('anna@example.org');
		await requestAddressChange(
			t.db,
			anna.id,
			{ currentPassword: PASSWORD, newEmail: 'neu@example.org' },
			ORIGIN
		);
		const token = await linkToken('neu@example.org', 'address-change');
		await register('neu@example.org');
		expect(await followAddressLink(t.db, token)).toEqual({ ok: false });
		expect((await account(anna.id))?.email).toBe('anna@example.org');
	});

	it('refuses a wrong password and the current address, and queues nothing', async () => {
		const anna = await confirmed('anna@example.org');
		const before = (await t.db.select().from(mails)).length;
		expect(
			await requestAddressChange(
				t.db,
				anna.id,
				{ currentPassword: 'falsch-falsch', newEmail: 'neu@example.org' },
				ORIGIN
			)
		).toEqual({ ok: false, reason: 'wrong-password' });
		expect(
			await requestAddressChange(
				t.db,
				anna.id,
				{ currentPassword: PASSWORD, newEmail: 'ANNA@example.org' },
				ORIGIN
			)
		).toEqual({ ok: false, reason: 'unchanged' });
		expect(await t.db.select().from(mails)).toHaveLength(before);
	});

	it('a confirmation link sent to the old address confirms nothing after a change', async () => {
		const anna = await register('anna@example.org');
		const oldLink = await linkToken('anna@example.org', 'address-confirm');
		await requestAddressChange(
			t.db,
			anna.id,
			{ currentPassword: PASSWORD, newEmail: 'neu@example.org' },
			ORIGIN
		);
		await followAddressLink(t.db, await linkToken('neu@example.org', 'address-change'));
		expect(await followAddressLink(t.db, oldLink)).toEqual({ ok: false });
	});
});

describe('the recipient’s language', () => {
	it('registration stores the locale and every account mail is written in it', async () => {
		const emma = await register('emma@example.org', 'en');
		expect(emma.locale).toBe('en');
		expect((await mailsTo('emma@example.org', 'address-confirm'))[0]?.subject).toBe(
			'Please confirm your e-mail address'
		);
		await requestPasswordReset(t.db, 'emma@example.org', ORIGIN);
		expect((await mailsTo('emma@example.org', 'password-reset'))[0]?.text).toContain('Hello');
		await changePassword(t.db, emma.id, PASSWORD, 'neues-passwort-123', ORIGIN);
		await requestAddressChange(
			t.db,
			emma.id,
			{ currentPassword: 'neues-passwort-123', newEmail: 'emma2@example.org' },
			ORIGIN
		);
		// Someone registers with her address again: she is told, in English too.
		await registerUser(
			t.db,
			{ email: 'emma@example.org', displayName: 'Mallory', password: PASSWORD },
			ORIGIN
		);
		const hers = await mailsTo('emma@example.org');
		expect(hers.map((mail) => mail.kind)).toEqual([
			'address-confirm',
			'password-reset',
			'password-changed',
			'address-change-notice',
			'duplicate-registration'
		]);
		for (const mail of hers) {
			expect(mail.text).toMatch(/^Hello Person emma,/);
			expect(mail.text).not.toMatch(/\bSie\b|[äöüß]/);
		}
		expect((await mailsTo('emma2@example.org', 'address-change'))[0]?.text).toMatch(/^Hello /);
	});

	it('is German unless said otherwise', async () => {
		const anna = await register('anna@example.org');
		expect(anna.locale).toBe('de');
		expect((await mailsTo('anna@example.org'))[0]?.subject).toBe(
			'Bitte bestätigen Sie Ihre E-Mail-Adresse'
		);
	});
});
