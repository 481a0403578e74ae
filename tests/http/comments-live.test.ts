import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream } from '../support/event-stream';
import { DEMO, get, login, postForm, register, uniqueEmail } from '../support/http';
import { copyAgendaWithMembers, openTestParticipation } from '../support/participation';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The editor's live comment stream against a real server: a comment posted by a citizen reaches an
 * open stream at once, without its text; only members who may read the draft get a stream.
 */
const STREAMS_PER_USER = 12;

describe('live comment stream', () => {
	let server: TestServer;
	let agendaId = '';
	let measurePage = '';
	const cookies: Record<string, string> = {};
	const streamPath = () => `/agenden/${agendaId}/bearbeiten/kommentare/live`;

	beforeAll(async () => {
		server = await startTestServer({
			RATE_LIMIT_LOGIN_PER_IP: '1000',
			COMMENTS_LIVE_STREAMS_PER_USER: String(STREAMS_PER_USER)
		});
		agendaId = await copyAgendaWithMembers(server.databasePath, 'musterstadt', 'live');
		const participation = await openTestParticipation(server.databasePath, { slug: 'live' });
		measurePage = `/beteiligung/live/massnahmen/${participation.content.measures[0]?.id}`;
		for (const who of ['editor', 'viewer', 'citizen'] as const) {
			cookies[who] = await login(server.url, DEMO[who]);
		}
	});

	afterAll(async () => {
		await server?.stop();
	});

	/**
	 * An open stream of a member, after its first bytes arrived. The server notices a stream the
	 * client closed a moment later, on a busy machine after the next one was asked for: while the
	 * account is at its limit (429) this asks again, for up to 5 s. A place never freed still fails.
	 */
	async function openStream(cookie: string) {
		const askUntil = performance.now() + 5_000;
		let stream = await openEventStream(server.url + streamPath(), cookie);
		while (stream.status === 429 && performance.now() < askUntil) {
			stream.close();
			await new Promise((resolve) => setTimeout(resolve, 50));
			stream = await openEventStream(server.url + streamPath(), cookie);
		}
		expect(stream.status).toBe(200);
		expect(stream.contentType).toMatch(/^text\/event-stream/);
		await stream.until(/verbunden/, 2_000);
		return stream;
	}

	it('announces a citizen comment to an open stream within a second, without its text', async () => {
		const stream = await openStream(cookies.editor ?? '');
		const sent = performance.now();
		const posted = await postForm(
			server.url,
			`${measurePage}?/comment`,
			{ body: 'Geheimer Bürgertext, der nicht im Strom stehen darf' },
			{ cookie: cookies.citizen }
		);
		expect(posted.status).toBe(303);
		const arrived = await stream.until(/event: changed/, 1_000);
		expect(arrived - sent).toBeLessThan(1_000);
		expect(stream.text()).not.toContain('Geheimer');
		stream.close();
	});

	it('announces nothing for a refused post', async () => {
		const stream = await openStream(cookies.editor ?? '');
		const refused = await postForm(
			server.url,
			`${measurePage}?/comment`,
			{ body: '   ' },
			{ cookie: cookies.citizen }
		);
		expect(refused.status).toBe(400);
		await expect(stream.until(/event: changed/, 300)).rejects.toThrow();
		stream.close();
	});

	it('refuses anonymous visitors (401) and people who may not read the draft (403)', async () => {
		const anonymous = await get(server.url, streamPath(), { accept: 'text/event-stream' });
		expect(anonymous.status).toBe(401);
		const outsider = await register(
			server,
			uniqueEmail('live'),
			'ein-langes-passwort',
			'Außenstehende'
		);
		for (const cookie of [outsider, cookies.citizen]) {
			const refused = await get(server.url, streamPath(), { cookie, accept: 'text/event-stream' });
			expect(refused.status).toBe(403);
			expect(refused.headers.get('content-type')).not.toMatch(/event-stream/);
		}
		// A council member (viewer) reads the draft and may follow its comments.
		const viewer = await openStream(cookies.viewer ?? '');
		viewer.close();
	});

	it('serves many streams opened and closed again, each still told', async () => {
		for (let round = 0; round < 3; round++) {
			const streams = await Promise.all(
				Array.from({ length: 10 }, async () => await openStream(cookies.editor ?? ''))
			);
			for (const stream of streams) stream.close();
		}
		const stream = await openStream(cookies.editor ?? '');
		await postForm(
			server.url,
			`${measurePage}?/comment`,
			{ body: 'Noch ein Hinweis' },
			{ cookie: cookies.citizen }
		);
		await stream.until(/event: changed/, 1_000);
		stream.close();
	});

	it('holds no more streams per account than the limit, and frees a place when one closes', async () => {
		const streams = await Promise.all(
			Array.from({ length: STREAMS_PER_USER }, async () => await openStream(cookies.editor ?? ''))
		);
		const refused = await get(server.url, streamPath(), {
			cookie: cookies.editor,
			accept: 'text/event-stream'
		});
		expect(refused.status).toBe(429);
		expect(await refused.text()).toContain('Zu viele offene Editor-Fenster');
		// Another account is not affected.
		const viewer = await openStream(cookies.viewer ?? '');
		viewer.close();
		streams.pop()?.close();
		// The server notices the closed connection a moment later.
		await expect
			.poll(
				async () => {
					const attempt = await openEventStream(server.url + streamPath(), cookies.editor);
					attempt.close();
					return attempt.status;
				},
				{ timeout: 3_000 }
			)
			.toBe(200);
		for (const stream of streams) stream.close();
	});
});
