import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDatabase, type DemoDatabase } from '../../../../tests/support/database';
import { readZip } from '../../../../tests/support/zip';
import { commentAnswers, comments, supports } from '../db/schema';
import { participationReportDocument } from '../../export/participation-report-document';
import { renderDocx } from '../export/render-docx';
import { renderPdf } from '../export/render-pdf';
import { pdfText, withoutWhitespace } from '../export/testing/pdf-text';
import { participationReport } from './report';
import { participationRounds } from './rounds';

let t: DemoDatabase;
let agendaId = '';

beforeAll(async () => {
	t = await createDemoDatabase();
	agendaId = t.agendaId;
});

afterAll(() => t.dispose());

async function report() {
	const result = await participationReport(t.db, agendaId);
	if (!result) throw new Error('Kein Bericht');
	return result;
}

describe('participationReport', () => {
	it('lists every comment of the Fassung once, replies right after their thread', async () => {
		const { rows, stats, version } = await report();
		const stored = await t.db.select().from(comments).where(eq(comments.versionId, version.id));
		expect(stored.length).toBeGreaterThan(0);
		expect(rows).toHaveLength(stored.length);
		expect(stats.comments.total).toBe(stored.length);
		expect(rows.map((row) => row.number)).toEqual(rows.map((_, index) => index + 1));
		for (const row of rows) {
			if (row.replyTo !== null) expect(row.replyTo).toBeLessThan(row.number);
		}
		const storedSupports = await t.db
			.select()
			.from(supports)
			.where(eq(supports.versionId, version.id));
		expect(stats.supportsTotal).toBe(storedSupports.length);
		for (const row of rows.filter((row) => row.itemKind === 'measure')) {
			expect(row.itemSupports).not.toBeNull();
		}
	});

	it('keeps hidden, pending and deleted texts out and marks their rows', async () => {
		const { version } = await report();
		// The same three on every database: the oldest.
		const [first, second, third] = await t.db
			.select()
			.from(comments)
			.where(eq(comments.versionId, version.id))
			.orderBy(comments.createdAt, comments.id);
		if (!first || !second || !third) throw new Error('Zu wenige Demo-Kommentare');
		await t.db
			.update(comments)
			.set({ status: 'hidden', hiddenReason: 'Beleidigung' })
			.where(eq(comments.id, first.id));
		await t.db.update(comments).set({ status: 'pending' }).where(eq(comments.id, second.id));
		await t.db
			.update(comments)
			.set({ body: '', deletedAt: new Date() })
			.where(eq(comments.id, third.id));
		const rows = (await report()).rows;
		const find = (body: string) => rows.find((row) => row.text === body);
		expect(find(first.body)).toBeUndefined();
		expect(find(second.body)).toBeUndefined();
		const states = rows.map((row) => row.state);
		expect(states.filter((state) => state === 'hidden')).toHaveLength(1);
		expect(states.filter((state) => state === 'pending')).toHaveLength(1);
		expect(states.filter((state) => state === 'deleted')).toHaveLength(1);
		expect(rows.find((row) => row.state === 'hidden')?.hiddenReason).toBe('Beleidigung');
		expect(rows.filter((row) => row.state !== 'visible').every((row) => row.text === null)).toBe(
			true
		);
	});

	it('shows the public only published comments and answers, under the team numbers, the rest counted', async () => {
		const team = await report();
		const answered = team.rows.find((row) => row.state === 'visible' && row.text !== null);
		const [comment] = await t.db
			.select({ id: comments.id })
			.from(comments)
			.where(eq(comments.body, answered?.text ?? ''));
		const commentId = comment?.id;
		if (!commentId) throw new Error('Kein sichtbarer Kommentar');
		await t.db
			.insert(commentAnswers)
			.values({
				commentId,
				disposition: 'zur-kenntnis',
				reason: 'Noch nicht veröffentlicht.',
				answeredAt: new Date(),
				publishedAt: null
			})
			.onConflictDoUpdate({
				target: commentAnswers.commentId,
				set: { reason: 'Noch nicht veröffentlicht.', publishedAt: null }
			});
		const members = await report();
		const publicReport = await participationReport(
			t.db,
			agendaId,
			members.version.number,
			'public'
		);
		if (!publicReport) throw new Error('Kein Bericht');
		expect(publicReport.rows.every((row) => row.state === 'visible')).toBe(true);
		expect(publicReport.rows.map((row) => row.number)).toEqual(
			members.rows.filter((row) => row.state === 'visible').map((row) => row.number)
		);
		expect(publicReport.rows.some((row) => row.reason === 'Noch nicht veröffentlicht.')).toBe(
			false
		);
		expect(members.rows.some((row) => row.reason === 'Noch nicht veröffentlicht.')).toBe(true);
		expect(publicReport.rows.every((row) => row.published !== false)).toBe(true);
		expect(publicReport.stats).toEqual(members.stats);
	});

	it('answers null for an unknown Fassung or agenda', async () => {
		expect(await participationReport(t.db, agendaId, 99)).toBeNull();
		expect(await participationReport(t.db, 'unbekannt')).toBeNull();
		expect(
			(await participationReport(t.db, agendaId, (await report()).version.number))?.rows.length
		).toBe((await report()).rows.length);
	});
});

describe('the Beteiligungsbericht as Word and PDF', () => {
	const text = 'Steuerzeichen\u0001 und \u000b weg, Emoji 😀 bleibt & <b>kein Markup</b>';
	async function withText() {
		const rounds = await participationRounds(t.db, agendaId);
		const [round] = rounds?.rounds ?? [];
		const [first] = round?.rows ?? [];
		if (!rounds || !round || !first) throw new Error('Keine Zeile');
		const base = {
			...round,
			rows: [{ ...first, text, state: 'visible' as const }, ...round.rows.slice(1)]
		};
		const document = participationReportDocument(
			{ ...rounds, version: { number: round.version.number }, rounds: [base] },
			new Date()
		);
		return { base, document };
	}

	it('writes a Word document that stays valid XML whatever the comments contain', async () => {
		const { base, document } = await withText();
		const files = readZip(await renderDocx(document));
		const xml = files.get('word/document.xml')?.toString('utf8') ?? '';
		expect(xml).toContain(
			'Steuerzeichen und  weg, Emoji 😀 bleibt &amp; &lt;b&gt;kein Markup&lt;/b&gt;'
		);
		// XML 1.0 forbids these control characters; the file must not contain any.
		// eslint-disable-next-line no-control-regex
		expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
		expect(xml).toContain(base.agenda.title);
	});

	// Rendering a PDF takes seconds on a busy machine (CI runs two test files at a time).
	it('writes a PDF with the figures, every comment and page numbers', async () => {
		const { base, document } = await withText();
		const pdf = await pdfText(await renderPdf(document));
		expect(pdf.info.Title).toBe(`Beteiligungsbericht: ${base.agenda.title}`);
		expect(pdf.text).toContain('Zahlen im Überblick');
		// Cells wrap their texts: compared without the line breaks.
		const flat = withoutWhitespace(pdf.text);
		expect(flat).toContain(withoutWhitespace('Emoji 😀 bleibt & <b>kein Markup</b>'));
		expect(pdf.text).not.toContain('\u0001');
		const last = pdf.pages.length;
		expect(pdf.pages.at(-1)).toContain(`Seite ${last} von ${last}`);
		// The comment table starts on a landscape page of its own.
		expect(pdf.pages.findIndex((page) => page.includes('Alle Beiträge mit Abwägung'))).toBe(
			pdf.pages.findIndex((page) => page.includes('Beiträge zur Fassung'))
		);
		for (const row of base.rows.filter((row) => row.text !== null).slice(1)) {
			expect(flat).toContain(withoutWhitespace(row.text ?? ''));
		}
	}, 30_000);
});
