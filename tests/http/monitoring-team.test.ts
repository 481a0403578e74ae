import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berlinDay } from '../../src/lib/berlin-time';
import type { Agenda } from '../../src/lib/agenda/model/schema';
import { closeDatabase, type Db } from '../../src/lib/server/db/connection';
import { openDatabaseAt } from '../support/database';
import { memberships } from '../../src/lib/server/db/schema';
import { currentDecision, resolvedPlan } from '../../src/lib/server/monitoring/decisions';
import { monitoringOverview } from '../../src/lib/server/monitoring/overview';
import {
	DEMO,
	get,
	login,
	myAgendas,
	postForm,
	queryDatabase,
	textOf,
	userIdOf
} from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The team's monitoring pages over HTTP against a real server: the owner records the council's
 * decision; patrons report on their own measures only, editors on all, only owners approve; a
 * fact reaches the public numbers only once approved; citizens and anonymous visitors see nothing.
 */
describe('the team monitoring pages', () => {
	let server: TestServer;
	let db: Db;
	let agendaId = '';
	let plan: Agenda;
	const cookies: Record<string, string> = {};
	const today = berlinDay(new Date());
	const count = async (sql: string, ...params: unknown[]) =>
		(await queryDatabase<{ n: number }>(server.databasePath, sql, ...params))[0]?.n ?? -1;
	// The seeded Beispielhausen demo has monitoring data of its own: count this agenda's only.
	const ours = 'decision_id IN (SELECT id FROM council_decisions WHERE agenda_id = ?)';
	const factCount = async () =>
		await count(`SELECT count(*) AS n FROM monitoring_facts WHERE ${ours}`, agendaId);
	const page = (path = '') => `/agenden/${agendaId}/umsetzung${path}`;
	const post = (path: string, fields: Record<string, string>, who: string | null) =>
		postForm(server.url, page(path), fields, who ? { cookie: cookies[who] } : {});
	/** The demo's first measure: patrons Deniz Yılmaz (ag2) and Anna Berger (ag1). */
	const patronMeasure = () => plan.measures[0]!.id;
	/** The second measure: its patrons have no accounts. */
	const otherMeasure = () => plan.measures[1]!.id;
	const report = (values: Record<string, string> = {}) => ({
		kind: 'report',
		status: 'in-arbeit',
		statusReason: '',
		progress: '40',
		text: 'Die Ausschreibung läuft.',
		asOf: today,
		...values
	});
	const latestFactId = async () =>
		(
			await queryDatabase<{ id: string }>(
				server.databasePath,
				`SELECT id FROM monitoring_facts WHERE ${ours} ORDER BY created_at DESC, rowid DESC LIMIT 1`,
				agendaId
			)
		)[0]?.id ?? '';
	const stateOf = async (factId: string) =>
		(
			await queryDatabase<{ state: string }>(
				server.databasePath,
				'SELECT state FROM monitoring_facts WHERE id = ?',
				factId
			)
		)[0]?.state;

	beforeAll(async () => {
		server = await startTestServer();
		for (const who of ['admin', 'editor', 'editor2', 'viewer', 'citizen'] as const) {
			cookies[who] = await login(server.url, DEMO[who]);
		}
		agendaId = (await myAgendas(server.url, cookies.admin ?? ''))[0]?.id ?? '';
		db = openDatabaseAt(server.databasePath);
		// Deniz Yılmaz, patron of the first measure, becomes a viewer: a patron outside the AG.
		await db
			.update(memberships)
			.set({ role: 'viewer' })
			.where(
				and(
					eq(memberships.agendaId, agendaId),
					eq(memberships.userId, await userIdOf(server.databasePath, DEMO.editor2))
				)
			);
	});

	afterAll(async () => {
		if (db) await closeDatabase(db);
		await server?.stop();
	});

	it('shows nothing to citizens and anonymous visitors', async () => {
		expect((await get(server.url, page(), { cookie: cookies.citizen })).status).toBe(403);
		const anonymous = await get(server.url, page());
		expect(anonymous.status).toBe(303);
		expect(anonymous.headers.get('location')).toMatch(/^\/anmelden/);
	});

	it('lets only the owner record the decision, refusing bad input in German', async () => {
		const editorPage = textOf(
			await (await get(server.url, page(), { cookie: cookies.editor })).text()
		);
		expect(editorPage).toContain('Es ist noch kein Ratsbeschluss erfasst.');
		expect(editorPage).not.toContain('Ratsbeschluss erfassen');
		const ownerPage = textOf(
			await (await get(server.url, page(), { cookie: cookies.admin })).text()
		);
		expect(ownerPage).toContain('Ratsbeschluss erfassen');

		const good = {
			versionNumber: '1',
			decidedOn: '2026-03-12',
			number: '2026/0042',
			result: 'beschlossen',
			oparlUrl: ''
		};
		expect((await post('?/recordDecision', good, 'editor')).status).toBe(403);
		for (const [field, value, message] of [
			['number', '   ', 'Bitte geben Sie die Beschluss-Nr. an'],
			['decidedOn', '12.03.2026', 'Bitte geben Sie ein gültiges Datum an.'],
			['oparlUrl', 'javascript:alert(1)', 'mit http:// oder https://'],
			['versionNumber', '99', 'Diese Fassung gibt es nicht.'],
			['result', 'vertagt', 'error']
		] as const) {
			const refused = await post('?/recordDecision', { ...good, [field]: value }, 'admin');
			expect(refused.status, field).toBe(400);
			if (message !== 'error') expect(textOf(await refused.text())).toContain(message);
		}
		expect(
			await count('SELECT count(*) AS n FROM council_decisions WHERE agenda_id = ?', agendaId)
		).toBe(0);

		const recorded = await post('?/recordDecision', good, 'admin');
		expect(recorded.status).toBe(200);
		expect(textOf(await recorded.text())).toContain('Fassung 1 ist jetzt der beschlossene Plan');
		const again = await post('?/recordDecision', good, 'admin');
		expect(again.status).toBe(409);
		expect(
			await count('SELECT count(*) AS n FROM council_decisions WHERE agenda_id = ?', agendaId)
		).toBe(1);
		plan = await resolvedPlan(db, (await currentDecision(db, agendaId))!);

		const overview = textOf(
			await (await get(server.url, page(), { cookie: cookies.viewer })).text()
		);
		expect(overview).toContain('Beschluss-Nr. 2026/0042');
		expect(overview).toContain(plan.measures[0]!.title);
		// The report and the CSV for every member; the import only for those who may write.
		const viewerHtml = await (await get(server.url, page(), { cookie: cookies.viewer })).text();
		const editorHtml = await (await get(server.url, page(), { cookie: cookies.editor })).text();
		for (const html of [viewerHtml, editorHtml]) {
			expect(html).toContain(`/api/agendas/${agendaId}/export/sachstandsbericht.pdf`);
			expect(html).toContain(`/api/agendas/${agendaId}/monitoring.csv`);
		}
		expect(viewerHtml).not.toContain(`/agenden/${agendaId}/umsetzung/import`);
		expect(editorHtml).toContain(`/agenden/${agendaId}/umsetzung/import`);
	});

	it('keeps citizens and anonymous visitors out of an item and its actions', async () => {
		const item = page(`/${patronMeasure()}`);
		expect((await get(server.url, item, { cookie: cookies.citizen })).status).toBe(403);
		expect((await get(server.url, item)).status).toBe(303);
		const before = await factCount();
		expect((await post(`/${patronMeasure()}?/save`, report(), 'citizen')).status).toBe(403);
		expect((await post(`/${patronMeasure()}?/save`, report(), null)).status).toBe(303);
		expect(await factCount()).toBe(before);
	});

	it('lets a patron who is a viewer report on their own measure only', async () => {
		const own = await get(server.url, page(`/${patronMeasure()}`), { cookie: cookies.editor2 });
		expect(textOf(await own.text())).toContain('Sachstand schreiben');
		const other = await get(server.url, page(`/${otherMeasure()}`), { cookie: cookies.editor2 });
		expect(other.status).toBe(200);
		expect(textOf(await other.text())).not.toContain('Sachstand schreiben');

		const before = await factCount();
		expect((await post(`/${otherMeasure()}?/save`, report(), 'editor2')).status).toBe(403);
		expect(await factCount()).toBe(before);
		const saved = await post(`/${patronMeasure()}?/save`, report(), 'editor2');
		expect(saved.status).toBe(200);
		expect(await factCount()).toBe(before + 1);
		const factId = await latestFactId();
		expect((await post(`/${patronMeasure()}?/submit`, { factId }, 'editor2')).status).toBe(200);
		expect(await stateOf(factId)).toBe('submitted');
		// A patron cannot publish: approving is the owners'.
		const approve = { factId, verdict: 'approve', remark: '' };
		expect((await post(`/${patronMeasure()}?/decide`, approve, 'editor2')).status).toBe(403);
		expect(await stateOf(factId)).toBe('submitted');
	});

	it('refuses a viewer without patronage', async () => {
		const view = await get(server.url, page(`/${patronMeasure()}`), { cookie: cookies.viewer });
		expect(view.status).toBe(200);
		expect(textOf(await view.text())).not.toContain('Sachstand schreiben');
		const before = await factCount();
		expect((await post(`/${patronMeasure()}?/save`, report(), 'viewer')).status).toBe(403);
		expect(await factCount()).toBe(before);
	});

	it('refuses bad input in German and changes nothing', async () => {
		const item = `/${patronMeasure()}?/save`;
		const milestone = plan.measures[0]!.milestones[0];
		const indicator = plan.measures[0]!.indicators[0];
		const cases: [Record<string, string>, string][] = [
			[report({ progress: '150' }), 'ganze Zahl von 0 bis 100'],
			[report({ progress: '4,5' }), 'ganze Zahl von 0 bis 100'],
			[report({ text: '  ' }), 'Bitte beschreiben Sie den Sachstand.'],
			[report({ status: 'verzoegert' }), 'Bitte nennen Sie den Grund'],
			[report({ status: 'fertig' }), 'Bitte wählen Sie einen Status.'],
			[report({ asOf: '31.12.2026' }), 'Bitte geben Sie ein gültiges Datum an.'],
			[
				{ kind: 'indicator', indicatorId: indicator?.id ?? 'x', value: '12.5', asOf: today },
				'zum Beispiel 12,5'
			],
			[
				{ kind: 'milestone', milestoneId: 'aaaaaaaaaaaaaaaa', asOf: today },
				'Meilenstein dieser Maßnahme'
			],
			[
				{ kind: 'finance', year: '2027', actualCost: '12,345', fundingReceived: '', asOf: today },
				'Betrag in Euro'
			],
			[
				{ kind: 'finance', year: 'nächstes', actualCost: '100', fundingReceived: '', asOf: today },
				'Haushaltsjahr an'
			],
			[{ kind: 'gossip', asOf: today }, 'Diese Art von Meldung gibt es nicht.']
		];
		const before = await factCount();
		for (const [fields, message] of cases) {
			const refused = await post(item, fields, 'editor');
			expect(refused.status, JSON.stringify(fields)).toBe(400);
			expect(textOf(await refused.text()), JSON.stringify(fields)).toContain(message);
		}
		expect(await factCount()).toBe(before);
		expect(server.output()).not.toMatch(/Error|stack/i);
		if (milestone) {
			const ok = await post(
				item,
				{ kind: 'milestone', milestoneId: milestone.id, asOf: today },
				'editor'
			);
			expect(ok.status).toBe(200);
		}
	});

	it('reads German numbers and amounts', async () => {
		const item = `/${patronMeasure()}?/save`;
		const indicator = plan.measures[0]!.indicators[0];
		if (indicator) {
			const saved = await post(
				item,
				{ kind: 'indicator', indicatorId: indicator.id, value: '1.234,5', asOf: today },
				'editor'
			);
			expect(saved.status).toBe(200);
			expect(
				(
					await queryDatabase<{ value: number }>(
						server.databasePath,
						'SELECT value FROM monitoring_facts WHERE id = ?',
						await latestFactId()
					)
				)[0]?.value
			).toBe(1234.5);
		}
		const finance = await post(
			item,
			{
				kind: 'finance',
				year: '2027',
				actualCost: '1.234,56 €',
				fundingReceived: '500',
				asOf: today
			},
			'editor'
		);
		expect(finance.status).toBe(200);
		const row = (
			await queryDatabase<{ actual_cost_cents: number; funding_received_cents: number }>(
				server.databasePath,
				'SELECT actual_cost_cents, funding_received_cents FROM monitoring_facts WHERE id = ?',
				await latestFactId()
			)
		)[0];
		expect(row).toEqual({ actual_cost_cents: 123456, funding_received_cents: 50000 });
	});

	it('lets an editor report and submit but not approve; only the author edits', async () => {
		const item = `/${patronMeasure()}`;
		expect((await post(`${item}?/save`, report({ progress: '60' }), 'editor')).status).toBe(200);
		const factId = await latestFactId();
		// Someone else's draft stays theirs, even for a patron of the measure.
		const foreign = await post(`${item}?/save`, report({ factId, text: 'Übernommen.' }), 'editor2');
		expect(foreign.status).toBe(403);
		expect((await post(`${item}?/delete`, { factId }, 'editor2')).status).toBe(403);
		// A fact of this measure is not reachable through another measure's address.
		expect((await post(`/${otherMeasure()}?/submit`, { factId }, 'editor')).status).toBe(404);

		expect((await post(`${item}?/submit`, { factId }, 'editor')).status).toBe(200);
		const approve = { factId, verdict: 'approve', remark: '' };
		expect((await post(`${item}?/decide`, approve, 'editor')).status).toBe(403);
		expect(await stateOf(factId)).toBe('submitted');
		// A submitted fact cannot be changed by its author any more.
		expect((await post(`${item}?/save`, report({ factId }), 'editor')).status).toBe(409);
	});

	it('shows a submitted fact publicly only once the owner approves it', async () => {
		const item = `/${patronMeasure()}`;
		const submitted = await queryDatabase<{ id: string }>(
			server.databasePath,
			`SELECT id FROM monitoring_facts WHERE state = 'submitted' AND kind = 'report' AND ${ours} ORDER BY created_at`,
			agendaId
		);
		expect(submitted.length).toBeGreaterThan(0);
		const publicBefore = (await monitoringOverview(db, agendaId, today))!;
		expect(publicBefore.facts).toEqual([]);
		expect(publicBefore.measures[0]!.latestReport).toBeNull();

		const [first] = submitted;
		const returned = await post(
			`${item}?/decide`,
			{ factId: first!.id, verdict: 'return', remark: ' ' },
			'admin'
		);
		expect(returned.status).toBe(400);
		expect(textOf(await returned.text())).toContain(
			'Bitte schreiben Sie beim Zurückgeben eine Bemerkung.'
		);
		expect(await stateOf(first!.id)).toBe('submitted');

		const approved = await post(
			`${item}?/decide`,
			{ factId: first!.id, verdict: 'approve', remark: '' },
			'admin'
		);
		expect(approved.status).toBe(200);
		const publicAfter = (await monitoringOverview(db, agendaId, today))!;
		expect(publicAfter.facts.map((fact) => fact.id)).toEqual([first!.id]);
		expect(publicAfter.measures[0]!.latestReport?.id).toBe(first!.id);
		expect(publicAfter.measures[0]!.progress.percent).toBe(40);
	});

	it('lets only the owner set a measure’s weight, in German decimals', async () => {
		const item = `/${patronMeasure()}`;
		expect((await post(`${item}?/weight`, { weight: '2' }, 'editor')).status).toBe(403);
		for (const weight of ['abc', '1001', '-1', '1.5']) {
			const refused = await post(`${item}?/weight`, { weight }, 'admin');
			expect(refused.status, weight).toBe(400);
			expect(textOf(await refused.text())).toContain('Gewicht von 0 bis 1000');
		}
		expect(
			await count(`SELECT count(*) AS n FROM monitoring_weights WHERE ${ours}`, agendaId)
		).toBe(0);
		expect((await post(`${item}?/weight`, { weight: '2,5' }, 'admin')).status).toBe(200);
		expect(
			await queryDatabase<{ weight: number }>(
				server.databasePath,
				`SELECT weight FROM monitoring_weights WHERE ${ours}`,
				agendaId
			)
		).toEqual([{ weight: 2.5 }]);
	});
});
