import { toCsv } from '$lib/participation/csv';
import {
	REPORT_COLUMNS,
	reportCells,
	reportColumnLabels,
	reportFileName
} from '$lib/participation/report-table';
import { requiredReport } from '$lib/server/participation/report-request';
import type { RequestHandler } from './$types';

/** Every comment of the Fassung as a table for Excel & Co. (German, `;`, UTF-8 with BOM). */
export const GET: RequestHandler = async (event) => {
	const report = await requiredReport(event);
	const labels = reportColumnLabels('de');
	const csv = toCsv([
		REPORT_COLUMNS.map((column) => labels[column]),
		...report.rows.map((row) => {
			const cells = reportCells(row, 'de');
			return REPORT_COLUMNS.map((column) => cells[column]);
		})
	]);
	const fileName = reportFileName(report.agenda.slug, report.version.number, 'csv');
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'private, no-store'
		}
	});
};
