import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatGermanDecimal } from '../../src/lib/monitoring/decimal';
import { IMPLEMENTATION_STATUSES } from '../../src/lib/monitoring/vocabulary';
import { listDecisions } from '../../src/lib/server/monitoring/decisions';
import { listFacts } from '../../src/lib/server/monitoring/facts';
import { monitoringOverview, setWeight } from '../../src/lib/server/monitoring/overview';
import { freezeVersion } from '../../src/lib/server/participation/versions';
import {
	rollUpRows,
	type RollUpRow
} from '../../src/routes/agenden/[id=id]/(team)/umsetzung/rollup-rows';
import { withDatabase } from '../support/database';
import { DEMO, get, login, postForm, textOf, userIdOf } from '../support/http';
import { addFacts, resolveAgenda, type TestMonitoring } from '../support/monitoring';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The team's monitoring overview over HTTP: the roll-up per agenda, field of action and goal
 * shows exactly `monitoringOverview`'s numbers; a Stichtag hides what was reported later (also
 * in the CSV the page links); an owner records a later decision on a newer Fassung, which then
 * is the baseline, and the facts stay with the decision they were reported against.
 */
describe('the team monitoring overview', () => {
	let server: TestServer;
	let monitoring: TestMonitoring;
	const cookies: Record<string, string> = {};
	const page = (query = '') => `/agenden/${monitoring.agendaId}/umsetzung${query}`;
	const html = async (query: string, who = 'viewer') =>
		(await get(server.url, page(query), { cookie: cookies[who] })).text();
	const measureId = (index: number) => monitoring.plan.measures[index]!.id;
	const report = (index: number, asOf: string, progress: number) => ({
		kind: 'report' as const,
		itemKind: 'measure' as const,
		itemId: measureId(index),
		asOf,
		status: 'in-arbeit' as const,
		statusReason: null,
		progress,
		text: 'Sachstand.'
	});

	/** The cells of the row `data-<attribute>="<id>"`, as visible text. */
	function cellsOf(page: string, attribute: string, id: string): string[] {
		const row = new RegExp(`<tr[^>]*data-${attribute}="${id}"[^>]*>([\\s\\S]*?)</tr>`).exec(page);
		if (!row) throw new Error(`Keine Zeile ${attribute}=${id}`);
		return [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
			textOf(cell[1]!).trim()
		);
	}

	/** What a roll-up row must say, from the overview's own numbers. */
	function expectedCells(row: RollUpRow): string[] {
		const statuses = IMPLEMENTATION_STATUSES.filter((status) => row.statusCounts[status] > 0);
		return [
			row.title,
			row.percent === null
				? expect.stringContaining('nicht berechenbar')
				: `${formatGermanDecimal(row.percent, 1)} %`,
			String(row.measures),
			formatGermanDecimal(row.weightSum),
			statuses.length === 0 ? '–' : expect.stringContaining(`: ${row.statusCounts[statuses[0]!]}`),
			String(row.lateStarts),
			String(row.lateFinishes)
		] as string[];
	}

	beforeAll(async () => {
		server = await startTestServer();
		for (const who of ['admin', 'editor', 'viewer'] as const) {
			cookies[who] = await login(server.url, DEMO[who]);
		}
		monitoring = await resolveAgenda(server.databasePath, 'musterstadt', {
			versionNumber: 1,
			decidedOn: '2027-02-02'
		});
		await addFacts(server.databasePath, monitoring, [
			{ fact: await report(0, '2027-03-31', 40), state: 'approved' },
			{ fact: await report(1, '2027-09-30', 80), state: 'approved' },
			// Submitted, not approved: it must not count anywhere.
			{ fact: await report(2, '2027-03-31', 90), state: 'submitted' }
		]);
		await withDatabase(server.databasePath, async (db) =>
			setWeight(db, {
				decision: monitoring.decision,
				measureId: measureId(0),
				weight: 3,
				actorId: await userIdOf(server.databasePath, DEMO.admin)
			})
		);
	});

	afterAll(async () => {
		await server?.stop();
	});

	it('rolls up per agenda, field of action and goal with monitoringOverview’s numbers', async () => {
		const body = await html('?stichtag=2027-12-31');
		const overview = (await withDatabase(server.databasePath, (db) =>
			monitoringOverview(db, monitoring.agendaId, '2027-12-31')
		))!;
		const rows = rollUpRows(overview, 'Gesamte Agenda');
		expect(rows.fields.length).toBeGreaterThan(0);
		expect(rows.goals.length).toBeGreaterThan(0);
		// The weight 3 is in the agenda's sum, and the weighted mean is not the plain one.
		expect(rows.agenda.weightSum).toBe(monitoring.plan.measures.length + 2);
		expect(rows.agenda.percent).toBe(
			Math.round(((3 * 40 + 80) / (monitoring.plan.measures.length + 2)) * 10) / 10
		);
		for (const row of [rows.agenda, ...rows.fields, ...rows.goals]) {
			expect(cellsOf(body, 'rollup', row.id), row.title).toEqual(expectedCells(row));
		}
		expect(textOf(body)).toContain('Stand der Umsetzung am 31.12.2027');
		// The measure's weight is shown in the measures' table.
		expect(cellsOf(body, 'measure', measureId(0))[4]).toBe('3');
	});

	it('hides a fact approved for a day after the chosen Stichtag, in the page and the CSV', async () => {
		const later = await html('?stichtag=2027-12-31');
		expect(cellsOf(later, 'measure', measureId(1)).slice(1, 3)).toEqual(['in Arbeit', '80 %']);
		const earlier = await html('?stichtag=2027-06-30');
		expect(cellsOf(earlier, 'measure', measureId(1)).slice(1, 3)).toEqual(['unbekannt', '0 %']);
		expect(cellsOf(earlier, 'measure', measureId(0)).slice(1, 3)).toEqual(['in Arbeit', '40 %']);
		expect(textOf(earlier)).toContain('Stand der Umsetzung am 30.06.2027');
		// The report and the CSV follow the chosen day; without one, they show today.
		for (const file of [
			'export/sachstandsbericht.pdf',
			'export/sachstandsbericht.docx',
			'monitoring.csv'
		]) {
			expect(earlier).toContain(`/api/agendas/${monitoring.agendaId}/${file}?stichtag=2027-06-30`);
		}
		expect(await html('')).not.toContain('?stichtag=');
		const csv = (query: string) =>
			get(server.url, `/api/agendas/${monitoring.agendaId}/monitoring.csv${query}`, {
				cookie: cookies.editor
			});
		const early = await (await csv('?stichtag=2027-06-30')).text();
		expect(early).toContain(monitoring.plan.measures[0]!.title);
		expect(early).not.toContain(monitoring.plan.measures[1]!.title);
		expect(await (await csv('')).text()).toContain(monitoring.plan.measures[1]!.title);
		expect((await csv('?stichtag=2027-02-30')).status).toBe(400);
	});

	it('refuses a malformed Stichtag in German and shows today’s state', async () => {
		const response = await get(server.url, page('?stichtag=2027-02-30'), {
			cookie: cookies.viewer
		});
		expect(response.status).toBe(200);
		const text = textOf(await response.text());
		expect(text).toContain('Bitte geben Sie den Stichtag als gültiges Datum ab dem 01.01.1900 an.');
	});

	it('lets only the owner record a later decision, which becomes the baseline', async () => {
		const admin = await userIdOf(server.databasePath, DEMO.admin);
		const later = {
			versionNumber: '2',
			decidedOn: '2028-06-01',
			number: '2028/0101',
			result: 'beschlossen',
			oparlUrl: ''
		};
		const post = (fields: Record<string, string>, who: string) =>
			postForm(server.url, page('?/recordDecision'), fields, { cookie: cookies[who] });
		const decisions = async () =>
			await withDatabase(server.databasePath, (db) => listDecisions(db, monitoring.agendaId));

		// No newer Fassung yet: the owner is told to freeze one first.
		expect(textOf(await html('', 'admin'))).toContain(
			'Es gibt keine neuere Fassung ohne Beschluss.'
		);
		expect(textOf(await html('', 'editor'))).not.toContain('Späteren Beschluss erfassen');
		await withDatabase(
			server.databasePath,
			async (db) =>
				await freezeVersion(db, {
					agendaId: monitoring.agendaId,
					name: 'Fortschreibung',
					actorId: admin
				})
		);
		expect(textOf(await html('', 'admin'))).toContain('Fassung 2: Fortschreibung');

		expect((await post(later, 'editor')).status).toBe(403);
		const early = await post({ ...later, decidedOn: '2027-01-31' }, 'admin');
		expect(early.status).toBe(400);
		expect(textOf(await early.text())).toContain(
			'Der Beschluss darf nicht vor dem geltenden Beschluss vom 02.02.2027 liegen.'
		);
		const again = await post({ ...later, versionNumber: '1' }, 'admin');
		expect(again.status).toBe(409);
		expect(await decisions()).toHaveLength(1);

		const recorded = await post(later, 'admin');
		expect(recorded.status).toBe(200);
		expect(textOf(await recorded.text())).toContain('Fassung 2 ist jetzt der beschlossene Plan');
		const [current, earlier] = await decisions();
		expect(current).toMatchObject({ number: '2028/0101', decidedOn: '2028-06-01' });
		expect(earlier?.id).toBe(monitoring.decision.id);

		// Both decisions listed with their Fassung; the new plan starts without facts or weights.
		const body = await html('?stichtag=2028-12-31');
		expect(cellsOf(body, 'decision', current!.id)).toEqual([
			'Fassung 2: Fortschreibung',
			'01.06.2028',
			'2028/0101',
			'beschlossen',
			'beschlossener Plan, an dem gemessen wird'
		]);
		expect(cellsOf(body, 'decision', earlier!.id)[4]).toBe('abgelöst');
		const measure = cellsOf(body, 'measure', measureId(0));
		expect([measure[1], measure[2], measure[4]]).toEqual(['unbekannt', '0 %', '1']);
		expect(cellsOf(body, 'rollup', 'agenda')[1]).toBe('0 %');
		// The earlier decision keeps its facts; the CSV now speaks of the new plan only.
		await withDatabase(server.databasePath, async (db) => {
			expect(await listFacts(db, earlier!.id, 'all')).toHaveLength(3);
			expect(await listFacts(db, current!.id, 'all')).toHaveLength(0);
		});
		const csv = await (
			await get(server.url, `/api/agendas/${monitoring.agendaId}/monitoring.csv`, {
				cookie: cookies.editor
			})
		).text();
		expect(csv).not.toContain(monitoring.plan.measures[0]!.title);
		// The public page measures against the new decision too.
		const publicPage = textOf(await (await get(server.url, '/umsetzung/musterstadt')).text());
		expect(publicPage).toContain('2028/0101');
	});
});
