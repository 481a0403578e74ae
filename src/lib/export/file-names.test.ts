import { describe, expect, it } from 'vitest';
import { reportFileName } from '../participation/report-table';
import { bundleFileName, exportFileName } from './file-names';

describe('exportFileName', () => {
	const context = { reference: '2026/0123', slug: 'musterstadt', fassung: null };

	it('names files after the Vorlage-Nr.', () => {
		expect(exportFileName('beschlussvorlage', 'docx', context)).toBe(
			'Beschlussvorlage-2026-0123.docx'
		);
		expect(exportFileName('beschlussvorlage', 'pdf', context)).toBe(
			'Beschlussvorlage-2026-0123.pdf'
		);
		expect(exportFileName('strategy', 'pdf', context)).toBe(
			'Anlage-1-Digitale-Agenda-2026-0123.pdf'
		);
		expect(exportFileName('finance-plan', 'docx', context)).toBe(
			'Anlage-2-Finanzplan-2026-0123.docx'
		);
		expect(exportFileName('oparl', 'json', context)).toBe('Beschlussvorlage-2026-0123.oparl.json');
	});

	it('names the agenda and the Fassung while there is no Vorlage-Nr.', () => {
		expect(exportFileName('beschlussvorlage', 'pdf', { ...context, reference: null })).toBe(
			'Beschlussvorlage-musterstadt-Entwurf.pdf'
		);
		expect(exportFileName('strategy', 'docx', { ...context, reference: null, fassung: 3 })).toBe(
			'Anlage-1-Digitale-Agenda-musterstadt-Fassung-3.docx'
		);
	});

	it('names the Beteiligungsbericht after its Fassung, as its CSV, whatever the Vorlage-Nr.', () => {
		const report = { ...context, fassung: 2 };
		expect(exportFileName('participation-report', 'pdf', report)).toBe(
			'Beteiligungsbericht-musterstadt-Fassung-2.pdf'
		);
		expect(exportFileName('participation-report', 'docx', report)).toBe(
			reportFileName('musterstadt', 2, 'docx')
		);
	});

	it('names the Sachstandsbericht after the agenda and its Stichtag', () => {
		const report = { ...context, fassung: 1, stichtag: '2026-06-30' };
		expect(exportFileName('progress-report', 'pdf', report)).toBe(
			'Sachstandsbericht-musterstadt-2026-06-30.pdf'
		);
		expect(exportFileName('progress-report', 'docx', report)).toBe(
			'Sachstandsbericht-musterstadt-2026-06-30.docx'
		);
	});

	it('keeps only characters every system accepts', () => {
		const name = exportFileName('beschlussvorlage', 'pdf', {
			...context,
			reference: '../Vorlage "Straße" <2026> 🚀\r\n'
		});
		expect(name).toBe('Beschlussvorlage-Vorlage-Strasse-2026.pdf');
		expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
		expect(exportFileName('beschlussvorlage', 'pdf', { ...context, reference: '🚀' })).toBe(
			'Beschlussvorlage-musterstadt-Entwurf.pdf'
		);
	});
});

describe('bundleFileName', () => {
	it('names the package and the Gesamtdokument as the Vorlage', () => {
		const context = { reference: '2026/0123', slug: 'musterstadt', fassung: 2 };
		expect(bundleFileName('package', context)).toBe('Paket-Beschlussvorlage-2026-0123.zip');
		expect(bundleFileName('complete', { ...context, reference: null })).toBe(
			'Gesamtdokument-Beschlussvorlage-musterstadt-Fassung-2.pdf'
		);
	});
});
