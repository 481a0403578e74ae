import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berlinDay } from '../../src/lib/berlin-time';
import { agendas } from '../../src/lib/server/db/schema';
import { currentDecision } from '../../src/lib/server/monitoring/decisions';
import { decideFact, listFacts } from '../../src/lib/server/monitoring/facts';
import { docxText } from '../../src/lib/server/export/testing/docx-text';
import { pdfText } from '../../src/lib/server/export/testing/pdf-text';
import { withDatabase } from '../support/database';
import { DEMO, decodeHtml, get, login, queryDatabase, userIdOf } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The Sachstandsbericht of the seeded Beispielhausen demo against the production server: read
 * back as Word and PDF at a Stichtag, with who may have it and what a bad request gets.
 */
let server: TestServer;
let beispielhausen = '';
let musterstadt = '';
const cookies = { owner: '', editor: '', citizen: '', musterstadtOwner: '' };

/** Whitespace as any renderer may place it (NBSP in amounts, line breaks in tables). */
const flat = (text: string) => text.replace(/\s+/g, ' ');

async function download(agendaId: string, file: string, cookie: string, query = '') {
	const response = await get(server.url, `/api/agendas/${agendaId}/export/${file}${query}`, {
		cookie,
		accept: '*/*'
	});
	return { response, body: Buffer.from(await response.arrayBuffer()) };
}

const agendaIdOf = async (slug: string) =>
	(
		await queryDatabase<{ id: string }>(
			server.databasePath,
			'SELECT id FROM agendas WHERE slug = ?',
			slug
		)
	)[0]?.id ?? '';

beforeAll(async () => {
	server = await startTestServer({ RATE_LIMIT_LOGIN_PER_IP: '1000' });
	cookies.owner = await login(server.url, 'verwaltung@beispielhausen.example');
	cookies.editor = await login(server.url, 'ag@beispielhausen.example');
	cookies.citizen = await login(server.url, DEMO.citizen);
	cookies.musterstadtOwner = await login(server.url, DEMO.admin);
	beispielhausen = await agendaIdOf('beispielhausen');
	musterstadt = await agendaIdOf('musterstadt');
});

afterAll(async () => {
	await server?.stop();
});

describe('the Sachstandsbericht', () => {
	it('is a Word file of the resolved plan at the Stichtag, with approved facts only', async () => {
		const { response, body } = await download(
			beispielhausen,
			'sachstandsbericht.docx',
			cookies.owner,
			'?stichtag=2026-10-31'
		);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toContain('wordprocessingml');
		expect(response.headers.get('content-disposition')).toBe(
			'attachment; filename="Sachstandsbericht-beispielhausen-2026-10-31.docx"'
		);
		const docx = await docxText(body);
		const text = flat(docx.text);
		expect(text).toContain('Sachstandsbericht zum 31.10.2026');
		expect(text).toContain('BV 2021/087');
		expect(text).toContain('Digitale Gremienarbeit');
		expect(text).toContain('eigenwirtschaftlich');
		expect(text).toContain('erreicht, verspätet');
		expect(text).toContain('OZG-Leistungen online');
		expect(docx.headers.join(' ')).toContain('Stichtag 31.10.2026');
		// Each indicator with its baseline, target and target year, and how far it has come.
		for (const column of ['Ausgangswert', 'Zielwert', 'Zieljahr', 'Letzter Wert', 'Stand']) {
			expect(text).toContain(column);
		}
		expect(text).toContain(
			'Sitzungsunterlagen nur digital (Ziel: alle Sitzungen papierlos bis Ende 2027)'
		);
		expect(text).toContain('0 % der Sitzungen (2023)');
		expect(text).toContain('100 % der Sitzungen');
		expect(text).toContain('auf Kurs, 70 % des Wegs');
		expect(text).toContain('hinter Plan, 71 % des Wegs');
		expect(text).toContain('Ziel erreicht');
		// The submitted report is the team's business until the Hauptamt approves it.
		expect(text).not.toContain('erstmals papierlos');
	});

	it('is a PDF for anyone when the agenda is public, leaving out what came after the Stichtag', async () => {
		const { response, body } = await download(
			beispielhausen,
			'sachstandsbericht.pdf',
			'',
			'?stichtag=2024-01-31'
		);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('application/pdf');
		expect(response.headers.get('x-export-cache')).toBe('miss');
		const pdf = await pdfText(body);
		const text = flat(pdf.text);
		expect(text).toContain('Sachstandsbericht zum 31.01.2024');
		expect(text).toContain('Glasfaser für das Gewerbegebiet Am Mühlbach');
		expect(text).toContain('Der Förderantrag ist gestellt');
		expect(text).not.toContain('eigenwirtschaftlich');
		expect(text).not.toContain('52 Leistungen');
		expect(pdf.info['Title']).toBe('Sachstandsbericht zum 31.01.2024');

		const again = await download(
			beispielhausen,
			'sachstandsbericht.pdf',
			cookies.citizen,
			'?stichtag=2024-01-31'
		);
		expect(again.response.headers.get('x-export-cache')).toBe('hit');
	});

	it('is rendered anew once another fact is approved', async () => {
		const query = '?stichtag=2026-10-31';
		const before = await download(beispielhausen, 'sachstandsbericht.pdf', cookies.owner, query);
		expect(flat((await pdfText(before.body)).text)).not.toContain('erstmals papierlos');
		expect(
			(
				await download(beispielhausen, 'sachstandsbericht.pdf', cookies.owner, query)
			).response.headers.get('x-export-cache')
		).toBe('hit');
		// The Hauptamt approves the AG's submitted Sachstand of 30.09.2026.
		await withDatabase(server.databasePath, async (db) => {
			const decision = await currentDecision(db, beispielhausen);
			const submitted =
				decision &&
				(await listFacts(db, decision.id, 'all')).find((fact) => fact.state === 'submitted');
			if (!decision || !submitted) throw new Error('Keine eingereichte Meldung');
			const approved = await decideFact(db, {
				decision,
				factId: submitted.id,
				verdict: 'approve',
				remark: '',
				actorId: await userIdOf(server.databasePath, 'verwaltung@beispielhausen.example')
			});
			expect(approved).toEqual({ ok: true });
		});
		const after = await download(beispielhausen, 'sachstandsbericht.pdf', cookies.owner, query);
		expect(after.response.headers.get('x-export-cache')).toBe('miss');
		const text = flat((await pdfText(after.body)).text);
		expect(text).toContain('erstmals papierlos');
		expect(text).toMatch(/Fortschritt:? 70 % \(gemeldet\)/);
	});

	it('is of today without a Stichtag', async () => {
		const { response } = await download(beispielhausen, 'sachstandsbericht.pdf', cookies.editor);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toContain(
			`Sachstandsbericht-beispielhausen-${berlinDay(new Date())}.pdf`
		);
	});

	it('answers a malformed Stichtag with 400 and a German message', async () => {
		for (const stichtag of ['2026-02-30', '31.10.2026', 'heute', '2026-10-31T00:00']) {
			const { response, body } = await download(
				beispielhausen,
				'sachstandsbericht.docx',
				cookies.owner,
				`?stichtag=${encodeURIComponent(stichtag)}`
			);
			expect(response.status, stichtag).toBe(400);
			expect(decodeHtml(body.toString('utf8'))).toContain('Der Stichtag muss ein gültiges Datum');
		}
	});

	it('answers 404 while the council has not decided', async () => {
		for (const cookie of [cookies.musterstadtOwner, cookies.citizen]) {
			const { response, body } = await download(musterstadt, 'sachstandsbericht.pdf', cookie);
			expect(response.status).toBe(404);
			expect(decodeHtml(body.toString('utf8'))).toContain('noch kein Ratsbeschluss erfasst');
		}
	});

	it('is for members only when the agenda is internal, and refused before saying whether there is a decision', async () => {
		await withDatabase(server.databasePath, (db) =>
			db.update(agendas).set({ visibility: 'internal' }).where(eq(agendas.id, beispielhausen))
		);
		try {
			expect(
				(await download(beispielhausen, 'sachstandsbericht.pdf', cookies.owner)).response.status
			).toBe(200);
			expect(
				(await download(beispielhausen, 'sachstandsbericht.docx', cookies.editor)).response.status
			).toBe(200);
			expect(
				(await download(beispielhausen, 'sachstandsbericht.pdf', cookies.citizen)).response.status
			).toBe(403);
			const anonymous = await download(beispielhausen, 'sachstandsbericht.pdf', '');
			expect(anonymous.response.status).toBe(303);
			expect(anonymous.response.headers.get('location')).toMatch(/^\/anmelden\?weiter=/);
		} finally {
			await withDatabase(server.databasePath, (db) =>
				db.update(agendas).set({ visibility: 'public' }).where(eq(agendas.id, beispielhausen))
			);
		}
		expect(server.output()).not.toMatch(/Error|at .*\.js:\d+/);
	});
});
