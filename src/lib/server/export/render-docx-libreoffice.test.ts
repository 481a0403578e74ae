import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DOCUMENT } from '$lib/export/testing/sample-document';
import { renderDocx } from './render-docx';
import { pdfText, withoutWhitespace, type PdfText } from './testing/pdf-text';

/**
 * The DOCX as LibreOffice reads it: converted to PDF by `soffice`, its headings must come out as
 * headings (PDF bookmarks, which LibreOffice makes from outline levels only) and whole on their
 * lines. Runs where LibreOffice is installed (CI images with it); skipped, saying so, elsewhere.
 */

const SOFFICE_MISSING = spawnSync('soffice', ['--version'], { timeout: 60_000 }).status !== 0;
const SUITE = SOFFICE_MISSING
	? 'renderDocx in LibreOffice — skipped: soffice (LibreOffice) is not installed'
	: 'renderDocx in LibreOffice';

// Said once in the log as well, as the default reporter names skipped files only.
if (SOFFICE_MISSING) console.warn(`${SUITE}.`);

const HEADINGS = ['Beschlussvorlage', 'Beschlussvorschlag', 'Sachverhalt', 'Umsetzungsfahrplan'];
const TITLE = 'Digitale Agenda Musterstadt 2026–2030';

describe.skipIf(SOFFICE_MISSING)(SUITE, () => {
	let directory: string;
	let pdf: PdfText;

	beforeAll(async () => {
		directory = mkdtempSync(join(tmpdir(), 'agendawerk-soffice-'));
		const docx = join(directory, 'vorlage.docx');
		const document = {
			...SAMPLE_DOCUMENT,
			titlePage: { title: TITLE, lines: ['Stadt Musterstadt'] }
		};
		writeFileSync(
			docx,
			await renderDocx(document, { createdAt: new Date('2026-12-06T08:02:00Z') })
		);
		// A profile of its own, so a running LibreOffice of the user neither blocks nor changes.
		const profile = pathToFileURL(join(directory, 'profile')).href;
		const converted = spawnSync(
			'soffice',
			[
				`-env:UserInstallation=${profile}`,
				'--headless',
				'--convert-to',
				'pdf',
				'--outdir',
				directory,
				docx
			],
			{ timeout: 120_000, encoding: 'utf8' }
		);
		expect(converted.status, converted.stderr).toBe(0);
		pdf = await pdfText(readFileSync(join(directory, 'vorlage.pdf')));
	}, 180_000);

	afterAll(() => {
		if (directory) rmSync(directory, { recursive: true, force: true });
	});

	it('imports the headings as headings: each is a bookmark', () => {
		const bookmarks = pdf.outline.map((entry) => entry.title);
		for (const heading of HEADINGS) expect(bookmarks).toContain(heading);
	});

	it('sets every heading whole on one line, and the title in full', () => {
		const lines = pdf.pages.flatMap((page) => page.split('\n').map((line) => line.trim()));
		for (const heading of HEADINGS) expect(lines).toContain(heading);
		expect(withoutWhitespace(pdf.pages[0] ?? '')).toContain(withoutWhitespace(TITLE));
	});
});
