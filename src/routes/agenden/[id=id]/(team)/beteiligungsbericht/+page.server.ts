import { db } from '$lib/server/db';
import { requestedReport } from '$lib/server/participation/report-request';
import { listVersions } from '$lib/server/participation/versions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { agenda, report } = requestedReport(event);
	return {
		versions: listVersions(db, agenda.id).map(({ number, name }) => ({ number, name })),
		report,
		generatedAt: new Date()
	};
};
