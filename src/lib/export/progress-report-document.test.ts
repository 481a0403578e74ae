import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../tests/support/database';
import { formatEuro } from '../agenda/model/money';
import { richTextToPlain } from '../agenda/model/rich-text';
import { agendas } from '../server/db/schema';
import { seedDemoIfEmpty } from '../server/db/seed';
import { monitoringOverview } from '../server/monitoring/overview';
import { documentText, type ExportDocument } from './document';
import { progressReportDocument } from './progress-report-document';

/**
 * The Sachstandsbericht of the seeded Beispielhausen demo (a real SQLite file, its facts written
 * through the monitoring functions), at two Stichtage.
 */
let t: TestDatabase;
let agendaId = '';

beforeAll(async () => {
	t = createTestDatabase();
	await seedDemoIfEmpty(t.db, 'demo-passwort-test');
	const [agenda] = await t.db.select().from(agendas).where(eq(agendas.slug, 'beispielhausen'));
	agendaId = agenda?.id ?? '';
});

afterAll(() => t.dispose());

const euro = (euros: number) => formatEuro(euros * 100);

async function reportAt(stichtag: string): Promise<{ document: ExportDocument; text: string }> {
	const overview = await monitoringOverview(t.db, agendaId, stichtag);
	if (!overview) throw new Error('Beispielhausen hat keinen Beschluss');
	const document = progressReportDocument({ ...overview, fassung: 1 });
	return { document, text: documentText(document, richTextToPlain) };
}

describe('progressReportDocument', () => {
	it('names the Stichtag, the decision, the roll-up and every field of action and measure', async () => {
		const { document, text } = await reportAt('2026-10-31');
		expect(document.title).toBe('Sachstandsbericht zum 31.10.2026');
		expect(document.header).toBe('Sachstandsbericht · Stichtag 31.10.2026');
		expect(document.footer).toBe('Beispielhausen · Digitale Agenda Beispielhausen 2022–2027');
		expect(text).toContain('Beschluss vom: 18.11.2021');
		expect(text).toContain('Beschluss-Nr.: BV 2021/087');
		expect(text).toContain('Ergebnis: beschlossen');
		expect(text).toContain('Verspäteter Beginn: 1');
		expect(text).toContain('Verspäteter Abschluss: 3');
		expect(text).toContain('gestoppt\t1');
		for (const heading of [
			'Handlungsfeld: Verwaltung und Bürgerservice',
			'Handlungsfeld: Schule und Bildung',
			'Handlungsfeld: Netze und Infrastruktur',
			'Online-Dienste nach dem Onlinezugangsgesetz',
			'Digitale Gremienarbeit',
			'Bestandsaufnahme'
		]) {
			expect(text).toContain(heading);
		}
		expect(text).not.toContain('Maßnahmen ohne Handlungsfeld');
	});

	it('gives each measure its status with reason, progress with source, milestones, Soll/Ist, indicators and latest report', async () => {
		const { text } = await reportAt('2026-10-31');
		expect(text).toContain(
			'Status: gestoppt: Ein Telekommunikationsunternehmen baut das Gewerbegebiet eigenwirtschaftlich aus'
		);
		expect(text).toContain(
			'Status: verzögert: Die Schnittstelle zum Finanzverfahren ist erst seit Mai 2026 verfügbar.'
		);
		expect(text).toContain('Fortschritt: 50 % (aus den erreichten Meilensteinen)');
		expect(text).toContain('Fortschritt: 75 % (gemeldet)');
		expect(text).toContain('Tatsächlicher Beginn: 31.03.2024 (verspätet)');
		expect(text).toContain('Tatsächlicher Abschluss: entfällt (gestoppt)');
		expect(text).toContain('Tatsächlicher Abschluss: noch nicht abgeschlossen (verspätet)');
		expect(text).toContain('50 Leistungen online\t31.12.2024\t20.03.2025\terreicht, verspätet');
		expect(text).toContain('Sitzungen papierlos\t31.12.2026\t–\toffen');
		// Online-Dienste 2023: Soll 25.000 €, Ist 31.200 €.
		expect(text).toContain(`2023\t${euro(25_000)}\t${euro(31_200)}\t+${euro(6_200)}`);
		// Grundschulen 2022 with funding received.
		expect(text).toContain(
			`2022	${euro(85_000)}	${euro(81_000)}	${euro(-4_000)}	${euro(76_500)}	${euro(72_900)}`
		);
		// Indikator (with the target in words), Ausgangswert (year), Zielwert, Zieljahr, latest
		// value and day, verdict with the way covered (capped at 100 %).
		const row = (...cells: string[]) => cells.join('\t').replaceAll(' ~', '\u00a0');
		expect(text).toContain(
			row(
				'Geräte für Schülerinnen und Schüler (Ziel: 180 Tablets für die Klassen 3 und 4)',
				'0 ~Geräte (2021)',
				'180 ~Geräte',
				'2023',
				'210 ~Geräte',
				'30.09.2023',
				'Ziel erreicht, 100 ~% des Wegs'
			)
		);
		expect(text).toContain(
			row(
				'Nutzungen pro Monat (Ziel: 2.000 Sitzungen im Monat ab 2025)',
				'0 ~Sitzungen (2023)',
				'2.000 ~Sitzungen',
				'2025',
				'1.420 ~Sitzungen',
				'30.06.2026',
				'hinter Plan, 71 ~% des Wegs'
			)
		);
		expect(text).toContain(
			row(
				'Sitzungsunterlagen nur digital (Ziel: alle Sitzungen papierlos bis Ende 2027)',
				'0 ~% der Sitzungen (2023)',
				'100 ~% der Sitzungen',
				'2027',
				'70 ~% der Sitzungen',
				'30.06.2026',
				'auf Kurs, 70 ~% des Wegs'
			)
		);
		expect(text).toContain(
			'Sachstand vom 30.06.2026: Die Schnittstelle ist im Test; Bauamt und Kämmerei folgen im ersten Quartal 2027.'
		);
		expect(text).toContain(
			'OZG-Leistungen online\tabgeschlossen\t31.03.2025: 52 Leistungen sind online beantragbar.'
		);
		// Neither the submitted report nor the returned statement counts.
		expect(text).not.toContain('erstmals papierlos');
		expect(text).not.toContain(euro(3_000));
	});

	it('leaves out every fact about a day after the Stichtag', async () => {
		const { document, text } = await reportAt('2024-01-31');
		expect(document.title).toBe('Sachstandsbericht zum 31.01.2024');
		// Reported before: present.
		expect(text).toContain('25 Leistungen online\t31.12.2023\t30.11.2023\terreicht');
		expect(text).toContain(`2022\t${euro(30_000)}\t${euro(28_400)}`);
		// The statement for 2023 is of 31.03.2024.
		expect(text).toContain(`2023\t${euro(25_000)}\t–\t–`);
		// Reported after: absent (the Glasfaser stop, the eAkte delay, the Online-Dienste finish).
		expect(text).not.toContain('eigenwirtschaftlich');
		expect(text).not.toContain('verzögert:');
		expect(text).not.toContain('52 Leistungen');
		expect(text).not.toContain(euro(19_500));
		expect(text).toContain('Tatsächlicher Abschluss: noch nicht abgeschlossen');
		expect(text).toContain('Sachstand vom 30.06.2023: Der Förderantrag ist gestellt');
	});
});
