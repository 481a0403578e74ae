import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, type Db } from '../../src/lib/server/db/connection';
import { commentAnswers, comments } from '../../src/lib/server/db/schema';
import { legacyControlCharacter, openDatabaseAt } from '../support/database';
import { addComment } from '../../src/lib/server/participation/comments';
import { currentPhase } from '../../src/lib/server/participation/phases';
import {
	DEMO,
	decodeHtml,
	get,
	login,
	myAgendas,
	postForm,
	queryDatabase,
	register,
	uniqueEmail,
	userIdOf
} from '../support/http';
import {
	copyAgendaWithMembers,
	openTestParticipation,
	updatePhase
} from '../support/participation';
import { toBerlinLocalInput } from '../../src/lib/berlin-time';
import { startTestServer, type TestServer } from '../support/server';

/** What nobody types on purpose: C0/C1 controls (but tab and line feed), bidi overrides. */
// eslint-disable-next-line no-control-regex -- exactly these must never reach a file or a page
const CONTROL_OR_BIDI = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/**
 * The team's side of participation over HTTP against a real server: freezing Fassungen, opening a
 * phase, moderating, answering and publishing, each refused for the wrong role and for bad input.
 */
describe('Fassungen, moderation and answers', () => {
	let server: TestServer;
	let db: Db;
	let agendaId = '';
	const cookies: Record<string, string> = {};
	const count = async (sql: string, ...params: unknown[]) =>
		(await queryDatabase<{ n: number }>(server.databasePath, sql, ...params))[0]?.n ?? -1;

	beforeAll(async () => {
		server = await startTestServer();
		for (const who of ['admin', 'editor', 'viewer', 'citizen'] as const) {
			cookies[who] = await login(server.url, DEMO[who]);
		}
		agendaId = (await myAgendas(server.url, cookies.admin ?? ''))[0]?.id ?? '';
		db = openDatabaseAt(server.databasePath);
	});

	afterAll(async () => {
		if (db) await closeDatabase(db);
		await server?.stop();
	});

	const page = (path: string) => `/agenden/${agendaId}${path}`;

	/** A comment written straight through the service, on a section of the current Fassung. */
	async function commentOnSection(email: string, section: string, body: string): Promise<string> {
		const added = await addComment(db, {
			origin: null,
			participation: (await currentPhase(db, agendaId))!,
			item: { kind: 'section', id: section },
			parentId: null,
			authorId: await userIdOf(server.databasePath, email),
			body
		});
		if (!added.ok) throw new Error(added.error);
		return added.comment.id;
	}

	it('lets only the owner freeze a Fassung, with a sensible name', async () => {
		const before = await count('SELECT count(*) AS n FROM versions');
		const refused = await postForm(
			server.url,
			page('/fassungen?/freeze'),
			{ name: 'Zweite Fassung' },
			{ cookie: cookies.editor }
		);
		expect(refused.status).toBe(403);
		const tooShort = await postForm(
			server.url,
			page('/fassungen?/freeze'),
			{ name: 'ab' },
			{ cookie: cookies.admin }
		);
		expect(tooShort.status).toBe(400);
		expect(await tooShort.text()).toContain('3 bis 120 Zeichen');
		expect(await count('SELECT count(*) AS n FROM versions')).toBe(before);

		const frozen = await postForm(
			server.url,
			page('/fassungen?/freeze'),
			{ name: 'Zweite Fassung' },
			{ cookie: cookies.admin }
		);
		expect(frozen.status).toBe(200);
		const rows = await queryDatabase<{ number: number; name: string; content: string }>(
			server.databasePath,
			'SELECT number, name, content FROM versions WHERE agenda_id = ? ORDER BY number',
			agendaId
		);
		expect(rows.map((row) => [row.number, row.name])).toEqual([
			[1, 'Entwurf zur Bürgerbeteiligung'],
			[2, 'Zweite Fassung']
		]);
		expect(JSON.parse(rows[1]?.content ?? '{}').measures).toHaveLength(7);
	});

	it('opens a phase on the new Fassung with Berlin times, refusing bad periods, overlaps and doubles', async () => {
		const [version] = await queryDatabase<{ id: string }>(
			server.databasePath,
			'SELECT id FROM versions WHERE number = 2'
		);
		const fields = { versionId: version?.id ?? '', intro: 'Zweite Runde', moderation: 'pre' };
		const backwards = await postForm(
			server.url,
			page('/fassungen?/phase'),
			{ ...fields, startsAt: '2026-12-01T10:00', endsAt: '2026-11-30T10:00' },
			{ cookie: cookies.admin }
		);
		expect(backwards.status).toBe(400);
		expect(await backwards.text()).toContain('Das Ende muss nach dem Beginn liegen.');
		const byViewer = await postForm(
			server.url,
			page('/fassungen?/phase'),
			{ ...fields, startsAt: '2020-01-01T10:00', endsAt: '2099-01-01T18:00' },
			{ cookie: cookies.viewer }
		);
		expect(byViewer.status).toBe(403);
		expect(await count('SELECT count(*) AS n FROM participation_phases')).toBe(1);

		// Round 1 (the demo's) still runs: round 2 may not overlap it.
		const overlapping = await postForm(
			server.url,
			page('/fassungen?/phase'),
			{ ...fields, startsAt: '2020-01-01T10:00', endsAt: '2099-01-15T18:00' },
			{ cookie: cookies.admin }
		);
		expect(overlapping.status).toBe(400);
		expect(decodeHtml(await overlapping.text())).toContain(
			'überschneidet sich mit der Beteiligung zu Fassung 1'
		);
		expect(await count('SELECT count(*) AS n FROM participation_phases')).toBe(1);

		const [first] = await queryDatabase<{ id: string }>(
			server.databasePath,
			'SELECT id FROM participation_phases'
		);
		for (const action of ['endPhase', 'deletePhase', 'updatePhase']) {
			const refused = await postForm(
				server.url,
				page(`/fassungen?/${action}`),
				{ phaseId: first?.id ?? '', endsAt: '2099-01-01T10:00', intro: '', moderation: 'post' },
				{ cookie: cookies.viewer }
			);
			expect(refused.status).toBe(403);
		}
		const deleteBegun = await postForm(
			server.url,
			page('/fassungen?/deletePhase'),
			{ phaseId: first?.id ?? '', bestaetigt: 'ja' },
			{ cookie: cookies.admin }
		);
		expect(deleteBegun.status).toBe(409);
		expect(decodeHtml(await deleteBegun.text())).toContain('kann nicht mehr gelöscht werden');
		expect(await count('SELECT count(*) AS n FROM participation_phases')).toBe(1);
		// Ending asks first: without the confirmation nothing happens.
		const unconfirmed = await postForm(
			server.url,
			page('/fassungen?/endPhase'),
			{ phaseId: first?.id ?? '' },
			{ cookie: cookies.admin }
		);
		expect(unconfirmed.status).toBe(200);
		expect(decodeHtml(await unconfirmed.text())).toContain('jetzt beenden?');
		expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'phase.end'")).toBe(0);
		const ended = await postForm(
			server.url,
			page('/fassungen?/endPhase'),
			{ phaseId: first?.id ?? '', bestaetigt: 'ja' },
			{ cookie: cookies.admin }
		);
		expect(ended.status).toBe(200);
		expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'phase.end'")).toBe(1);
		// As if round 1 had run until a few minutes ago, so that round 2 can start in the past
		// minute (forms take whole minutes; the demo's round began only when the server started).
		await updatePhase(server.databasePath, first?.id ?? '', {
			startsAt: new Date(Date.now() - 10 * 60_000),
			endsAt: new Date(Date.now() - 5 * 60_000)
		});
		const startsAt = toBerlinLocalInput(new Date(Date.now() - 60_000));
		const opened = await postForm(
			server.url,
			page('/fassungen?/phase'),
			{ ...fields, startsAt, endsAt: '2099-01-15T18:00' },
			{ cookie: cookies.admin }
		);
		expect(opened.status).toBe(200);
		const [phase] = await queryDatabase<{ ends_at: number; moderation: string }>(
			server.databasePath,
			'SELECT ends_at, moderation FROM participation_phases WHERE version_id = ?',
			version?.id
		);
		expect(new Date(phase?.ends_at ?? 0).toISOString()).toBe('2099-01-15T17:00:00.000Z');
		expect(phase?.moderation).toBe('pre');
		const again = await postForm(
			server.url,
			page('/fassungen?/phase'),
			{ ...fields, startsAt, endsAt: '2099-01-15T18:00' },
			{ cookie: cookies.admin }
		);
		expect(again.status).toBe(400);
		expect(await count('SELECT count(*) AS n FROM participation_phases')).toBe(2);
	});

	it('moderates: approve, hide with a reason, restore; never for citizens', async () => {
		expect((await currentPhase(db, agendaId))?.version.number).toBe(2);
		const id = await commentOnSection(DEMO.citizen, 'leitbild', 'Bitte mehr zu Barrierefreiheit.');
		const status = async () =>
			(
				await queryDatabase<{ status: string; hidden_reason: string | null }>(
					server.databasePath,
					'SELECT status, hidden_reason FROM comments WHERE id = ?',
					id
				)
			)[0];
		expect((await status())?.status).toBe('pending');

		const queue = await get(server.url, page('/moderation'), { cookie: cookies.editor });
		expect(await queue.text()).toContain('Bitte mehr zu Barrierefreiheit.');
		expect((await get(server.url, page('/moderation'), { cookie: cookies.citizen })).status).toBe(
			403
		);
		expect(
			(
				await postForm(
					server.url,
					page('/moderation?/approve'),
					{ commentId: id },
					{ cookie: cookies.citizen }
				)
			).status
		).toBe(403);
		expect(
			(
				await postForm(
					server.url,
					page('/moderation?/approve'),
					{ commentId: id },
					{ cookie: cookies.viewer }
				)
			).status
		).toBe(403);
		expect((await status())?.status).toBe('pending');

		expect(
			(
				await postForm(
					server.url,
					page('/moderation?/approve'),
					{ commentId: id },
					{ cookie: cookies.editor }
				)
			).status
		).toBe(200);
		expect((await status())?.status).toBe('visible');
		const noReason = await postForm(
			server.url,
			page('/moderation?/hide'),
			{ commentId: id, reason: ' ' },
			{ cookie: cookies.editor }
		);
		expect(noReason.status).toBe(400);
		expect((await status())?.status).toBe('visible');
		await postForm(
			server.url,
			page('/moderation?/hide'),
			{ commentId: id, reason: 'Werbung' },
			{ cookie: cookies.editor }
		);
		expect(await status()).toEqual({ status: 'hidden', hidden_reason: 'Werbung' });
		await postForm(
			server.url,
			page('/moderation?/restore'),
			{ commentId: id },
			{ cookie: cookies.admin }
		);
		expect((await status())?.status).toBe('visible');
		expect(await count("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'comment.%'")).toBe(
			3
		);
	});

	it('answers in the editor, publishes as owner, and unpublishes a changed answer', async () => {
		const [comment] = await queryDatabase<{ id: string }>(
			server.databasePath,
			"SELECT c.id FROM comments c JOIN versions v ON v.id = c.version_id WHERE v.number = 1 AND c.body LIKE 'Bitte denken Sie%'"
		);
		const answer = {
			commentId: comment?.id ?? '',
			disposition: 'uebernommen',
			reason: 'Wir ergänzen das.'
		};
		expect(
			(await postForm(server.url, page('/bearbeiten?/answer'), answer, { cookie: cookies.viewer }))
				.status
		).toBe(403);
		const bad = await postForm(
			server.url,
			page('/bearbeiten?/answer'),
			{ ...answer, disposition: 'egal' },
			{ cookie: cookies.editor }
		);
		expect(bad.status).toBe(400);
		const undecided = await postForm(
			server.url,
			page('/bearbeiten?/answer'),
			{ ...answer, disposition: '' },
			// The editor renders in the browser: the action's result as its script receives it.
			{ cookie: cookies.editor, accept: 'application/json' }
		);
		expect(await undecided.text()).toMatch(
			/"status":400.*Bitte wählen Sie, wie mit dem Hinweis umgegangen wird\./
		);
		expect(
			(await postForm(server.url, page('/bearbeiten?/answer'), answer, { cookie: cookies.editor }))
				.status
		).toBe(200);
		const stored = async () =>
			(
				await queryDatabase<{ disposition: string; published_at: number | null }>(
					server.databasePath,
					'SELECT disposition, published_at FROM comment_answers WHERE comment_id = ?',
					comment?.id
				)
			)[0];
		expect(await stored()).toEqual({ disposition: 'uebernommen', published_at: null });

		const [version] = await queryDatabase<{ id: string }>(
			server.databasePath,
			'SELECT id FROM versions WHERE number = 1'
		);
		expect(
			(
				await postForm(
					server.url,
					page('/fassungen?/publish'),
					{ versionId: version?.id ?? '' },
					{ cookie: cookies.editor }
				)
			).status
		).toBe(403);
		expect(
			(
				await postForm(
					server.url,
					page('/fassungen?/publish'),
					{ versionId: version?.id ?? '' },
					{ cookie: cookies.admin }
				)
			).status
		).toBe(200);
		expect((await stored())?.published_at).toBeGreaterThan(0);

		const changed = { ...answer, disposition: 'zur-kenntnis', reason: 'Geprüft.' };
		expect(
			(await postForm(server.url, page('/bearbeiten?/answer'), changed, { cookie: cookies.editor }))
				.status
		).toBe(200);
		expect(await stored()).toEqual({ disposition: 'zur-kenntnis', published_at: null });
	});

	it("exports a citizen's comments and keeps them as 'gelöschtes Konto' after deletion", async () => {
		const email = uniqueEmail('buerger');
		const cookie = await register(server, email);
		await commentOnSection(email, 'ausgangslage', 'Mein Beitrag zur Ausgangslage.');
		const exported = await get(server.url, '/konto/daten.json', {
			cookie,
			accept: 'application/json'
		});
		const data = (await exported.json()) as { comments: { text: string }[] };
		expect(data.comments.map((entry) => entry.text)).toEqual(['Mein Beitrag zur Ausgangslage.']);

		const deleted = await postForm(
			server.url,
			'/konto?/delete',
			{ password: 'ein-langes-passwort' },
			{ cookie }
		);
		expect(deleted.status).toBe(303);
		const rows = await queryDatabase<{ author_id: string | null; body: string }>(
			server.databasePath,
			"SELECT author_id, body FROM comments WHERE body = 'Mein Beitrag zur Ausgangslage.'"
		);
		expect(rows).toEqual([{ author_id: null, body: 'Mein Beitrag zur Ausgangslage.' }]);
	});

	it('cleans answer and hiding reasons, and writes no control character into the CSV', async () => {
		const id = await commentOnSection(
			DEMO.citizen,
			'ausgangslage',
			'Ein Hinweis, der beantwortet wird.'
		);
		const onlyControls = await postForm(
			server.url,
			page('/bearbeiten?/answer'),
			{ commentId: id, disposition: 'uebernommen', reason: '\u0000\u202E' },
			// The editor renders in the browser: the action's result as its script receives it.
			{ cookie: cookies.editor, accept: 'application/json' }
		);
		expect(await onlyControls.text()).toMatch(
			/"status":400.*Bitte begründen Sie die Entscheidung\./
		);
		expect(await count('SELECT count(*) AS n FROM comment_answers WHERE comment_id = ?', id)).toBe(
			0
		);
		const answered = await postForm(
			server.url,
			page('/bearbeiten?/answer'),
			{ commentId: id, disposition: 'uebernommen', reason: 'Wir\u0000 ergänzen\u202E das.' },
			{ cookie: cookies.editor }
		);
		expect(answered.status).toBe(200);
		const hidden = await postForm(
			server.url,
			page('/moderation?/hide'),
			{ commentId: id, reason: '\u202EWerbung\u0007' },
			{ cookie: cookies.editor }
		);
		expect(hidden.status).toBe(200);
		const [row] = await queryDatabase<{ reason: string; hidden_reason: string }>(
			server.databasePath,
			'SELECT a.reason, c.hidden_reason FROM comments c JOIN comment_answers a ON a.comment_id = c.id WHERE c.id = ?',
			id
		);
		expect(row).toEqual({ reason: 'Wir ergänzen das.', hidden_reason: 'Werbung' });

		// Text stored before the cleaning existed: the report and its CSV never carry it as it is.
		await db
			.update(comments)
			.set({
				body: `Alt${legacyControlCharacter()}\u202Etext`,
				hiddenReason: 'Alt\u001bgrund',
				status: 'visible'
			})
			.where(eq(comments.id, id));
		await db
			.update(commentAnswers)
			.set({ reason: 'Alte\u0008 Antwort\u2066' })
			.where(eq(commentAnswers.commentId, id));
		const csv = await get(server.url, page('/beteiligungsbericht.csv'), { cookie: cookies.admin });
		expect(csv.status).toBe(200);
		const text = await csv.text();
		expect(text).toContain('Alttext');
		expect(text).toContain('Alte Antwort');
		expect(CONTROL_OR_BIDI.test(text.replaceAll('\r\n', '\n'))).toBe(false);
		const report = await get(server.url, page('/beteiligungsbericht'), { cookie: cookies.admin });
		expect(CONTROL_OR_BIDI.test(await report.text())).toBe(false);
		const queue = await get(server.url, page('/moderation'), { cookie: cookies.admin });
		expect(CONTROL_OR_BIDI.test(await queue.text())).toBe(false);
	});

	it("publishes answers only of the agenda's own Fassungen: another agenda's is unknown", async () => {
		await copyAgendaWithMembers(server.databasePath, 'musterstadt', 'fremde-agenda');
		const foreign = await openTestParticipation(server.databasePath, { slug: 'fremde-agenda' });
		const published = async () =>
			await count("SELECT count(*) AS n FROM audit_log WHERE action = 'answers.publish'");
		const before = await published();
		const response = await postForm(
			server.url,
			page('/fassungen?/publish'),
			{ versionId: foreign.versionId },
			{ cookie: cookies.admin }
		);
		expect(response.status).toBe(404);
		expect(await published()).toBe(before);
	});
});
