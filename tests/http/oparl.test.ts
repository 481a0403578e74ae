import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateOparl, type OparlObjectType } from '../../src/lib/export/oparl/validate';
import { addEntity } from '../../src/lib/agenda/ydoc/mutations';
import { connectClient } from '../support/collab';
import { DEMO, get, login, myAgendas } from '../support/http';
import { freePort, startTestServer, type TestServer } from '../support/server';

/**
 * The OParl interface as a client sees it: starting from the System, every URL found is followed
 * and every object checked against its schema. ORIGIN names another host than the one the
 * requests go to (`localhost` vs `127.0.0.1`), as behind a proxy: every id must be under ORIGIN.
 */
const PORT = await freePort();
const ORIGIN = `http://localhost:${PORT}`;
const TYPE_PREFIX = 'https://schema.oparl.org/1.1/';

let server: TestServer;
let owner = '';
let agendaId = '';

beforeAll(async () => {
	server = await startTestServer({
		ORIGIN,
		PORT: String(PORT),
		RATE_LIMIT_LOGIN_PER_IP: '1000',
		// The crawls read many objects without log-in.
		RATE_LIMIT_EXPORT_PER_IP: '1000'
	});
	owner = await login(server.url, DEMO.admin, undefined, { origin: ORIGIN });
	const [agenda] = await myAgendas(server.url, owner);
	agendaId = agenda?.id ?? '';
}, 60_000);

afterAll(async () => {
	await server?.stop();
});

/** A URL under ORIGIN as a path the test server answers. */
function local(url: string): string {
	expect(url.startsWith(`${ORIGIN}/`), url).toBe(true);
	const target = new URL(url);
	return target.pathname + target.search;
}

async function fetchJson(url: string, cookie = owner) {
	const response = await get(server.url, local(url), { cookie, accept: 'application/json' });
	expect({ url, status: response.status }).toEqual({ url, status: 200 });
	expect(response.headers.get('content-type')).toMatch(/^application\/json/);
	// §2-06: any web page may read OParl answers.
	expect({ url, cors: response.headers.get('access-control-allow-origin') }).toEqual({
		url,
		cors: '*'
	});
	return (await response.json()) as Record<string, unknown>;
}

function typeOf(object: Record<string, unknown>): OparlObjectType {
	const type = String(object.type ?? '');
	expect(type.startsWith(TYPE_PREFIX), type).toBe(true);
	return type.slice(TYPE_PREFIX.length) as OparlObjectType;
}

function expectValid(type: OparlObjectType, object: unknown, where: string) {
	expect({ where, errors: validateOparl(type, object).errors }).toEqual({ where, errors: [] });
}

/** Properties whose URLs point at files, not at OParl objects. */
const FILE_LINKS = new Set(['accessUrl', 'downloadUrl']);
/** Properties whose URLs name a schema, not a resource of this server. */
const SCHEMA_NAMES = new Set(['type', 'oparlVersion']);

interface Found {
	objects: string[];
	files: { key: string; url: string }[];
	embedded: Record<string, unknown>[];
}

/** Every URL in a value: object links, file links and the embedded objects (which have ids). */
function linksIn(value: unknown, found: Found, key = '', depth = 0): void {
	if (typeof value === 'string') {
		if (!value.startsWith('http') || SCHEMA_NAMES.has(key)) return;
		if (FILE_LINKS.has(key)) found.files.push({ key, url: value });
		// `web` is the HTML page for people, not an OParl object.
		else if (key !== 'web') found.objects.push(value);
		return;
	}
	if (Array.isArray(value)) {
		for (const item of value) linksIn(item, found, key, depth);
		return;
	}
	if (value && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		if (depth > 0 && typeof record.type === 'string') found.embedded.push(record);
		for (const [name, inner] of Object.entries(record)) linksIn(inner, found, name, depth + 1);
	}
}

describe('OParl interface', () => {
	it('starts at a System whose every link leads to an object valid against its schema', async () => {
		// A Sitzung of the Beratungsfolge, decided: it becomes a Meeting with an AgendaItem.
		const client = await connectClient(server.url, agendaId, owner, ORIGIN);
		const entryId = addEntity(
			client.doc,
			{ collection: 'consultations' },
			{
				body: 'Ausschuss für Digitales',
				date: '2027-01-12',
				role: 'vorberatung',
				result: 'empfohlen',
				votum: 'einstimmig'
			}
		);
		const meetingUrl = `${ORIGIN}/api/agendas/${agendaId}/oparl/meeting/${entryId}`;
		const started = Date.now();
		while ((await get(server.url, local(meetingUrl), { cookie: owner })).status !== 200) {
			expect(Date.now() - started).toBeLessThan(5_000);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		client.destroy();

		const system = `${ORIGIN}/api/agendas/${agendaId}/oparl/system`;
		const queue = [system];
		const visited = new Map<string, Record<string, unknown>>();
		const files = new Map<string, string>();
		const embeddedConsultations: Record<string, unknown>[] = [];
		while (queue.length > 0) {
			const url = queue.shift() ?? '';
			if (visited.has(url)) continue;
			const object = await fetchJson(url);
			visited.set(url, object);
			const found: Found = { objects: [], files: [], embedded: [] };
			if (Array.isArray(object.data)) {
				expectValid('ListPage', object, url);
				for (const item of object.data as Record<string, unknown>[]) {
					expectValid(typeOf(item), item, `${url} → ${String(item.id)}`);
				}
			} else {
				expectValid(typeOf(object), object, url);
				expect(object.id).toBe(url);
			}
			linksIn(object, found);
			for (const embedded of found.embedded) {
				expectValid(typeOf(embedded), embedded, `${url} → ${String(embedded.id)}`);
				if (typeOf(embedded) === 'Consultation' && object.type === `${TYPE_PREFIX}Paper`) {
					embeddedConsultations.push(embedded);
				}
			}
			for (const file of found.files) files.set(file.url, file.key);
			queue.push(...found.objects.filter((link) => !visited.has(link)));
		}
		const types = new Set([...visited.values()].map((object) => object.type));
		const kinds = ['System', 'Body', 'Paper', 'Organization', 'Consultation', 'File', 'Meeting'];
		for (const type of [...kinds, 'AgendaItem']) {
			expect(types).toContain(`${TYPE_PREFIX}${type}`);
		}
		const body = [...visited.values()].find((object) => object.type === `${TYPE_PREFIX}Body`);
		for (const list of ['membership', 'locationList', 'legislativeTermList']) {
			expect(visited.get(String(body?.[list]))?.data).toEqual([]);
		}

		// Embedded Consultations do not point back at their Paper, Meeting or AgendaItem; served
		// alone they do.
		expect(embeddedConsultations.length).toBeGreaterThan(0);
		for (const consultation of embeddedConsultations) {
			expect(consultation).not.toHaveProperty('paper');
			expect(consultation).not.toHaveProperty('meeting');
			const alone = visited.get(String(consultation.id));
			expect(alone).toEqual({
				...consultation,
				paper: alone?.paper,
				...(alone?.meeting === undefined
					? {}
					: { meeting: alone.meeting, agendaItem: alone.agendaItem })
			});
			expect(visited.get(String(alone?.paper))?.type).toBe(`${TYPE_PREFIX}Paper`);
		}

		// The dated step: a Meeting of its Gremium, listed by the Body, whose AgendaItem carries
		// Ergebnis and Votum and links back to the Consultation, which links both.
		const meeting = visited.get(meetingUrl);
		expect(meeting).toMatchObject({
			start: '2027-01-12T00:00:00+01:00',
			organization: [
				`${ORIGIN}/api/agendas/${agendaId}/oparl/organization/ausschuss-fuer-digitales`
			]
		});
		expect(visited.get(String(body?.meeting))?.data).toContainEqual(meeting);
		const [item] = (meeting?.agendaItem ?? []) as Record<string, unknown>[];
		expect(item).toMatchObject({ result: 'empfohlen', resolutionText: 'einstimmig' });
		const itemAlone = visited.get(String(item?.id));
		expect(itemAlone).toEqual({ ...item, meeting: meetingUrl });
		expect(visited.get(String(body?.agendaItem))?.data).toContainEqual(itemAlone);
		const consultation = visited.get(String(item?.consultation));
		expect(consultation).toMatchObject({ meeting: meetingUrl, agendaItem: item?.id });
		const [gremium] = (meeting?.organization ?? []) as string[];
		const organization = visited.get(String(gremium));
		expect(organization?.type).toBe(`${TYPE_PREFIX}Organization`);
		// The Gremium lists its Sitzungen.
		expect(visited.get(String(organization?.meeting))?.data).toEqual([meeting]);

		// §2-07: the access URL shows the file in place, the download URL sends it as attachment.
		expect(files.size).toBeGreaterThanOrEqual(10);
		for (const [url, key] of files) {
			const response = await get(server.url, local(url), { cookie: owner, accept: '*/*' });
			expect({ url, status: response.status }).toEqual({ url, status: 200 });
			const disposition = response.headers.get('content-disposition') ?? '';
			if (key === 'accessUrl') expect(disposition, url).not.toMatch(/attachment/);
			else expect(disposition, url).toMatch(/^attachment; filename="[^"]+"/);
			await response.arrayBuffer();
		}
	}, 120_000);

	it('gives the exported Paper Berlin date-times, a file shown in place and no back-references', async () => {
		// Read without the checks of fetchJson, and softly: each point fails on its own.
		const response = await get(server.url, `/api/agendas/${agendaId}/export/oparl.json`, {
			cookie: owner,
			accept: 'application/json'
		});
		const paper = await response.json();
		const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/;
		expect.soft(paper.created).toMatch(dateTime);
		expect.soft(paper.mainFile.modified).toMatch(dateTime);
		expect.soft(paper.id.startsWith(`${ORIGIN}/`)).toBe(true);
		expect.soft(paper.mainFile.accessUrl).not.toBe(paper.mainFile.downloadUrl);
		expect.soft(paper.consultation[0]).not.toHaveProperty('paper');
		expect.soft(response.headers.get('access-control-allow-origin')).toBe('*');
	});

	it('lets anyone read what the Paper of a published Fassung references, and keeps the draft behind log-in', async () => {
		// Only in the draft: a committee added after Fassung 1 was put to participation.
		const client = await connectClient(server.url, agendaId, owner, ORIGIN);
		addEntity(
			client.doc,
			{ collection: 'consultations' },
			{ body: 'Geheimer Ausschuss', role: 'kenntnisnahme' }
		);
		const draftOnly = `${ORIGIN}/api/agendas/${agendaId}/oparl/organization/geheimer-ausschuss`;
		const started = Date.now();
		while ((await get(server.url, local(draftOnly), { cookie: owner })).status !== 200) {
			expect(Date.now() - started).toBeLessThan(5_000);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		client.destroy();

		const paper = await fetchJson(
			`${ORIGIN}/api/agendas/${agendaId}/export/oparl.json?fassung=1`,
			''
		);
		expectValid('Paper', paper, 'Paper der Fassung 1');
		const found: Found = { objects: [], files: [], embedded: [] };
		linksIn(paper, found);
		const references = [...new Set(found.objects)].filter((url) => url !== paper.id);
		expect(references).toContain(paper.body);
		for (const url of references) {
			const object = await fetchJson(url, '');
			expectValid(typeOf(object), object, url);
			expect(object.id).toBe(url);
		}
		const body = await fetchJson(String(paper.body), '');
		const organizations = await fetchJson(String(body.organization), '');
		expect(JSON.stringify(organizations)).not.toContain('Geheimer Ausschuss');
		// Every file opens too, the Beteiligungsbericht in its public variant (permissions.ts).
		expect(found.files.some(({ url }) => url.includes('/beteiligungsbericht.'))).toBe(true);
		for (const { url } of found.files) {
			const response = await get(server.url, local(url), { accept: '*/*' });
			expect({ url, status: response.status }).toEqual({ url, status: 200 });
			await response.arrayBuffer();
		}

		// The draft and what only it has stay behind log-in.
		expect((await get(server.url, local(draftOnly))).status).toBe(404);
		const draftPaper = await get(server.url, `/api/agendas/${agendaId}/export/oparl.json`);
		expect(draftPaper.status).toBe(303);
		const citizen = await login(server.url, DEMO.citizen, undefined, { origin: ORIGIN });
		const asCitizen = await get(server.url, local(draftOnly), { cookie: citizen });
		expect(asCitizen.status).toBe(404);
	}, 120_000);

	it('narrows every list by created and modified, bounds included, keeping the filter in its links', async () => {
		const base = `${ORIGIN}/api/agendas/${agendaId}/oparl`;
		const system = await fetchJson(`${base}/system`);
		const body = await fetchJson(`${base}/body`);
		const bodyLists = ['organization', 'person', 'meeting', 'paper', 'agendaItem'];
		bodyLists.push('consultation', 'file', 'membership', 'locationList', 'legislativeTermList');
		const organizations = await fetchJson(String(body.organization));
		const lists = [
			String(system.body),
			...bodyLists.map((name) => String(body[name])),
			...(organizations.data as Record<string, unknown>[]).map((entry) => String(entry.meeting))
		];
		let filled = 0;
		for (const list of lists) {
			const all = await fetchJson(list);
			const [first] = all.data as Record<string, unknown>[];
			if (!first) continue;
			filled += 1;
			const created = String(first.created);
			const modified = String(first.modified);
			// Every object of one export has the same stamps: the bounds themselves include all.
			const exact = withQuery(list, {
				created_since: created,
				created_until: created,
				modified_since: modified,
				modified_until: modified
			});
			const included = await fetchJson(exact);
			expectValid('ListPage', included, exact);
			expect({ exact, data: included.data }).toEqual({ exact, data: all.data });
			// §2-05: the filter stays in the page's links.
			expect((included.links as Record<string, unknown>).self).toBe(exact);

			// The same instants in UTC, a second later or earlier: nothing is left.
			for (const [parameter, stamp, step] of [
				['created_since', created, 1],
				['created_until', created, -1],
				['modified_since', modified, 1],
				['modified_until', modified, -1]
			] as const) {
				const url = withQuery(list, { [parameter]: utcPlus(stamp, step) });
				const page = await fetchJson(url);
				expectValid('ListPage', page, url);
				expect({ url, data: page.data }).toEqual({ url, data: [] });
				expect((page.pagination as Record<string, unknown>).totalElements).toBe(0);
			}
		}
		expect(filled).toBeGreaterThanOrEqual(6);

		// A `+` left unencoded arrives as a space; it is read as the `+` it was.
		const paperList = await fetchJson(String(body.paper));
		const [paper] = paperList.data as Record<string, unknown>[];
		const raw = `${String(body.paper)}?created_since=${String(paper?.created)}`;
		expect(String(paper?.created)).toContain('+');
		expect((await fetchJson(raw)).data).toEqual(paperList.data);
	}, 120_000);

	it('leaves out embedded lists on omit_internal=true', async () => {
		const body = await fetchJson(`${ORIGIN}/api/agendas/${agendaId}/oparl/body`);
		for (const [list, omitted] of [
			['paper', 'auxiliaryFile'],
			['meeting', 'agendaItem']
		] as const) {
			const full = await fetchJson(String(body[list]));
			const objects = full.data as Record<string, unknown>[];
			expect(objects.length).toBeGreaterThan(0);
			for (const object of objects) expect(object).toHaveProperty(omitted);
			const url = withQuery(String(body[list]), { omit_internal: 'true' });
			const page = await fetchJson(url);
			expectValid('ListPage', page, url);
			const rest = Object.entries(objects[0] ?? {}).filter(([name]) => name !== omitted);
			expect((page.data as unknown[])[0]).toEqual(Object.fromEntries(rest));
			for (const object of page.data as Record<string, unknown>[]) {
				expect(object).not.toHaveProperty(omitted);
				expectValid(typeOf(object), object, `${url} → ${String(object.id)}`);
			}
			const explicit = await fetchJson(withQuery(String(body[list]), { omit_internal: 'false' }));
			expect(explicit.data).toEqual(full.data);
		}
	});

	it('answers a filter it cannot read with 400 and an OParl error in German, logged in or not', async () => {
		const list = `/api/agendas/${agendaId}/oparl/paper`;
		for (const [query, parameter] of [
			['created_since=gestern', 'created_since'],
			['created_until=2026-02-30T00%3A00%3A00%2B01%3A00', 'created_until'],
			['modified_since=2026-01-31T24%3A00%3A00%2B01%3A00', 'modified_since'],
			['modified_until=2026-01-31T12%3A00%3A00', 'modified_until'],
			['modified_until=2026-01-31', 'modified_until'],
			['created_since=', 'created_since'],
			['omit_internal=ja', 'omit_internal'],
			['omit_internal=true&omit_internal=false', 'omit_internal'],
			[
				'created_since=2026-01-01T00%3A00%3A00%2B01%3A00&created_since=2027-01-01T00%3A00%3A00%2B01%3A00',
				'created_since'
			]
		] as const) {
			for (const cookie of [owner, '']) {
				const url = `${list}?${query}`;
				const response = await get(server.url, url, { cookie, accept: 'application/json' });
				expect({ url, status: response.status }).toEqual({ url, status: 400 });
				expect(response.headers.get('content-type')).toMatch(/^application\/json/);
				expect(response.headers.get('access-control-allow-origin')).toBe('*');
				const answer = (await response.json()) as Record<string, unknown>;
				expect(answer.type).toBe(`${TYPE_PREFIX}Error`);
				expect(answer.message).toContain(`„${parameter}“`);
				expect(String(answer.message)).toMatch(/erwartet|nur einmal/);
			}
		}
	});

	it('answers an object it does not have with 404 and an OParl error in German', async () => {
		for (const path of ['organization/gibt-es-nicht', 'organization/gibt-es-nicht/meeting']) {
			const url = `/api/agendas/${agendaId}/oparl/${path}`;
			const response = await get(server.url, url, { cookie: owner, accept: 'application/json' });
			expect({ url, status: response.status }).toEqual({ url, status: 404 });
			expect(response.headers.get('content-type')).toMatch(/^application\/json/);
			expect(response.headers.get('access-control-allow-origin')).toBe('*');
			expect(await response.json()).toMatchObject({
				type: `${TYPE_PREFIX}Error`,
				message: 'Dieses OParl-Objekt gibt es nicht.'
			});
		}
	});

	it('answers every refusal with an OParl error object and the CORS header, never a log-in page', async () => {
		const citizen = await login(server.url, DEMO.citizen, undefined, { origin: ORIGIN });
		const base = `/api/agendas/${agendaId}/oparl`;
		for (const [url, cookie, status] of [
			// The draft (an empty `fassung`) needs an account, and then a membership.
			[`${base}/body?fassung=`, '', 401],
			[`${base}/system?fassung=`, citizen, 403],
			[`${base}/body?fassung=1x`, '', 400],
			[`${base}/body?fassung=99`, owner, 404],
			['/api/agendas/aaaaaaaaaaaaaaaa/oparl/system', '', 404],
			['/api/agendas/gibt-es-nicht/oparl/system', '', 404],
			[`${base}/gibt-es-nicht`, '', 404],
			[`${base}/paper/eins/zwei/drei`, owner, 404]
		] as const) {
			const response = await get(server.url, url, { cookie, accept: 'application/json' });
			expect({ url, status: response.status }).toEqual({ url, status });
			expect(response.headers.get('content-type'), url).toMatch(/^application\/json/);
			expect(response.headers.get('access-control-allow-origin'), url).toBe('*');
			const answer = (await response.json()) as Record<string, unknown>;
			expect(answer.type, url).toBe(`${TYPE_PREFIX}Error`);
			expect(typeof answer.message, url).toBe('string');
		}
	});

	it('links a published Paper to the citizen page, which anyone may open', async () => {
		const paper = await fetchJson(
			`${ORIGIN}/api/agendas/${agendaId}/export/oparl.json?fassung=1`,
			''
		);
		const web = String(paper.web);
		expect(web).toMatch(new RegExp(`^${ORIGIN}/beteiligung/[^/?]+\\?fassung=1$`));
		const page = await get(server.url, local(web));
		expect({ web, status: page.status }).toEqual({ web, status: 200 });
		await page.text();
		// The draft's page is the team's.
		const draft = await fetchJson(`${ORIGIN}/api/agendas/${agendaId}/export/oparl.json`);
		expect(draft.web).toBe(`${ORIGIN}/agenden/${agendaId}/beschlussvorlage`);
	});
});

/** The URL with these query parameters, encoded as a client must (§2-05). */
function withQuery(url: string, query: Record<string, string>): string {
	return `${url}?${new URLSearchParams(query)}`;
}

/** A date-time `seconds` later, written in UTC as `yyyy-mm-ddThh:mm:ss+00:00`. */
function utcPlus(dateTime: string, seconds: number): string {
	const instant = new Date(Date.parse(dateTime) + seconds * 1000);
	return instant.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
