import { reportFileName } from '$lib/participation/report-table';
import { reportDocx } from '$lib/server/participation/report-docx';
import { requiredReport } from '$lib/server/participation/report-request';
import type { RequestHandler } from './$types';

/** The Beteiligungsbericht as a Word document for the council. */
export const GET: RequestHandler = async (event) => {
	const report = requiredReport(event);
	const document = await reportDocx(report);
	const fileName = reportFileName(report.agenda.slug, report.version.number, 'docx');
	return new Response(new Uint8Array(document), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'private, no-store'
		}
	});
};
