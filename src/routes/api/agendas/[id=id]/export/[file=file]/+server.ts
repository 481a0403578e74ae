import { json } from '@sveltejs/kit';
import { exportFileName } from '$lib/export/file-names';
import { EXPORT_FILES, type ExportFormat } from '$lib/export/files';
import { VIEW_PARAMETER } from '$lib/export/oparl/links';
import { refuseTooManyDownloads } from '$lib/server/export/download-limit';
import { OPARL_JSON_HEADERS, oparlExport } from '$lib/server/export/oparl';
import { renderedFile } from '$lib/server/export/rendered-files';
import { loadExportSource, requireExportAccess } from '$lib/server/export/source';
import type { RequestHandler } from './$types';

const CONTENT_TYPES: Record<ExportFormat, string> = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	pdf: 'application/pdf',
	json: 'application/json; charset=utf-8'
};

/**
 * `GET /api/agendas/<id>/export/<file>[?fassung=<n>]`: the Beschlussvorlage, the strategy annex,
 * the finance plan and the Beteiligungsbericht (of the current phase's Fassung without
 * `fassung`) as Word and PDF, and the Vorlage as an OParl 1.1 Paper; the Sachstandsbericht
 * (`[?stichtag=YYYY-MM-DD]`, today without) of the Fassung the council resolved. `X-Export-Cache`
 * says whether a Fassung's file came from memory (`hit`) or was rendered (`miss`).
 * `ansicht=inline` shows a file in place instead of downloading it: OParl's `accessUrl`, which
 * must not be sent as an attachment (§2-07).
 */
export const GET: RequestHandler = async (event) => {
	// The `file` matcher lets only the names of EXPORT_FILES through.
	const file = EXPORT_FILES[event.params.file];
	const refused = await refuseTooManyDownloads(event);
	if (refused) return refused;
	const access = await requireExportAccess(event, file.kind);
	const now = new Date();
	const inline = file.format === 'json' || event.url.searchParams.get(VIEW_PARAMETER) === 'inline';
	const headers = (reference: string | null): Record<string, string> => {
		const fileName = exportFileName(file.kind, file.format, {
			reference,
			slug: access.row.slug,
			fassung: access.version?.number ?? null,
			stichtag: access.stichtag
		});
		return {
			'content-type': CONTENT_TYPES[file.format],
			'content-disposition': `${inline ? 'inline' : 'attachment'}; filename="${fileName}"`,
			'cache-control': 'private, no-store'
		};
	};
	if (file.format === 'json') {
		const source = await loadExportSource(access);
		const reference = source.agenda.resolution.reference.trim() || null;
		return json((await oparlExport(event.url, source, now)).paper, {
			headers: { ...headers(reference), ...OPARL_JSON_HEADERS }
		});
	}
	const rendered = await renderedFile(access, file.kind, file.format, now);
	return new Response(new Uint8Array(rendered.bytes), {
		headers: {
			...headers(rendered.reference),
			...(rendered.cached === null ? {} : { 'x-export-cache': rendered.cached ? 'hit' : 'miss' })
		}
	});
};
