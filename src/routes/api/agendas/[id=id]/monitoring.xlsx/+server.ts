import { monitoringExportData } from '$lib/server/monitoring/export-data';
import { monitoringXlsx } from '$lib/server/monitoring/xlsx';
import type { RequestHandler } from './$types';

/**
 * `GET /api/agendas/<id>/monitoring.xlsx`: the rows of `monitoring.csv` as a workbook, with dates
 * and numbers as real cells; the import reads it back like the CSV.
 */
export const GET: RequestHandler = async (event) => {
	const { slug, facts, titleOf } = await monitoringExportData(event);
	const workbook = await monitoringXlsx(facts, titleOf);
	return new Response(new Uint8Array(workbook), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="Umsetzung-${slug}.xlsx"`,
			'cache-control': 'private, no-store'
		}
	});
};
