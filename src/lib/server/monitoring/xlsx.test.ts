import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { csvRecords, monitoringCsv } from '../../monitoring/csv';
import type { MonitoringFact } from '../../monitoring/facts';
import {
	factKey,
	MONITORING_COLUMNS,
	readMonitoringTable,
	type TableRecord
} from '../../monitoring/format';
import { fact, plan } from '../../monitoring/testing/facts';
import { uploadRecords } from './upload';
import { monitoringXlsx, XLSX_UNPACKED_MAX_BYTES } from './xlsx';

/** LibreOffice with Calc (`.ci/run` installs both); without, that one test says why it skips. */
const CALC_MISSING =
	spawnSync('soffice', ['--version'], { timeout: 60_000 }).status !== 0 ||
	!existsSync('/usr/lib/libreoffice/program/libsclo.so');

/**
 * The XLSX serialisation of the one monitoring format: it reads back what it writes, gives the
 * same rows as the CSV of the same facts, reads LibreOffice's files and text cells, and refuses
 * broken and inflated archives with a problem, never an exception.
 */
const titleOf = (_kind: string, id: string) => `Titel von ${id}`;

async function records(bytes: Uint8Array): Promise<TableRecord[]> {
	const read = await uploadRecords(bytes);
	if (!read.ok) throw new Error(`Datei abgelehnt: ${read.problem}`);
	return read.records;
}

function rowsOf(records: TableRecord[]) {
	const read = readMonitoringTable(records, plan);
	if (!read.ok) throw new Error(`Datei abgelehnt: ${read.problem}`);
	return read.rows;
}

function csvRowsOf(text: string) {
	const read = csvRecords(text);
	if (!read.ok) throw new Error('CSV fehlerhaft');
	return rowsOf(read.records);
}

/** What the rows say; lines differ where a CSV cell spans lines. */
const said = (rows: ReturnType<typeof rowsOf>) =>
	rows.map(({ title, result }) => ({ title, result }));

const SAMPLE: MonitoringFact[] = [
	{
		id: 'f1',
		state: 'approved',
		decidedAt: null,
		kind: 'report',
		itemKind: 'measure',
		itemId: 'm1',
		asOf: '2027-03-31',
		status: 'verzoegert',
		statusReason: 'Lieferengpass',
		progress: 40,
		text: '=SUMME(A1) und „Zitat“; mit Zeilen\numbruch'
	},
	{
		id: 'f2',
		state: 'draft',
		decidedAt: null,
		kind: 'indicator',
		itemKind: 'measure',
		itemId: 'm1',
		asOf: '2027-12-31',
		indicatorId: 'i1',
		value: 12.5
	},
	{
		id: 'f3',
		state: 'submitted',
		decidedAt: null,
		kind: 'finance',
		itemKind: 'measure',
		itemId: 'm2',
		asOf: '2027-12-31',
		year: 2027,
		actualCostCents: 123_456_78,
		fundingReceivedCents: 5
	}
];

describe('monitoring XLSX', () => {
	it('writes dates as date cells and numbers as number cells, under the CSV header', async () => {
		const [header, report, indicator, finance] = await records(
			await monitoringXlsx(SAMPLE, titleOf)
		);
		expect(header?.cells).toEqual([...MONITORING_COLUMNS]);
		const cell = (row: TableRecord | undefined, column: string) =>
			row?.cells[MONITORING_COLUMNS.indexOf(column as (typeof MONITORING_COLUMNS)[number])];
		expect(cell(report, 'stichtag')).toEqual(new Date('2027-03-31T00:00:00Z'));
		expect(cell(report, 'fortschritt')).toBe(40);
		expect(cell(report, 'text')).toBe(SAMPLE[0]?.kind === 'report' ? SAMPLE[0].text : '');
		expect(cell(indicator, 'wert')).toBe(12.5);
		expect(cell(finance, 'ist_kosten')).toBe(123_456.78);
		expect(cell(finance, 'foerderung_erhalten')).toBe(0.05);
		expect(cell(finance, 'jahr')).toBe(2027);
	});

	it('reads back every fact it wrote, row for row as the CSV of the same facts', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(fact, { maxLength: 6 }), async (facts) => {
				const fromXlsx = rowsOf(await records(await monitoringXlsx(facts, titleOf)));
				expect(fromXlsx.map((row) => (row.result.ok ? factKey(row.result.fact) : row))).toEqual(
					facts.map(factKey)
				);
				expect(said(fromXlsx)).toEqual(said(csvRowsOf(monitoringCsv(facts, titleOf))));
			}),
			{ numRuns: 25 }
		);
	});

	it('keeps a text that names an Object.prototype property (the writer looked those up wrongly)', async () => {
		// Found by the property test above: write-excel-file broke the file on „toString“.
		const facts: MonitoringFact[] = ['toString', 'constructor', '__proto__'].map((word, index) => ({
			id: `f${index}`,
			state: 'draft',
			decidedAt: null,
			kind: 'report',
			itemKind: 'measure',
			itemId: 'm1',
			asOf: '2027-03-31',
			status: 'verzoegert',
			statusReason: word,
			progress: null,
			text: word
		}));
		const read = rowsOf(await records(await monitoringXlsx(facts, titleOf)));
		expect(read.map((row) => (row.result.ok ? factKey(row.result.fact) : row))).toEqual(
			facts.map(factKey)
		);
	});

	it('reads text cells as the CSV writes them', async () => {
		const csvRows = csvRowsOf(monitoringCsv(SAMPLE, titleOf));
		const read = csvRecords(monitoringCsv(SAMPLE, titleOf));
		if (!read.ok) throw new Error('CSV fehlerhaft');
		const textOnly = await writeXlsxFile(
			read.records.map((record) => record.cells.map((value) => ({ value, type: String })))
		).toBuffer();
		expect(said(rowsOf(await records(textOnly)))).toEqual(said(csvRows));
	});

	it.skipIf(CALC_MISSING)(
		'reads a workbook LibreOffice converted from the CSV export (skipped without LibreOffice Calc)',
		async () => {
			const dir = mkdtempSync(join(tmpdir(), 'agendawerk-xlsx-'));
			try {
				writeFileSync(join(dir, 'umsetzung.csv'), monitoringCsv(SAMPLE, titleOf));
				execFileSync(
					'soffice',
					[
						`-env:UserInstallation=file://${dir}/profile`,
						'--headless',
						'--infilter=CSV:59,34,76,1',
						'--convert-to',
						'xlsx',
						'--outdir',
						dir,
						join(dir, 'umsetzung.csv')
					],
					{ stdio: 'ignore', timeout: 90_000 }
				);
				const bytes = new Uint8Array(readFileSync(join(dir, 'umsetzung.xlsx')));
				const rows = rowsOf(await records(bytes));
				expect(rows.map((row) => (row.result.ok ? factKey(row.result.fact) : row))).toEqual(
					SAMPLE.map(factKey)
				);
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		},
		120_000
	);

	it('refuses a broken, an inflating and an overcrowded archive with a problem', async () => {
		const broken = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
		expect(await uploadRecords(broken)).toEqual({ ok: false, problem: 'unreadable-xlsx' });

		const notAWorkbook = zipSync({ 'hallo.txt': new TextEncoder().encode('kein Excel') });
		expect(await uploadRecords(notAWorkbook)).toEqual({ ok: false, problem: 'unreadable-xlsx' });

		// A few kilobytes that would unpack to more than the limit.
		const bomb = zipSync(
			{ 'xl/worksheets/sheet1.xml': new Uint8Array(XLSX_UNPACKED_MAX_BYTES + 1) },
			{ level: 9 }
		);
		expect(bomb.length).toBeLessThan(100_000);
		expect(await uploadRecords(bomb)).toEqual({ ok: false, problem: 'xlsx-too-large' });

		const crowded = zipSync(
			Object.fromEntries(
				Array.from({ length: 2_000 }, (_, index) => [`x/${index}.xml`, new Uint8Array(1)])
			)
		);
		expect(await uploadRecords(crowded)).toEqual({ ok: false, problem: 'xlsx-too-large' });
	});
});
