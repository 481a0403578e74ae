import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../participation/csv';
import { monitoringCsv, readMonitoringCsv } from './csv';
import { factKey, MONITORING_COLUMNS } from './format';
import { checkFactInput, type FactInput } from './fact-input';
import { fact, plan } from './testing/facts';

const titleOf = (_kind: string, id: string) => `Titel von ${id}`;
const HEADER = MONITORING_COLUMNS.join(';');

/** One row under the full header, the cells given by column. */
function file(...rows: Partial<Record<(typeof MONITORING_COLUMNS)[number], string>>[]): string {
	return [
		HEADER,
		...rows.map((row) => MONITORING_COLUMNS.map((column) => row[column] ?? '').join(';'))
	].join('\r\n');
}

function rowsOf(text: string) {
	const read = readMonitoringCsv(text, plan);
	if (!read.ok) throw new Error(`Datei abgelehnt: ${read.problem}`);
	return read.rows;
}

describe('monitoring CSV', () => {
	it('writes `;`, a BOM, the header and German dates, numbers and amounts', () => {
		const csv = monitoringCsv(
			[
				{
					id: 'f1',
					kind: 'finance',
					itemKind: 'measure',
					itemId: 'm1',
					asOf: '2027-03-31',
					state: 'approved',
					decidedAt: null,
					year: 2027,
					actualCostCents: 123_456,
					fundingReceivedCents: 0
				},
				{
					id: 'f2',
					kind: 'indicator',
					itemKind: 'measure',
					itemId: 'm1',
					asOf: '2027-04-01',
					state: 'draft',
					decidedAt: null,
					indicatorId: 'i1',
					value: 12.5
				}
			],
			titleOf
		);
		expect(csv.startsWith(`\ufeff${HEADER}\r\n`)).toBe(true);
		expect(csv).toContain('finanzen;massnahme;m1;Titel von m1;31.03.2027;');
		expect(csv).toContain(';2027;"1.234,56";"0,00";freigegeben\r\n');
		expect(csv).toContain(';i1;"12,5";;;;entwurf\r\n');
	});

	it('reads back every fact it wrote, whatever the texts and numbers (write ∘ read)', () => {
		fc.assert(
			fc.property(fc.array(fact, { maxLength: 8 }), (facts) => {
				const rows = rowsOf(monitoringCsv(facts, titleOf));
				expect(rows.map((row) => row.result.ok && factKey(row.result.fact))).toEqual(
					facts.map((written) => {
						// A status without a reason keeps none, as the form does.
						const input = { ...written } as FactInput;
						const checked = checkFactInput(input, plan);
						if (!checked.ok) throw new Error(checked.problem);
						return factKey(checked.fact);
					})
				);
				expect(rows.map((row) => row.title)).toEqual(facts.map((f) => titleOf('', f.itemId)));
			}),
			{ numRuns: 300 }
		);
	});

	it('reads what a person typed: ISO dates, a comma-separated file, upper case words', () => {
		const csv =
			'Art,Typ,ID,Stichtag,Status,Fortschritt,Text\nSachstand,Massnahme,m1,2027-03-31,In-Arbeit,40,"Läuft, gut"\n';
		expect(rowsOf(csv).map((row) => row.result)).toEqual([
			{
				ok: true,
				fact: {
					kind: 'report',
					itemKind: 'measure',
					itemId: 'm1',
					asOf: '2027-03-31',
					status: 'in-arbeit',
					statusReason: null,
					progress: 40,
					text: 'Läuft, gut'
				}
			}
		]);
		const grouped = rowsOf(
			file({
				art: 'indikator',
				typ: 'massnahme',
				id: 'm1',
				stichtag: '1.4.2027',
				indikator_id: 'i1',
				wert: '1.234,5'
			})
		);
		expect(grouped[0]?.result).toMatchObject({
			ok: true,
			fact: { value: 1234.5, asOf: '2027-04-01' }
		});
	});

	it('names the column of every problem in a row, and checks rows against the plan', () => {
		const report = {
			art: 'sachstand',
			typ: 'massnahme',
			id: 'm1',
			stichtag: '31.03.2027',
			status: 'in-arbeit',
			text: 'x'
		};
		const results = rowsOf(
			file(
				{ ...report, art: 'bericht' },
				{ ...report, typ: 'ding' },
				{ ...report, stichtag: '31.02.2027' },
				{ ...report, stichtag: 'morgen' },
				{ ...report, status: 'fertig' },
				{ ...report, status: 'verzoegert' },
				{ ...report, fortschritt: '40,5' },
				{ ...report, fortschritt: '140' },
				{ ...report, text: '' },
				{ ...report, id: 'm9' },
				{ ...report, wert: '3' },
				{ ...report, id: '' },
				{
					art: 'meilenstein',
					typ: 'massnahme',
					id: 'm1',
					stichtag: '01.01.2027',
					meilenstein_id: 'ms9'
				},
				{
					art: 'meilenstein',
					typ: 'bestand',
					id: 'b1',
					stichtag: '01.01.2027',
					meilenstein_id: 'ms1'
				},
				{
					art: 'indikator',
					typ: 'massnahme',
					id: 'm1',
					stichtag: '01.01.2027',
					indikator_id: 'i1',
					wert: '1.5'
				},
				{
					art: 'indikator',
					typ: 'massnahme',
					id: 'm1',
					stichtag: '01.01.2027',
					indikator_id: 'i9',
					wert: '1'
				},
				{
					art: 'finanzen',
					typ: 'massnahme',
					id: 'm1',
					stichtag: '01.01.2027',
					jahr: '2027',
					ist_kosten: '-5',
					foerderung_erhalten: '0'
				},
				{
					art: 'finanzen',
					typ: 'massnahme',
					id: 'm1',
					stichtag: '01.01.2027',
					jahr: '1999',
					ist_kosten: '5',
					foerderung_erhalten: '0'
				},
				{
					art: 'finanzen',
					typ: 'massnahme',
					id: 'm1',
					stichtag: '01.01.2027',
					jahr: '2027',
					ist_kosten: '5'
				}
			)
		).map((row) => [row.line, row.result.ok || [row.result.column, row.result.problem]]);
		expect(results).toEqual([
			[2, ['art', 'unknown-kind']],
			[3, ['typ', 'unknown-item-kind']],
			[4, ['stichtag', 'date']],
			[5, ['stichtag', 'date']],
			[6, ['status', 'status']],
			[7, ['begruendung', 'reason-missing']],
			[8, ['fortschritt', 'whole-number']],
			[9, ['fortschritt', 'out-of-range']],
			[10, ['text', 'text-empty']],
			[11, ['id', 'item-not-in-plan']],
			[12, ['wert', 'not-for-kind']],
			[13, ['id', 'required']],
			[14, ['meilenstein_id', 'milestone-not-in-measure']],
			[15, ['typ', 'not-for-inventory']],
			[16, ['wert', 'decimal']],
			[17, ['indikator_id', 'indicator-not-in-measure']],
			[18, ['ist_kosten', 'euro']],
			[19, ['jahr', 'out-of-range']],
			[20, ['foerderung_erhalten', 'required']]
		]);
	});

	it('refuses a file it cannot read as a whole, saying why', () => {
		expect(readMonitoringCsv('', plan)).toEqual({ ok: false, problem: 'empty' });
		expect(readMonitoringCsv(';;\r\n', plan)).toEqual({ ok: false, problem: 'empty' });
		expect(readMonitoringCsv('art;typ;id;stichtag;farbe\r\n', plan)).toEqual({
			ok: false,
			problem: 'unknown-column',
			column: 'farbe'
		});
		expect(readMonitoringCsv('art;typ;id;id;stichtag\r\n', plan)).toMatchObject({
			problem: 'duplicate-column'
		});
		expect(readMonitoringCsv('art;typ;stichtag\r\n', plan)).toMatchObject({
			problem: 'missing-column',
			column: 'id'
		});
		expect(readMonitoringCsv(`${HEADER}\r\n"sachstand;massnahme\r\n`, plan)).toEqual({
			ok: false,
			problem: 'malformed',
			line: 2,
			detail: 'unclosed-quote'
		});
	});

	it('refuses a row with more cells than the header, and leaves out empty rows', () => {
		const rows = rowsOf('art;typ;id;stichtag\r\n;;;\r\nsachstand;massnahme;m1;1.1.2027;x\r\n');
		expect(rows).toEqual([
			{ line: 3, title: '', result: { ok: false, column: null, problem: 'too-many-cells' } }
		]);
		expect(parseCsv('a\r\n').ok).toBe(true);
	});
});
