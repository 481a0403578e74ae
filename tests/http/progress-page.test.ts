import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FactInput } from '../../src/lib/monitoring/fact-input';
import { berlinDay } from '../../src/lib/berlin-time';
import { formatDay } from '../../src/lib/format';
import { agendas } from '../../src/lib/server/db/schema';
import { withDatabase } from '../support/database';
import { DEMO, get, login } from '../support/http';
import { addFacts, resolveAgenda, type TestMonitoring } from '../support/monitoring';
import { copyAgenda, copyAgendaWithMembers } from '../support/participation';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The public progress page on the production build: the Musterstadt demo's Fassung 1 is
 * resolved, facts in every state are written with the domain functions; the page shows the
 * approved ones only, to anonymous readers without scripts, and refuses what it should.
 */
let server: TestServer;
let monitoring: TestMonitoring;
let measureId = '';
let inventoryTitle = '';
const STICHTAG = '2026-12-01';
const overviewPath = `/umsetzung/musterstadt?stichtag=${STICHTAG}`;
const measurePath = () => `/umsetzung/musterstadt/${measureId}?stichtag=${STICHTAG}`;

const SECRET = {
	draft: 'Entwurf, den niemand lesen darf.',
	submitted: 'Eingereicht, noch nicht freigegeben.',
	returned: 'Zurückgegeben zur Ergänzung.'
};

beforeAll(async () => {
	server = await startTestServer();
	monitoring = await resolveAgenda(server.databasePath, 'musterstadt', {
		versionNumber: 1,
		decidedOn: '2026-01-20',
		oparlUrl: 'https://ratsinfo.musterstadt.example/vo020?VOLFDNR=12'
	});
	const measure = monitoring.plan.measures[0];
	const milestone = measure?.milestones[0];
	const indicator = measure?.indicators[0];
	if (!measure || !milestone || !indicator) throw new Error('Demo-Maßnahme unvollständig');
	measureId = measure.id;
	const item = monitoring.plan.inventory[0];
	if (!item) throw new Error('Demo ohne Bestandsaufnahme');
	inventoryTitle = item.title;
	const itemReport = (
		asOf: string,
		status: 'abgeschlossen' | 'gestoppt',
		reason: string | null
	) => ({
		kind: 'report' as const,
		itemKind: 'inventory' as const,
		itemId: item.id,
		asOf,
		status,
		statusReason: reason,
		progress: null,
		text: 'Sachstand der Bestandsaufnahme.'
	});
	const about = { itemKind: 'measure' as const, itemId: measure.id };
	const report = (asOf: string, text: string, values: Partial<FactInput> = {}): FactInput =>
		({
			kind: 'report',
			...about,
			asOf,
			status: 'in-arbeit',
			statusReason: null,
			progress: 20,
			text,
			...values
		}) as FactInput;
	await addFacts(server.databasePath, monitoring, [
		{ fact: await report('2026-03-01', 'Erster freigegebener Sachstand.'), state: 'approved' },
		{
			fact: await report('2026-10-15', 'Zweiter freigegebener Sachstand.', {
				status: 'verzoegert',
				statusReason: 'Lieferverzug beim Dienstleister',
				progress: 45
			}),
			state: 'approved'
		},
		{ fact: await report('2099-01-01', 'Sachstand aus der Zukunft.'), state: 'approved' },
		{ fact: itemReport('2026-06-30', 'abgeschlossen', null), state: 'approved' },
		{ fact: itemReport('2026-11-01', 'gestoppt', 'Geheimer Grund'), state: 'submitted' },
		{ fact: await report('2026-11-01', SECRET.draft), state: 'draft' },
		{
			fact: await report('2026-11-02', SECRET.submitted, { status: 'gestoppt', statusReason: 'x' }),
			state: 'submitted'
		},
		{ fact: await report('2026-11-03', SECRET.returned), state: 'returned' },
		{
			fact: { kind: 'milestone', ...about, asOf: '2026-09-01', milestoneId: milestone.id },
			state: 'approved'
		},
		...[
			['2026-03-31', 20],
			['2026-09-30', 35]
		].map(([asOf, value]) => ({
			fact: {
				kind: 'indicator' as const,
				...about,
				asOf: String(asOf),
				indicatorId: indicator.id,
				value: Number(value)
			},
			state: 'approved' as const
		})),
		{
			fact: {
				kind: 'indicator',
				...about,
				asOf: '2026-10-30',
				indicatorId: indicator.id,
				value: 4711
			},
			state: 'submitted'
		},
		{
			fact: {
				kind: 'finance',
				...about,
				asOf: '2026-11-30',
				year: 2026,
				actualCostCents: 7_000_000,
				fundingReceivedCents: 1_234_500
			},
			state: 'approved'
		},
		{
			fact: {
				kind: 'finance',
				...about,
				asOf: '2026-11-30',
				year: 2027,
				actualCostCents: 123_456_789,
				fundingReceivedCents: 0
			},
			state: 'submitted'
		}
	]);
});

afterAll(async () => {
	await server?.stop();
});

async function page(path: string, cookie = '') {
	const response = await get(server.url, path, { cookie });
	return { status: response.status, html: await response.text(), response };
}

describe('public progress page', () => {
	it('renders the overview without scripts: status counts, weights, roadmap, Soll/Ist', async () => {
		const { status, html, response } = await page(overviewPath);
		expect(status).toBe(200);
		expect(html).not.toMatch(/<script/i);
		expect(response.headers.get('content-security-policy')).toContain("script-src 'none'");
		expect(html).toContain('Stand: 01.12.2026');
		expect(html).toContain('Beschluss-Nr. 2027/0012');
		expect(html).toContain('ratsinfo.musterstadt.example');
		expect(html).toContain('Maßnahmen nach Status');
		expect(html).toContain('Gewicht');
		expect(html).toContain('verzögert');
		expect(html).toContain('Lieferverzug beim Dienstleister');
		expect(html).toContain('Fortschritt: 45 %');
		// Measures that planned to start in 2026 and never reported are late, in words.
		expect(html).toContain('Beginn verspätet');
		expect(html.match(/data-testid="roadmap-row"/g)?.length).toBe(monitoring.plan.measures.length);
		// Soll/Ist: the approved 2026 statement, not the submitted 2027 one.
		expect(html).toContain('70.000,00');
		expect(html).not.toContain('1.234.567,89');
		expect(html).not.toContain('gestoppt: ');
		// The Bestandsaufnahme: its approved report, not the submitted one.
		expect(html).toContain(inventoryTitle);
		expect(html).toContain('30.06.2026');
		expect(html).not.toContain('Geheimer Grund');
	});

	it('shows a measure with milestones, indicator charts and approved reports only, newest first', async () => {
		const { status, html } = await page(measurePath());
		expect(status).toBe(200);
		expect(html).not.toMatch(/<script/i);
		const second = html.indexOf('Zweiter freigegebener Sachstand.');
		const first = html.indexOf('Erster freigegebener Sachstand.');
		expect(second).toBeGreaterThan(-1);
		expect(first).toBeGreaterThan(second);
		for (const secret of Object.values(SECRET)) expect(html).not.toContain(secret);
		expect(html).not.toContain('Sachstand aus der Zukunft.');
		expect(html).toContain('Online-Terminvergabe in Betrieb');
		expect(html).toContain('01.09.2026');
		expect(html).toMatch(/verspätet/);
		// The indicator's target „60“ draws a target line; the submitted 4711 is nowhere.
		expect(html).toContain('data-testid="target-line"');
		expect(html).toContain('Ziellinie bei 60');
		// The plan's baseline as a second line, and the plan numbers beside the chart.
		expect(html).toContain('data-testid="baseline-line"');
		expect(html).toContain('Ausgangswert 12');
		expect(html).toContain('Zieljahr');
		expect(html).toContain('2028');
		expect(html).toContain('<desc');
		expect(html).toContain('35');
		expect(html).not.toContain('4711');
		expect(html).not.toContain('4.711');
		expect(html).toContain('70.000,00');
		expect(html).not.toContain('1.234.567,89');
	});

	it('computes the page for the Stichtag asked for, today by default', async () => {
		const later = await page(`/umsetzung/musterstadt/${measureId}?stichtag=2099-12-31`);
		expect(later.html).toContain('Sachstand aus der Zukunft.');
		const earlier = await page(`/umsetzung/musterstadt/${measureId}?stichtag=2026-05-01`);
		expect(earlier.html).toContain('Erster freigegebener Sachstand.');
		expect(earlier.html).not.toContain('Zweiter freigegebener Sachstand.');
		const today = await page('/umsetzung/musterstadt');
		expect(today.html).toContain(`Stand: ${formatDay(berlinDay(new Date()), 'de')}`);
	});

	it('refuses a malformed Stichtag with 400 and a German message, no stack trace', async () => {
		// An emptied date field asks for today, as without a Stichtag.
		expect((await page(`/umsetzung/musterstadt?stichtag=`)).status).toBe(200);
		for (const bad of ['2027-02-30', 'gestern', '2027-1-1', '1899-12-31']) {
			for (const path of ['/umsetzung/musterstadt', `/umsetzung/musterstadt/${measureId}`]) {
				const { status, html } = await page(`${path}?stichtag=${encodeURIComponent(bad)}`);
				expect(status, `${path} ${bad}`).toBe(400);
				expect(html).toContain('Der Stichtag in der Adresse ist ungültig');
			}
		}
		expect(server.output()).not.toMatch(/\n\s+at /);
	});

	it('answers 404 for unknown slugs and measures, agendas without a decision and internal ones', async () => {
		expect((await page('/umsetzung/gibt-es-nicht')).status).toBe(404);
		expect((await page('/umsetzung/musterstadt/abcdefghijklmnop')).status).toBe(404);
		expect((await page('/umsetzung/musterstadt/kein-id')).status).toBe(404);

		// Public, but the council has not decided yet.
		await copyAgenda(server.databasePath, 'musterstadt', 'ohne-beschluss');
		await withDatabase(server.databasePath, async (db) => {
			await db
				.update(agendas)
				.set({ visibility: 'public' })
				.where(eq(agendas.slug, 'ohne-beschluss'));
		});
		const undecided = await page('/umsetzung/ohne-beschluss');
		expect(undecided.status).toBe(404);
		expect(undecided.html).toContain('keinen öffentlichen Stand der Umsetzung');

		// Decided, but internal: nobody outside the team learns it exists.
		await copyAgendaWithMembers(server.databasePath, 'musterstadt', 'intern');
		await resolveAgenda(server.databasePath, 'intern');
		expect((await page('/umsetzung/intern')).status).toBe(404);
		const citizen = await login(server.url, DEMO.citizen);
		expect((await page('/umsetzung/intern', citizen)).status).toBe(404);
		// Its members read it (`agenda.read`), as they read the agenda itself.
		const editor = await login(server.url, DEMO.editor);
		expect((await page('/umsetzung/intern', editor)).status).toBe(200);
	});
});
