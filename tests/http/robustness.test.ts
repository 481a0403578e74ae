/**
 * Junk sent to every form action must be refused with a 4xx answer: never a 500, never an
 * unexpected error in the log, and the server stays healthy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { DEMO, get, login, myAgendas, post, postForm } from '../support/http';

let server: TestServer;
let admin: string;
let members: string;

beforeAll(async () => {
	server = await startTestServer();
	admin = await login(server.url, DEMO.admin);
	const [demo] = await myAgendas(server.url, admin);
	members = `/agenden/${demo?.id}/mitglieder`;
});

afterAll(async () => {
	await server?.stop();
});

interface Endpoint {
	path: () => string;
	fields: string[];
	signedIn: boolean;
	/** The language switch ignores what it does not understand and just goes back. */
	redirectsOnJunk?: boolean;
}

const ENDPOINTS: Record<string, Endpoint> = {
	'log-in': { path: () => '/anmelden', fields: ['email', 'password', 'weiter'], signedIn: false },
	registration: {
		path: () => '/registrieren',
		fields: ['displayName', 'email', 'password', 'weiter'],
		signedIn: false
	},
	language: {
		path: () => '/sprache',
		fields: ['locale', 'weiter'],
		signedIn: false,
		redirectsOnJunk: true
	},
	'account name': { path: () => '/konto?/name', fields: ['displayName'], signedIn: true },
	'account password': {
		path: () => '/konto?/password',
		fields: ['currentPassword', 'newPassword'],
		signedIn: true
	},
	'account deletion': { path: () => '/konto?/delete', fields: ['password'], signedIn: true },
	'new agenda': {
		path: () => '/agenden/neu',
		fields: ['title', 'slug', 'municipality', 'periodStart', 'periodEnd', 'visibility'],
		signedIn: true
	},
	invite: { path: () => `${members}?/invite`, fields: ['role'], signedIn: true },
	'change role': { path: () => `${members}?/role`, fields: ['userId', 'role'], signedIn: true },
	'remove member': { path: () => `${members}?/remove`, fields: ['userId'], signedIn: true },
	'revoke invitation': {
		path: () => `${members}?/revoke`,
		fields: ['invitationId'],
		signedIn: true
	},
	'accept invitation': {
		path: () => '/einladung/abcdefghijklmnopqrstuvwxyz234567',
		fields: [],
		signedIn: true
	}
};

const HUGE = 'x'.repeat(100_000);

function multipart(parts: string[], boundary = 'grenze'): string {
	return [...parts.map((part) => `--${boundary}\r\n${part}\r\n`), `--${boundary}--\r\n`].join('');
}

interface Junk {
	body: BodyInit;
	type: string | null;
}

function urlencoded(values: [string, string][]): Junk {
	return {
		body: new URLSearchParams(values).toString(),
		type: 'application/x-www-form-urlencoded'
	};
}

/** Each kind of junk: the request bodies it makes for an endpoint's fields. */
const JUNK: Record<string, (fields: string[]) => Junk[]> = {
	// One request per field, so that each field's own validation meets the 100 kB.
	'a 100 kB value, in each field in turn': (fields) =>
		[...fields, 'extra'].map((huge) =>
			urlencoded([...fields, 'extra'].map((name) => [name, name === huge ? HUGE : '']))
		),
	'a body over the 512 kB limit': () => [urlencoded([['x', 'y'.repeat(600_000)]])],
	'no fields at all': () => [{ body: '', type: 'application/x-www-form-urlencoded' }],
	'broken percent-encoding and control characters': (fields) => [
		{
			body: [...fields.map((name) => `${name}=%ZZ%00%ff%C3`), '%%%=&&==&=x'].join('&'),
			type: 'application/x-www-form-urlencoded'
		}
	],
	'every field twice, with odd values': (fields) => [
		{
			body: fields.map((name) => `${name}=%00&${name}=${'🙂'.repeat(300)}`).join('&'),
			type: 'application/x-www-form-urlencoded'
		}
	],
	'a text/plain body': (fields) => [
		{ body: fields.map((name) => `${name}=wert`).join('\r\n'), type: 'text/plain' }
	],
	'a JSON body': (fields) => [
		{
			body: JSON.stringify(Object.fromEntries(fields.map((name) => [name, 'wert']))),
			type: 'application/json'
		}
	],
	'bytes without a content type': () => [
		{ body: new TextEncoder().encode('email=a@b.de&password=x'), type: null }
	],
	'multipart without a boundary': () => [
		{
			body: multipart(['Content-Disposition: form-data; name="x"\r\n\r\ny']),
			type: 'multipart/form-data'
		}
	],
	'truncated multipart': () => [
		{
			body: '--grenze\r\nContent-Disposition: form-data; name="email"\r\n\r\nunfertig',
			type: 'multipart/form-data; boundary=grenze'
		}
	],
	'files where text is expected': (fields) => [
		{
			body: multipart(
				fields.map(
					(name) =>
						`Content-Disposition: form-data; name="${name}"; filename="a.txt"\r\n` +
						`Content-Type: text/plain\r\n\r\ninhalt`
				)
			),
			type: 'multipart/form-data; boundary=grenze'
		}
	]
};

describe.each(Object.entries(ENDPOINTS))('%s', (_name, endpoint) => {
	it.each(Object.keys(JUNK))('refuses %s with a 4xx answer', async (junk) => {
		const make = JUNK[junk];
		if (!make) throw new Error(junk);
		for (const { body, type } of make(endpoint.fields)) {
			const response = await post(server.url, endpoint.path(), body, type, {
				cookie: endpoint.signedIn ? admin : undefined
			});
			const text = await response.text();
			if (endpoint.redirectsOnJunk && response.status === 303) {
				expect(response.headers.get('location')).toBe('/');
			} else {
				expect(response.status, text.slice(0, 500)).toBeGreaterThanOrEqual(400);
				expect(response.status, text.slice(0, 500)).toBeLessThan(500);
			}
		}
	});
});

describe('what the refusals say', () => {
	it('answers an unreadable form body with 400 and a German message, not a server error', async () => {
		const response = await post(server.url, '/anmelden', 'email=a@b.de', 'text/plain');
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('Diese Anfrage konnte nicht verarbeitet werden.');
		expect(html).not.toContain('Da ist etwas schiefgegangen');
	});

	it('does not call a refused content type a server error', async () => {
		const response = await post(server.url, '/anmelden', '{}', 'application/json');
		expect(response.status).toBe(415);
		const html = await response.text();
		expect(html).toContain('Diese Anfrage konnte nicht verarbeitet werden.');
		expect(html).not.toContain('Da ist etwas schiefgegangen');
	});

	it("answers an over-long field with the field's own German message", async () => {
		const response = await postForm(server.url, '/registrieren', {
			displayName: HUGE,
			email: 'gross@example.org',
			password: 'ein-langes-passwort'
		});
		expect(response.status).toBe(400);
		const html = await response.text();
		expect(html).toContain('Der Anzeigename darf höchstens 80 Zeichen lang sein.');
	});
});

describe('afterwards', () => {
	it('still has the admin signed in with the demo password and name', async () => {
		// No junk changed the account: the session lives, the name is the demo one.
		const response = await get(server.url, '/konto/daten.json', { cookie: admin });
		expect(response.status).toBe(200);
		const data = (await response.json()) as { account: { displayName: string } };
		expect(data.account.displayName).toBe('Stabsstelle Digitalisierung');
		await expect(login(server.url, DEMO.admin)).resolves.toBeTruthy();
		expect(await myAgendas(server.url, admin)).toHaveLength(1);
	});

	it('answers the health check and a normal form post as before', async () => {
		expect((await get(server.url, '/healthz')).status).toBe(200);
		const response = await postForm(server.url, '/sprache', { locale: 'en', weiter: '/konto' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/konto');
	});

	it('logged no unexpected error', () => {
		// handleError logs every unexpected error with an id in brackets.
		expect(server.output()).not.toMatch(/^\[[0-9a-f-]{36}\]/m);
		expect(server.output()).not.toMatch(/Internal Error/);
	});
});
