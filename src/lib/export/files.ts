/**
 * The files of the export by the name in their address (`/api/agendas/<id>/export/<file>`): the
 * Vorlage, the strategy (Anlage 1), the finance plan (Anlage 2), the Beteiligungsbericht and the
 * Sachstandsbericht as Word and PDF, and the Vorlage as an OParl record. Kept apart from the naming of downloads, so
 * that the route matcher, which the browser loads too, needs nothing else.
 */
import type { ExportKind } from '../permissions';

export type ExportFormat = 'docx' | 'pdf' | 'json';

export const EXPORT_FILES = {
	'beschlussvorlage.docx': { kind: 'beschlussvorlage', format: 'docx' },
	'beschlussvorlage.pdf': { kind: 'beschlussvorlage', format: 'pdf' },
	'agenda.docx': { kind: 'strategy', format: 'docx' },
	'agenda.pdf': { kind: 'strategy', format: 'pdf' },
	'finanzplan.docx': { kind: 'finance-plan', format: 'docx' },
	'finanzplan.pdf': { kind: 'finance-plan', format: 'pdf' },
	'beteiligungsbericht.docx': { kind: 'participation-report', format: 'docx' },
	'beteiligungsbericht.pdf': { kind: 'participation-report', format: 'pdf' },
	'sachstandsbericht.docx': { kind: 'progress-report', format: 'docx' },
	'sachstandsbericht.pdf': { kind: 'progress-report', format: 'pdf' },
	'oparl.json': { kind: 'oparl', format: 'json' }
} as const satisfies Record<string, { kind: ExportKind; format: ExportFormat }>;

export type ExportFileName = keyof typeof EXPORT_FILES;

export function isExportFileName(name: string): name is ExportFileName {
	return Object.hasOwn(EXPORT_FILES, name);
}
