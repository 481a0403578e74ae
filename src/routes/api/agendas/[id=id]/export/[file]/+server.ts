import { error, json } from '@sveltejs/kit';
import { exportFileName, type ExportFormat } from '$lib/export/file-names';
import { m } from '$lib/paraglide/messages';
import type { ExportKind } from '$lib/permissions';
import { exportDocument } from '$lib/server/export/documents';
import { oparlExport } from '$lib/server/export/oparl';
import { renderDocx } from '$lib/server/export/render-docx';
import { renderPdf } from '$lib/server/export/render-pdf';
import { requireExportSource } from '$lib/server/export/source';
import type { RequestHandler } from './$types';

/** The files of the export, by the name in the URL. */
const FILES: Record<string, { kind: ExportKind; format: ExportFormat }> = {
	'beschlussvorlage.docx': { kind: 'beschlussvorlage', format: 'docx' },
	'beschlussvorlage.pdf': { kind: 'beschlussvorlage', format: 'pdf' },
	'agenda.docx': { kind: 'strategy', format: 'docx' },
	'agenda.pdf': { kind: 'strategy', format: 'pdf' },
	'finanzplan.docx': { kind: 'finance-plan', format: 'docx' },
	'finanzplan.pdf': { kind: 'finance-plan', format: 'pdf' },
	'oparl.json': { kind: 'oparl', format: 'json' }
};

const CONTENT_TYPES: Record<ExportFormat, string> = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	pdf: 'application/pdf',
	json: 'application/json; charset=utf-8'
};

/**
 * `GET /api/agendas/<id>/export/<file>[?fassung=<n>]`: the Beschlussvorlage, the strategy annex
 * and the finance plan as Word and PDF, and the Vorlage as an OParl 1.1 Paper.
 */
export const GET: RequestHandler = async (event) => {
	const file = Object.hasOwn(FILES, event.params.file) ? FILES[event.params.file] : undefined;
	if (!file) error(404, m.export_error_file_not_found());
	const source = requireExportSource(event, file.kind);
	const now = new Date();
	const fileName = exportFileName(file.kind, file.format, {
		reference: source.agenda.resolution.reference.trim() || null,
		slug: source.row.slug,
		fassung: source.fassung
	});
	const headers = {
		'content-type': CONTENT_TYPES[file.format],
		'content-disposition': `${file.format === 'json' ? 'inline' : 'attachment'}; filename="${fileName}"`,
		'cache-control': 'private, no-store'
	};
	if (file.kind === 'oparl')
		return json(oparlExport(event.url.origin, source, now).paper, { headers });
	const document = exportDocument(file.kind, source, now);
	const rendered =
		file.format === 'pdf'
			? await renderPdf(document, { createdAt: now })
			: await renderDocx(document, { createdAt: now });
	return new Response(new Uint8Array(rendered), { headers });
};
