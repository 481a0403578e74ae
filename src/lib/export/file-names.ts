import { reportFileName } from '../participation/report-table';
import type { ExportKind } from '../permissions';
import type { ExportFormat } from './files';

const PREFIX: Record<Exclude<ExportKind, 'participation-report' | 'progress-report'>, string> = {
	beschlussvorlage: 'Beschlussvorlage',
	oparl: 'Beschlussvorlage',
	strategy: 'Anlage-1-Digitale-Agenda',
	'finance-plan': 'Anlage-2-Finanzplan'
};

/**
 * The name a downloaded file gets: `Beschlussvorlage-2026-0123.docx`. Without a Vorlage-Nr. it
 * names the agenda and the Fassung instead, so two downloads never share a name. Only letters,
 * digits, `.`, `_` and `-`, so that every system and every mail client keeps it as it is. The
 * Beteiligungsbericht is named as its CSV (`reportFileName`), the Sachstandsbericht by the agenda
 * and its Stichtag.
 */
export function exportFileName(
	kind: ExportKind,
	format: ExportFormat,
	context: {
		reference: string | null;
		slug: string;
		fassung: number | null;
		/** The Sachstandsbericht's Stichtag (`YYYY-MM-DD`). */
		stichtag?: string | null;
	}
): string {
	// A report belongs to a Fassung, not to the Vorlage (which may report on an earlier one).
	if (kind === 'participation-report') {
		return reportFileName(context.slug, context.fassung ?? 0, format);
	}
	// A Sachstandsbericht is of the agenda at a day: two of different days never share a name.
	if (kind === 'progress-report') {
		return `Sachstandsbericht-${safePart(context.slug)}-${safePart(context.stichtag ?? '')}.${format}`;
	}
	const extension = kind === 'oparl' ? 'oparl.json' : format;
	return `${PREFIX[kind]}-${vorlagePart(context)}.${extension}`;
}

/**
 * The name of the package of a Vorlage with its annexes (`Paket-Beschlussvorlage-2026-0123.zip`)
 * and of their merged PDF (`Gesamtdokument-Beschlussvorlage-2026-0123.pdf`), named as the Vorlage.
 */
export function bundleFileName(
	bundle: 'package' | 'complete',
	context: { reference: string | null; slug: string; fassung: number | null }
): string {
	return bundle === 'package'
		? `Paket-Beschlussvorlage-${vorlagePart(context)}.zip`
		: `Gesamtdokument-Beschlussvorlage-${vorlagePart(context)}.pdf`;
}

/**
 * The name of an Anfrage's answer: `Antwort-AF-2027-014.pdf` after the Anfrage's Drucksache-Nr.,
 * without one after the agenda and the Anfrage's Stichtag.
 */
export function inquiryAnswerFileName(
	format: ExportFormat | 'oparl.json',
	context: { reference: string; slug: string; stichtag: string }
): string {
	const named = safePart(context.reference) || `${safePart(context.slug)}-${context.stichtag}`;
	return `Antwort-${named}.${format === 'json' ? 'oparl.json' : format}`;
}

/** The Vorlage-Nr., or without one the agenda and the Fassung. */
function vorlagePart(context: { reference: string | null; slug: string; fassung: number | null }) {
	const reference = context.reference ? safePart(context.reference) : '';
	return (
		reference ||
		`${safePart(context.slug)}-${context.fassung === null ? 'Entwurf' : `Fassung-${context.fassung}`}`
	);
}

function safePart(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/ß/g, 'ss')
		.replace(/[^A-Za-z0-9._-]+/g, '-')
		.replace(/^[-.]+|[-.]+$/g, '')
		.slice(0, 80);
}
