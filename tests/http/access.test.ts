import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIRM_FIELD, CONFIRM_VALUE } from '../../src/lib/forms/confirm';
import { eq } from 'drizzle-orm';
import { users } from '../../src/lib/server/db/schema';
import { withDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';
import {
	DEMO,
	decodeHtml,
	get,
	login,
	myAgendas,
	postForm,
	queryDatabase,
	register,
	uniqueEmail
} from '../support/http';

let server: TestServer;
let demoAgendaId: string;
const cookies: Record<keyof typeof DEMO, string> = {
	admin: '',
	editor: '',
	editor2: '',
	viewer: '',
	citizen: ''
};

beforeAll(async () => {
	server = await startTestServer();
	for (const key of Object.keys(DEMO) as (keyof typeof DEMO)[]) {
		cookies[key] = await login(server.url, DEMO[key]);
	}
	const [demo] = await myAgendas(server.url, cookies.admin);
	if (!demo) throw new Error('Demo-Agenda fehlt');
	demoAgendaId = demo.id;
});

afterAll(async () => {
	await server?.stop();
});

/** What the confirm button of a removal sends (ConfirmForm). */
const CONFIRMED = { [CONFIRM_FIELD]: CONFIRM_VALUE };
const FORBIDDEN = 'Dafür fehlt Ihnen die Berechtigung.';
const LAST_OWNER =
	'Eine Agenda braucht mindestens eine federführende Person. Ernennen Sie zuerst jemand anderen.';

function membersPath(agendaId = demoAgendaId) {
	return `/agenden/${agendaId}/mitglieder`;
}

async function count(sql: string, ...params: unknown[]): Promise<number> {
	return (await queryDatabase<{ n: number }>(server.databasePath, sql, ...params))[0]?.n ?? -1;
}

async function invitationCount(agendaId = demoAgendaId): Promise<number> {
	return count('SELECT count(*) AS n FROM invitations WHERE agenda_id = ?', agendaId);
}

async function userId(cookie: string): Promise<string> {
	const response = await get(server.url, '/konto/daten.json', { cookie });
	const data = (await response.json()) as { account: { id: string } };
	return data.account.id;
}

/** Creates an invitation as the owner and returns the link's token. */
async function invite(role: 'editor' | 'viewer', agendaId = demoAgendaId): Promise<string> {
	const response = await postForm(
		server.url,
		`${membersPath(agendaId)}?/invite`,
		{ role },
		{ cookie: cookies.admin }
	);
	expect(response.status).toBe(200);
	const html = await response.text();
	// The link is the value of the page's readonly field (copied from there, by hand or button).
	const link = /<input[^>]*value="([^"]+)"[^>]*data-testid="invitation-link"/.exec(html)?.[1];
	expect(link).toBeDefined();
	const token = new RegExp(`^${server.url}/einladung/([a-z2-7]{32})$`).exec(link ?? '')?.[1];
	expect(token, link).toBeDefined();
	return token ?? '';
}

describe('/api/agendas', () => {
	it('answers anonymous visitors with 401 and a German message', async () => {
		const response = await get(server.url, '/api/agendas', { accept: 'application/json' });
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({ message: 'Bitte melden Sie sich an.' });
	});

	it.each([
		['admin', 'owner'],
		['editor', 'editor'],
		['editor2', 'editor'],
		['viewer', 'viewer']
	] as const)('lists the demo agenda for %s with the role %s', async (who, role) => {
		const response = await get(server.url, '/api/agendas', {
			cookie: cookies[who],
			accept: 'application/json'
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('private, no-store');
		expect(await response.json()).toEqual([
			{
				id: demoAgendaId,
				slug: 'musterstadt',
				title: 'Digitale Agenda Musterstadt 2026–2030',
				role
			}
		]);
	});

	it('lists nothing for the citizen, who is no member', async () => {
		expect(await myAgendas(server.url, cookies.citizen)).toEqual([]);
	});
});

describe('members page', () => {
	it('sends anonymous visitors to the log-in with a way back', async () => {
		const response = await get(server.url, membersPath());
		expect(response.status).toBe(303);
		const location = response.headers.get('location') ?? '';
		expect(location).toBe(`/anmelden?weiter=${encodeURIComponent(membersPath())}`);

		// And the log-in form brings them back there.
		const weiter = new URL(location, server.url).searchParams.get('weiter') ?? '';
		const loggedIn = await postForm(server.url, '/anmelden', {
			email: DEMO.admin,
			password: 'demo-agendawerk',
			weiter
		});
		expect(loggedIn.status).toBe(303);
		expect(loggedIn.headers.get('location')).toBe(membersPath());
	});

	it.each(['citizen', 'viewer', 'editor'] as const)(
		'refuses the %s with a German 403 page',
		async (who) => {
			const response = await get(server.url, membersPath(), { cookie: cookies[who] });
			expect(response.status).toBe(403);
			const html = decodeHtml(await response.text());
			expect(html).toContain('Kein Zugriff');
			expect(html).toContain(FORBIDDEN);
			// Nothing of the member list leaks into the error page.
			expect(html).not.toContain(DEMO.editor);
		}
	);

	it('shows the owner all members with their e-mail addresses', async () => {
		const response = await get(server.url, membersPath(), { cookie: cookies.admin });
		expect(response.status).toBe(200);
		const html = decodeHtml(await response.text());
		expect(html).toContain('Mitglieder und Einladungen');
		for (const email of [DEMO.admin, DEMO.editor, DEMO.editor2, DEMO.viewer]) {
			expect(html).toContain(email);
		}
		expect(html).not.toContain(DEMO.citizen);
	});

	it('answers 404 for a well-formed but unknown agenda id', async () => {
		const response = await get(server.url, membersPath('aaaaaaaaaaaaaaaa'), {
			cookie: cookies.admin
		});
		expect(response.status).toBe(404);
		expect(decodeHtml(await response.text())).toContain('Diese Agenda gibt es nicht.');
		expect((await get(server.url, '/agenden/aaaaaaaaaaaaaaaa')).status).toBe(404);
	});

	it.each(['xyz', 'AAAAAAAAAAAAAAAA', `${'a'.repeat(17)}`, 'aaaaaaaaaaaaaaa1', '%00'])(
		'answers 404 for the malformed id %s',
		async (id) => {
			const response = await get(server.url, `/agenden/${id}/mitglieder`, {
				cookie: cookies.admin
			});
			expect(response.status).toBe(404);
			expect((await get(server.url, `/agenden/${id}`)).status).toBe(404);
		}
	);
});

describe('invitations', () => {
	it.each(['editor', 'viewer', 'citizen'] as const)(
		'refuses the invite action to the %s with 403 and creates nothing',
		async (who) => {
			const before = await invitationCount();
			const response = await postForm(
				server.url,
				`${membersPath()}?/invite`,
				{ role: 'editor' },
				{ cookie: cookies[who] }
			);
			expect(response.status).toBe(403);
			const html = decodeHtml(await response.text());
			expect(html).toContain(FORBIDDEN);
			expect(html).not.toContain('/einladung/');
			expect(await invitationCount()).toBe(before);
		}
	);

	it('sends an anonymous invite post to the log-in and creates nothing', async () => {
		const before = await invitationCount();
		const response = await postForm(server.url, `${membersPath()}?/invite`, { role: 'editor' });
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toMatch(/^\/anmelden\?weiter=/);
		expect(await invitationCount()).toBe(before);
	});

	it('refuses a cross-site invite post, even with the owner session', async () => {
		const before = await invitationCount();
		const response = await postForm(
			server.url,
			`${membersPath()}?/invite`,
			{ role: 'editor' },
			{ cookie: cookies.admin, origin: 'http://evil.example' }
		);
		expect(response.status).toBe(403);
		expect(await invitationCount()).toBe(before);
	});

	it('never invites to ownership by link', async () => {
		const before = await invitationCount();
		const response = await postForm(
			server.url,
			`${membersPath()}?/invite`,
			{ role: 'owner' },
			{ cookie: cookies.admin }
		);
		expect(response.status).toBe(400);
		expect(decodeHtml(await response.text())).toContain(
			'Bitte wählen Sie einen der angebotenen Werte.'
		);
		expect(await invitationCount()).toBe(before);
	});

	it('lets the owner invite; the link grants its role once, to one person', async () => {
		const before = await invitationCount();
		const token = await invite('viewer');
		expect(await invitationCount()).toBe(before + 1);
		// Only the token's hash is stored: a copy of the database holds no usable link.
		const hash = createHash('sha256').update(token).digest('hex');
		expect(await count('SELECT count(*) AS n FROM invitations WHERE token_hash = ?', hash)).toBe(1);
		expect(await count('SELECT count(*) AS n FROM invitations WHERE token_hash = ?', token)).toBe(
			0
		);

		// Anyone with the link sees what it is for, and is asked to log in first.
		const page = await get(server.url, `/einladung/${token}`);
		expect(page.status).toBe(200);
		const pageHtml = decodeHtml(await page.text());
		expect(pageHtml).toContain('Digitale Agenda Musterstadt 2026–2030');
		expect(pageHtml).toContain('Lesezugriff');
		const anonymousAccept = await postForm(server.url, `/einladung/${token}`, {});
		expect(anonymousAccept.status).toBe(303);
		expect(anonymousAccept.headers.get('location')).toBe(
			`/anmelden?weiter=${encodeURIComponent(`/einladung/${token}`)}`
		);

		const newcomer = await register(server, uniqueEmail('eingeladen'));
		expect(await myAgendas(server.url, newcomer)).toEqual([]);
		const accepted = await postForm(server.url, `/einladung/${token}`, {}, { cookie: newcomer });
		expect(accepted.status).toBe(303);
		expect(accepted.headers.get('location')).toBe(`/agenden/${demoAgendaId}`);
		expect(await myAgendas(server.url, newcomer)).toEqual([
			expect.objectContaining({ id: demoAgendaId, role: 'viewer' })
		]);
		const overview = decodeHtml(
			await (await get(server.url, `/agenden/${demoAgendaId}`, { cookie: newcomer })).text()
		);
		expect(overview).toContain('Ihre Rolle');
		expect(overview).toContain('Lesezugriff');

		// Used: the link is dead for everybody else, and for the newcomer too.
		const latecomer = await register(server, uniqueEmail('zu-spaet'));
		const reopened = await get(server.url, `/einladung/${token}`, { cookie: latecomer });
		expect(reopened.status).toBe(410);
		expect(decodeHtml(await reopened.text())).toContain(
			'Diese Einladung wurde schon verwendet. Bitten Sie um eine neue.'
		);
		const reused = await postForm(server.url, `/einladung/${token}`, {}, { cookie: latecomer });
		expect(reused.status).toBe(410);
		expect(decodeHtml(await reused.text())).toContain('Diese Einladung wurde schon verwendet.');
		expect(await myAgendas(server.url, latecomer)).toEqual([]);
		const again = await postForm(server.url, `/einladung/${token}`, {}, { cookie: newcomer });
		expect(again.status).toBe(410);
		expect(await myAgendas(server.url, newcomer)).toEqual([
			expect.objectContaining({ role: 'viewer' })
		]);
	});

	it('does not let a member use up an invitation meant for someone else', async () => {
		const token = await invite('editor');
		const response = await postForm(
			server.url,
			`/einladung/${token}`,
			{},
			{ cookie: cookies.viewer }
		);
		expect(response.status).toBe(409);
		expect(decodeHtml(await response.text())).toContain('Sie sind bereits Mitglied dieser Agenda.');
		expect(await myAgendas(server.url, cookies.viewer)).toEqual([
			expect.objectContaining({ role: 'viewer' })
		]);
		// Still open for the person it was meant for.
		const invitee = await register(server, uniqueEmail('gemeint'));
		const accepted = await postForm(server.url, `/einladung/${token}`, {}, { cookie: invitee });
		expect(accepted.status).toBe(303);
		expect(await myAgendas(server.url, invitee)).toEqual([
			expect.objectContaining({ role: 'editor' })
		]);
	});

	it('kills a revoked link', async () => {
		const token = await invite('editor');
		const hash = createHash('sha256').update(token).digest('hex');
		const [row] = await queryDatabase<{ id: string }>(
			server.databasePath,
			'SELECT id FROM invitations WHERE token_hash = ?',
			hash
		);
		expect(row).toBeDefined();

		// Only the owner can revoke.
		const refused = await postForm(
			server.url,
			`${membersPath()}?/revoke`,
			{ invitationId: row?.id ?? '' },
			{ cookie: cookies.editor }
		);
		expect(refused.status).toBe(403);
		expect((await get(server.url, `/einladung/${token}`)).status).toBe(200);

		const revoked = await postForm(
			server.url,
			`${membersPath()}?/revoke`,
			{ invitationId: row?.id ?? '', ...CONFIRMED },
			{ cookie: cookies.admin }
		);
		expect(revoked.status).toBe(200);
		expect(decodeHtml(await revoked.text())).toContain('Die Einladung wurde zurückgezogen.');
		const gone = await get(server.url, `/einladung/${token}`);
		expect(gone.status).toBe(404);
		expect(decodeHtml(await gone.text())).toContain('Diese Einladung gibt es nicht.');
		const invitee = await register(server, uniqueEmail('widerrufen'));
		const accepted = await postForm(server.url, `/einladung/${token}`, {}, { cookie: invitee });
		expect(accepted.status).toBe(404);
		expect(await myAgendas(server.url, invitee)).toEqual([]);
	});

	it.each(['abcdefghijklmnopqrstuvwxyz234567', 'zu-kurz', 'A'.repeat(32)])(
		'answers 404 for the unknown or malformed token %s',
		async (token) => {
			expect((await get(server.url, `/einladung/${token}`)).status).toBe(404);
			const accept = await postForm(
				server.url,
				`/einladung/${token}`,
				{},
				{ cookie: cookies.citizen }
			);
			expect(accept.status).toBe(404);
		}
	);
});

describe('changing and removing members', () => {
	it('refuses to remove or demote the last owner, in German', async () => {
		const adminId = await userId(cookies.admin);
		const members = async () =>
			await count('SELECT count(*) AS n FROM memberships WHERE agenda_id = ?', demoAgendaId);
		const before = await members();

		const removal = await postForm(
			server.url,
			`${membersPath()}?/remove`,
			{ userId: adminId, ...CONFIRMED },
			{ cookie: cookies.admin }
		);
		expect(removal.status).toBe(409);
		expect(decodeHtml(await removal.text())).toContain(LAST_OWNER);

		const demotion = await postForm(
			server.url,
			`${membersPath()}?/role`,
			{ userId: adminId, role: 'editor' },
			{ cookie: cookies.admin }
		);
		expect(demotion.status).toBe(409);
		expect(decodeHtml(await demotion.text())).toContain(LAST_OWNER);

		expect(await members()).toBe(before);
		expect(await myAgendas(server.url, cookies.admin)).toContainEqual(
			expect.objectContaining({ id: demoAgendaId, role: 'owner' })
		);
	});

	it('lets the owner change a role and remove a member, who then loses access', async () => {
		const token = await invite('viewer');
		const member = await register(server, uniqueEmail('wechsel'));
		await postForm(server.url, `/einladung/${token}`, {}, { cookie: member });
		const memberId = await userId(member);

		const promoted = await postForm(
			server.url,
			`${membersPath()}?/role`,
			{ userId: memberId, role: 'editor' },
			{ cookie: cookies.admin }
		);
		expect(promoted.status).toBe(200);
		expect(decodeHtml(await promoted.text())).toContain('Die Rolle wurde geändert.');
		expect(await myAgendas(server.url, member)).toEqual([
			expect.objectContaining({ role: 'editor' })
		]);

		// An editor may not change roles, not even their own.
		const selfPromotion = await postForm(
			server.url,
			`${membersPath()}?/role`,
			{ userId: memberId, role: 'owner' },
			{ cookie: member }
		);
		expect(selfPromotion.status).toBe(403);
		expect(await myAgendas(server.url, member)).toEqual([
			expect.objectContaining({ role: 'editor' })
		]);

		const removed = await postForm(
			server.url,
			`${membersPath()}?/remove`,
			{ userId: memberId, ...CONFIRMED },
			{ cookie: cookies.admin }
		);
		expect(removed.status).toBe(200);
		expect(decodeHtml(await removed.text())).toContain('Das Mitglied wurde entfernt.');
		expect(await myAgendas(server.url, member)).toEqual([]);
		expect((await get(server.url, membersPath(), { cookie: member })).status).toBe(403);
	});

	it('asks before removing a member or revoking an invitation: unconfirmed, nothing changes', async () => {
		const token = await invite('viewer');
		const member = await register(server, uniqueEmail('bleibt'));
		await postForm(server.url, `/einladung/${token}`, {}, { cookie: member });
		const memberId = await userId(member);

		const unconfirmed: Record<string, string>[] = [
			{ userId: memberId },
			{ userId: memberId, [CONFIRM_FIELD]: 'nein' }
		];
		for (const fields of unconfirmed) {
			const asked = await postForm(server.url, `${membersPath()}?/remove`, fields, {
				cookie: cookies.admin
			});
			expect(asked.status).toBe(200);
			const page = decodeHtml(await asked.text());
			expect(page).toMatch(/Testperson bleibt-[^<]* wirklich aus dem Team entfernen\?/);
			expect(page).toContain('Ja, entfernen');
			expect(page).not.toContain('Das Mitglied wurde entfernt.');
			expect(await myAgendas(server.url, member)).toEqual([
				expect.objectContaining({ role: 'viewer' })
			]);
		}

		const open = await invite('editor');
		const hash = createHash('sha256').update(open).digest('hex');
		const [row] = await queryDatabase<{ id: string }>(
			server.databasePath,
			'SELECT id FROM invitations WHERE token_hash = ?',
			hash
		);
		const asked = await postForm(
			server.url,
			`${membersPath()}?/revoke`,
			{ invitationId: row?.id ?? '' },
			{ cookie: cookies.admin }
		);
		expect(asked.status).toBe(200);
		expect(decodeHtml(await asked.text())).toContain('Diese Einladung wirklich zurückziehen?');
		expect((await get(server.url, `/einladung/${open}`)).status).toBe(200);
	});

	it('answers 404 for a person who is no member', async () => {
		const citizenId = await userId(cookies.citizen);
		const response = await postForm(
			server.url,
			`${membersPath()}?/remove`,
			{ userId: citizenId, ...CONFIRMED },
			{ cookie: cookies.admin }
		);
		expect(response.status).toBe(404);
		expect(decodeHtml(await response.text())).toContain(
			'Diese Person ist kein Mitglied der Agenda.'
		);
	});
});

describe('team area', () => {
	/**
	 * The team pages share a layout that lets members and instance admins in. A layout guards
	 * neither form actions nor endpoints nor the page loads beside it: each must refuse on its own
	 * whoever the layout let through without the right for that page.
	 */
	let adminCookie: string;

	beforeAll(async () => {
		const email = uniqueEmail('instanz-admin');
		adminCookie = await register(server, email);
		await withDatabase(server.databasePath, (db) =>
			db.update(users).set({ isAdmin: true }).where(eq(users.email, email))
		);
	});

	async function versionCount(): Promise<number> {
		return count('SELECT count(*) AS n FROM versions WHERE agenda_id = ?', demoAgendaId);
	}

	it('lets an instance admin without membership manage members, and nothing else', async () => {
		const team = (path: string) => `/agenden/${demoAgendaId}${path}`;
		expect((await get(server.url, team('/mitglieder'), { cookie: adminCookie })).status).toBe(200);
		// The editor renders in the browser only: its data is what the server refuses.
		const editor = await get(server.url, team('/bearbeiten/__data.json'), { cookie: adminCookie });
		expect(await editor.text()).toContain('"status":403');
		for (const path of [
			'/fassungen',
			'/fassungen/vergleich',
			'/moderation',
			'/beschlussvorlage',
			'/beteiligungsbericht',
			'/beteiligungsbericht.csv'
		]) {
			const response = await get(server.url, team(path), { cookie: adminCookie });
			expect(response.status, path).toBe(403);
		}
		const before = await versionCount();
		const frozen = await postForm(
			server.url,
			team('/fassungen?/freeze'),
			{ name: 'Vom Admin' },
			{ cookie: adminCookie }
		);
		expect(frozen.status).toBe(403);
		expect(await versionCount()).toBe(before);
	});

	it('refuses the moderation actions to a viewer, whom the layout lets in', async () => {
		const response = await postForm(
			server.url,
			`/agenden/${demoAgendaId}/moderation?/hide`,
			{ commentId: 'aaaaaaaaaaaaaaaa', reason: 'Test' },
			{ cookie: cookies.viewer }
		);
		expect(response.status).toBe(403);
		expect(decodeHtml(await response.text())).toContain(FORBIDDEN);
	});

	it('sends anonymous posts to team actions to the log-in and changes nothing', async () => {
		const before = await versionCount();
		const response = await postForm(server.url, `/agenden/${demoAgendaId}/fassungen?/freeze`, {
			name: 'Anonym'
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(
			`/anmelden?weiter=${encodeURIComponent(`/agenden/${demoAgendaId}/fassungen`)}`
		);
		expect(await versionCount()).toBe(before);
	});
});

describe('malformed addresses', () => {
	/** Parameters of a shape the app never makes: the route's matcher refuses them first. */
	const paths = () => [
		'/beteiligung/Muster_Stadt',
		'/beteiligung/musterstadt/massnahmen/gibtesnicht',
		'/beteiligung/musterstadt/ziele/x',
		'/beteiligung/musterstadt/abschnitte/bestandsaufnahme',
		'/einladung/zu-kurz',
		`/api/agendas/${demoAgendaId}/export/geheim.exe`
	];

	it('answers each with 404 and the German error page, for members too', async () => {
		for (const path of paths()) {
			for (const cookie of ['', cookies.admin]) {
				const response = await get(server.url, path, { cookie });
				expect(response.status, path).toBe(404);
				const html = decodeHtml(await response.text());
				// The app's error page with the general message, not one the route's code gave.
				expect(html, path).toContain('<p class="kern-body">Seite nicht gefunden</p>');
				expect(html, path).toContain('lang="de"');
			}
		}
	});
});

describe('malformed OParl addresses', () => {
	it('answer 404 with the OParl error object an OParl client reads, for members too', async () => {
		for (const path of [
			`/api/agendas/${demoAgendaId}/oparl/body/x`,
			'/api/agendas/Muster_Stadt/oparl/body'
		]) {
			for (const cookie of ['', cookies.admin]) {
				const response = await get(server.url, path, { cookie });
				expect(response.status, path).toBe(404);
				expect(response.headers.get('access-control-allow-origin'), path).toBe('*');
				expect(await response.json(), path).toEqual({
					type: 'https://schema.oparl.org/1.1/Error',
					message: 'Dieses OParl-Objekt gibt es nicht.'
				});
			}
		}
	});
});

describe('internal agendas', () => {
	let internalId: string;

	it('only lets the instance admin create agendas', async () => {
		const fields = {
			title: 'Interne Agenda Testdorf',
			slug: 'testdorf-intern',
			municipality: 'Testdorf',
			periodStart: '2027',
			periodEnd: '2031',
			visibility: 'internal'
		};
		const refused = await postForm(server.url, '/agenden/neu', fields, {
			cookie: cookies.editor
		});
		expect(refused.status).toBe(403);
		expect(decodeHtml(await refused.text())).toContain(
			'Nur Administratorinnen und Administratoren können Agenden anlegen.'
		);
		expect(await count('SELECT count(*) AS n FROM agendas WHERE slug = ?', fields.slug)).toBe(0);

		const created = await postForm(server.url, '/agenden/neu', fields, { cookie: cookies.admin });
		expect(created.status).toBe(303);
		internalId =
			/^\/agenden\/([a-z2-7]{16})$/.exec(created.headers.get('location') ?? '')?.[1] ?? '';
		expect(internalId).not.toBe('');
		expect(await myAgendas(server.url, cookies.admin)).toContainEqual(
			expect.objectContaining({ id: internalId, slug: 'testdorf-intern', role: 'owner' })
		);

		const duplicate = await postForm(server.url, '/agenden/neu', fields, {
			cookie: cookies.admin
		});
		expect(duplicate.status).toBe(400);
		expect(decodeHtml(await duplicate.text())).toContain('Dieser Kurzname ist schon vergeben.');
	});

	it('keeps an internal agenda from anonymous visitors and non-members', async () => {
		const home = decodeHtml(await (await get(server.url, '/')).text());
		expect(home).toContain('Digitale Agenda Musterstadt');
		expect(home).not.toContain('Interne Agenda Testdorf');

		const anonymous = await get(server.url, `/agenden/${internalId}`);
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toBe(
			`/anmelden?weiter=${encodeURIComponent(`/agenden/${internalId}`)}`
		);
		const citizen = await get(server.url, `/agenden/${internalId}`, { cookie: cookies.citizen });
		expect(citizen.status).toBe(403);
		expect(decodeHtml(await citizen.text())).not.toContain('Interne Agenda Testdorf');

		const owner = await get(server.url, `/agenden/${internalId}`, { cookie: cookies.admin });
		expect(owner.status).toBe(200);
		expect(decodeHtml(await owner.text())).toContain('Interne Agenda Testdorf');
	});
});
