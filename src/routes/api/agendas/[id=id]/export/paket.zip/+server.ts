import { refuseTooManyDownloads } from '$lib/server/export/download-limit';
import { exportPackage } from '$lib/server/export/package';
import type { RequestHandler } from './$types';

/**
 * `GET /api/agendas/<id>/export/paket.zip[?fassung=<n>]`: the Vorlage with every annex the
 * visitor may read, as PDF/A and Word, its OParl Paper and an index, for the council
 * information system (see `exportPackage`).
 */
export const GET: RequestHandler = async (event) => {
	const refused = await refuseTooManyDownloads(event);
	if (refused) return refused;
	const { bytes, fileName } = await exportPackage(event, new Date());
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'private, no-store'
		}
	});
};
