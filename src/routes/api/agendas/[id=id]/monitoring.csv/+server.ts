import { monitoringCsv } from '$lib/monitoring/csv';
import { monitoringExportData } from '$lib/server/monitoring/export-data';
import type { RequestHandler } from './$types';

/**
 * `GET /api/agendas/<id>/monitoring.csv`: the monitoring facts of the resolved plan in the one
 * format the import reads back (`$lib/monitoring/format`), as CSV; `monitoring.xlsx` beside it
 * has the same rows, for the same readers (`monitoringExportData`).
 */
export const GET: RequestHandler = async (event) => {
	const { slug, facts, titleOf } = await monitoringExportData(event);
	return new Response(monitoringCsv(facts, titleOf), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="Umsetzung-${slug}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
