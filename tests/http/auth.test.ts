import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import {
	DEMO,
	DEMO_PASSWORD,
	SESSION_COOKIE,
	decodeHtml,
	get,
	login,
	myAgendas,
	postForm,
	queryDatabase,
	register,
	sessionCookieLine,
	sessionTokenSetBy,
	uniqueEmail
} from '../support/http';

let server: TestServer;

beforeAll(async () => {
	// Many tests here register from 127.0.0.1, some with the same address; the registration
	// limits have their own tests (rate-limit.test.ts).
	server = await startTestServer({
		RATE_LIMIT_REGISTRATION_PER_IP: '1000',
		RATE_LIMIT_REGISTRATION_PER_EMAIL: '1000'
	});
});

afterAll(async () => {
	await server?.stop();
});

async function countUsers(email: string): Promise<number> {
	const rows = await queryDatabase<{ n: number }>(
		server.databasePath,
		'SELECT count(*) AS n FROM users WHERE email = ?',
		email.trim().toLowerCase()
	);
	return rows[0]?.n ?? -1;
}

const LOGIN_FAILED = 'E-Mail-Adresse oder Passwort stimmen nicht.';
const GUESSABLE =
	'Dieses Passwort ist zu leicht zu erraten: Es ist sehr verbreitet oder einfach gebaut. Bitte wählen Sie ein anderes, zum Beispiel aus drei oder vier zufälligen Wörtern.';
const OWN_DATA = 'Das Passwort darf weder Ihren Namen noch Ihre E-Mail-Adresse enthalten.';
const AFTER_REGISTRATION = '/anmelden?konto=angelegt&weiter=%2F';
const REGISTERED_NOTE =
	'Wenn diese E-Mail-Adresse noch kein Konto hatte, ist es jetzt angelegt. Bitte sehen Sie in Ihr Postfach: Mit dem Link in unserer Mail bestätigen Sie Ihre Adresse. Anmelden können Sie sich schon jetzt.';

describe('log-in', () => {
	it('refuses a wrong password with 400, a German message and no session', async () => {
		const response = await postForm(server.url, '/anmelden', {
			email: DEMO.editor,
			password: 'falsches-passwort'
		});
		expect(response.status).toBe(400);
		expect(sessionTokenSetBy(response)).toBeNull();
		const html = decodeHtml(await response.text());
		expect(html).toContain(LOGIN_FAILED);
		// The form comes back filled in, but never with the password.
		expect(html).toContain(`value="${DEMO.editor}"`);
		expect(html).not.toContain('falsches-passwort');
	});

	it('gives an unknown e-mail the same answer as a wrong password', async () => {
		const response = await postForm(server.url, '/anmelden', {
			email: 'niemand@musterstadt.example',
			password: DEMO_PASSWORD
		});
		expect(response.status).toBe(400);
		expect(sessionTokenSetBy(response)).toBeNull();
		expect(decodeHtml(await response.text())).toContain(LOGIN_FAILED);
	});

	it('asks for the missing password and a valid e-mail', async () => {
		const response = await postForm(server.url, '/anmelden', { email: 'kein-at-zeichen' });
		expect(response.status).toBe(400);
		expect(sessionTokenSetBy(response)).toBeNull();
		const html = decodeHtml(await response.text());
		expect(html).toContain('Bitte geben Sie eine gültige E-Mail-Adresse ein.');
		expect(html).toContain('Bitte geben Sie Ihr Passwort ein.');
	});

	it('sets an HttpOnly, SameSite=Lax session cookie that signs the user in', async () => {
		const response = await postForm(server.url, '/anmelden', {
			email: DEMO.editor,
			password: DEMO_PASSWORD
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/');
		const line = sessionCookieLine(response);
		expect(line).toBeDefined();
		expect(line).toMatch(new RegExp(`^${SESSION_COOKIE}=[a-z2-7]{32};`));
		expect(line).toMatch(/;\s*HttpOnly/i);
		expect(line).toMatch(/;\s*SameSite=Lax/i);
		expect(line).toMatch(/;\s*Path=\//i);
		// Plain http here, so the cookie must not be Secure (the browser would drop it).
		expect(line).not.toMatch(/;\s*Secure/i);
		const expires = /Expires=([^;]+)/i.exec(line ?? '')?.[1];
		const days = (Date.parse(expires ?? '') - Date.now()) / 86_400_000;
		expect(days).toBeGreaterThan(29);
		expect(days).toBeLessThanOrEqual(30);

		const cookie = `${SESSION_COOKIE}=${sessionTokenSetBy(response)}`;
		const agendas = await myAgendas(server.url, cookie);
		expect(agendas.map((agenda) => agenda.role)).toEqual(['editor']);
	});

	it('accepts the e-mail in any case and with spaces around it', async () => {
		const cookie = await login(server.url, '  AG2@Musterstadt.Example ');
		expect(await myAgendas(server.url, cookie)).toHaveLength(1);
	});

	it('returns to a local `weiter` target, never to another site', async () => {
		const local = await postForm(server.url, '/anmelden', {
			email: DEMO.viewer,
			password: DEMO_PASSWORD,
			weiter: '/konto'
		});
		expect(local.status).toBe(303);
		expect(local.headers.get('location')).toBe('/konto');

		for (const target of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
			const response = await postForm(server.url, '/anmelden', {
				email: DEMO.viewer,
				password: DEMO_PASSWORD,
				weiter: target
			});
			expect(response.status, target).toBe(303);
			expect(response.headers.get('location'), target).toBe('/');
		}
	});

	it('sends signed-in visitors of the log-in page on to their target', async () => {
		const cookie = await login(server.url, DEMO.viewer);
		const response = await get(server.url, '/anmelden?weiter=%2Fkonto', { cookie });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/konto');
	});

	it('treats an unknown session token as anonymous and deletes the cookie', async () => {
		const response = await get(server.url, '/', {
			cookie: `${SESSION_COOKIE}=abcdefghijklmnopqrstuvwxyz234567`
		});
		expect(response.status).toBe(200);
		expect(sessionTokenSetBy(response)).toBe('');
		expect(decodeHtml(await response.text())).not.toContain('Abmelden');
	});

	it('refuses a cross-site log-in post with 403 and no session', async () => {
		const response = await postForm(
			server.url,
			'/anmelden',
			{ email: DEMO.editor, password: DEMO_PASSWORD },
			{ origin: 'http://evil.example' }
		);
		expect(response.status).toBe(403);
		expect(sessionTokenSetBy(response)).toBeNull();
	});
});

describe('`weiter` targets with characters a header cannot carry', () => {
	// "/€" as a Location header made every redirect to it a 500: the target is sent encoded.
	const TARGET = '/€';
	const ENCODED = '/%E2%82%AC';

	function expectNoInternalError() {
		expect(server.output()).not.toContain('Invalid redirect location');
	}

	it('sends signed-in visitors of the log-in and registration pages on, encoded', async () => {
		const cookie = await login(server.url, DEMO.viewer);
		for (const page of ['/anmelden', '/registrieren']) {
			const response = await get(server.url, `${page}?weiter=${encodeURIComponent(TARGET)}`, {
				cookie
			});
			expect(response.status, page).toBe(303);
			expect(response.headers.get('location'), page).toBe(ENCODED);
		}
		expectNoInternalError();
	});

	it('keeps the encoded target in the log-in form for anonymous visitors', async () => {
		const response = await get(server.url, `/anmelden?weiter=${encodeURIComponent(TARGET)}`);
		expect(response.status).toBe(200);
		expect(await response.text()).toContain(`name="weiter" value="${ENCODED}"`);
	});

	it('returns there after a successful log-in', async () => {
		const response = await postForm(server.url, '/anmelden', {
			email: DEMO.viewer,
			password: DEMO_PASSWORD,
			weiter: TARGET
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(ENCODED);
		expect(sessionTokenSetBy(response)).toBeTruthy();
		expectNoInternalError();
	});

	it('returns there after switching the language', async () => {
		const response = await postForm(server.url, '/sprache', { locale: 'en', weiter: TARGET });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(ENCODED);
		expectNoInternalError();
	});
});

describe('log-out', () => {
	it('ends the session on the server, not just in the browser', async () => {
		const cookie = await login(server.url, DEMO.editor2);
		expect(await myAgendas(server.url, cookie)).toHaveLength(1);

		const response = await postForm(server.url, '/abmelden', {}, { cookie });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/');
		expect(sessionTokenSetBy(response)).toBe('');
		expect(sessionCookieLine(response)).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);

		// Someone who kept the old cookie is anonymous now.
		const api = await get(server.url, '/api/agendas', { cookie, accept: 'application/json' });
		expect(api.status).toBe(401);
		const account = await get(server.url, '/konto', { cookie });
		expect(account.status).toBe(303);
		expect(account.headers.get('location')).toBe('/anmelden?weiter=%2Fkonto');
	});

	it('keeps the session when another site posts to /abmelden', async () => {
		const cookie = await login(server.url, DEMO.editor2);
		const response = await postForm(
			server.url,
			'/abmelden',
			{},
			{ cookie, origin: 'http://evil.example' }
		);
		expect(response.status).toBe(403);
		expect(await myAgendas(server.url, cookie)).toHaveLength(1);
	});

	it('does not log out on a plain GET', async () => {
		const cookie = await login(server.url, DEMO.editor2);
		const response = await get(server.url, '/abmelden', { cookie });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/');
		// The session cookie may be renewed (sliding expiry), but it is not deleted.
		expect(sessionTokenSetBy(response)).not.toBe('');
		expect(await myAgendas(server.url, cookie)).toHaveLength(1);
	});
});

describe('registration', () => {
	it('creates a citizen account without memberships, and asks to log in', async () => {
		const email = uniqueEmail('neu');
		const response = await postForm(server.url, '/registrieren', {
			displayName: '  Erika Mustermann  ',
			email: `  ${email.toUpperCase()} `,
			password: 'ein-langes-passwort'
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(AFTER_REGISTRATION);
		// No session: a known address gets no session either, so a cookie would tell them apart.
		expect(sessionTokenSetBy(response)).toBeNull();
		expect(await countUsers(email)).toBe(1);

		const page = await get(server.url, AFTER_REGISTRATION);
		expect(page.status).toBe(200);
		expect(decodeHtml(await page.text())).toContain(REGISTERED_NOTE);

		// The new password works for the log-in.
		const cookie = await login(server.url, email, 'ein-langes-passwort');
		expect(await myAgendas(server.url, cookie)).toEqual([]);
		const data = await get(server.url, '/konto/daten.json', { cookie });
		expect(data.status).toBe(200);
		const exported = (await data.json()) as {
			account: { email: string; displayName: string; isAdmin: boolean };
		};
		expect(exported.account).toMatchObject({
			email,
			displayName: 'Erika Mustermann',
			isAdmin: false
		});
		// The password is stored as an argon2 hash only.
		const [row] = await queryDatabase<{ password_hash: string }>(
			server.databasePath,
			'SELECT password_hash FROM users WHERE email = ?',
			email
		);
		expect(row?.password_hash).toMatch(/^\$argon2id\$/);
		expect(row?.password_hash).not.toContain('ein-langes-passwort');
	});

	it('keeps the `weiter` target through the log-in that follows', async () => {
		const email = uniqueEmail('weiter');
		const response = await postForm(server.url, '/registrieren', {
			displayName: 'Mit Ziel',
			email,
			password: 'ein-langes-passwort',
			weiter: '/konto'
		});
		expect(response.status).toBe(303);
		const location = response.headers.get('location') ?? '';
		expect(location).toBe('/anmelden?konto=angelegt&weiter=%2Fkonto');
		const page = decodeHtml(await (await get(server.url, location)).text());
		expect(page).toContain(REGISTERED_NOTE);
		expect(page).toContain('name="weiter" value="/konto"');
	});

	it('accepts a display name of exactly 80 characters', async () => {
		const email = uniqueEmail('lang');
		await register(server, email, 'ein-langes-passwort', 'x'.repeat(80));
		expect(await countUsers(email)).toBe(1);
	});

	it('answers an e-mail that already has an account exactly as a new one (no enumeration)', async () => {
		const fields = { displayName: 'Doppelt', password: 'ein-anderes-passwort' };
		const known = await postForm(server.url, '/registrieren', {
			...fields,
			email: 'Buerger@Musterstadt.example'
		});
		const unknown = await postForm(server.url, '/registrieren', {
			...fields,
			email: uniqueEmail('unbekannt')
		});
		for (const response of [known, unknown]) {
			expect(response.status).toBe(303);
			expect(response.headers.get('location')).toBe(AFTER_REGISTRATION);
			expect(response.headers.getSetCookie()).toEqual([]);
			expect(await response.text()).toBe('');
		}
		// Nothing changed about the existing account: one row, its name, its password.
		expect(await countUsers(DEMO.citizen)).toBe(1);
		const [row] = await queryDatabase<{ display_name: string }>(
			server.databasePath,
			'SELECT display_name FROM users WHERE email = ?',
			DEMO.citizen
		);
		expect(row?.display_name).not.toBe('Doppelt');
		await expect(login(server.url, DEMO.citizen)).resolves.toBeTruthy();
		await expect(login(server.url, DEMO.citizen, 'ein-anderes-passwort')).rejects.toThrow();
	});

	const invalid: { case: string; fields: Record<string, string>; message: string }[] = [
		{
			case: 'a password shorter than 10 characters',
			fields: { displayName: 'Kurz', password: 'neun-zchn' },
			message: 'Das Passwort muss mindestens 10 Zeichen lang sein.'
		},
		{
			case: 'a password longer than 256 characters',
			fields: { displayName: 'Lang', password: 'p'.repeat(257) },
			message: 'Das Passwort darf höchstens 256 Zeichen lang sein.'
		},
		{
			case: 'a common password',
			fields: { displayName: 'Häufig', password: '1234567890' },
			message: GUESSABLE
		},
		{
			case: 'a common password with a year',
			fields: { displayName: 'Häufig', password: 'Passwort2025!' },
			message: GUESSABLE
		},
		{
			case: 'a keyboard row as password',
			fields: { displayName: 'Tastatur', password: 'qwertzuiop' },
			message: GUESSABLE
		},
		{
			case: 'a password made of the display name',
			fields: { displayName: 'Erika Beispiel', password: 'ErikaBeispiel!' },
			message: OWN_DATA
		},
		{
			case: 'a password made of the e-mail address',
			fields: {
				displayName: 'Eigen',
				email: 'erika.beispiel@example.org',
				password: 'Erika.Beispiel@example.org'
			},
			message: OWN_DATA
		},
		{
			case: 'an invalid e-mail address',
			fields: { displayName: 'Ungültig', email: 'keine-adresse', password: 'ein-langes-passwort' },
			message: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.'
		},
		{
			case: 'an over-long display name',
			fields: { displayName: 'x'.repeat(81), password: 'ein-langes-passwort' },
			message: 'Der Anzeigename darf höchstens 80 Zeichen lang sein.'
		},
		{
			case: 'a display name with control characters',
			fields: { displayName: 'Anna\u0000Berger\u202e', password: 'ein-langes-passwort' },
			message: 'Der Anzeigename darf keine Steuerzeichen enthalten.'
		},
		{
			case: 'a blank display name',
			fields: { displayName: '   ', password: 'ein-langes-passwort' },
			message: 'Bitte geben Sie einen Anzeigenamen ein.'
		}
	];

	for (const { case: name, fields, message } of invalid) {
		it(`refuses ${name} with 400, a German message and no account`, async () => {
			const email = fields.email ?? uniqueEmail('abgelehnt');
			const response = await postForm(server.url, '/registrieren', { email, ...fields });
			expect(response.status).toBe(400);
			expect(sessionTokenSetBy(response)).toBeNull();
			const html = decodeHtml(await response.text());
			expect(html).toContain(message);
			if (fields.password) expect(html).not.toContain(fields.password);
			expect(await countUsers(email)).toBe(0);
		});
	}

	it('refuses a cross-site registration post with 403 and creates nobody', async () => {
		const email = uniqueEmail('csrf');
		const response = await postForm(
			server.url,
			'/registrieren',
			{ displayName: 'Fremd', email, password: 'ein-langes-passwort' },
			{ origin: 'http://evil.example' }
		);
		expect(response.status).toBe(403);
		expect(sessionTokenSetBy(response)).toBeNull();
		expect(await countUsers(email)).toBe(0);
	});
});

describe('display names', () => {
	const RESERVED = 'Dieser Name ist Ämtern und offiziellen Rollen vorbehalten.';
	const TAKEN = 'Diesen Namen trägt schon jemand, der für eine Agenda spricht.';

	async function displayNameOf(email: string): Promise<string | undefined> {
		return (
			await queryDatabase<{ display_name: string }>(
				server.databasePath,
				'SELECT display_name FROM users WHERE email = ?',
				email
			)
		)[0]?.display_name;
	}

	for (const [name, message] of [
		['Stabsstelle Digitalisierung', RESERVED],
		['stabsstelle\u200b-digitalisierung', RESERVED],
		['Bürgermeisterin', RESERVED],
		['AG Digitalisierung', RESERVED],
		// Demo editor "Anna Berger (AG)", spelt differently.
		['anna berger ag', TAKEN]
	] as const) {
		it(`refuses to register as ${JSON.stringify(name)}, for a new and a known address`, async () => {
			for (const email of [uniqueEmail('amtlich'), DEMO.citizen]) {
				const response = await postForm(server.url, '/registrieren', {
					displayName: name,
					email,
					password: 'ein-langes-passwort'
				});
				expect(response.status, email).toBe(400);
				expect(decodeHtml(await response.text())).toContain(message);
				if (email !== DEMO.citizen) expect(await countUsers(email)).toBe(0);
			}
		});
	}

	it('stores a registered name without its invisible characters', async () => {
		const email = uniqueEmail('unsichtbar');
		await register(server, email, 'ein-langes-passwort', '\u200bErika\u200b  Mu\u2060ster\ufeff');
		expect(await displayNameOf(email)).toBe('Erika Muster');
	});

	it('refuses an official name on the account page and keeps the old one', async () => {
		const email = uniqueEmail('umbenennen');
		const cookie = await register(server, email, 'ein-langes-passwort', 'Bert Bürger');
		for (const [name, message] of [
			['Verwaltung', RESERVED],
			['Deniz Yilmaz (AG)', TAKEN]
		]) {
			const response = await postForm(
				server.url,
				'/konto?/name',
				{ displayName: name ?? '' },
				{ cookie }
			);
			expect(response.status, name).toBe(400);
			expect(decodeHtml(await response.text())).toContain(message);
		}
		expect(await displayNameOf(email)).toBe('Bert Bürger');

		const renamed = await postForm(
			server.url,
			'/konto?/name',
			{ displayName: 'Bert\u200b Bürger-Meier' },
			{ cookie }
		);
		expect(renamed.status).toBe(200);
		expect(await displayNameOf(email)).toBe('Bert Bürger-Meier');
	});

	it('lets the demo admin keep the official name', async () => {
		const cookie = await login(server.url, DEMO.admin);
		const response = await postForm(
			server.url,
			'/konto?/name',
			{ displayName: 'Stabsstelle Digitalisierung' },
			{ cookie }
		);
		expect(response.status).toBe(200);
	});
});

describe('password change', () => {
	const PASSWORD = 'ein-langes-passwort';

	for (const [name, newPassword, message] of [
		['a common password', 'passwort123', GUESSABLE],
		['a run of digits', '0123456789', GUESSABLE],
		['the own display name', 'Konrad Wechsel 1', OWN_DATA],
		['the own e-mail address', '', OWN_DATA]
	] as const) {
		it(`refuses ${name} as the new password and keeps the old one`, async () => {
			const email = uniqueEmail('wechsel');
			const cookie = await register(server, email, PASSWORD, 'Konrad Wechsel');
			const response = await postForm(
				server.url,
				'/konto?/password',
				{ currentPassword: PASSWORD, newPassword: newPassword || email },
				{ cookie }
			);
			expect(response.status).toBe(400);
			expect(decodeHtml(await response.text())).toContain(message);
			await expect(login(server.url, email, PASSWORD)).resolves.toBeTruthy();
		});
	}
});
