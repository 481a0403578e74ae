import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../src/lib/format';
import { addComment } from '../../src/lib/server/participation/comments';
import { currentPhase } from '../../src/lib/server/participation/phases';
import { setSupport } from '../../src/lib/server/participation/supports';
import { docxText } from '../../src/lib/server/export/testing/docx-text';
import { pdfText, withoutWhitespace } from '../../src/lib/server/export/testing/pdf-text';
import { DEMO, decodeHtml, get, login, queryDatabase, userIdOf } from '../support/http';
import {
	copyAgendaWithMembers,
	openTestParticipation,
	type TestParticipation
} from '../support/participation';
import { withDatabase } from '../support/database';
import { startTestServer, type TestServer } from '../support/server';

/**
 * A participation in two rounds against the production server: Fassung 1 was out a month ago
 * (one citizen commented, another supported), Fassung 2 is out now (the first citizen again).
 * The Beschlussvorlage, its OParl annex and the Beteiligungsbericht must count both rounds, the
 * citizen in both once, and tell of the running round in the present tense.
 */
const SLUG = 'runden-test';
const DAY = 24 * 60 * 60 * 1000;

let server: TestServer;
let agendaId = '';
let first: TestParticipation;
let second: TestParticipation;
let viewer = '';
const firstStart = new Date(Date.now() - 30 * DAY);
const firstEnd = new Date(Date.now() - 10 * DAY);

/** A comment (and a support) in the round that is the agenda's current one at `now`. */
async function takePart(input: {
	authorId: string;
	supporterId?: string;
	body: string;
	now: number;
}) {
	await withDatabase(server.databasePath, async (db) => {
		const participation = await currentPhase(db, agendaId, input.now);
		const measure = participation ? first.content.measures[0] : undefined;
		if (!participation || !measure) throw new Error('Keine Runde');
		const item = { kind: 'measure' as const, id: measure.id };
		const comment = await addComment(db, {
			origin: null,
			participation,
			item,
			parentId: null,
			authorId: input.authorId,
			body: input.body,
			now: input.now
		});
		if (!comment.ok) throw new Error(comment.error);
		if (input.supporterId) {
			const support = await setSupport(db, {
				participation,
				measureId: measure.id,
				userId: input.supporterId,
				supported: true,
				now: input.now
			});
			if (!support.ok) throw new Error(support.error);
		}
	});
}

beforeAll(async () => {
	server = await startTestServer();
	agendaId = await copyAgendaWithMembers(server.databasePath, 'musterstadt', SLUG);
	first = await openTestParticipation(server.databasePath, {
		slug: SLUG,
		name: 'Erster Entwurf',
		startsAt: firstStart,
		endsAt: firstEnd
	});
	const citizen = await userIdOf(server.databasePath, DEMO.citizen);
	await takePart({
		authorId: citizen,
		supporterId: await userIdOf(server.databasePath, DEMO.editor2),
		body: 'Runde eins: bitte auch telefonisch.',
		now: firstStart.getTime() + DAY
	});
	second = await openTestParticipation(server.databasePath, {
		slug: SLUG,
		name: 'Zweiter Entwurf'
	});
	await takePart({
		authorId: citizen,
		body: 'Runde zwei: danke fürs Übernehmen.',
		now: Date.now()
	});
	viewer = await login(server.url, DEMO.viewer);
}, 60_000);

afterAll(async () => {
	await server?.stop();
});

const day = (date: Date) => formatDate(date, 'de');

async function download(file: string, query: string) {
	const response = await get(server.url, `/api/agendas/${agendaId}/export/${file}${query}`, {
		cookie: viewer
	});
	expect(response.status, file).toBe(200);
	return Buffer.from(await response.arrayBuffer());
}

describe('a participation in two rounds', () => {
	it('has the Beschlussvorlage count both rounds, the running one in the present tense', async () => {
		const phase2 = (
			await queryDatabase<{ starts_at: number; ends_at: number }>(
				server.databasePath,
				'SELECT starts_at, ends_at FROM participation_phases WHERE id = ?',
				second.phaseId
			)
		)[0];
		if (!phase2) throw new Error('Keine zweite Runde');
		const expected = [
			`In Runde 1 lag die Fassung 1 „Erster Entwurf“ vom ${day(firstStart)} bis zum ${day(firstEnd)} öffentlich zur Beteiligung aus; ` +
				'2 Personen beteiligten sich mit 1 Kommentar, 0 Antworten und 1 Unterstützung für Maßnahmen.',
			`In Runde 2 liegt die Fassung 2 „Zweiter Entwurf“ vom ${day(new Date(phase2.starts_at))} bis zum ${day(new Date(phase2.ends_at))} öffentlich zur Beteiligung aus; ` +
				'1 Person hat sich bisher mit 1 Kommentar, 0 Antworten und 0 Unterstützungen für Maßnahmen beteiligt.',
			// The citizen took part in both rounds, the AG member supported in round 1: two people.
			'In 2 Runden haben sich bisher insgesamt 2 Personen mit 2 Kommentaren, 0 Antworten und 1 Unterstützung für Maßnahmen beteiligt.',
			'Die AG Digitalisierung hat 0 Kommentare öffentlich beantwortet; 2 sind noch offen.'
		];
		const page = await get(server.url, `/agenden/${agendaId}/beschlussvorlage?fassung=2`, {
			cookie: viewer
		});
		expect(page.status).toBe(200);
		const html = decodeHtml(await page.text());
		for (const sentence of expected) expect(html).toContain(sentence);
		const word = (await docxText(await download('beschlussvorlage.docx', '?fassung=2'))).text;
		for (const sentence of expected) expect(word).toContain(sentence);
	});

	it('tells of round 1 alone, in the past tense, in the Vorlage of Fassung 1', async () => {
		const word = (await docxText(await download('beschlussvorlage.docx', '?fassung=1'))).text;
		expect(word).toContain(
			`Die Fassung 1 „Erster Entwurf“ lag vom ${day(firstStart)} bis zum ${day(firstEnd)} öffentlich zur Beteiligung aus.`
		);
		expect(word).toContain('2 Personen beteiligten sich mit 1 Kommentar');
		expect(word).not.toContain('Runde 2');
	});

	it('links OParl’s annex to the Beteiligungsbericht (PDF/A) of both rounds and their total', async () => {
		const paper = JSON.parse((await download('oparl.json', '?fassung=2')).toString('utf8'));
		const annex = (paper.auxiliaryFile as { name: string; downloadUrl: string }[]).find((file) =>
			file.name.includes('Beteiligungsbericht')
		);
		expect(annex?.downloadUrl).toMatch(/\/export\/beteiligungsbericht\.pdf\?fassung=2$/);
		const url = new URL(annex?.downloadUrl ?? '');
		const path = url.pathname + url.search;
		const response = await get(server.url, path, { cookie: viewer });
		expect(response.status).toBe(200);
		const pdf = await pdfText(Buffer.from(await response.arrayBuffer()));
		// Lines wrap (and words in narrow columns break) where the page ends them.
		const report = withoutWhitespace(pdf.text);
		const order = [
			'Beteiligungsrunden im Überblick',
			'abgeschlossen',
			'läuft',
			'Alle Runden',
			'Runde 1 · Fassung 1 „Erster Entwurf“',
			'Runde eins: bitte auch telefonisch.',
			'Runde 2 · Fassung 2 „Zweiter Entwurf“',
			'Runde zwei: danke fürs Übernehmen.'
		];
		let from = 0;
		for (const part of order) {
			const at = report.indexOf(withoutWhitespace(part), from);
			expect(at, part).toBeGreaterThanOrEqual(from);
			from = at + withoutWhitespace(part).length;
		}
	});

	it('shows both rounds and their total at the top of the Bericht page, each linking to its detail', async () => {
		const response = await get(server.url, `/agenden/${agendaId}/beteiligungsbericht`, {
			cookie: viewer
		});
		expect(response.status).toBe(200);
		const html = decodeHtml(await response.text());
		const overview = /data-testid="report-rounds"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
		expect(overview).toContain(`agenden/${agendaId}/beteiligungsbericht?fassung=1"`);
		expect(overview).toContain(`agenden/${agendaId}/beteiligungsbericht?fassung=2"`);
		const total = /data-round="total"[\s\S]*?<\/tr>/.exec(overview)?.[0] ?? '';
		expect(total).toContain('data-figure="participants">2<');
		expect(total).toContain('data-figure="comments">2<');
		// The detail below stays the current round's, as before.
		expect(html).toContain('Runde zwei: danke fürs Übernehmen.');
		expect(html).not.toContain('Runde eins: bitte auch telefonisch.');
	});
});
