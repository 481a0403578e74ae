import { refuseTooManyDownloads } from '$lib/server/export/download-limit';
import { exportCompleteDocument } from '$lib/server/export/package';
import type { RequestHandler } from './$types';

/**
 * `GET /api/agendas/<id>/export/gesamtdokument.pdf[?fassung=<n>]`: the Vorlage and every annex
 * the visitor may read as one PDF, a top-level bookmark per part, for reading on a tablet.
 * `X-Export-Cache` as for the single files.
 */
export const GET: RequestHandler = async (event) => {
	const refused = await refuseTooManyDownloads(event);
	if (refused) return refused;
	const { bytes, fileName, cached } = await exportCompleteDocument(event, new Date());
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'private, no-store',
			...(cached === null ? {} : { 'x-export-cache': cached ? 'hit' : 'miss' })
		}
	});
};
